'use strict';
/**
 * KYC (Any Vendor) (issue 14): bad input costs nothing (zero vendor calls), an input one vendor
 * does not take goes to the next; the circuit breaker; Privacy; n8n's Continue On Fail. Failover
 * per check and Cross-Check have their own files (kycAnyVendor.failover/.crossCheck.test.js).
 */
const {
	useSandbox,
	anyVendorRunner,
	downCredential,
	imageItem,
	images,
	scenarios,
	anyVendorSent,
} = require('../helpers');

const state = useSandbox();
const run = anyVendorRunner(state);
const { MARKERS, NIKS } = scenarios;

beforeEach(() => state.sandbox.vendorControl('iluma', 'configure', { completeAfterMs: 50 }));

const sent = () => anyVendorSent(state);
const outcomes = (json) => json.attempts.map((a) => [a.vendor, a.outcome]);

const selfie = (image = images.jpeg()) => imageItem({ selfie: image });
const liveness = (options = {}, vendors = ['wideKyc', 'ekycPro']) => ({
	check: 'liveness',
	vendors,
	options,
});

describe('bad input: zero vendor calls', () => {
	test.each([
		[
			'a 15-digit NIK',
			{ check: 'verifyNik', nik: '320100000000001', name: 'Budi Santoso' },
			['iluma', 'wideKyc', 'ekycPro'],
			{ json: {} },
		],
		[
			'a GIF selfie (Liveness)',
			{ check: 'liveness' },
			['wideKyc', 'ekycPro'],
			selfie(images.gif()),
		],
		[
			'a GIF selfie (Compare Faces)',
			{ check: 'compareFaces' },
			['iluma', 'ekycPro'],
			imageItem({ selfie: images.gif(), ktp: images.jpeg() }),
		],
		[
			'a GIF e-KTP (Read KTP)',
			{ check: 'readKtp' },
			['wideKyc', 'iluma', 'ekycPro'],
			imageItem({ ktp: images.gif() }),
		],
	])(
		'%s: the item fails at once, no vendor is called',
		async (_name, parameters, vendors, item) => {
			const failed = await run({ ...parameters, vendors }, [item]);
			expect(failed.error).toBeDefined();
			expect(failed.error.context.itemIndex).toBe(0);
			expect(state.sandbox.requests).toEqual([]);

			const kept = await run({ ...parameters, vendors }, [item], {
				onError: 'continueRegularOutput',
			});
			expect(state.sandbox.requests).toEqual([]);
			expect(kept.items).toHaveLength(1);
			const { json } = kept.items[0];
			expect(json.error).toBe(failed.error.message);
			expect(failed.error.description).toMatch(/^Nothing was sent/);
			// No answer, and no vendor billed or blamed for the input. (The contract's failed item
			// also has `check` and `attempts`; the node gives an input error as the error alone.)
			expect(json.vendor).toBeUndefined();
			for (const attempt of json.attempts ?? []) {
				expect(attempt).toMatchObject({ outcome: 'notSent', billed: false });
			}
		},
	);

	test('the error names the input problem, not a vendor failure', async () => {
		const { error } = await run(
			{ check: 'verifyNik', nik: '320100000000001', name: 'Budi', vendors: ['iluma', 'wideKyc'] },
			[{ json: {} }],
		);
		expect(error.message).toMatch(/NIK.*16 digits/);
	});
});

describe('an input only one picked vendor refuses', () => {
	test('a BMP selfie: WideKYC (JPEG, PNG only) notSent, ekycpro answers', async () => {
		const { items, error } = await run(liveness(), [selfie(images.bmp())]);
		expect(error).toBeUndefined();
		expect(sent()).toEqual(['ekycPro']);
		const { json } = items[0];
		expect(json.vendor).toBe('ekycPro');
		expect(json.attempts).toEqual([
			expect.objectContaining({ vendor: 'wideKyc', outcome: 'notSent', billed: false }),
			expect.objectContaining({ vendor: 'ekycPro', outcome: 'answered', billed: true }),
		]);
		expect(json.attempts[0].message).toMatch(/BMP/);
	});

	test('a BMP e-KTP: WideKYC notSent, Iluma reads it', async () => {
		const { items } = await run({ check: 'readKtp', vendors: ['wideKyc', 'iluma'] }, [
			imageItem({ ktp: images.bmp() }),
		]);
		expect(sent()).toEqual(['iluma']);
		expect(items[0].json.vendor).toBe('iluma');
		expect(outcomes(items[0].json)).toEqual([
			['wideKyc', 'notSent'],
			['iluma', 'answered'],
		]);
	});

	test('it does not cool that vendor down: the next item (a JPEG) goes to it', async () => {
		const { items } = await run(liveness({ concurrency: 1 }), [selfie(images.bmp()), selfie()]);
		expect(sent()).toEqual(['ekycPro', 'wideKyc']);
		expect(items.map((item) => item.json.vendor)).toEqual(['ekycPro', 'wideKyc']);
	});
});

