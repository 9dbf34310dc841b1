'use strict';
const { useSandbox, wideRunner, imageItem, images, scenarios, vendorCalls } = require('../helpers');

const state = useSandbox();
const run = wideRunner(state);
const { MARKERS, NIKS, WIDEKYC_TOKENS } = scenarios;
const recognize = { resource: 'idCard', operation: 'recognize' };
const liveness = { resource: 'liveness', operation: 'passive' };
const validate = (nik, extra = {}) => ({
	resource: 'idCard',
	operation: 'validate',
	nik,
	...extra,
});

describe('WideKYC ID Card → Recognize', () => {
	test('outputs the documented e-KTP data and the identity', async () => {
		const { items, error } = await run({ ...recognize, custRefNo: 'REF-42' }, [
			imageItem({ data: images.jpeg() }),
		]);
		expect(error).toBeUndefined();
		const { json } = items[0];
		expect(json.statusCode).toBe('SUCCESSFUL');
		expect(json.content.result.data.nik).toBe('3671121401010004');
		expect(json.content.result.ref_id).toBe('REF-42');
		expect(json.identity).toEqual({
			fullName: 'Yu Andi Chen',
			idNumber: '3671121401010004',
			dateOfBirth: '1977-03-25',
			gender: 'M',
			nationality: 'IDN',
		});
	});

	test('the customer reference defaults to a fresh unique id', async () => {
		const { items } = await run(recognize, [
			imageItem({ data: images.jpeg() }),
			imageItem({ data: images.jpeg() }),
		]);
		const [first, second] = items.map((item) => item.json.content.result.ref_id);
		expect(first).toMatch(/^[0-9a-f-]{36}$/);
		expect(first).not.toBe(second);
	});

	test('a PNG is accepted, a BMP is refused before sending', async () => {
		expect(
			(await run(recognize, [imageItem({ data: images.png() })])).items[0].json.statusCode,
		).toBe('SUCCESSFUL');
		const { error } = await run(recognize, [imageItem({ data: images.bmp() })]);
		expect(error.message).toBe('e-KTP Image: the file is BMP; WideKYC accepts JPEG, PNG');
		expect(vendorCalls(state, 'wideKyc')).toBe(1);
	});
});

describe('WideKYC Liveness → Passive Liveness', () => {
	test('live and spoofed selfies are both results', async () => {
		const live = await run(liveness, [imageItem({ data: images.jpeg() })]);
		expect(live.items[0].json.content.result.result).toBe('True');
		const spoof = await run(liveness, [
			imageItem({ data: images.jpeg({ marker: MARKERS.spoof }) }),
		]);
		expect(spoof.items[0].json.content.result.result).toBe('False');
	});
});

describe('WideKYC ID Card → Validate (Dukcapil)', () => {
	test('NIK with name, birth date, place, address and selfie', async () => {
		const params = validate(NIKS.registered, {
			additionalFields: {
				name: 'Budi Santoso',
				birthDate: '01-02-1990',
				birthPlace: 'Jakarta',
				address: 'Jl Selamet',
			},
			includeSelfie: true,
		});
		const { items, error } = await run(params, [imageItem({ selfie: images.jpeg() })]);
		expect(error).toBeUndefined();
		expect(items[0].json.content.result.data).toEqual({
			nik: true,
			full_name: true,
			birth_date: true,
			birth_place: true,
			address: true,
			selfie_photo: 10,
		});
	});

	test('an unknown person is a result with nik false', async () => {
		const { items } = await run(validate(NIKS.notFound));
		expect(items[0].json.content.result.data.nik).toBe(false);
	});

	test.each([
		['NIK not 16 digits', validate('123'), 'NIK: must be exactly 16 digits; got 3 digits'],
		[
			'birth date not DD-MM-YYYY',
			validate(NIKS.registered, { additionalFields: { birthDate: '1990-02-01' } }),
			'Birth Date: must be a date written DD-MM-YYYY, e.g. 31-01-1981',
		],
		[
			'birth date not in the calendar',
			validate(NIKS.registered, { additionalFields: { birthDate: '31-02-1990' } }),
			'Birth Date: is not a real calendar date (DD-MM-YYYY)',
		],
		// n8n itself refuses a literally empty required field; an expression can still resolve to ''.
		['NIK empty', validate('={{ $json.nik }}'), 'NIK: is required but empty'],
	])('%s is refused before sending', async (_name, params, message) => {
		const { error } = await run(params, [{ json: { nik: '' } }]);
		expect(error.message).toBe(message);
		expect(vendorCalls(state, 'wideKyc')).toBe(0);
	});

	test('the selfie is checked only when included', async () => {
		const { error } = await run(validate(NIKS.registered, { includeSelfie: true }));
		expect(error.message).toMatch(/^Selfie Image: the input item has no binary field "selfie"/);
	});
});

