import { documentOperation } from './model';

export const passport = documentOperation({
	value: 'passport',
	name: 'Passport',
	action: 'Read a passport',
	description:
		'Read the holder, passport number, dates and machine-readable zone of a passport (any country)',
	path: 'passport',
	resultKey: 'passport',
	simplify: 'identity',
	noun: 'passport photo page',
});
