'use strict';
/**
 * KYC (Any Vendor), Failover (issue 14): for every check, a first vendor whose failure left nothing
 * billed (down, out of quota, rate-limited or unavailable past its retries, wrong key) hands the
 * item to the next vendor, and `attempts` says so; a billed failure, or a call the first vendor may
 * have processed (time-out after sending, dropped connection, 502/504), ends the item there. The
 * sandbox's request log is the proof of which vendor was called how often.
 */
const {
	useSandbox,
	anyVendorRunner,
	downCredential,
	imageItem,
	images,
	scenarios,
	anyVendorSent,
	SANDBOX_VENDOR,
} = require('../helpers');
const { poll } = require('../poll');

const state = useSandbox();
const run = anyVendorRunner(state);
const { MARKERS, NIKS, WIDEKYC_TOKENS } = scenarios;

// Iluma's ID card OCR is asynchronous: its jobs finish quickly here, so that waiting stays short.
beforeEach(() => state.sandbox.vendorControl('iluma', 'configure', { completeAfterMs: 50 }));

const sent = () => anyVendorSent(state);

/** Who each vendor is in the sandbox's answers to readKtp. */
const KTP_NAMES = {
	wideKyc: /^yu andi chen$/i,
	iluma: /^fira diyanka$/i,
	ekycPro: /^budi santoso$/i,
};

/** Each check: its parameters, an input item, each vendor's endpoint, and the answer to expect. */
const CHECKS = {
	readKtp: {
		parameters: { check: 'readKtp' },
		item: (image = images.jpeg()) => imageItem({ ktp: image }),
		paths: {
			wideKyc: '/api/id-recognize',
			iluma: '/v1/identity/id_card_images',
			ekycPro: '/v1/id_ocr/general',
		},
		expectAnswer: (json, vendor) => expect(json.identity.fullName).toMatch(KTP_NAMES[vendor]),
	},
	verifyNik: {
		parameters: { check: 'verifyNik', nik: NIKS.registered, name: 'Budi Santoso' },
		item: () => ({ json: {} }),
		paths: {
			iluma: '/v1/identity/ktp_name/validations',
			wideKyc: '/api/id-validation',
			ekycPro: '/v1/ididcheck',
		},
		expectAnswer: (json) => expect(json.nik).toMatchObject({ found: true, nameMatches: true }),
	},
	liveness: {
		parameters: { check: 'liveness' },
		item: (image = images.jpeg()) => imageItem({ selfie: image }),
		paths: { wideKyc: '/api/passive-liveness', ekycPro: '/v1/picturelive' },
		expectAnswer: (json) => expect(json.liveness).toMatchObject({ live: true }),
	},
	compareFaces: {
		parameters: { check: 'compareFaces' },
		item: (image = images.jpeg()) => imageItem({ selfie: image, ktp: images.jpeg() }),
		paths: { iluma: '/v2/identity/face_comparisons', ekycPro: '/v1/facecompare' },
		expectAnswer: (json) =>
			expect(json.face).toMatchObject({ samePerson: true, similarity: expect.any(Number) }),
	},
};

const SANDBOX_SECRETS = [
	'iluma_development_sandbox_key',
	WIDEKYC_TOKENS.active,
	WIDEKYC_TOKENS.quotaExceeded,
	scenarios.EKYCPRO_API_KEY,
];

const WRONG_KEY = {
	iluma: { apiKey: 'iluma_development_wrong_key_0000' },
	wideKyc: { token: 'wrong-widekyc-token' },
	ekycPro: { apiKey: 'wrong-ekycpro-key' },
};

/** Sets the first vendor up to fail; returns the run's extra settings (credential overrides). */
const FAILURES = {
	'down (connection refused)': {
		outcome: 'notSent',
		code: 'connection refused',
		calls: 0,
		setUp: async (check, first) => ({ credentials: { [first]: await downCredential(first) } }),
	},
	'out of quota (WideKYC Quota Exceeded)': {
		outcome: 'account',
		calls: 1,
		setUp: async () => ({ credentials: { wideKyc: { token: WIDEKYC_TOKENS.quotaExceeded } } }),
	},
	'rate-limited (429) past its Rate-Limit Wait': {
		outcome: 'busy',
		calls: 1, // Rate-Limit Wait 0: Retries does not apply to a 429
		setUp: async (check, first) => {
			state.sandbox.injectFault({
				vendor: SANDBOX_VENDOR[first],
				path: CHECKS[check].paths[first],
				status: 429,
				count: 10,
			});
			return {};
		},
	},
	'unavailable (503) past its retries': {
		outcome: 'busy',
		calls: 2,
		setUp: async (check, first) => {
			state.sandbox.injectFault({
				vendor: SANDBOX_VENDOR[first],
				path: CHECKS[check].paths[first],
				status: 503,
				count: 10,
			});
			return {};
		},
	},
	'with a wrong key (401)': {
		outcome: 'credential',
		calls: 1,
		setUp: async (check, first) => ({ credentials: { [first]: WRONG_KEY[first] } }),
	},
};

