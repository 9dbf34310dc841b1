'use strict';
/**
 * KYC (Any Vendor), Cross-Check (issue 14): every picked vendor is called once, in parallel; the
 * item carries each vendor's normalised answer, whether they agree, and the fields they disagree on.
 * The sandbox is made to agree and to disagree (one vendor finds the NIK, the other does not).
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
const { MARKERS, NIKS, WIDEKYC_TOKENS } = scenarios;

beforeEach(() => state.sandbox.vendorControl('iluma', 'configure', { completeAfterMs: 50 }));

/** The vendor calls that arrived, sorted: they run in parallel. */
const sent = () => anyVendorSent(state).sort();

const verifyNik = (extra = {}) => ({
	check: 'verifyNik',
	mode: 'crossCheck',
	nik: NIKS.registered,
	name: 'Budi Santoso',
	vendors: ['iluma', 'wideKyc'],
	...extra,
});

/** Iluma answers that it has no record of the NIK (HTTP 200, as its KTP validator does). */
const ilumaDoesNotFindIt = () =>
	state.sandbox.injectFault({
		vendor: 'iluma',
		path: '/v1/identity/ktp_name/validations',
		status: 200,
		body: { nik: NIKS.registered, status: 'NOT_FOUND', name_match: 'false' },
	});

describe('Cross-Check: Verify NIK', () => {
	test('both vendors agree: agreement true, no disagreements, each called once', async () => {
		const { items, error } = await run(verifyNik(), [{ json: {} }]);
		expect(error).toBeUndefined();
		expect(sent()).toEqual(['iluma', 'wideKyc']);
		const { json } = items[0];
		expect(json.check).toBe('verifyNik');
		expect(json.vendor).toBe('iluma');
		expect(json.agreement).toBe(true);
		expect(json.disagreements).toEqual([]);
		expect(json.nik).toEqual({ found: true, nameMatches: true });
		expect(json.answers).toEqual({
			iluma: { nik: { found: true, nameMatches: true } },
			wideKyc: { nik: { found: true, nameMatches: true } },
		});
		expect(json.attempts).toEqual([
			expect.objectContaining({ vendor: 'iluma', outcome: 'answered', billed: true }),
			expect.objectContaining({ vendor: 'wideKyc', outcome: 'answered', billed: true }),
		]);
		expect(json.raw.iluma).toMatchObject({ status: 'FOUND' });
		expect(json.raw.wideKyc).toMatchObject({ statusCode: 'SUCCESSFUL' });
	});

	test('one vendor finds the NIK, the other does not: agreement false, nik.found named', async () => {
		ilumaDoesNotFindIt();
		const { items, error } = await run(verifyNik(), [{ json: {} }]);
		expect(error).toBeUndefined();
		expect(sent()).toEqual(['iluma', 'wideKyc']);
		const { json } = items[0];
		expect(json.agreement).toBe(false);
		expect(json.disagreements).toContain('nik.found');
		expect(json.vendor).toBe('iluma');
		// The top-level answer is the first picked vendor's.
		expect(json.nik).toEqual({ found: false, nameMatches: false });
		expect(json.answers.iluma.nik).toEqual({ found: false, nameMatches: false });
		expect(json.answers.wideKyc.nik).toEqual({ found: true, nameMatches: true });
		expect(json.raw.iluma).toMatchObject({ status: 'NOT_FOUND' });
		expect(json.raw.wideKyc).toMatchObject({ statusCode: 'SUCCESSFUL' });
	});

	test('the name matches at one vendor only: exactly nik.nameMatches differs', async () => {
		// The sandbox's Iluma finds any other NIK with name_match "true"; WideKYC knows BUDI SANTOSO.
		const { items } = await run(verifyNik({ name: 'Andi Wijaya' }), [{ json: {} }]);
		const { json } = items[0];
		expect(json.answers.iluma.nik).toEqual({ found: true, nameMatches: true });
		expect(json.answers.wideKyc.nik).toEqual({ found: true, nameMatches: false });
		expect(json.agreement).toBe(false);
		expect(json.disagreements).toEqual(['nik.nameMatches']);
	});

	test('three vendors agree, each called once; the first picked is `vendor`', async () => {
		const { items } = await run(verifyNik({ vendors: ['wideKyc', 'ekycPro', 'iluma'] }), [
			{ json: {} },
		]);
		expect(sent()).toEqual(['ekycPro', 'iluma', 'wideKyc']);
		const { json } = items[0];
		expect(json.vendor).toBe('wideKyc');
		expect(Object.keys(json.answers).sort()).toEqual(['ekycPro', 'iluma', 'wideKyc']);
		expect(Object.keys(json.raw).sort()).toEqual(['ekycPro', 'iluma', 'wideKyc']);
		expect(json.attempts.map((a) => [a.vendor, a.outcome])).toEqual([
			['wideKyc', 'answered'],
			['ekycPro', 'answered'],
			['iluma', 'answered'],
		]);
		expect(json.agreement).toBe(true);
		expect(json.disagreements).toEqual([]);
	});

	test('a field only one vendor checks (birth date, WideKYC) is no disagreement', async () => {
		const { items } = await run(verifyNik({ birthDate: '01-02-1990' }), [{ json: {} }]);
		const { json } = items[0];
		expect(json.answers.wideKyc.nik).toEqual({
			found: true,
			nameMatches: true,
			birthDateMatches: true,
		});
		expect(json.answers.iluma.nik).toEqual({ found: true, nameMatches: true });
		expect(json.agreement).toBe(true);
		expect(json.disagreements).toEqual([]);
	});

	test('calls go out in parallel: the second vendor is called before the first answers', async () => {
		state.sandbox.injectFault({
			vendor: 'iluma',
			path: '/v1/identity/ktp_name/validations',
			status: 200,
			delayMs: 300,
			body: { nik: NIKS.registered, status: 'FOUND', name_match: 'true' },
		});
		await run(verifyNik(), [{ json: {} }]);
		const byVendor = Object.fromEntries(state.sandbox.requests.map((r) => [r.vendor, r]));
		// Arrival and answer times from the sandbox's log: an order, not a duration.
		expect(byVendor.wideKyc.at).toBeLessThan(byVendor.iluma.answeredAt);
	});
});

