'use strict';
/**
 * Bursts (issue 25): executions in one process that call the same vendor account share its pace
 * (nodes/shared/vendorPace.ts), other accounts and vendors never wait for them; a rate-limit
 * refusal is waited out for the Rate-Limit Wait, not a count; a call that may have been billed is
 * still never sent twice. Times come from the sandbox's log where they can.
 */
const {
	useSandbox,
	anyVendorRunner,
	ekycRunner,
	ilumaRunner,
	imageItem,
	images,
	scenarios,
	vendorCalls,
} = require('../helpers');

const state = useSandbox();
const iluma = ilumaRunner(state);
const ekyc = ekycRunner(state);
const anyVendor = anyVendorRunner(state);
const { NIKS } = scenarios;

const extract = (options = {}) => ({
	resource: 'idCardOcr',
	operation: 'extract',
	cardType: 'indonesia_ktp',
	waitForResult: false,
	options,
});
const check = (options = {}) => ({
	resource: 'identity',
	operation: 'check',
	nik: '={{ $json.nik }}',
	options,
});
/** Images of distinct sizes: each execution's items are its own (the ledger check tells them apart). */
const imageItems = (count, size) =>
	Array.from({ length: count }, (_, index) =>
		imageItem({ data: images.jpeg({ padTo: size + index }) }),
	);
const ilumaAnswered = (status) =>
	state.sandbox.requests.filter((r) => r.vendor === 'iluma' && r.status === status);
const until = async (condition) => {
	for (let waited = 0; !condition(); waited += 10) {
		if (waited > 10_000) throw new Error('timed out waiting for the sandbox');
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
};

describe('one pace per vendor account in a process', () => {
	test('a 429 in one execution holds another execution with the same credential, not one with another credential', async () => {
		state.sandbox.injectFault({ vendor: 'iluma', status: 429, retryAfter: 2, count: 1 });
		const first = iluma(extract(), imageItems(1, 4000));
		await until(() => ilumaAnswered(429).length === 1);
		const [refused] = ilumaAnswered(429);
		// Started after the refusal: the same key must wait out its Retry-After, another key must not.
		const sameKey = iluma(extract(), imageItems(1, 5000));
		const otherKey = iluma(extract(), imageItems(1, 6000), {
			credentials: { apiKey: state.sandbox.keys.iluma.notLiveApiKey },
		});
		const results = await Promise.all([first, sameKey, otherKey]);
		for (const { error, items } of results) {
			expect(error).toBeUndefined();
			expect(typeof items[0].json.id).toBe('string');
		}
		const answered = ilumaAnswered(200).map((r) => r.at - refused.at);
		expect(answered).toHaveLength(3);
		// The other key's call at once; the refused call and the same key's call after the 2 s pause.
		expect(answered.filter((ms) => ms < 1500)).toHaveLength(1);
		expect(answered.filter((ms) => ms >= 1500)).toHaveLength(2);
	});

	test('Requests per Second in the credential paces two executions together from their first call', async () => {
		const credentials = { requestsPerSecond: 2 };
		const results = await Promise.all([
			iluma(extract({ concurrency: 3 }), imageItems(3, 4000), { credentials }),
			iluma(extract({ concurrency: 3 }), imageItems(3, 5000), { credentials }),
		]);
		for (const { error, items } of results) {
			expect(error).toBeUndefined();
			expect(items).toHaveLength(3);
		}
		const arrivals = ilumaAnswered(200).map((r) => r.at);
		expect(arrivals).toHaveLength(6);
		expect(ilumaAnswered(429)).toHaveLength(0);
		// 2 per second for both executions together: never 3 within one second.
		for (const at of arrivals)
			expect(arrivals.filter((other) => other >= at && other < at + 1000).length).toBeLessThan(3);
	});
});

describe('Rate-Limit Wait: a rate-limit refusal is waited out for a time, not a count', () => {
	test('refused for longer than the Rate-Limit Wait: the item fails saying how long it waited and how to raise it', async () => {
		state.sandbox.injectFault({ vendor: 'ekycpro', status: 429, retryAfter: 1, count: 100 });
		const started = Date.now();
		const { error } = await ekyc(check({ retries: 0, rateLimitWait: 2 }), [
			{ json: { nik: NIKS.registered } },
		]);
		// Retries 0 does not apply to a 429: it is tried again until the 2 s are over.
		expect(vendorCalls(state, 'ekycpro')).toBeGreaterThanOrEqual(2);
		expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
		expect(Date.now() - started).toBeLessThan(15_000);
		expect(error.message).toMatch(
			/^ekycpro HTTP 429: rate limit reached; .*\b[12] s\b.*the 2 s of Options → Rate-Limit Wait \(Seconds\)[,;] raise it to wait longer \[HTTP 429, not billed\]$/,
		);
		expect(error.description).toMatch(/Raise Options → Rate-Limit Wait \(Seconds\) \(now 2\)/);
	});

	test('KYC (Any Vendor): a vendor still refusing at the end of its Rate-Limit Wait goes to the next vendor', async () => {
		state.sandbox.injectFault({ vendor: 'iluma', status: 429, retryAfter: 1, count: 100 });
		const { items, error } = await anyVendor(
			{
				check: 'verifyNik',
				nik: NIKS.registered,
				name: 'Budi Santoso',
				mode: 'failover',
				vendors: ['iluma', 'wideKyc'],
				options: { rateLimitWait: 2 },
			},
			[{ json: {} }],
		);
		expect(error).toBeUndefined();
		const { json } = items[0];
		expect(json.vendor).toBe('wideKyc');
		expect(json.attempts[0]).toMatchObject({ vendor: 'iluma', outcome: 'busy', billed: false });
		expect(json.attempts[0].message).toMatch(/Rate-Limit Wait/);
		expect(vendorCalls(state, 'iluma')).toBeGreaterThanOrEqual(2);
	});

	test('429s past the Retries count, then a 502 on the billed call: it is not sent again', async () => {
		state.sandbox.injectFault({ vendor: 'ekycpro', status: 429, count: 3 });
		state.sandbox.injectFault({ vendor: 'ekycpro', status: 502, count: 1 });
		const { error } = await ekyc(check({ retries: 1 }), [{ json: { nik: NIKS.registered } }]);
		expect(error.message).toMatch(/^ekycpro HTTP 502: .*may have been processed and billed/);
		const calls = state.sandbox.requests.filter((r) => r.vendor === 'ekycpro');
		expect(calls.map((r) => r.status)).toEqual([429, 429, 429, 502]);
	});
});