/**
 * [check, failure, vendors in order]. Every check meets every failure that applies to it; the
 * first vendor varies so that each vendor is the failing one somewhere. compareFaces has no
 * out-of-quota row: neither of its vendors (Iluma, ekycpro) has a quota or account answer.
 */
const ROWS = [
	['readKtp', 'down (connection refused)', ['wideKyc', 'iluma']],
	['readKtp', 'out of quota (WideKYC Quota Exceeded)', ['wideKyc', 'iluma']],
	['readKtp', 'rate-limited (429) past its Rate-Limit Wait', ['wideKyc', 'ekycPro']],
	['readKtp', 'unavailable (503) past its retries', ['ekycPro', 'wideKyc']],
	['readKtp', 'with a wrong key (401)', ['iluma', 'wideKyc']],
	['verifyNik', 'down (connection refused)', ['iluma', 'wideKyc']],
	['verifyNik', 'out of quota (WideKYC Quota Exceeded)', ['wideKyc', 'iluma']],
	['verifyNik', 'rate-limited (429) past its Rate-Limit Wait', ['iluma', 'ekycPro']],
	['verifyNik', 'unavailable (503) past its retries', ['wideKyc', 'iluma']],
	['verifyNik', 'with a wrong key (401)', ['ekycPro', 'iluma']],
	['liveness', 'down (connection refused)', ['wideKyc', 'ekycPro']],
	['liveness', 'out of quota (WideKYC Quota Exceeded)', ['wideKyc', 'ekycPro']],
	['liveness', 'rate-limited (429) past its Rate-Limit Wait', ['ekycPro', 'wideKyc']],
	['liveness', 'unavailable (503) past its retries', ['wideKyc', 'ekycPro']],
	['liveness', 'with a wrong key (401)', ['wideKyc', 'ekycPro']],
	['compareFaces', 'down (connection refused)', ['ekycPro', 'iluma']],
	['compareFaces', 'rate-limited (429) past its Rate-Limit Wait', ['iluma', 'ekycPro']],
	['compareFaces', 'unavailable (503) past its retries', ['ekycPro', 'iluma']],
	['compareFaces', 'with a wrong key (401)', ['iluma', 'ekycPro']],
];