describe('Cross-Check: a vendor fails', () => {
	test('one vendor out of quota: the item fails; no failover, each vendor called once', async () => {
		const { error } = await run(verifyNik(), [{ json: {} }], {
			credentials: { wideKyc: { token: WIDEKYC_TOKENS.quotaExceeded } },
		});
		expect(error).toBeDefined();
		expect(sent()).toEqual(['iluma', 'wideKyc']);
	});

	test('with Continue On Fail the item carries check, attempts and the answers that arrived', async () => {
		const { items, error } = await run(
			verifyNik({ vendors: ['iluma', 'wideKyc', 'ekycPro'] }),
			[{ json: {} }],
			{
				credentials: { wideKyc: { token: WIDEKYC_TOKENS.quotaExceeded } },
				onError: 'continueRegularOutput',
			},
		);
		expect(error).toBeUndefined();
		expect(sent()).toEqual(['ekycPro', 'iluma', 'wideKyc']);
		expect(items).toHaveLength(1);
		const { json } = items[0];
		expect(json.check).toBe('verifyNik');
		expect(json.error).toEqual(expect.any(String));
		expect(json.attempts).toEqual([
			expect.objectContaining({ vendor: 'iluma', outcome: 'answered', billed: true }),
			expect.objectContaining({ vendor: 'wideKyc', outcome: 'account', billed: false }),
			expect.objectContaining({ vendor: 'ekycPro', outcome: 'answered', billed: true }),
		]);
		expect(json.answers).toEqual({
			iluma: { nik: { found: true, nameMatches: true } },
			ekycPro: { nik: { found: true, nameMatches: true } },
		});
	});

	test('a vendor down: the item fails; the other vendor was called once, its answer kept', async () => {
		const { items } = await run(verifyNik({ options: { retries: 0 } }), [{ json: {} }], {
			credentials: { wideKyc: await downCredential('wideKyc') },
			onError: 'continueRegularOutput',
		});
		expect(sent()).toEqual(['iluma']);
		const { json } = items[0];
		expect(json.error).toEqual(expect.any(String));
		expect(json.attempts).toEqual([
			expect.objectContaining({ vendor: 'iluma', outcome: 'answered' }),
			expect.objectContaining({
				vendor: 'wideKyc',
				outcome: 'notSent',
				code: 'connection refused',
			}),
		]);
		expect(json.answers).toEqual({ iluma: { nik: { found: true, nameMatches: true } } });
	});

	test('an input one picked vendor does not take (BMP at WideKYC): no vendor is called', async () => {
		const { error } = await run(
			{ check: 'liveness', mode: 'crossCheck', vendors: ['wideKyc', 'ekycPro'] },
			[imageItem({ selfie: images.bmp() })],
		);
		expect(error.message).toMatch(/BMP/);
		expect(state.sandbox.requests).toEqual([]);
	});
});

