'use strict';
const { useSandbox, ekycRunner, imageItem, images, scenarios, vendorCalls } = require('../helpers');

const state = useSandbox();
const run = ekycRunner(state);
const ocr = (document = 'pe') => ({ resource: 'idCard', operation: 'recognize', document });
const { MARKERS, NIKS } = scenarios;

describe('ekycpro ID Card → Recognize', () => {
	test('Peru: outputs the documented response and the normalised identity', async () => {
		const { items, error } = await run(ocr('pe'), [imageItem({ data: images.jpeg() })]);
		expect(error).toBeUndefined();
		expect(items).toHaveLength(1);
		expect(items[0].json.status).toBe('OK');
		expect(items[0].json.message.CardNumber).toBe('41701152');
		expect(items[0].json.identity).toEqual({
			fullName: 'ALFREDO ALBERTO FRANCIA BAUTISTA',
			givenNames: 'ALFREDO ALBERTO',
			surname: 'FRANCIA BAUTISTA',
			idNumber: '41701152',
			dateOfBirth: '1982-01-31',
			gender: 'M',
			nationality: 'PER',
			issueDate: '2021-01-27',
			expiryDate: '2022-02-18',
		});
		expect(items[0].pairedItem).toEqual({ item: 0 });
		expect(items[0].binary.data).toBeDefined();
	});

	const documents = [
		'bd',
		'co',
		'gh',
		'in_back',
		'id',
		'my',
		'mx',
		'pk',
		'ph_dl',
		'ph_tin',
		'ph_umid',
		'ph_voter',
		'ro',
		'th_dl',
		'th',
	];
	test.each(documents)(
		'%s: reaches its endpoint and yields an identity with an ID number',
		async (document) => {
			// The same Thai endpoint reads both cards; the sandbox answers the licence for this marker.
			const marker = document === 'th_dl' ? MARKERS.driverLicense : undefined;
			const { items, error } = await run(ocr(document), [
				imageItem({ data: images.png({ marker }) }),
			]);
			expect(error).toBeUndefined();
			expect(items[0].json.status).toBe('OK');
			expect(typeof items[0].json.identity.idNumber).toBe('string');
		},
	);

	test('Indonesia KTP: NIK, dates and gender are normalised', async () => {
		const { items } = await run(ocr('id'), [imageItem({ data: images.jpeg() })]);
		const { identity } = items[0].json;
		expect(identity.idNumber).toBe(NIKS.registered);
		expect(identity.dateOfBirth).toMatch(/^\d{4}-\d{2}-\d{2}$/);
		expect(['M', 'F']).toContain(identity.gender);
	});

	test.each([
		[MARKERS.recognitionFail, 'FAIL', /could not be recognised.*billed\]/],
		[MARKERS.notIdentityCard, 'FAIL', /not an identity card.*\[HTTP 200, billed\]/],
		[MARKERS.cardNotRecognized, 'FAIL', /card type was not recognised.*billed\]/],
	])('FAIL "%s" is a billed error that says which', async (marker, code, pattern) => {
		const { error } = await run(ocr('pe'), [imageItem({ data: images.jpeg({ marker }) })]);
		expect(error.message).toMatch(new RegExp(`^ekycpro ${code}: `));
		expect(error.message).toMatch(pattern);
		expect(error.context.itemIndex).toBe(0);
	});

	test('INNER_ERROR is free and retried, then reported', async () => {
		const params = { ...ocr('pe'), options: { retries: 1 } };
		const { error } = await run(params, [
			imageItem({ data: images.jpeg({ marker: MARKERS.innerError }) }),
		]);
		expect(error.message).toBe(
			'ekycpro INNER_ERROR: ekycpro server error; retry later ("Inner error, please retry later") [HTTP 200, not billed]',
		);
		expect(vendorCalls(state, 'ekycpro')).toBe(2);
	});

	test('ekycpro-side IMAGE_INVALID_SIZE, IMAGE_INVALID_FORMAT and INVALID_REQUEST map to free errors', async () => {
		// Local checks stop these before sending, so provoke them at the vendor with a fault body.
		for (const [status, text] of [
			['IMAGE_INVALID_SIZE', 'image larger than 2 MB'],
			['IMAGE_INVALID_FORMAT', 'image format not supported'],
			['INVALID_REQUEST', 'invalid request parameters'],
		]) {
			state.sandbox.injectFault({ vendor: 'ekycpro', status: 200, body: { status, message: 'x' } });
			const { error } = await run(ocr('pe'), [imageItem({ data: images.jpeg() })]);
			expect(error.message).toContain(`ekycpro ${status}: ${text}`);
			expect(error.message).toContain('not billed');
		}
	});
});

