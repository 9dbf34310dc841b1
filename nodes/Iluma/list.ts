import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { returnAllProperties } from '../shared/fields';
import { collectPages, readLimit } from '../shared/paging';
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
	const records = await collectPages<string>(readLimit(ctx), PAGE_SIZE, async (afterId, size) => {
		const page = await send(ctx, {
			method: 'GET',
			path,
			qs: { reference_id: referenceId, limit: size, ...(afterId ? { after_id: afterId } : {}) },
			repeatable: true,
		});
		const data = Array.isArray(page.data) ? (page.data as IDataObject[]) : [];
		const lastId = data[data.length - 1]?.id;
		return {
			records: data,
			next: page.has_more === true && typeof lastId === 'string' ? lastId : undefined,
		};
	});
	return records.map((record) => ({ json: decorate(record) }));
}