describe('circuit breaker (one node execution)', () => {
	const unavailable = (vendor, path) =>
		state.sandbox.injectFault({ vendor, path, status: 503, count: 100 });
	const three = () => [selfie(), selfie(), selfie()];

	test('first vendor 503 on every call: the first item tries it, later items skip it (coolingDown)', async () => {
		unavailable('wideKyc', '/api/passive-liveness');
		const { items, error } = await run(liveness({ concurrency: 1, retries: 1 }), three());
		expect(error).toBeUndefined();
		expect(sent()).toEqual(['wideKyc', 'wideKyc', 'ekycPro', 'ekycPro', 'ekycPro']);
		expect(items.map((item) => outcomes(item.json))).toEqual([
			[
				['wideKyc', 'busy'],
				['ekycPro', 'answered'],
			],
			[
				['wideKyc', 'coolingDown'],
				['ekycPro', 'answered'],
			],
			[
				['wideKyc', 'coolingDown'],
				['ekycPro', 'answered'],
			],
		]);
		expect(items[1].json.attempts[0].billed).toBe(false);
	});

	test('Cool-Down 0 turns it off: every item calls the first vendor', async () => {
		unavailable('wideKyc', '/api/passive-liveness');
		const { items } = await run(liveness({ concurrency: 1, retries: 0, coolDown: 0 }), three());
		expect(sent()).toEqual(['wideKyc', 'ekycPro', 'wideKyc', 'ekycPro', 'wideKyc', 'ekycPro']);
		expect(items.map((item) => outcomes(item.json)[0])).toEqual([
			['wideKyc', 'busy'],
			['wideKyc', 'busy'],
			['wideKyc', 'busy'],
		]);
	});

	test('a vendor down (connection refused) cools down too', async () => {
		const { items } = await run(
			{
				check: 'verifyNik',
				nik: '={{ $json.nik }}',
				name: 'Budi Santoso',
				vendors: ['iluma', 'wideKyc'],
				options: { concurrency: 1, retries: 0 },
			},
			[{ json: { nik: NIKS.registered } }, { json: { nik: '3201000000000011' } }],
			{ credentials: { iluma: await downCredential('iluma') } },
		);
		expect(sent()).toEqual(['wideKyc', 'wideKyc']);
		expect(items.map((item) => outcomes(item.json)[0])).toEqual([
			['iluma', 'notSent'],
			['iluma', 'coolingDown'],
		]);
	});

	test('a new execution starts with no vendor cooling down', async () => {
		unavailable('wideKyc', '/api/passive-liveness');
		await run(liveness({ retries: 0 }), [selfie()], { executionId: 'breaker-1' });
		await run(liveness({ retries: 0 }), [selfie()], { executionId: 'breaker-2' });
		expect(sent()).toEqual(['wideKyc', 'ekycPro', 'wideKyc', 'ekycPro']);
	});

	test('every picked vendor cooling down: they are tried anyway, after the skips', async () => {
		unavailable('wideKyc', '/api/passive-liveness');
		unavailable('ekycpro', '/v1/picturelive');
		const { items } = await run(liveness({ concurrency: 1, retries: 0 }), [selfie(), selfie()], {
			onError: 'continueRegularOutput',
		});
		expect(sent()).toEqual(['wideKyc', 'ekycPro', 'wideKyc', 'ekycPro']);
		expect(items).toHaveLength(2);
		expect(items.map(({ json }) => json.error)).toEqual([expect.any(String), expect.any(String)]);
		expect(outcomes(items[0].json)).toEqual([
			['wideKyc', 'busy'],
			['ekycPro', 'busy'],
		]);
		// Skipped first, then tried last when no other vendor answered: each vendor shows twice.
		expect(outcomes(items[1].json)).toEqual([
			['wideKyc', 'coolingDown'],
			['ekycPro', 'coolingDown'],
			['wideKyc', 'busy'],
			['ekycPro', 'busy'],
		]);
	});

	test('a cooling vendor is tried last when the others do not answer', async () => {
		// WideKYC refuses the first item only; ekycpro answers it, and is busy for the second
		// (its free INNER_ERROR, which WideKYC's sandbox ignores).
		state.sandbox.injectFault({ vendor: 'wideKyc', path: '/api/passive-liveness', status: 503 });
		const { items, error } = await run(liveness({ concurrency: 1, retries: 0 }), [
			selfie(),
			selfie(images.jpeg({ marker: MARKERS.innerError })),
		]);
		expect(error).toBeUndefined();
		expect(sent()).toEqual(['wideKyc', 'ekycPro', 'ekycPro', 'wideKyc']);
		expect(items.map((item) => item.json.vendor)).toEqual(['ekycPro', 'wideKyc']);
		expect(outcomes(items[1].json)).toEqual([
			['wideKyc', 'coolingDown'],
			['ekycPro', 'busy'],
			['wideKyc', 'answered'],
		]);
	});

	test('a wrong key (credential) starts no cool-down: every item asks that vendor again', async () => {
		const { items } = await run(liveness({ concurrency: 1, retries: 0 }), [selfie(), selfie()], {
			credentials: { wideKyc: { token: 'wrong-widekyc-token' } },
		});
		expect(sent()).toEqual(['wideKyc', 'ekycPro', 'wideKyc', 'ekycPro']);
		expect(items.map((item) => outcomes(item.json)[0])).toEqual([
			['wideKyc', 'credential'],
			['wideKyc', 'credential'],
		]);
	});
});

