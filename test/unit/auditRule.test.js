'use strict';
/** The audit rule (test/invariants/auditRule.js) on hand-made runs: what it lets pass, what it flags. */
const { checkAudit } = require('../invariants/auditRule');

const record = (billed, extra = {}) => ({
	vendor: 'iluma',
	product: 'iluma.ktpNameValidation',
	billed,
	itemIndex: 0,
	...extra,
});
const entry = (key = 'NIK-A') => ({
	vendor: 'iluma',
	product: 'iluma.ktpNameValidation',
	billed: true,
	key,
	status: 200,
});
const run = (outputs, parameters = {}) => ({ parameters, outputs, itemCount: 1, error: null });
const keys = [new Set(['NIK-A'])];
const item = (audit, index = 0) => ({ json: { audit }, pairedItem: { item: index } });

describe('the audit rule', () => {
	test('a billed call with its true or maybe record passes; a maybe record needs no call', () => {
		expect(checkAudit(run([item([record(true)])]), [entry()], keys)).toEqual([]);
		expect(checkAudit(run([item([record('maybe')])]), [entry()], keys)).toEqual([]);
		expect(checkAudit(run([item([record('maybe')])]), [], keys)).toEqual([]);
	});

	test('a billed call without a record, or with a record that says not billed, is flagged', () => {
		expect(checkAudit(run([{ json: {}, pairedItem: { item: 0 } }]), [entry()], keys)).toEqual([
			expect.stringMatching(/lacks its audit record/),
			expect.stringMatching(/item 0: .* its audit has no record for it/),
		]);
		expect(checkAudit(run([item([record(false)])]), [entry()], keys)).toEqual([
			expect.stringMatching(/lacks its audit record/),
			expect.stringMatching(/its audit says not billed/),
		]);
	});

	test('a record that says billed without a billed call is flagged, unless an entry was unattributed', () => {
		expect(checkAudit(run([item([record(true)])]), [], keys)).toEqual([
			expect.stringMatching(/a record says billed without a billed call/),
		]);
		expect(checkAudit(run([item([record(true)])]), [], keys, 1)).toEqual([]);
	});

	test('the error output’s record under details counts; the input’s own audit there does not', () => {
		const earlier = [record(true, { product: 'widekyc.idValidation', vendor: 'widekyc' })];
		const failed = {
			json: { audit: earlier, error: 'x', details: { audit: [record(true)] } },
			pairedItem: { item: 0 },
		};
		expect(checkAudit(run([failed]), [entry()], keys)).toEqual([]);
	});

	test('Audit Record off: nothing to check; a run that failed as a whole: left to the billing rule', () => {
		const off = run([{ json: {}, pairedItem: { item: 0 } }], { options: { auditRecord: false } });
		expect(checkAudit(off, [entry()], keys)).toEqual([]);
		expect(checkAudit({ ...run([]), error: { itemIndex: 0 } }, [entry()], keys)).toEqual([]);
	});

	test('records on two output items of one input item, or naming another item, are flagged', () => {
		const twice = run([item([record('maybe')]), item([record('maybe')])]);
		expect(checkAudit(twice, [], keys)).toEqual([
			expect.stringMatching(/2 output items carry its audit/),
		]);
		expect(checkAudit(run([item([record('maybe', { itemIndex: 3 })])]), [], keys)).toEqual([
			expect.stringMatching(/names item 3/),
		]);
	});
});
