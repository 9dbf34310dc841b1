'use strict';
const { buildIdentity, normaliseDate, normaliseGender } = require('../../nodes/shared/identity');

describe('identity normalisation', () => {
	test.each([
		['19820131', '1982-01-31'],
		['1982-01-31', '1982-01-31'],
		['31-01-1982', '1982-01-31'],
		['31/01/1982', '1982-01-31'],
		['31.01.1982', '1982-01-31'],
		['1.2.1990', '1990-02-01'],
		['31-02-1982', undefined],
		['unknown', undefined],
		['', undefined],
	])('date %s → %s', (input, output) => {
		expect(normaliseDate(input)).toBe(output);
	});

	test.each([
		['M', 'M'],
		['male', 'M'],
		['LAKI-LAKI', 'M'],
		['PEREMPUAN', 'F'],
		['Female', 'F'],
		['X', undefined],
	])('gender %s → %s', (input, output) => {
		expect(normaliseGender(input)).toBe(output);
	});

	test('drops what is absent and joins names', () => {
		expect(
			buildIdentity({
				givenNames: ' ANA ',
				surname: 'LOPEZ',
				idNumber: '12 34',
				dateOfBirth: 'x',
				nationality: '-',
			}),
		).toEqual({
			fullName: 'ANA LOPEZ',
			givenNames: 'ANA',
			surname: 'LOPEZ',
			idNumber: '1234',
		});
	});
});
