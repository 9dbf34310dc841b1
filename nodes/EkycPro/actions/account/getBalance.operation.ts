import type { KycOperation } from '../../../shared/types';

export const getBalance: KycOperation = {
	value: 'getBalance',
	product: 'balance',
	name: 'Get Balance',
	action: 'Get the account balance',
	description: 'Read the account’s remaining balance (not billed)',
	properties: [],
	async execute(ctx) {
		return { json: await ctx.request({ method: 'GET', path: '/v1/balance', repeatable: true }) };
	},
};
