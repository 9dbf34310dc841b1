import { nikNameProperty, nikProperty } from '../../shared/fields';
import { optionalText, requireDateDmy, requireNik, requireText } from '../../shared/validation';
import { exact, type Check } from './check';

export const verifyNik: Check = {
	value: 'verifyNik',
	name: 'Verify NIK',
	description: 'Check that a NIK is in the population registry and that the name matches it',
	resultKey: 'nik',
	defaultVendors: ['iluma', 'wideKyc'],
	properties: [
		nikProperty,
		nikNameProperty,
		{
			displayName: 'Birth Date',
			name: 'birthDate',
			type: 'string',
			default: '',
			placeholder: '31-01-1981',
			description:
				'Written DD-MM-YYYY (optional). Only WideKYC checks it; the answer has birthDateMatches only when WideKYC answered.',
		},
	],
	validate(param) {
		requireNik(param('nik', ''));
		requireText(param('name', ''), 'Name');
		const birthDate = param('birthDate', '');
		if (optionalText(birthDate)) requireDateDmy(birthDate, 'Birth Date');
	},
	compared: { found: exact, nameMatches: exact, birthDateMatches: exact },
};