describe('WideKYC errors', () => {
	test.each([
		[
			WIDEKYC_TOKENS.quotaExceeded,
			'WideKYC ERROR: the subscription quota is used up ("Quota Exceeded") [HTTP 200]',
		],
		[
			WIDEKYC_TOKENS.inactive,
			'WideKYC ERROR: this product is not activated for the merchant account ("Product is not activated. Please Check Available Products in Manage Product Menu") [HTTP 200]',
		],
		[
			WIDEKYC_TOKENS.unapproved,
			'WideKYC ERROR: the finance administrator has not approved the product request yet ("Product is not activated yet by Admin") [HTTP 200]',
		],
	])('an HTTP 200 with statusCode ERROR is a failure (%s)', async (token, message) => {
		const { error } = await run(recognize, [imageItem({ data: images.jpeg() })], {
			credentials: { token },
		});
		expect(error.message).toBe(message);
		expect(vendorCalls(state, 'wideKyc')).toBe(1);
	});

	test('401 names the token problem without showing the token', async () => {
		const { error } = await run(recognize, [imageItem({ data: images.jpeg() })], {
			credentials: { token: 'secret-wrong-token' },
		});
		expect(error.message).toBe(
			'WideKYC HTTP 401: unauthorised: the token may not use WideKYC’s API [HTTP 401]',
		);
		expect(JSON.stringify(error)).not.toContain('secret-wrong-token');
	});

	test('404 points at the server URL', async () => {
		const { error } = await run(recognize, [imageItem({ data: images.jpeg() })], {
			credentials: { serverUrl: `${state.sandbox.url}/nowhere` },
		});
		expect(error.message).toBe('WideKYC HTTP 404: URL not available [HTTP 404]');
		expect(error.description).toBe('Check the Server URL in the WideKYC credential.');
	});

	test('500 is reported at once', async () => {
		const { error } = await run(liveness, [
			imageItem({ data: images.jpeg({ marker: MARKERS.serverError }) }),
		]);
		expect(error.message).toBe('WideKYC HTTP 500: internal server error at WideKYC [HTTP 500]');
		expect(vendorCalls(state, 'wideKyc')).toBe(1);
	});

	test('503 is retried (the call was refused), then reported', async () => {
		const { error } = await run({ ...liveness, options: { retries: 1 } }, [
			imageItem({ data: images.jpeg({ marker: MARKERS.unavailable }) }),
		]);
		expect(error.message).toBe(
			'WideKYC HTTP 503: service unavailable (maintenance or overload) [HTTP 503]',
		);
		expect(vendorCalls(state, 'wideKyc')).toBe(2);
	});

	test('504 is not retried: the billed call may have been processed', async () => {
		const { error } = await run(liveness, [
			imageItem({ data: images.jpeg({ marker: MARKERS.gatewayTimeout }) }),
		]);
		expect(error.message).toMatch(
			/^WideKYC HTTP 504: gateway time-out.*may have been processed and billed, so it was not sent again \[HTTP 504\]$/,
		);
		expect(vendorCalls(state, 'wideKyc')).toBe(1);
	});

	test('a server URL is required', async () => {
		const { error } = await run(recognize, [imageItem({ data: images.jpeg() })], {
			credentials: { serverUrl: '' },
		});
		expect(error.message).toBe('Server URL in the WideKYC credential: is empty');
	});
});
