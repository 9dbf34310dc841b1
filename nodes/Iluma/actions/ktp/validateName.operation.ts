import { nikNameProperty, nikProperty } from '../../../shared/fields';
import type { KycOperation } from '../../../shared/types';
import { requireNik, requireText } from '../../../shared/validation';
import { send } from '../../request';

export const validateName: KycOperation = {
	value: 'validateName',
	product: 'ktpNameValidation',
	name: 'Validate Name',
	action: 'Validate a KTP NIK and name',
	description:
		'Check that a NIK exists in the Indonesian government records and that the name matches it (live API key only)',
	properties: [nikProperty, nikNameProperty],
	async execute(ctx) {
		const nik = requireNik(ctx.param('nik'));
		const name = requireText(ctx.param('name'), 'Name');
		const body = await send(ctx, {
			method: 'POST',
			path: '/v1/identity/ktp_name/validations',
			json: { nik, name },
			repeatable: false,
		});
		// Iluma documents name_match as a boolean and shows it as the string "true".
		return {
			json: {
				...body,
				found: body.status === 'FOUND',
				nameMatches: body.name_match === true || body.name_match === 'true',
			},
		};
	},
};
