import type { IDataObject } from 'n8n-workflow';

import type { KycOperation } from '../../../shared/types';
import { optionalText, requireText } from '../../../shared/validation';
import { send } from '../../request';

export const screenIndividual: KycOperation = {
	value: 'screenIndividual',
	name: 'Screen Individual',
	action: 'Screen a person against CFT watchlists',
	description:
		'Check a name against Indonesian terrorism-financing and weapons-proliferation watchlists (DTTOT and others)',
	billing: 'perCall',
	properties: [
		{
			displayName: 'Given Name',
			name: 'givenName',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'Abdul',
		},
		{
			displayName: 'Surname',
			name: 'surname',
			type: 'string',
			default: '',
			placeholder: 'Aziz',
		},
		{
			displayName: 'Output One Item per Match',
			name: 'splitMatches',
			type: 'boolean',
			default: false,
			description:
				'Whether to output each potential match as its own item (with the screening’s ID and request_name). With no match, one item with matchCount 0 is output.',
		},
	],
	async execute(ctx) {
		const body: IDataObject = { given_name: requireText(ctx.param('givenName'), 'Given Name') };
		const surname = optionalText(ctx.param('surname', ''));
		if (surname) body.surname = surname;
		const answer = await send(ctx, {
			method: 'POST',
			path: '/v1/identity/cft/individual_watchlist',
			json: body,
			repeatable: false,
		});
		const matches = Array.isArray(answer.results) ? (answer.results as IDataObject[]) : [];
		const summary = { ...answer, matchCount: matches.length, hasMatches: matches.length > 0 };
		if (!ctx.param('splitMatches', false) || matches.length === 0) return { json: summary };
		return matches.map((match) => ({
			json: {
				screeningId: answer.id,
				request_name: answer.request_name,
				matchCount: matches.length,
				...match,
			},
		}));
	},
};