describe('Failover: the first vendor left nothing billed, the second answers', () => {
	test.each(ROWS)('%s, first vendor %s (%j)', async (check, failure, vendors) => {
		const { parameters, item, expectAnswer } = CHECKS[check];
		const { outcome, code, calls, setUp } = FAILURES[failure];
		const [first, second] = vendors;
		const extra = await setUp(check, first);
		const { items, error } = await run(
			{ ...parameters, mode: 'failover', vendors, options: { retries: 1, rateLimitWait: 0 } },
			[item()],
			extra,
		);
		expect(error).toBeUndefined();
		expect(sent()).toEqual([...Array(calls).fill(first), second]);
		expect(items).toHaveLength(1);
		const { json } = items[0];
		expect(json.check).toBe(check);
		expect(json.vendor).toBe(second);
		expect(json.attempts).toEqual([
			expect.objectContaining({ vendor: first, outcome, billed: false, ...(code && { code }) }),
			expect.objectContaining({ vendor: second, outcome: 'answered', billed: true }),
		]);
		expectAnswer(json, second);
		expect(json.raw).toEqual(expect.any(Object));
		// A refused key is reported, never shown.
		const keys = Object.values(extra.credentials?.[first] ?? {}).filter((v) => !/^http/.test(v));
		for (const key of [...keys, ...SANDBOX_SECRETS])
			expect(JSON.stringify(items)).not.toContain(key);
	});

	test('three vendors picked: the third is not called once the second answers', async () => {
		const { items } = await run(
			{ ...CHECKS.verifyNik.parameters, vendors: ['iluma', 'wideKyc', 'ekycPro'] },
			[{ json: {} }],
			{ credentials: { iluma: WRONG_KEY.iluma } },
		);
		expect(sent()).toEqual(['iluma', 'wideKyc']);
		expect(items[0].json.vendor).toBe('wideKyc');
		expect(items[0].json.attempts.map((a) => [a.vendor, a.outcome])).toEqual([
			['iluma', 'credential'],
			['wideKyc', 'answered'],
		]);
	});

	test('two vendors down: the third answers, and attempts lists all three in order', async () => {
		const { items } = await run(
			{
				...CHECKS.verifyNik.parameters,
				vendors: ['wideKyc', 'ekycPro', 'iluma'],
				options: { retries: 0 },
			},
			[{ json: {} }],
			{
				credentials: {
					wideKyc: await downCredential('wideKyc'),
					ekycPro: await downCredential('ekycPro'),
				},
			},
		);
		expect(sent()).toEqual(['iluma']);
		expect(items[0].json.vendor).toBe('iluma');
		expect(items[0].json.attempts.map((a) => [a.vendor, a.outcome, a.billed])).toEqual([
			['wideKyc', 'notSent', false],
			['ekycPro', 'notSent', false],
			['iluma', 'answered', true],
		]);
	});

	test('ekycpro’s free RETRY_LATER on the identity check, retries used up: busy, the next answers', async () => {
		const { items } = await run(
			{
				check: 'verifyNik',
				nik: NIKS.retryLater,
				name: 'Budi Santoso',
				vendors: ['ekycPro', 'iluma'],
				options: { retries: 1 },
			},
			[{ json: {} }],
		);
		expect(sent()).toEqual(['ekycPro', 'ekycPro', 'iluma']);
		expect(items[0].json.vendor).toBe('iluma');
		expect(items[0].json.attempts).toEqual([
			expect.objectContaining({ vendor: 'ekycPro', outcome: 'busy', billed: false }),
			expect.objectContaining({ vendor: 'iluma', outcome: 'answered', billed: true }),
		]);
	});

	test('a credential base URL the core refuses: notSent, nothing sent, the next answers', async () => {
		const { items } = await run(
			{ ...CHECKS.liveness.parameters, vendors: ['wideKyc', 'ekycPro'] },
			[CHECKS.liveness.item()],
			{ credentials: { wideKyc: { serverUrl: 'ftp://127.0.0.1/widekyc' } } },
		);
		expect(sent()).toEqual(['ekycPro']);
		expect(items[0].json.attempts).toEqual([
			expect.objectContaining({ vendor: 'wideKyc', outcome: 'notSent', billed: false }),
			expect.objectContaining({ vendor: 'ekycPro', outcome: 'answered', billed: true }),
		]);
	});

	test('the first vendor healthy: it answers alone, attempts has one entry', async () => {
		const { items } = await run({ ...CHECKS.verifyNik.parameters }, [{ json: {} }]);
		// Default order for Verify NIK: Iluma, then WideKYC.
		expect(sent()).toEqual(['iluma']);
		expect(items[0].json.vendor).toBe('iluma');
		expect(items[0].json.attempts).toEqual([
			expect.objectContaining({ vendor: 'iluma', outcome: 'answered', billed: true }),
		]);
	});

	test('ekycpro PERSON_NOT_FOUND is an answer (found false, not billed): no failover', async () => {
		const { items, error } = await run(
			{
				check: 'verifyNik',
				nik: NIKS.notFound,
				name: 'Budi Santoso',
				vendors: ['ekycPro', 'iluma'],
			},
			[{ json: {} }],
		);
		expect(error).toBeUndefined();
		expect(sent()).toEqual(['ekycPro']);
		expect(items[0].json.vendor).toBe('ekycPro');
		expect(items[0].json.nik).toMatchObject({ found: false });
		expect(items[0].json.attempts).toEqual([
			expect.objectContaining({ vendor: 'ekycPro', outcome: 'answered', billed: false }),
		]);
	});
});

/**
 * [check, what happens, vendors, the item, fault at the first vendor, expected first attempt].
 * Each ends the item at the first vendor: billed, or it may have processed the call.
 */
