import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { InputProblem } from '../../../shared/errors';

/** Options the seed lets one submission turn off, never on. */
const OFF_ONLY = ['blacklistCountries', 'approvePeriod', 'rejectPeriod', 'ageLimit'] as const;

export const customOptionsProperty: INodeProperties = {
	displayName: 'Custom Options',
	name: 'customOptions',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	description:
		'Override project options for this submission only; sent as the serialised JSON string customOptions. Options left out keep the project’s setting.',
	options: [
		{
			displayName: 'Age Limit',
			name: 'ageLimit',
			type: 'boolean',
			default: false,
			description:
				'Whether to apply the project’s age restriction; Argos only allows turning it off (false)',
		},
		{
			displayName: 'Approved Duplicate Period',
			name: 'approvePeriod',
			type: 'boolean',
			default: false,
			description:
				'Whether to apply the duplicate-submission prevention period after an approval; Argos only allows turning it off (false)',
		},
		{
			displayName: 'Blacklisted Countries',
			name: 'blacklistCountries',
			type: 'boolean',
			default: false,
			description:
				'Whether to apply the project’s blacklisted countries; Argos only allows turning it off (false)',
		},
		{
			displayName: 'Reject Duplicate User',
			name: 'rejectDuplicateUser',
			type: 'boolean',
			default: false,
			description: 'Whether to reject a submission from a user who already submitted (on or off)',
		},
		{
			displayName: 'Rejected Duplicate Period',
			name: 'rejectPeriod',
			type: 'boolean',
			default: false,
			description:
				'Whether to apply the duplicate-submission prevention period after a rejection; Argos only allows turning it off (false)',
		},
	],
};

const LABELS: Record<string, string> = {
	ageLimit: 'Age Limit',
	approvePeriod: 'Approved Duplicate Period',
	blacklistCountries: 'Blacklisted Countries',
	rejectDuplicateUser: 'Reject Duplicate User',
	rejectPeriod: 'Rejected Duplicate Period',
};

function toBoolean(value: unknown, field: string): boolean {
	if (value === true || value === 'true') return true;
	if (value === false || value === 'false') return false;
	throw new InputProblem(field, 'must be true or false');
}

/** The serialised JSON string Step 1 takes, or undefined when no option is overridden. */
export function serialiseCustomOptions(raw: IDataObject | undefined): string | undefined {
	const options: Record<string, boolean> = {};
	for (const [name, value] of Object.entries(raw ?? {})) {
		const label = `Custom Options → ${LABELS[name] ?? name}`;
		if (!LABELS[name]) throw new InputProblem(label, 'is not an Argos custom option');
		const flag = toBoolean(value, label);
		if (flag && (OFF_ONLY as readonly string[]).includes(name)) {
			throw new InputProblem(
				label,
				'can only be turned off (false) for one submission; remove the option to keep the project setting',
			);
		}
		options[name] = flag;
	}
	return Object.keys(options).length ? JSON.stringify(options) : undefined;
}
