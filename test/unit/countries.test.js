'use strict';

// Argos ID's Issuing Country and Nationality pickers list countries alphabetically by name, as a
// user scans them (and as n8n's options-sorted-alphabetically rule, in its lint source after
// 0.32.0, compares them: case-insensitive, locale-aware).

const { COUNTRIES } = require('../../nodes/ArgosId/countries');

test('the countries are in alphabetical order of their names', () => {
	const names = COUNTRIES.map(([, name]) => name);
	const outOfOrder = names
		.slice(1)
		.map((name, i) => [names[i], name])
		.filter(([before, after]) => before.localeCompare(after, 'en', { sensitivity: 'base' }) > 0);
	expect(outOfOrder).toEqual([]);
});
