import type { IDataObject } from 'n8n-workflow';

import { InputProblem } from '../../../shared/errors';

const FIELD = 'Known Match IDs';
const MAX_ID_LENGTH = 100;
const MAX_IDS = 10000;
const ID_PATTERN = /^[A-Za-z0-9_.:/-]+$/;

function describe(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'a list';
	return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** One entry, checked; the value itself is never quoted (it may be a wrongly mapped name). */
function checkId(entry: unknown, position: number): string {
	const text =
		typeof entry === 'string'
			? entry.trim()
			: typeof entry === 'number' && Number.isFinite(entry)
				? String(entry)
				: undefined;
	if (text === undefined)
		throw new InputProblem(FIELD, `entry ${position} is ${describe(entry)}, not an ID`);
	if (text === '') throw new InputProblem(FIELD, `entry ${position} is empty`);
	if (text.length > MAX_ID_LENGTH)
		throw new InputProblem(
			FIELD,
			`entry ${position} is ${text.length} characters long; an ID is at most ${MAX_ID_LENGTH}`,
		);
	if (!ID_PATTERN.test(text))
		throw new InputProblem(
			FIELD,
			`entry ${position} has a character other than letters, digits and _ - . : / (separate IDs with commas, spaces or new lines)`,
		);
	return text;
}

function entriesOf(value: unknown): unknown[] {
	if (value === undefined || value === null) return [];
	if (Array.isArray(value)) return value;
	if (typeof value === 'number') return [value];
	if (typeof value !== 'string')
		throw new InputProblem(
			FIELD,
			`must be IDs separated by commas, spaces or new lines, or a list; got ${describe(value)}`,
		);
	const text = value.trim();
	// A list kept as JSON text, e.g. an array stored in a table's text column.
	if (text.startsWith('[')) {
		let parsed: unknown;
		try {
			parsed = JSON.parse(text);
		} catch {
			parsed = undefined;
		}
		if (!Array.isArray(parsed))
			throw new InputProblem(FIELD, 'starts with [ but is not a JSON list of IDs');
		return parsed;
	}
	return text.split(/[\s,;]+/).filter((part) => part !== '');
}

/**
 * The pids the workflow already knows for this person: a string of IDs separated by commas,
 * semicolons, spaces or new lines, a JSON list in a string, or a list from an expression.
 * Empty means none known (a first screening). Duplicates are dropped.
 */
export function parseKnownMatchIds(value: unknown): string[] {
	const entries = entriesOf(value);
	if (entries.length > MAX_IDS)
		throw new InputProblem(FIELD, `has ${entries.length} IDs; at most ${MAX_IDS} are accepted`);
	return [...new Set(entries.map((entry, index) => checkId(entry, index + 1)))];
}

export interface MatchComparison {
	/** This screening's pids, unique, sorted as text. */
	matchIds: string[];
	/** Matches whose pid is not known (a match without a pid is always new). */
	newMatches: IDataObject[];
	knownMatches: IDataObject[];
	/** Known pids this screening did not find, sorted as text. */
	clearedMatches: string[];
	hasNewMatches: boolean;
}

function pidOf(match: IDataObject): string | undefined {
	const pid = match.pid;
	if (typeof pid === 'number') return String(pid);
	return typeof pid === 'string' && pid !== '' ? pid : undefined;
}

/** Splits this screening's matches into new and known ones by pid, against the known list. */
export function compareMatches(matches: IDataObject[], knownIds: string[]): MatchComparison {
	const known = new Set(knownIds);
	const isKnown = (match: IDataObject) => {
		const pid = pidOf(match);
		return pid !== undefined && known.has(pid);
	};
	const found = new Set(matches.map(pidOf).filter((pid): pid is string => pid !== undefined));
	// Copies, so that a later node changing one of them does not change `results` with it.
	const newMatches = structuredClone(matches.filter((match) => !isKnown(match)));
	return {
		matchIds: [...found].sort(),
		newMatches,
		knownMatches: structuredClone(matches.filter(isKnown)),
		clearedMatches: [...known].filter((pid) => !found.has(pid)).sort(),
		hasNewMatches: newMatches.length > 0,
	};
}
