import type { IDataObject } from 'n8n-workflow';

import type { Check } from './checks';

/**
 * The answer fields on which vendors disagree, as `resultKey.field` paths. A field only some
 * vendors give (e.g. birthDateMatches) is compared among those that give it.
 */
export function disagreements(check: Check, answers: IDataObject[]): string[] {
	const fields: string[] = [];
	for (const [field, comparable] of Object.entries(check.compared)) {
		const values = answers
			.map((answer) => answer[field])
			.filter((value) => value !== undefined && value !== null && value !== '')
			.map((value) => JSON.stringify(comparable(value)));
		if (new Set(values).size > 1) fields.push(`${check.resultKey}.${field}`);
	}
	return fields;
}