describe('ekycpro bad input is refused before sending', () => {
	test.each([
		[
			'a missing binary field, listing the fields the item has',
			() => imageItem({ selfie: images.jpeg() }),
			/ID Card Image: the input item has no binary field "data"; its binary fields are: selfie/,
		],
		[
			'an empty file',
			() => imageItem({ data: Buffer.alloc(0) }),
			/ID Card Image: the file is empty/,
		],
		[
			'a file over 2 MB',
			() => imageItem({ data: images.jpeg({ padTo: 2 * 1024 * 1024 + 1 }) }),
			/the file is 2\.00 MB \(2,097,153 bytes\); ekycpro accepts at most 2\.00 MB \(2,097,152 bytes\)/,
		],
		[
			'not an image',
			() => imageItem({ data: Buffer.from('hello, not an image at all') }),
			/no known image format; accepted: JPEG, PNG, BMP/,
		],
		[
			'a format ekycpro refuses',
			() => imageItem({ data: images.gif() }),
			/the file is GIF; ekycpro accepts JPEG, PNG, BMP/,
		],
		[
			'no binary data at all',
			() => ({ json: {} }),
			/has no binary field "data"; it has no binary data/,
		],
	])('%s', async (_name, makeItem, pattern) => {
		const { error } = await run(ocr('pe'), [makeItem()]);
		expect(error.message).toMatch(pattern);
		expect(error.description).toMatch(/Nothing was sent/);
		expect(vendorCalls(state, 'ekycpro')).toBe(0);
	});

	test('base64 input: bad base64 and a data URL', async () => {
		const bad = await run({ ...ocr('pe'), imageSource: 'base64', imageBase64: 'not*base64!' });
		expect(bad.error.message).toBe('ID Card Image: is not valid base64');
		const good = await run({
			...ocr('pe'),
			imageSource: 'base64',
			imageBase64: `data:image/png;base64,${images.png().toString('base64')}`,
		});
		expect(good.items[0].json.status).toBe('OK');
		expect(vendorCalls(state, 'ekycpro')).toBe(1);
	});

	test('a base URL that is not http(s)', async () => {
		const { error } = await run(ocr('pe'), [imageItem({ data: images.jpeg() })], {
			credentials: { baseUrl: 'ftp://example.com' },
		});
		expect(error.message).toBe('Base URL in the ekycpro credential: must use https://, not ftp://');
	});

	test('NIK not 16 digits; the value never appears in the message', async () => {
		const { error } = await run({
			resource: 'identity',
			operation: 'check',
			nik: '32010000000000',
		});
		expect(error.message).toBe('NIK: must be exactly 16 digits; got 14 digits');
		const letters = await run({
			resource: 'identity',
			operation: 'check',
			nik: '32010000000000AB',
		});
		expect(letters.error.message).toBe(
			'NIK: must be exactly 16 digits; got 16 characters, 2 of them not digits',
		);
		expect(letters.error.message).not.toContain('3201');
		expect(vendorCalls(state, 'ekycpro')).toBe(0);
	});
});

describe('ekycpro Face → Compare', () => {
	const compare = { resource: 'face', operation: 'compare' };
	const pair = (first, second) => imageItem({ data: first, selfie: second });

	test('same person', async () => {
		const { items } = await run(compare, [pair(images.jpeg(), images.png())]);
		expect(items[0].json).toEqual({
			audit: expect.any(Array),
			status: 'OK',
			message: { similarity: 92.5, result: 'SAME PERSON' },
		});
	});

	test.each([
		[MARKERS.faceUnsure, 'NOT SURE'],
		[MARKERS.faceDifferent, 'NOT SAME PERSON'],
	])('%s is a result, not an error', async (marker, result) => {
		const { items } = await run(compare, [pair(images.jpeg({ marker }), images.jpeg())]);
		expect(items[0].json.message.result).toBe(result);
	});

	test('RETRY_LATER (no face) is a billed error and is not retried', async () => {
		const { error } = await run(compare, [
			pair(images.jpeg({ marker: MARKERS.noFace }), images.jpeg()),
		]);
		expect(error.message).toBe(
			'ekycpro RETRY_LATER: no face was detected in an image ("image detect face fail") [HTTP 200, billed]',
		);
		expect(vendorCalls(state, 'ekycpro')).toBe(1);
	});

	test('the second image has its own binary field', async () => {
		const { error } = await run(compare, [imageItem({ data: images.jpeg() })]);
		expect(error.message).toMatch(/^Second Image: the input item has no binary field "selfie"/);
	});
});

