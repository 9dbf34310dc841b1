'use strict';
const v = require('../../nodes/shared/validation');

describe('validation', () => {
	test('NIK', () => {
		expect(v.requireNik(' 3201 0000 0000 0001 ')).toBe('3201000000000001');
		expect(() => v.requireNik('320100000000000')).toThrow(
			'NIK: must be exactly 16 digits; got 15 digits',
		);
		expect(() => v.requireNik('')).toThrow('NIK: is required but empty');
	});

	test('DD-MM-YYYY and YYYY-MM-DD dates must exist', () => {
		expect(v.requireDateDmy('29-02-2024', 'Birth Date')).toBe('29-02-2024');
		expect(() => v.requireDateDmy('29-02-2023', 'Birth Date')).toThrow(
			'Birth Date: is not a real calendar date (DD-MM-YYYY)',
		);
		expect(() => v.requireDateDmy('2023-02-01', 'Birth Date')).toThrow(
			'must be a date written DD-MM-YYYY',
		);
		expect(v.requireDateIso('1981-01-31', 'Date of Birth')).toBe('1981-01-31');
		expect(() => v.requireDateIso('31-01-1981', 'Date of Birth')).toThrow(
			'must be a date written YYYY-MM-DD',
		);
	});

	test('email, length and optional text', () => {
		expect(v.requireEmail('a@b.co', 'Email')).toBe('a@b.co');
		expect(() => v.requireEmail('a@b', 'Email')).toThrow('Email: is not a valid email address');
		expect(() => v.requireLength('A', 'Name', 2, 100)).toThrow(
			'Name: must be 2 to 100 characters long; got 1',
		);
		expect(v.optionalText('  ')).toBeUndefined();
		expect(v.optionalText(42)).toBe('42');
	});
});