describe('Privacy', () => {
	const readKtp = (privacy) => ({
		check: 'readKtp',
		vendors: ['wideKyc', 'iluma'],
		options: { privacy },
	});

	test('Read KTP: no raw, the ID number masked, the input image left out', async () => {
		const plain = await run(readKtp(false), [imageItem({ ktp: images.jpeg() })]);
		expect(plain.items[0].json.raw).toBeDefined();
		expect(plain.items[0].json.identity.idNumber).toBe('3671121401010004');

		const { items } = await run(readKtp(true), [imageItem({ ktp: images.jpeg() })]);
		const { json, binary } = items[0];
		expect(json.raw).toBeUndefined();
		expect(json.identity.idNumber).not.toBe('3671121401010004');
		expect(json.identity.idNumber).toMatch(/^\*+0004$/);
		expect(json.identity.fullName).toBe('Yu Andi Chen');
		expect(JSON.stringify(items[0])).not.toContain('3671121401010004');
		expect(binary).toBeUndefined();
	});

	test('Verify NIK: the NIK appears nowhere in the output', async () => {
		const parameters = (privacy) => ({
			check: 'verifyNik',
			nik: NIKS.registered,
			name: 'Budi Santoso',
			vendors: ['iluma', 'wideKyc'],
			options: { privacy },
		});
		const plain = await run(parameters(false), [{ json: {} }]);
		// Iluma's raw answer echoes the NIK: without Privacy it is there.
		expect(JSON.stringify(plain.items[0].json)).toContain(NIKS.registered);
		const { items } = await run(parameters(true), [{ json: {} }]);
		expect(items[0].json.raw).toBeUndefined();
		expect(items[0].json.nik).toEqual({ found: true, nameMatches: true });
		expect(JSON.stringify(items[0].json)).not.toContain(NIKS.registered);
	});

	test('a failed item (Continue On Fail): what the vendor left behind is dropped too', async () => {
		// Iluma's OCR job is still pending after the node's 1 s wait: the item fails at Iluma (it may
		// have been billed) and carries the pending request under raw.
		await state.sandbox.vendorControl('iluma', 'configure', { completeAfterMs: 10_000 });
		const failing = (privacy) =>
			run(
				{ ...readKtp(privacy), vendors: ['iluma', 'wideKyc'], waitTimeout: 1 },
				[imageItem({ ktp: images.jpeg() })],
				{ onError: 'continueRegularOutput' },
			);
		const plain = await failing(false);
		expect(plain.items[0].json.error).toMatch(/PENDING/);
		expect(plain.items[0].json.raw).toMatchObject({ status: 'PENDING' });

		const { items } = await failing(true);
		expect(items).toHaveLength(1);
		expect(items[0].json.error).toMatch(/PENDING/);
		expect(items[0].json.attempts).toEqual([
			expect.objectContaining({ vendor: 'iluma', outcome: 'failed' }),
		]);
		expect(items[0].json.raw).toBeUndefined();
		expect(items[0].binary).toBeUndefined();
		expect(sent()).not.toContain('wideKyc');
	});

	test('Cross-Check: no raw; the answers stay', async () => {
		const { items } = await run(
			{
				check: 'readKtp',
				mode: 'crossCheck',
				vendors: ['wideKyc', 'iluma'],
				options: { privacy: true },
			},
			[imageItem({ ktp: images.jpeg() })],
		);
		const { json, binary } = items[0];
		expect(json.raw).toBeUndefined();
		expect(binary).toBeUndefined();
		expect(Object.keys(json.answers).sort()).toEqual(['iluma', 'wideKyc']);
		expect(JSON.stringify(json)).not.toMatch(/3671121401010004|1234567890123456/);
	});
});

