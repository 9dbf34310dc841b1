import type { IDataObject } from 'n8n-workflow';

import { InputProblem } from './errors';
import type { KycItemContext } from './types';

export interface Page<Cursor> {
	records: IDataObject[];
	/** Where the next page starts; undefined on the last page. */
	next?: Cursor;
}

/** How many records Return All / Limit asks for: Infinity for all, else a whole number ≥ 1. */
export function readLimit(ctx: KycItemContext): number {
	if (ctx.param<boolean>('returnAll', false)) return Infinity;
	const limit = Number(ctx.param<number>('limit', 50));
	if (!Number.isInteger(limit) || limit < 1)
		throw new InputProblem('Limit', 'must be a whole number of at least 1');
	return limit;
}

/**
 * Reads page after page until `limit` records, the last page, an empty page, or a cursor that
 * does not move (so a vendor that repeats itself cannot loop forever).
 */
export async function collectPages<Cursor>(
	limit: number,
	pageSize: number,
	read: (cursor: Cursor | undefined, size: number) => Promise<Page<Cursor>>,
): Promise<IDataObject[]> {
	const records: IDataObject[] = [];
	let cursor: Cursor | undefined;
	while (records.length < limit) {
		const page = await read(cursor, Math.min(pageSize, limit - records.length));
		records.push(...page.records.slice(0, limit - records.length));
		const stuck = JSON.stringify(page.next) === JSON.stringify(cursor);
		if (page.next === undefined || page.records.length === 0 || stuck) break;
		cursor = page.next;
	}
	return records;
}
