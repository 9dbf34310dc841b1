'use strict';
// Iluma CFT Screen Individual with Known Match IDs: the node compares this screening's pids with the
// ones the workflow kept from the last screening (stateless: the workflow keeps the list). The
// sandbox's watchlist control adds and removes records between two runs, as a real list changes.
const { useSandbox, ilumaRunner, vendorCalls } = require('../helpers');

const state = useSandbox();
const run = ilumaRunner(state);
const watchlist = (body) => state.sandbox.vendorControl('iluma', 'watchlist', body);
const calls = () => vendorCalls(state, 'iluma');

const screen = (knownMatchIds, extra = {}) => ({
	resource: 'cft',
	operation: 'screenIndividual',
	givenName: 'Abdul',
	surname: 'Aziz',
	knownMatchIds,
	...extra,
});
const pids = (matches) => matches.map((match) => match.pid);

/** Runs one screening and returns its summary item's json (failing the test on a node error). */
async function summary(knownMatchIds, extra) {
	const { items, error } = await run(screen(knownMatchIds, extra));
	expect(error).toBeUndefined();
	expect(items).toHaveLength(1);
	return items[0].json;
}

describe('Iluma CFT Screen Individual → Known Match IDs', () => {
	test('re-screening: all new, then all known, then only the entry the watchlist gained', async () => {
		const first = await summary('');
		expect(first.matchIds).toEqual(['dttot_138', 'dttot_77']);
		expect(pids(first.newMatches)).toEqual(['dttot_77', 'dttot_138']);
		expect(first.newMatches).toEqual(first.results);
		expect(first.knownMatches).toEqual([]);
		expect(first.clearedMatches).toEqual([]);
		expect(first.hasNewMatches).toBe(true);

		// The workflow stores matchIds and passes them the next time.
		const second = await summary(first.matchIds.join(', '));
		expect(second.newMatches).toEqual([]);
		expect(pids(second.knownMatches)).toEqual(['dttot_77', 'dttot_138']);
		expect(second.knownMatches[0]).toMatchObject({ name: 'AIMAN MUHAMMED RABI AL-ZAWAHIRI' });
		expect(second.clearedMatches).toEqual([]);
		expect(second.hasNewMatches).toBe(false);
		expect(second.matchIds).toEqual(first.matchIds);

		await watchlist({ entry: { pid: 'dttot_901', name: 'ABDUL AZIZ HAKIM', origin: 'DTTOT' } });
		const third = await summary(`={{ ${JSON.stringify(second.matchIds)} }}`);
		expect(pids(third.newMatches)).toEqual(['dttot_901']);
		expect(third.newMatches[0]).toMatchObject({ name: 'ABDUL AZIZ HAKIM', origin: 'DTTOT' });
		expect(pids(third.knownMatches)).toEqual(['dttot_77', 'dttot_138']);
		expect(third.clearedMatches).toEqual([]);
		expect(third.hasNewMatches).toBe(true);
		expect(third.matchIds).toEqual(['dttot_138', 'dttot_77', 'dttot_901']);
		expect(calls()).toBe(3);
	});

	test('a known pid the watchlist no longer has is cleared; the others stay known', async () => {
		await watchlist({ remove: 'dttot_77' });
		const json = await summary('dttot_77\ndttot_138');
		expect(json.clearedMatches).toEqual(['dttot_77']);
		expect(pids(json.knownMatches)).toEqual(['dttot_138']);
		expect(json.newMatches).toEqual([]);
		expect(json.hasNewMatches).toBe(false);
		expect(json.matchIds).toEqual(['dttot_138']);

		// No match at all: every known pid is cleared.
		const none = await summary('dttot_77, dttot_138', { givenName: 'Budi', surname: 'Santoso' });
		expect(none.matchCount).toBe(0);
		expect(none.clearedMatches).toEqual(['dttot_138', 'dttot_77']);
		expect(none.matchIds).toEqual([]);
		expect(none.hasNewMatches).toBe(false);
	});

	test('every way of giving the list means the same: separators, a list, JSON text, duplicates', async () => {
		const forms = [
			'dttot_77,dttot_999',
			' dttot_77 ;  dttot_999, ',
			'dttot_77\n\ndttot_999\n',
			'={{ ["dttot_77", "dttot_999", "dttot_77"] }}',
			'["dttot_77", "dttot_999"]',
			'={{ $json.known }}',
		];
		for (const knownMatchIds of forms) {
			const { items, error } = await run(screen(knownMatchIds), [
				{ json: { known: ['dttot_999', 'dttot_77'] } },
			]);
			expect([knownMatchIds, error]).toEqual([knownMatchIds, undefined]);
			const { json } = items[0];
			expect([knownMatchIds, pids(json.knownMatches)]).toEqual([knownMatchIds, ['dttot_77']]);
			expect([knownMatchIds, pids(json.newMatches)]).toEqual([knownMatchIds, ['dttot_138']]);
			expect([knownMatchIds, json.clearedMatches]).toEqual([knownMatchIds, ['dttot_999']]);
		}
	});

	test('Output One Item per Match: each match says isNew and carries the lists to store', async () => {
		const { items, error } = await run(screen('dttot_77, dttot_5', { splitMatches: true }));
		expect(error).toBeUndefined();
		expect(items.map((item) => [item.json.pid, item.json.isNew])).toEqual([
			['dttot_77', false],
			['dttot_138', true],
		]);
		for (const { json } of items) {
			expect(json.matchIds).toEqual(['dttot_138', 'dttot_77']);
			expect(json.clearedMatches).toEqual(['dttot_5']);
			expect(json.hasNewMatches).toBe(true);
			expect(json.newMatches).toBeUndefined();
		}
	});

	test('bad Known Match IDs fail their item with a message naming the problem, before any call', async () => {
		const bad = [
			[['dttot_77', ''], 'Known Match IDs: entry 2 is empty'],
			[['dttot_77', { pid: 'dttot_138' }], 'Known Match IDs: entry 2 is an object, not an ID'],
			[[null], 'Known Match IDs: entry 1 is null, not an ID'],
			[
				'dttot_77, dttot_138, Abdul-Aziz!',
				'Known Match IDs: entry 3 has a character other than letters, digits and _ - . : / (separate IDs with commas, spaces or new lines)',
			],
			[
				`dttot_77 ${'x'.repeat(101)}`,
				'Known Match IDs: entry 2 is 101 characters long; an ID is at most 100',
			],
			['[dttot_77, dttot_138]', 'Known Match IDs: starts with [ but is not a JSON list of IDs'],
			[
				{ pid: 'dttot_77' },
				'Known Match IDs: must be IDs separated by commas, spaces or new lines, or a list; got an object',
			],
			[
				true,
				'Known Match IDs: must be IDs separated by commas, spaces or new lines, or a list; got a boolean',
			],
		];
		const items = [...bad.map(([known]) => ({ json: { known } })), { json: { known: 'dttot_77' } }];
		const result = await run(screen('={{ $json.known }}'), items, {
			onError: 'continueRegularOutput',
		});
		expect(result.items.map((item) => item.json.error)).toEqual([
			...bad.map(([, message]) => message),
			undefined,
		]);
		expect(result.items.at(-1).json.knownMatches).toHaveLength(1);
		expect(calls()).toBe(1);

		// Without Continue On Fail the node stops at the first bad item, having called no one.
		const stopped = await run(screen('dttot_77 dttot#138'));
		expect(stopped.error.message).toBe(
			'Known Match IDs: entry 2 has a character other than letters, digits and _ - . : / (separate IDs with commas, spaces or new lines)',
		);
		expect(calls()).toBe(1);
	});
});
