import { nikProperty } from '../../../shared/fields';
import type { KycOperation } from '../../../shared/types';
import { optionalText, optionalUrl, requireNik } from '../../../shared/validation';

export const check: KycOperation = {
	value: 'check',
	product: 'identityCheck',
	name: 'Check Indonesian Identity',
	action: 'Check an Indonesian NIK and name',
	description:
		'Check a 16-digit NIK, and optionally the name, against the Indonesian population registry',
	properties: [
		nikProperty,
		{
			displayName: 'Name',
			name: 'name',
			type: 'string',
			default: '',
			description: 'Full name to match against the registry; leave empty to check the NIK only',
		},
		{
			displayName: 'Callback URL',
			name: 'callback',
			type: 'string',
			default: '',
			description: 'A URL for ekycpro to also send the result to (optional)',
		},
	],
	async execute(ctx) {
		const form: Record<string, string> = { id: requireNik(ctx.param('nik')) };
		const name = optionalText(ctx.param('name', ''));
		if (name) form.name = name;
		const callback = optionalUrl(ctx.param('callback', ''), 'Callback URL');
		if (callback) form.callback = callback;
		const body = await ctx.request({
			method: 'POST',
			path: '/v1/ididcheck',
			form,
			repeatable: false,
		});
		// OK and NOT are both billed answers: the NIK exists; NOT means the name differs.
		return { json: { ...body, nameMatches: body.status === 'OK' } };
	},
};