describe('ekycpro Liveness → Detect', () => {
	const detect = { resource: 'liveness', operation: 'detect', country: 'ID' };

	test('live person with details', async () => {
		const { items } = await run(detect, [imageItem({ data: images.jpeg() })]);
		expect(items[0].json.message).toEqual({
			live_score: 0.98,
			is_liveness: true,
			reason: 'success',
		});
	});

	test.each([
		MARKERS.multipleFaces,
		MARKERS.noLivenessFace,
		MARKERS.eyesClosed,
		MARKERS.ageDissatisfaction,
	])('%s gives is_liveness false and the reason', async (marker) => {
		const { items } = await run(detect, [imageItem({ data: images.jpeg({ marker }) })]);
		expect(items[0].json.message.is_liveness).toBe(false);
		expect(items[0].json.message.reason).toBe(marker.replace(/-/g, ' '));
	});

	test('without details only the score', async () => {
		const { items } = await run({ ...detect, detail: false }, [imageItem({ data: images.jpeg() })]);
		expect(items[0].json.message).toEqual({ live_score: 0.98 });
	});
});

describe('ekycpro Identity → Check Indonesian Identity', () => {
	const check = (nik, name = '') => ({ resource: 'identity', operation: 'check', nik, name });

	test('OK and NOT are results with nameMatches', async () => {
		const ok = await run(check(NIKS.registered, 'budi santoso'));
		expect(ok.items[0].json).toEqual({
			audit: expect.any(Array),
			status: 'OK',
			message: { score: 0.97 },
			nameMatches: true,
		});
		const not = await run(check(NIKS.registered, 'SOMEONE ELSE'));
		expect(not.items[0].json.status).toBe('NOT');
		expect(not.items[0].json.nameMatches).toBe(false);
	});

	test('a Callback URL that is not http(s) fails before any call', async () => {
		const { error } = await run({ ...check(NIKS.registered), callback: 'ftp://example.com/x' });
		expect(error.message).toBe('Callback URL: must be a URL starting with https:// or http://');
		expect(vendorCalls(state, 'ekycpro')).toBe(0);
	});

	test('PERSON_NOT_FOUND is a free error', async () => {
		const { error } = await run(check(NIKS.notFound));
		expect(error.message).toMatch(
			/^ekycpro PERSON_NOT_FOUND: no person with this NIK in the population registry.*not billed\]$/,
		);
	});

	test('RETRY_LATER is free, retried, then reported', async () => {
		const { error } = await run({ ...check(NIKS.retryLater), options: { retries: 2 } });
		expect(error.message).toMatch(/^ekycpro RETRY_LATER: the registry could not answer now/);
		expect(vendorCalls(state, 'ekycpro')).toBe(3);
	});

	test('INVALID_ID_NUMBER from ekycpro maps to a free error', async () => {
		state.sandbox.injectFault({
			vendor: 'ekycpro',
			status: 200,
			body: { status: 'INVALID_ID_NUMBER', message: 'invalid id' },
		});
		const { error } = await run(check(NIKS.registered));
		expect(error.message).toMatch(
			/^ekycpro INVALID_ID_NUMBER: the NIK is not a valid ID number.*not billed\]$/,
		);
	});
});

describe('ekycpro Account → Get Balance and credentials', () => {
	test('balance', async () => {
		const { items } = await run({ resource: 'account', operation: 'getBalance' });
		expect(items[0].json).toEqual({ balance: 100, audit: expect.any(Array) });
	});

	test('a wrong key is a clear 401 that shows no key', async () => {
		const { error } = await run({ resource: 'account', operation: 'getBalance' }, undefined, {
			credentials: { apiKey: 'wrong-key-123' },
		});
		expect(error.message).toBe(
			'ekycpro HTTP 401: ekycpro rejected the API key [HTTP 401, not billed]',
		);
		expect(JSON.stringify(error)).not.toContain('wrong-key-123');
		expect(JSON.stringify(error)).not.toContain(scenarios.EKYCPRO_API_KEY);
	});
});
