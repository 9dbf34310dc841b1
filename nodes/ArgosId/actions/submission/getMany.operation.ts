import type { IDataObject } from 'n8n-workflow';

import { InputProblem } from '../../../shared/errors';
import { returnAllProperties } from '../../../shared/fields';
import { collectPages, readLimit } from '../../../shared/paging';
import type { KycOperation, KycResult } from '../../../shared/types';
import { optionalText, requireDateIso, requireEmail } from '../../../shared/validation';

/** Argos's page size when `count` is not sent. */
const PAGE_SIZE = 50;

const REQUEST_TYPES = ['kyc', 'aml', 'data', 'others'];

function filterQuery(filters: IDataObject): IDataObject {
	const qs: IDataObject = {};
	const userid = optionalText(filters.userid);
	if (userid) qs.userid = userid;
	if (optionalText(filters.email)) qs.email = requireEmail(filters.email, 'Filters → Email');
	if (optionalText(filters.startDate))
		qs.start_date = requireDateIso(filters.startDate, 'Filters → Start Date');
	if (optionalText(filters.endDate))
		qs.end_date = requireDateIso(filters.endDate, 'Filters → End Date');
	if (qs.start_date && qs.end_date && String(qs.start_date) > String(qs.end_date)) {
		throw new InputProblem('Filters → End Date', 'is before the Start Date');
	}
	const type = optionalText(filters.requestType);
	if (type) {
		if (!REQUEST_TYPES.includes(type))
			throw new InputProblem(
				'Filters → Request Type',
				`must be one of ${REQUEST_TYPES.join(', ')}`,
			);
		qs.request_type = type;
	}
	return qs;
}

/**
 * Where the next page starts. Argos's client guide: a list answer with `nextpageKey` has a next
 * page, asked for with nextpage_id = nextpageKey.id and nextpage_date = nextpageKey.created_at.
 * Top-level nextpage_id / nextpage_date are accepted too, as the query parameters spell them.
 */
function nextPage(body: IDataObject): IDataObject | undefined {
	const key = (
		body.nextpageKey && typeof body.nextpageKey === 'object' ? body.nextpageKey : {}
	) as IDataObject;
	const nextId = optionalText(key.id) ?? optionalText(body.nextpage_id);
	const nextDate = optionalText(key.created_at) ?? optionalText(body.nextpage_date);
	if (!nextId) return undefined;
	return { nextpage_id: nextId, ...(nextDate ? { nextpage_date: nextDate } : {}) };
}

export const getMany: KycOperation = {
	value: 'getMany',
	product: 'submissionList',
	name: 'Get Many',
	action: 'Get many submissions',
	description: 'List submissions, newest first, filtered by user ID, email, dates or request type',
	properties: [
		...returnAllProperties,
		{
			displayName: 'Filters',
			name: 'filters',
			type: 'collection',
			placeholder: 'Add Filter',
			default: {},
			options: [
				{
					displayName: 'Email',
					name: 'email',
					type: 'string',
					placeholder: 'name@email.com',
					default: '',
					description: 'Only the submissions of this applicant email',
				},
				{
					displayName: 'End Date',
					name: 'endDate',
					type: 'string',
					placeholder: '2024-12-31',
					default: '',
					description: 'Only submissions created on or before this day (YYYY-MM-DD)',
				},
				{
					displayName: 'Request Type',
					name: 'requestType',
					type: 'options',
					options: [
						{ name: 'AML', value: 'aml' },
						{ name: 'Data', value: 'data' },
						{ name: 'KYC', value: 'kyc' },
						{ name: 'Others', value: 'others' },
					],
					default: 'kyc',
				},
				{
					displayName: 'Start Date',
					name: 'startDate',
					type: 'string',
					placeholder: '2024-01-01',
					default: '',
					description: 'Only submissions created on or after this day (YYYY-MM-DD)',
				},
				{
					displayName: 'User ID',
					name: 'userid',
					type: 'string',
					default: '',
					description: 'Only the submissions with this user ID',
				},
			],
		},
	],
	async execute(ctx) {
		const limit = readLimit(ctx);
		const query = filterQuery(ctx.param<IDataObject>('filters', {}));
		const found = await collectPages<IDataObject>(limit, PAGE_SIZE, async (cursor, count) => {
			const body = await ctx.request({
				method: 'GET',
				path: '/v3/submission',
				qs: { ...query, count, ...cursor },
				repeatable: true,
			});
			return {
				records: Array.isArray(body.Items) ? (body.Items as IDataObject[]) : [],
				next: nextPage(body),
			};
		});
		// One output item per submission, as n8n's own Get Many operations do.
		return found.map((json): KycResult => ({ json }));
	},
};
