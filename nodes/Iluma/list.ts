import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { returnAllProperties } from '../shared/fields';
import type { KycItemContext, KycResult } from '../shared/types';
import { requireText } from '../shared/validation';
import { send } from './request';

/** Records asked for per page (Iluma's own default, when no limit is sent, is 10). */
const PAGE_SIZE = 50;

export const listProperties: INodeProperties[] = [
	{
		displayName: 'Reference ID',
		name: 'referenceId',
		type: 'string',
		default: '',
		required: true,
		description: 'The reference_id given when the requests were created',
	},
	...returnAllProperties,
];

/**
 * Every request with one reference id, page by page (has_more / after_id), one output item per
 * request. `decorate` adds what the operation adds to a single result (e.g. the identity).
 */
export async function listByReference(
	ctx: KycItemContext,
	path: string,
	decorate: (record: IDataObject) => IDataObject = (record) => record,
): Promise<KycResult[]> {
	const referenceId = requireText(ctx.param('referenceId'), 'Reference ID');
	const returnAll = ctx.param('returnAll', false);
	const limit = returnAll ? Infinity : Number(ctx.param('limit', 50));
	const records: IDataObject[] = [];
	let afterId: string | undefined;
	while (records.length < limit) {
		const pageSize = Math.min(PAGE_SIZE, limit - records.length);
		const page = await send(ctx, {
			method: 'GET',
			path,
			qs: { reference_id: referenceId, limit: pageSize, ...(afterId ? { after_id: afterId } : {}) },
			repeatable: true,
		});
		const data = Array.isArray(page.data) ? (page.data as IDataObject[]) : [];
		records.push(...data.slice(0, limit - records.length));
		const last = data[data.length - 1];
		if (page.has_more !== true || !last || typeof last.id !== 'string' || last.id === afterId)
			break;
		afterId = last.id;
	}
	return records.map((record) => ({ json: decorate(record) }));
}