const STOPS = [
	[
		'readKtp',
		'ekycpro FAIL (billed)',
		['ekycPro', 'iluma'],
		() => CHECKS.readKtp.item(images.jpeg({ marker: MARKERS.recognitionFail })),
		null,
		{ code: 'FAIL', billed: true },
	],
	[
		'readKtp',
		'WideKYC HTTP 500',
		['wideKyc', 'iluma'],
		() => CHECKS.readKtp.item(images.jpeg({ marker: MARKERS.serverError })),
		null,
		{},
	],
	[
		'readKtp',
		'Iluma OCR FAILED',
		['iluma', 'wideKyc'],
		() => CHECKS.readKtp.item(images.jpeg({ marker: 'ocr-failed' })),
		null,
		{},
	],
	[
		'verifyNik',
		'Iluma’s connection dropped after sending',
		['iluma', 'wideKyc'],
		CHECKS.verifyNik.item,
		{ drop: true },
		{},
	],
	[
		'verifyNik',
		'WideKYC HTTP 504',
		['wideKyc', 'ekycPro'],
		CHECKS.verifyNik.item,
		{ status: 504 },
		{},
	],
	['verifyNik', 'Iluma HTTP 502', ['iluma', 'ekycPro'], CHECKS.verifyNik.item, { status: 502 }, {}],
	[
		'liveness',
		'ekycpro HTTP 502',
		['ekycPro', 'wideKyc'],
		CHECKS.liveness.item,
		{ status: 502 },
		{},
	],
	[
		'liveness',
		'WideKYC’s connection dropped after sending',
		['wideKyc', 'ekycPro'],
		CHECKS.liveness.item,
		{ drop: true },
		{},
	],
	[
		'compareFaces',
		'ekycpro RETRY_LATER on face compare (billed)',
		['ekycPro', 'iluma'],
		() => CHECKS.compareFaces.item(images.jpeg({ marker: MARKERS.noFace })),
		null,
		{ code: 'RETRY_LATER', billed: true },
	],
	[
		'compareFaces',
		'Iluma face comparison FAILED',
		['iluma', 'ekycPro'],
		() => CHECKS.compareFaces.item(images.jpeg({ marker: MARKERS.noFace })),
		null,
		{},
	],
	[
		'compareFaces',
		'Iluma HTTP 504',
		['iluma', 'ekycPro'],
		CHECKS.compareFaces.item,
		{ status: 504 },
		{},
	],
];

describe('Failover stops at the first vendor when the call was billed or may have been processed', () => {
	test.each(STOPS)('%s, %s: no call reaches the second vendor', async (...row) => {
		const [check, , vendors, item, fault, attempt] = row;
		const [first, second] = vendors;
		if (fault) {
			state.sandbox.injectFault({
				vendor: SANDBOX_VENDOR[first],
				path: CHECKS[check].paths[first],
				count: 10,
				...fault,
			});
		}
		const { items, error } = await run(
			{ ...CHECKS[check].parameters, vendors, options: { retries: 1 } },
			[item()],
		);
		expect(error).toBeDefined();
		expect(items).toEqual([]);
		expect(sent()).toEqual([first]);
		expect(sent()).not.toContain(second);
		expect(error.context.itemIndex).toBe(0);
		// And with Continue On Fail: exactly one item, carrying the attempts and the error.
		state.sandbox.reset();
		await state.sandbox.vendorControl('iluma', 'configure', { completeAfterMs: 50 });
		if (fault) {
			state.sandbox.injectFault({
				vendor: SANDBOX_VENDOR[first],
				path: CHECKS[check].paths[first],
				count: 10,
				...fault,
			});
		}
		const kept = await run(
			{ ...CHECKS[check].parameters, vendors, options: { retries: 1 } },
			[item()],
			{ onError: 'continueRegularOutput' },
		);
		expect(kept.error).toBeUndefined();
		expect(sent()).toEqual([first]);
		expect(kept.items).toHaveLength(1);
		const { json } = kept.items[0];
		expect(json).toEqual({
			check,
			attempts: [expect.objectContaining({ vendor: first, outcome: 'failed', ...attempt })],
			audit: [expect.objectContaining({ vendor: first.toLowerCase(), outcome: 'failed' })],
			error: expect.any(String),
		});
		// The same failure (a vendor's request ID is new on every run).
		const withoutId = (message) => message.replace(/request [0-9a-f-]+/, 'request …');
		expect(withoutId(json.error)).toBe(withoutId(error.message));
	});

	test('a time-out after sending (no answer within the Timeout option): no second vendor', async () => {
		state.sandbox.injectFault({
			vendor: 'wideKyc',
			path: CHECKS.liveness.paths.wideKyc,
			status: 200,
			delayMs: 2500,
			count: 10,
		});
		const { items } = await run(
			{ ...CHECKS.liveness.parameters, vendors: ['wideKyc', 'ekycPro'], options: { timeout: 1 } },
			[CHECKS.liveness.item()],
			{ onError: 'continueRegularOutput' },
		);
		expect(items).toHaveLength(1);
		expect(items[0].json.error).toMatch(/time-out/);
		expect(items[0].json.attempts).toEqual([
			expect.objectContaining({ vendor: 'wideKyc', outcome: 'failed' }),
		]);
		// The sandbox logs the call when its delayed answer goes out, after the node gave up.
		await poll(() => sent(), {
			what: 'the timed-out WideKYC call in the sandbox log',
			until: (calls) => calls.length > 0,
			timeoutMs: 5000,
			intervalMs: 50,
		});
		expect(sent()).toEqual(['wideKyc']);
	});
});