describe('Cross-Check: the other checks', () => {
	test('Read KTP: two different cards read: fullName and idNumber disagree', async () => {
		const { items } = await run(
			{ check: 'readKtp', mode: 'crossCheck', vendors: ['wideKyc', 'iluma'] },
			[imageItem({ ktp: images.jpeg() })],
		);
		expect(sent()).toEqual(['iluma', 'wideKyc']);
		const { json } = items[0];
		expect(json.vendor).toBe('wideKyc');
		expect(json.identity.fullName).toMatch(/^yu andi chen$/i);
		expect(json.answers.iluma.identity.fullName).toMatch(/^fira diyanka$/i);
		expect(json.agreement).toBe(false);
		expect(json.disagreements).toEqual(
			expect.arrayContaining(['identity.fullName', 'identity.idNumber']),
		);
	});

	test('Read KTP: the same card, the name in other case, spacing and punctuation: agreement', async () => {
		// WideKYC reads Iluma's sample card (seed 001), spelling the name its own way.
		state.sandbox.injectFault({
			vendor: 'wideKyc',
			path: '/api/id-recognize',
			status: 200,
			body: {
				statusCode: 'SUCCESSFUL',
				content: {
					result: {
						status: 'success',
						result: 'True',
						data: {
							nik: '1234567890123456',
							nama: 'Fira  diyanka.',
							tanggal_lahir: '17-10-1975',
							jenis_kelamin: 'LAKI-LAKI',
							kewarganegaraan: 'WNI',
						},
					},
				},
			},
		});
		const { items } = await run(
			{ check: 'readKtp', mode: 'crossCheck', vendors: ['wideKyc', 'iluma'] },
			[imageItem({ ktp: images.jpeg() })],
		);
		const { json } = items[0];
		expect(json.answers.wideKyc.identity.fullName).toBe('Fira diyanka.');
		expect(json.answers.iluma.identity.fullName).toBe('FIRA DIYANKA');
		expect(json.disagreements).toEqual([]);
		expect(json.agreement).toBe(true);
	});

	test('Liveness: a spoof WideKYC catches and ekycpro does not: liveness.live differs', async () => {
		const { items } = await run(
			{ check: 'liveness', mode: 'crossCheck', vendors: ['wideKyc', 'ekycPro'] },
			[imageItem({ selfie: images.jpeg({ marker: MARKERS.spoof }) })],
		);
		expect(sent()).toEqual(['ekycPro', 'wideKyc']);
		const { json } = items[0];
		expect(json.answers.wideKyc.liveness).toMatchObject({ live: false });
		expect(json.answers.ekycPro.liveness).toMatchObject({ live: true });
		expect(json.agreement).toBe(false);
		expect(json.disagreements).toContain('liveness.live');
	});

	test('Compare Faces: both say same person: agreement (each vendor’s own similarity kept)', async () => {
		const { items } = await run(
			{ check: 'compareFaces', mode: 'crossCheck', vendors: ['iluma', 'ekycPro'] },
			[imageItem({ selfie: images.jpeg(), ktp: images.jpeg() })],
		);
		expect(sent()).toEqual(['ekycPro', 'iluma']);
		const { json } = items[0];
		expect(json.answers.iluma.face).toEqual({ samePerson: true, similarity: 97.5 });
		expect(json.answers.ekycPro.face).toEqual({ samePerson: true, similarity: 92.5 });
		expect(json.disagreements).not.toContain('face.samePerson');
	});

	test('Compare Faces: ekycpro NOT SURE, Iluma above its threshold: face.samePerson differs', async () => {
		const { items } = await run(
			{ check: 'compareFaces', mode: 'crossCheck', vendors: ['iluma', 'ekycPro'] },
			[imageItem({ selfie: images.jpeg({ marker: MARKERS.faceUnsure }), ktp: images.jpeg() })],
		);
		const { json } = items[0];
		expect(json.answers.ekycPro.face).toMatchObject({ samePerson: false });
		expect(json.answers.iluma.face).toMatchObject({ samePerson: true });
		expect(json.agreement).toBe(false);
		expect(json.disagreements).toContain('face.samePerson');
	});
});