describe('n8n’s Continue On Fail', () => {
	// Item 0 answers, item 1 is bad input, item 2's call is dropped after sending (may have been billed).
	const NIK_DROPPED = '3201000000000013';
	const items = () => [
		{ json: { nik: NIKS.registered } },
		{ json: { nik: '320100000000001' } },
		{ json: { nik: NIK_DROPPED } },
	];
	const parameters = {
		check: 'verifyNik',
		nik: '={{ $json.nik }}',
		name: 'Budi Santoso',
		vendors: ['iluma', 'wideKyc'],
		options: { concurrency: 1 },
	};
	const dropThird = () =>
		state.sandbox.injectFault({
			vendor: 'iluma',
			path: '/v1/identity/ktp_name/validations',
			bodyIncludes: NIK_DROPPED,
			drop: true,
			count: 10,
		});

	test('Continue (regular output): one output item per input item, paired to it', async () => {
		dropThird();
		const { items: out, error } = await run(parameters, items(), {
			onError: 'continueRegularOutput',
		});
		expect(error).toBeUndefined();
		expect(sent()).toEqual(['iluma', 'iluma']);
		expect(out).toHaveLength(3);
		expect(out.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(out[0].json).toMatchObject({ check: 'verifyNik', vendor: 'iluma' });
		expect(out[0].json.error).toBeUndefined();
		expect(out[1].json.error).toMatch(/NIK/);
		expect(out[1].json.vendor).toBeUndefined();
		expect(out[2].json).toEqual({
			check: 'verifyNik',
			attempts: [expect.objectContaining({ vendor: 'iluma', outcome: 'failed' })],
			audit: [expect.objectContaining({ vendor: 'iluma', outcome: 'failed' })],
			error: expect.any(String),
		});
	});

	test('Continue (error output): one item per input item over the two outputs, paired to it', async () => {
		dropThird();
		const { items: out, errorItems } = await run(parameters, items(), {
			onError: 'continueErrorOutput',
		});
		const paired = [...out, ...errorItems].map((item) => item.pairedItem.item).sort();
		expect(paired).toEqual([0, 1, 2]);
		expect(out[0].json).toMatchObject({ check: 'verifyNik', vendor: 'iluma' });
		// Bad input (the error alone) goes to the error output.
		expect(errorItems.map((item) => item.pairedItem)).toContainEqual({ item: 1 });
	});

	// n8n's engine moves an item to the error output only when its json holds nothing but
	// error/message/details (an item-level `error` would cut the json down to the message), so
	// there a failed item is `{ error, details: { check, attempts } }`.
	test('Continue (error output): a vendor failure goes to the error output, with its attempts', async () => {
		dropThird();
		const { items: out, errorItems } = await run(parameters, items(), {
			onError: 'continueErrorOutput',
		});
		expect(out.map((item) => item.pairedItem)).toEqual([{ item: 0 }]);
		expect(errorItems.map((item) => item.pairedItem)).toEqual([{ item: 1 }, { item: 2 }]);
		const failed = errorItems.find((item) => item.pairedItem.item === 2).json;
		expect(failed).toEqual({ error: expect.any(String), details: expect.any(Object) });
		expect(failed.details.check).toBe('verifyNik');
		expect(failed.details.attempts.map((attempt) => attempt.vendor)).toEqual(['iluma']);
	});

	test('without it, the first failing item stops the node and is named', async () => {
		dropThird();
		const { items: out, error } = await run(parameters, items());
		expect(out).toEqual([]);
		expect(error.context.itemIndex).toBe(1);
		expect(sent()).toEqual(['iluma']);
	});
});
