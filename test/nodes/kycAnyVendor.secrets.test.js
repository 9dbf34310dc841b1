'use strict';
/**
 * KYC (Any Vendor) (issue 21, item 2): a vendor error that quotes the credential never carries it
 * into the output. WideKYC answers its quota error with a message quoting the token
 * (`Quota Exceeded for token …`, HTTP 200 ERROR as WideKYC reports account errors); Failover moves
 * on to Iluma, Cross-Check records the failed attempt. Neither the item (its `attempts[].message`
 * above all), nor the error, nor the Continue On Fail item may hold the token, Privacy on or off.
 * The secret-canary check that runs after every test (test/invariants/canary.js) judges the same
 * runs in every encoding; the assertions here say it in plain words.
 */
const { useSandbox, anyVendorRunner, anyVendorSent, scenarios } = require('../helpers');

const state = useSandbox();
const run = anyVendorRunner(state);
const { NIKS } = scenarios;

const TOKEN = 'canary-widekyc-token-Qx7-0193';

/** WideKYC's NIK check answers that the quota of this token is used up, quoting the token. */
function quotaQuotingTheToken() {
	state.sandbox.injectFault({
		vendor: 'wideKyc',
		path: '/api/id-validation',
		status: 200,
		count: 5,
		body: {
			statusCode: 'ERROR',
			responseStatusDetails: [
				{ description: `Quota Exceeded for token ${TOKEN}`, type: 'Exception' },
			],
		},
	});
}

const parameters = (mode, vendors, privacy) => ({
	check: 'verifyNik',
	mode,
	nik: NIKS.registered,
	name: 'Budi Santoso',
	vendors,
	options: { retries: 0, privacy },
});
const withToken = { credentials: { wideKyc: { token: TOKEN } } };

/** Every string in the value, with the non-enumerable fields of errors (message, stack). */
function textOf(value) {
	return JSON.stringify(value, (_key, inner) =>
		inner instanceof Error ? { ...inner, message: inner.message, stack: inner.stack } : inner,
	);
}

describe.each([
	['Privacy off', false],
	['Privacy on', true],
])('WideKYC’s quota error quotes the token (%s)', (_name, privacy) => {
	test('Failover: Iluma answers; attempts[0] says WideKYC was out of quota, without the token', async () => {
		quotaQuotingTheToken();
		const { items, error } = await run(
			parameters('failover', ['wideKyc', 'iluma'], privacy),
			[{ json: {} }],
			withToken,
		);
		expect(error).toBeUndefined();
		expect(anyVendorSent(state)).toEqual(['wideKyc', 'iluma']);
		const { json } = items[0];
		expect(json.vendor).toBe('iluma');
		expect(json.attempts[0]).toEqual(
			expect.objectContaining({ vendor: 'wideKyc', outcome: 'account', billed: false }),
		);
		expect(json.attempts[0].message).toMatch(/quota/i);
		expect(json.attempts[0].message).not.toContain(TOKEN);
		expect(textOf(items)).not.toContain(TOKEN);
	});

	test('Cross-Check: the item fails; the error and the Continue On Fail item hold no token', async () => {
		quotaQuotingTheToken();
		const failed = await run(
			parameters('crossCheck', ['iluma', 'wideKyc'], privacy),
			[{ json: {} }],
			withToken,
		);
		expect(failed.error).toBeDefined();
		expect(textOf(failed.error)).not.toContain(TOKEN);

		state.sandbox.reset();
		quotaQuotingTheToken();
		const { items, error } = await run(
			parameters('crossCheck', ['iluma', 'wideKyc'], privacy),
			[{ json: {} }],
			{ ...withToken, onError: 'continueRegularOutput' },
		);
		expect(error).toBeUndefined();
		const { json } = items[0];
		expect(json.error).toEqual(expect.any(String));
		expect(json.attempts).toEqual([
			expect.objectContaining({ vendor: 'iluma', outcome: 'answered', billed: true }),
			expect.objectContaining({ vendor: 'wideKyc', outcome: 'account', billed: false }),
		]);
		expect(json.attempts[1].message).toMatch(/quota/i);
		expect(json.attempts[1].message).not.toContain(TOKEN);
		expect(textOf(items)).not.toContain(TOKEN);
	});
});
