import type { IDataObject } from 'n8n-workflow';

import type { KycOperation } from '../../../shared/types';
import { optionalText, requireText } from '../../../shared/validation';
import { send } from '../../request';
import { compareMatches, parseKnownMatchIds } from './knownMatches';

export const screenIndividual: KycOperation = {
	value: 'screenIndividual',
	product: 'cftWatchlist',
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
			displayName: 'Known Match IDs',
			name: 'knownMatchIds',
			type: 'string',
			default: '',
			placeholder: 'dttot_77, dttot_138',
			description:
				'The pids this person’s last screening found (its matchIds), separated by commas, spaces or new lines, or a list from an expression. Matches with these pids are output as knownMatches, the others as newMatches, and known pids not found now as clearedMatches. Leave empty for a first screening: every match is new.',
		},
		{
			displayName: 'Output One Item per Match',
			name: 'splitMatches',
			type: 'boolean',
			default: false,
			description:
				'Whether to output each potential match as its own item (with the screening’s ID, request_name, matchIds, clearedMatches and isNew: whether its pid is not in Known Match IDs). With no match, one item with matchCount 0 is output.',
		},
	],
	async execute(ctx) {
		const body: IDataObject = { given_name: requireText(ctx.param('givenName'), 'Given Name') };
		const surname = optionalText(ctx.param('surname', ''));
		if (surname) body.surname = surname;
		const knownIds = parseKnownMatchIds(ctx.param<unknown>('knownMatchIds', ''));
		const answer = await send(ctx, {
			method: 'POST',
			path: '/v1/identity/cft/individual_watchlist',
			json: body,
			repeatable: false,
		});
		const matches = Array.isArray(answer.results) ? (answer.results as IDataObject[]) : [];
		const comparison = compareMatches(matches, knownIds);
		const summary = {
			...answer,
			matchCount: matches.length,
			hasMatches: matches.length > 0,
			...comparison,
		};
		if (!ctx.param('splitMatches', false) || matches.length === 0) return { json: summary };
		const known = new Set(comparison.knownMatches.map((match) => match.pid));
		return matches.map((match) => ({
			json: {
				screeningId: answer.id,
				request_name: answer.request_name,
				matchCount: matches.length,
				matchIds: [...comparison.matchIds],
				clearedMatches: [...comparison.clearedMatches],
				hasNewMatches: comparison.hasNewMatches,
				...match,
				isNew: !known.has(match.pid),
			},
		}));
	},
};
