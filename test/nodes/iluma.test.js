'use strict';
const { useSandbox, ilumaRunner, imageItem, images, vendorCalls } = require('../helpers');

const state = useSandbox();
const run = ilumaRunner(state);
const control = (action, body) => state.sandbox.vendorControl('iluma', action, body);
const calls = () => vendorCalls(state, 'iluma');
const callsTo = (pattern) =>
	state.sandbox.requests.filter((r) => r.vendor === 'iluma' && pattern.test(r.path));

// Jobs finish 300 ms after they are created, so that waiting tests stay short.
beforeEach(() => control('configure', { completeAfterMs: 300 }));

const bank = (extra = {}) => ({
	resource: 'bankAccount',
	operation: 'validateName',
	bankAccountNumber: '1234567890',
	bankCode: 'BCA',
	referenceId: 'applicant-1',
	...extra,
});
const magic = (value, options = {}) => ({ options: { ...options, magicReply: value } });
const photo = (options = {}) =>
	images.jpeg({ width: 600, height: 600, padTo: 150 * 1024, ...options });

describe('Iluma Bank Account → Validate Name', () => {
	test('v1.1 waits for the result: COMPLETED, holder name, few reads', async () => {
		const { items, error } = await run(bank());
		expect(error).toBeUndefined();
		expect(items).toHaveLength(1);
		const { json } = items[0];
		expect(json.status).toBe('COMPLETED');
		expect(json.id).toMatch(/^bknv_/);
		expect(json.reference_id).toBe('applicant-1');
		expect(json.result).toEqual(
			expect.objectContaining({ is_found: true, account_holder_name: 'FIRA DIYANKA' }),
		);
		const reads = callsTo(/^\/iluma\/v1\.1\/identity\/bank_account_data_requests\/bknv_/);
		expect(reads.length).toBeGreaterThanOrEqual(1);
		expect(reads.length).toBeLessThanOrEqual(3);
	});

	test('without waiting it outputs the PENDING request; Get Validation then waits for it', async () => {
		const first = await run(bank({ waitForResult: false, bankAccountNumber: '1234567891' }));
		expect(first.items[0].json.status).toBe('PENDING');
		const id = first.items[0].json.id;
		const second = await run({
			resource: 'bankAccount',
			operation: 'getValidation',
			id,
			waitForResult: true,
		});
		expect(second.error).toBeUndefined();
		expect(second.items[0].json.status).toBe('COMPLETED');
		expect(second.items[0].json.id).toBe(id);
	});

	test('v1: SUCCESS with bank_account_holder_name, from the v1 endpoint', async () => {
		const { items } = await run(bank({ apiVersion: 'v1' }));
		expect(items[0].json.status).toBe('SUCCESS');
		expect(items[0].json.bank_account_holder_name).toBe('FIRA DIYANKA');
		expect(callsTo(/^\/iluma\/v1\/identity\/bank_account_data_requests$/)).toHaveLength(1);
	});

	test('an account that does not exist is a result, not an error (v1.1 and v1)', async () => {
		const v11 = await run(bank({ bankAccountNumber: '0000000000' }));
		expect(v11.error).toBeUndefined();
		expect(v11.items[0].json.result).toEqual({ is_found: false });

		const v1 = await run(bank({ bankAccountNumber: '0000000000', apiVersion: 'v1' }));
		expect(v1.error).toBeUndefined();
		expect(v1.items[0].json.status).toBe('FAILED');
		expect(v1.items[0].json.failure_reason).toBe('BANK_ACCOUNT_NOT_FOUND_ERROR');
		expect(v1.items[0].json.failure_description).toBe('the bank has no account with this number');
	});

	test('TEMPORARY_NETWORK_ERROR is an error that says Iluma does not charge it', async () => {
		const { error } = await run(bank({ bankAccountNumber: '9999999999' }));
		expect(error.message).toMatch(
			/^Iluma FAILED TEMPORARY_NETWORK_ERROR: a temporary network error/,
		);
		expect(error.message).toMatch(/not billed/);
		expect(error.description).toMatch(/run the item again later/);
		expect(error.message).not.toContain('9999999999');
	});

	test('Magic Reply sends x-magic-reply: COMPLETED_NOT_FOUND simulates a missing account', async () => {
		const { items, error } = await run({ ...bank(), ...magic('COMPLETED_NOT_FOUND') });
		expect(error).toBeUndefined();
		expect(items[0].json.status).toBe('COMPLETED');
		expect(items[0].json.result.is_found).toBe(false);
	});

	test('a deferred magic reply is waited for like a real job', async () => {
		await control('configure', { deferMagicReplies: true });
		const { items, error } = await run({
			...bank({ bankAccountNumber: '1234567892' }),
			...magic('COMPLETED_NOT_FOUND'),
		});
		expect(error).toBeUndefined();
		expect(items[0].json.status).toBe('COMPLETED');
		expect(items[0].json.result.is_found).toBe(false);
		expect(callsTo(/bank_account_data_requests\/bknv_/).length).toBeGreaterThanOrEqual(1);
	});

	test('time-out: the item fails with the last state and the request id', async () => {
		const started = Date.now();
		const { error } = await run({ ...bank({ waitTimeout: 1 }), ...magic('PENDING') });
		expect(Date.now() - started).toBeLessThan(5000);
		expect(error.message).toMatch(/^Iluma PENDING: no result after waiting 1 s \(\d+ checks\)/);
		expect(error.message).toMatch(/request bknv_/);
		expect(error.description).toMatch(/Get operation and the request ID/);
	});

	test('time-out with Continue On Fail: the item carries the pending request and its id', async () => {
		const { items } = await run({ ...bank({ waitTimeout: 1 }), ...magic('PENDING') }, undefined, {
			onError: 'continueRegularOutput',
		});
		expect(items).toHaveLength(1);
		expect(items[0].json.status).toBe('PENDING');
		expect(items[0].json.id).toMatch(/^bknv_/);
		expect(items[0].json.error).toMatch(/no result after waiting 1 s/);
	});

	test('cancelling the execution stops the wait at once', async () => {
		const started = Date.now();
		const result = await run({ ...bank({ waitTimeout: 60 }), ...magic('PENDING') }, undefined, {
			cancelAfterMs: 800,
		});
		expect(Date.now() - started).toBeLessThan(20_000); // the wait would last 60 s
		expect(result.items).toHaveLength(0);
	});

	test.each([
		['12345abc90', /Bank Account Number: must contain digits only/],
		['={{ "" }}', /Bank Account Number: is required/],
	])('bank account number %j fails before any call', async (number, pattern) => {
		const { error } = await run(bank({ bankAccountNumber: number }));
		expect(error.message).toMatch(pattern);
		expect(calls()).toBe(0);
	});

	test('a bank code Iluma does not support is named', async () => {
		const { error } = await run(bank({ bankCode: 'NOSUCHBANK' }));
		expect(error.message).toMatch(
			/^Iluma UNSUPPORTED_BANK_CODE_ERROR: Iluma does not support this bank code/,
		);
		expect(error.message).toMatch(/HTTP 400, not billed/);
	});

	test('a wrong API key is INVALID_API_KEY, and the key is not in the message', async () => {
		const { error } = await run(bank(), undefined, {
			credentials: { apiKey: 'iluma_development_wrong_key' },
		});
		expect(error.message).toMatch(/^Iluma INVALID_API_KEY: the API key is invalid/);
		expect(JSON.stringify(error)).not.toContain('iluma_development_wrong_key');
	});

	test('Privacy masks the account number', async () => {
		const { items } = await run(bank({ options: { privacy: true } }));
		expect(items[0].json.bank_account_number).toBe('******7890');
		expect(items[0].json.result.account_holder_name).toBe('FIRA DIYANKA');
	});

	test('a 503 is retried and then answered', async () => {
		state.sandbox.injectFault({ vendor: 'iluma', status: 503, count: 1 });
		const { items, error } = await run(bank({ waitForResult: false }));
		expect(error).toBeUndefined();
		expect(items[0].json.status).toBe('PENDING');
	});
});

describe('Iluma KTP → Validate Name', () => {
	const ktp = (nik, name = 'FIRA DIYANKA', extra = {}) => ({
		resource: 'ktp',
		operation: 'validateName',
		nik,
		name,
		...extra,
	});

	test('FOUND with a matching name', async () => {
		const { items } = await run(ktp('1234567890123456'));
		expect(items[0].json).toEqual(
			expect.objectContaining({ status: 'FOUND', found: true, nameMatches: true }),
		);
	});

	test('a different name and an unknown NIK are results', async () => {
		const other = await run(ktp('1234567890123456', 'SOMEONE ELSE'));
		expect(other.items[0].json.nameMatches).toBe(false);
		const missing = await run(ktp('3201000000000002'));
		expect(missing.error).toBeUndefined();
		expect(missing.items[0].json.status).toBe('NOT_FOUND');
		expect(missing.items[0].json.found).toBe(false);
	});

	test('a NIK that is not 16 digits fails before any call, without echoing it', async () => {
		const { error } = await run(ktp('12345678901234'));
		expect(error.message).toBe('NIK: must be exactly 16 digits; got 14 digits');
		expect(calls()).toBe(0);
	});

	test('RATE_LIMIT_EXCEEDED (HTTP 400 here) is waited out for the Rate-Limit Wait, then reported', async () => {
		const { error } = await run({
			...ktp('1234567890123456'),
			options: { magicReply: 'RATE_LIMIT_EXCEEDED', retries: 1, rateLimitWait: 0 },
		});
		expect(error.message).toMatch(
			/^Iluma RATE_LIMIT_EXCEEDED: rate limit reached; .*Rate-Limit Wait/,
		);
		expect(calls()).toBe(1);
	});

	test('a development key without live rights gets INVALID_API_KEY with the live-key hint', async () => {
		const { error } = await run(ktp('1234567890123456'), undefined, {
			credentials: { apiKey: state.sandbox.keys.iluma.notLiveApiKey },
		});
		expect(error.message).toMatch(/^Iluma INVALID_API_KEY/);
		expect(error.description).toMatch(/live key/);
	});
});

describe('Iluma Identity → Verify ID Card', () => {
	const verify = (extra = {}) => ({
		resource: 'identity',
		operation: 'verifyIdCard',
		name: 'penito kristian',
		idCardNumber: '3275031210930027',
		birthdate: '12-10-1991',
		additionalFields: { phone: '081234567890', email: 'test@test.com' },
		...extra,
	});
	const item = (selfie = photo(), ktp = photo()) => [imageItem({ selfie, ktp })];

	test('verified: COMPLETED, is_verified true', async () => {
		const { items, error } = await run(verify(), item());
		expect(error).toBeUndefined();
		expect(items[0].json.status).toBe('COMPLETED');
		expect(items[0].json.is_verified).toBe(true);
		expect(items[0].json.id).toMatch(/^idvr_/);
	});

	test('not verified is a result with the reason in words', async () => {
		const { items, error } = await run(
			verify({ name: 'someone else', birthdate: '01-01-1990' }),
			item(),
		);
		expect(error).toBeUndefined();
		expect(items[0].json.is_verified).toBe(false);
		expect(items[0].json.failure_reason).toBe('Full Name Not Match & DOB Not Match');
		expect(items[0].json.failure_description).toBe(
			'the name and the date of birth do not match the Dukcapil record',
		);
	});

	test('a selfie that does not match, by marker', async () => {
		const { items } = await run(verify(), item(photo({ marker: 'selfie-not-match' })));
		expect(items[0].json.failure_description).toMatch(/selfie does not match.*below 30/);
	});

	test('TEMPORARY_NETWORK_ERROR (magic reply) is an error, not billed', async () => {
		const { error } = await run({ ...verify(), ...magic('TEMPORARY_NETWORK_ERROR') }, item());
		expect(error.message).toMatch(/^Iluma FAILED TEMPORARY_NETWORK_ERROR: .*not billed/);
	});

	test.each([
		['name of 1 character', { name: 'A' }, /^Name: must be 2 to 100 characters long; got 1$/],
		['name of 101 characters', { name: 'A'.repeat(101) }, /Name: must be 2 to 100/],
		[
			'birth date in ISO',
			{ birthdate: '1991-10-12' },
			/Birth Date: must be a date written DD-MM-YYYY/,
		],
		[
			'impossible birth date',
			{ birthdate: '31-02-1991' },
			/Birth Date: is not a real calendar date/,
		],
		[
			'NIK of 15 digits',
			{ idCardNumber: '327503121093002' },
			/ID Card Number \(NIK\): must be exactly 16 digits/,
		],
		[
			'phone without +62/08',
			{ additionalFields: { phone: '6281234567890' } },
			/Phone: must be an Indonesian number written \+62… or 08…/,
		],
		[
			'invalid email',
			{ additionalFields: { email: 'not-an-email' } },
			/Email: is not a valid email/,
		],
	])('%s fails before any call', async (_name, change, pattern) => {
		const { error } = await run(verify(change), item());
		expect(error.message).toMatch(pattern);
		expect(calls()).toBe(0);
	});

	test.each([
		[
			'a selfie under 100 KB',
			images.jpeg({ width: 600, height: 600 }),
			/Selfie: the file is 1\.5 KB .*; Iluma needs at least 100\.0 KB \(102,400 bytes\)/,
		],
		[
			'a selfie under 500×500 px',
			photo({ width: 499, height: 600 }),
			/Selfie: the image is 499×600 px; Iluma needs at least 500×500 px/,
		],
		[
			'a selfie over 2 MB',
			photo({ padTo: 2 * 1024 * 1024 + 1 }),
			/Selfie: the file is 2.00 MB .*at most 2.00 MB/,
		],
		[
			'a BMP selfie',
			images.bmp({ width: 600, height: 600 }),
			/Selfie: the file is BMP; Iluma accepts JPEG, PNG/,
		],
	])('%s fails before any call', async (_name, selfie, pattern) => {
		const { error } = await run(verify(), item(selfie));
		expect(error.message).toMatch(pattern);
		expect(calls()).toBe(0);
	});
});

describe('Iluma ID Card OCR', () => {
	const extract = (cardType = 'indonesia_ktp', extra = {}) => ({
		resource: 'idCardOcr',
		operation: 'extract',
		cardType,
		referenceId: 'applicant-ocr',
		...extra,
	});

	test('KTP: waits for COMPLETED and gives the identity (birth place split, ISO dates)', async () => {
		const { items, error } = await run(extract(), [imageItem({ data: images.jpeg() })]);
		expect(error).toBeUndefined();
		expect(items[0].json.status).toBe('COMPLETED');
		expect(items[0].json.data.birthPlaceBirthday).toBe('JAKARTA,17-10-1975');
		expect(items[0].json.identity).toEqual({
			fullName: 'FIRA DIYANKA',
			idNumber: '1234567890123456',
			dateOfBirth: '1975-10-17',
			placeOfBirth: 'JAKARTA',
			gender: 'M',
			nationality: 'WNI',
			expiryDate: '2016-08-12',
		});
	});

	test('passport: names, timestamps read as dates', async () => {
		const { items } = await run(extract('passport'), [imageItem({ data: images.png() })]);
		expect(items[0].json.identity).toEqual(
			expect.objectContaining({
				fullName: 'HAPPY TRAVELER',
				givenNames: 'HAPPY',
				surname: 'TRAVELER',
				idNumber: 'E00007734',
				dateOfBirth: '1965-02-05',
				gender: 'F',
				expiryDate: '2030-10-14',
			}),
		);
	});

	test('NPWP card: name and NPWP number', async () => {
		const { items } = await run(extract('npwp_card'), [imageItem({ data: images.bmp() })]);
		expect(items[0].json.identity).toEqual({
			fullName: 'FIRA DIYANKA',
			idNumber: '123456789123000',
		});
	});

	test('unreadable card: COMPLETED with empty data and no identity', async () => {
		const { items, error } = await run(extract(), [
			imageItem({ data: images.jpeg({ marker: 'ocr-unreadable' }) }),
		]);
		expect(error).toBeUndefined();
		expect(items[0].json.data).toEqual({});
		expect(items[0].json.identity).toBeUndefined();
	});

	test('FAILED IMAGE_RECOGNIZE_ERROR is an error in words', async () => {
		const { error } = await run(extract(), [
			imageItem({ data: images.jpeg({ marker: 'ocr-failed' }) }),
		]);
		expect(error.message).toMatch(
			/^Iluma FAILED IMAGE_RECOGNIZE_ERROR: the document in the image could not be read/,
		);
	});

	test.each([
		['a GIF', images.gif(), /ID Card Image: the file is GIF; Iluma accepts JPEG, PNG, BMP/],
		['a PDF', images.pdf(), /the file is PDF/],
		['a file over 2 MB', images.jpeg({ padTo: 2 * 1024 * 1024 + 1 }), /at most 2.00 MB/],
		[
			'an image over 4096 px',
			images.png({ width: 4097, height: 100 }),
			/4097×100 px; Iluma accepts at most 4096×4096 px/,
		],
		['an empty file', Buffer.alloc(0), /the file is empty/],
	])('%s fails before any call', async (_name, data, pattern) => {
		const { error } = await run(extract(), [imageItem({ data })]);
		expect(error.message).toMatch(pattern);
		expect(calls()).toBe(0);
	});

	test('Get by id, and a missing id fails before any call', async () => {
		const created = await run(extract('indonesia_ktp', { waitForResult: false }), [
			imageItem({ data: images.jpeg() }),
		]);
		const id = created.items[0].json.id;
		await control('completeAll', {});
		const { items } = await run({ resource: 'idCardOcr', operation: 'get', id });
		expect(items[0].json.status).toBe('COMPLETED');
		expect(items[0].json.identity.idNumber).toBe('1234567890123456');

		const before = calls();
		const missing = await run({ resource: 'idCardOcr', operation: 'get', id: '  ' });
		expect(missing.error.message).toBe('ID: is required but empty');
		expect(calls()).toBe(before);
	});

	test('Get Many follows has_more/after_id over several pages', async () => {
		await control('seed', { product: 'id_card_ocr', reference_id: 'batch-7', count: 120 });
		const all = await run({
			resource: 'idCardOcr',
			operation: 'getMany',
			referenceId: 'batch-7',
			returnAll: true,
		});
		expect(all.error).toBeUndefined();
		expect(all.items).toHaveLength(120);
		expect(new Set(all.items.map((i) => i.json.id)).size).toBe(120);
		expect(all.items.every((i) => i.json.reference_id === 'batch-7')).toBe(true);
		expect(all.items[0].json.identity).toBeDefined();
		expect(all.items.every((i) => i.pairedItem.item === 0)).toBe(true);
		expect(callsTo(/^\/iluma\/v1\/identity\/id_card_images$/)).toHaveLength(3);

		state.sandbox.requests.length = 0;
		const some = await run({
			resource: 'idCardOcr',
			operation: 'getMany',
			referenceId: 'batch-7',
			limit: 70,
		});
		expect(some.items).toHaveLength(70);
		expect(some.items.map((i) => i.json.id)).toEqual(all.items.slice(0, 70).map((i) => i.json.id));
		expect(callsTo(/^\/iluma\/v1\/identity\/id_card_images$/)).toHaveLength(2);
	});

	test('Get Many for an unknown reference outputs nothing', async () => {
		const { items, error } = await run({
			resource: 'idCardOcr',
			operation: 'getMany',
			referenceId: 'nobody',
			returnAll: true,
		});
		expect(error).toBeUndefined();
		expect(items).toHaveLength(0);
	});
});

describe('Iluma option values set by expressions', () => {
	test.each([
		[
			{ resource: 'idCardOcr', operation: 'extract', cardType: '={{ "ktp" }}' },
			'Card Type: "ktp" is not one of indonesia_ktp, npwp_card, passport',
		],
		[
			{
				resource: 'bankAccount',
				operation: 'getValidation',
				apiVersion: '={{ "v2" }}',
				id: 'bknv_1',
			},
			'API Version: "v2" is not one of v1.1, v1',
		],
		[
			{
				resource: 'businessDocument',
				operation: 'extract',
				referenceId: 'r1',
				documentName: '={{ "AKTA" }}',
			},
			'Document Name: "AKTA" is not one of SK_MENKEH',
		],
		[
			{ resource: 'idCardOcr', operation: 'getMany', referenceId: 'r1', limit: '={{ 2.5 }}' },
			'Limit: must be a whole number of at least 1',
		],
	])('%o fails before any call', async (parameters, message) => {
		const { error } = await run(parameters, [imageItem({ data: images.jpeg() })]);
		expect(error.message).toBe(message);
		expect(calls()).toBe(0);
	});
});

describe('Iluma Face → Compare', () => {
	const compare = { resource: 'face', operation: 'compare' };

	test('match_percentage for two photos', async () => {
		const { items, error } = await run(compare, [
			imageItem({ selfie: images.jpeg(), ktp: images.png() }),
		]);
		expect(error).toBeUndefined();
		expect(items[0].json).toEqual(
			expect.objectContaining({ status: 'COMPLETED', match_percentage: 97.5 }),
		);
	});

	test('no face is an error in words', async () => {
		const { error } = await run(compare, [
			imageItem({ selfie: images.jpeg({ marker: 'no-face' }), ktp: images.png() }),
		]);
		expect(error.message).toMatch(
			/^Iluma FAILED: no face was found in one of the images \("No face detected in image"\) \[HTTP 200, request [0-9a-f]{24}\]$/,
		);
	});

	test('a WebP image fails before any call', async () => {
		const { error } = await run(compare, [imageItem({ selfie: images.webp(), ktp: images.png() })]);
		expect(error.message).toMatch(/First Image: the file is WebP; Iluma accepts JPEG, PNG, BMP/);
		expect(calls()).toBe(0);
	});
});

describe('Iluma CFT Watchlist → Screen Individual', () => {
	const screen = (givenName, surname, extra = {}) => ({
		resource: 'cft',
		operation: 'screenIndividual',
		givenName,
		surname,
		...extra,
	});

	test('the seed example: two potential matches', async () => {
		const { items } = await run(screen('Abdul', 'Aziz'));
		expect(items).toHaveLength(1);
		expect(items[0].json.request_name).toBe('Abdul Aziz');
		expect(items[0].json.matchCount).toBe(2);
		expect(items[0].json.hasMatches).toBe(true);
		expect(items[0].json.results.map((r) => r.pid)).toEqual(['dttot_77', 'dttot_138']);
	});

	test('one item per match, each paired with its input', async () => {
		const { items } = await run(screen('Abdul', 'Aziz', { splitMatches: true }));
		expect(items).toHaveLength(2);
		expect(items.map((i) => i.json.pid)).toEqual(['dttot_77', 'dttot_138']);
		expect(items[0].json.screeningId).toEqual(expect.any(String));
		expect(items.every((i) => i.pairedItem.item === 0)).toBe(true);
	});

	test('no match: one item with matchCount 0, also when splitting', async () => {
		const { items } = await run(screen('Budi', 'Santoso', { splitMatches: true }));
		expect(items).toHaveLength(1);
		expect(items[0].json.matchCount).toBe(0);
		expect(items[0].json.hasMatches).toBe(false);
	});

	test('an empty given name fails before any call', async () => {
		const { error } = await run(screen('={{ "" }}', 'Aziz'));
		expect(error.message).toBe('Given Name: is required but empty');
		expect(calls()).toBe(0);
	});
});

describe('Iluma Business Document OCR', () => {
	const extract = (extra = {}) => ({
		resource: 'businessDocument',
		operation: 'extract',
		documentSource: 'binary',
		documentBinaryField: 'data',
		referenceId: 'company-1',
		...extra,
	});

	test('a PDF: waits for COMPLETED; Simplify gives fields with their confidences', async () => {
		const { items, error } = await run(extract({ simplify: true }), [
			imageItem({ data: images.pdf() }),
		]);
		expect(error).toBeUndefined();
		const { json } = items[0];
		expect(json.status).toBe('COMPLETED');
		expect(json.id).toMatch(/^ocr-/);
		expect(json.fields.legal_entity_name).toBe('PT DIGITAL VISION PUBLISHING');
		expect(json.fields.director_names).toEqual([
			'MATTHEW DAVID ROSA',
			'TIKA OSBOND SIRAIT',
			'SIVA SAJAN BHUPATHI RAJU',
		]);
		expect(json.confidence.sk_menkeh_number).toBeCloseTo(79.09, 1);
		expect(json.confidence.director_names).toHaveLength(3);
		expect(json.result.pages).toBe(1);
		expect(json.result.data).toBeUndefined();
	});

	test('without Simplify the documented result is kept whole', async () => {
		const { items } = await run(extract(), [imageItem({ data: images.jpeg() })]);
		expect(items[0].json.result.data.find((d) => d.name === 'notary').values.value).toBe(
			'BAHDER DJOHAN RAZAK,SH',
		);
	});

	test('FAILED TEMPORARY_NETWORK_ERROR is an error; reference ID is required', async () => {
		const failed = await run(extract(), [
			imageItem({ data: images.jpeg({ marker: 'ocr-failed' }) }),
		]);
		expect(failed.error.message).toMatch(/^Iluma FAILED TEMPORARY_NETWORK_ERROR/);

		const before = calls();
		const missing = await run(extract({ referenceId: '={{ "" }}' }), [
			imageItem({ data: images.pdf() }),
		]);
		expect(missing.error.message).toBe('Reference ID: is required but empty');
		expect(calls()).toBe(before);
	});

	test('a TIFF fails before any call', async () => {
		const { error } = await run(extract(), [imageItem({ data: images.tiff() })]);
		expect(error.message).toMatch(/Document: the file is TIFF; Iluma accepts JPEG, PNG, PDF/);
		expect(calls()).toBe(0);
	});

	test('Get and Get Many', async () => {
		const created = await run(extract({ waitForResult: false }), [
			imageItem({ data: images.png() }),
		]);
		expect(created.items[0].json.status).toBe('PENDING');
		const id = created.items[0].json.id;
		const got = await run({
			resource: 'businessDocument',
			operation: 'get',
			id,
			waitForResult: true,
			simplify: true,
		});
		expect(got.items[0].json.fields.notary).toBe('BAHDER DJOHAN RAZAK,SH');

		await control('seed', { product: 'document_ocr', reference_id: 'company-9', count: 3 });
		const many = await run({
			resource: 'businessDocument',
			operation: 'getMany',
			referenceId: 'company-9',
			returnAll: true,
			simplify: true,
		});
		expect(many.items).toHaveLength(3);
		expect(many.items[0].json.fields).toBeDefined();
	});
});

describe('Iluma Document OCR Capture', () => {
	const create = (types, extra = {}) => ({
		resource: 'capture',
		operation: 'createLink',
		types,
		country: 'PH',
		referenceId: 'capture-1',
		...extra,
	});

	test('Create Capture Link outputs the PENDING capture and its link', async () => {
		const { items, error } = await run(create(['IDENTITY_CARD', 'SELFIE']));
		expect(error).toBeUndefined();
		expect(items[0].json.status).toBe('PENDING');
		expect(items[0].json.types).toEqual(['IDENTITY_CARD', 'SELFIE']);
		expect(typeof items[0].json.capture_link).toBe('string');
	});

	test('waiting for a completed capture gives the identity of its id_card_ocr', async () => {
		const { items, error } = await run({
			...create(['IDENTITY_CARD', 'SELFIE'], { waitForResult: true }),
			...magic('COMPLETED'),
		});
		expect(error).toBeUndefined();
		expect(items[0].json.status).toBe('COMPLETED');
		expect(items[0].json.identity).toEqual(
			expect.objectContaining({
				fullName: 'Test name Test',
				idNumber: 'P1111111A',
				dateOfBirth: '1985-02-03',
				gender: 'M',
			}),
		);
	});

	test('an empty types list and a bad country fail before any call', async () => {
		const empty = await run(create('={{ [] }}'));
		expect(empty.error.message).toBe('Document Types: choose at least one document type');
		const country = await run(create(['SELFIE'], { country: '={{ "SG" }}' }));
		expect(country.error.message).toBe('Country: "SG" is not one of PH');
		const types = await run(create('={{ ["SELFIE", "PASSPORT"] }}'));
		expect(types.error.message).toBe(
			'Document Types: "PASSPORT" is not one of IDENTITY_CARD, BUSINESS_REGISTRATION, SELFIE',
		);
		expect(calls()).toBe(0);
	});

	test('Get, Get Many, Request Recapture, Download', async () => {
		const created = await run(create(['IDENTITY_CARD']));
		const id = created.items[0].json.id;
		await control('completeAll', {});

		const got = await run({ resource: 'capture', operation: 'get', id });
		expect(got.items[0].json.status).toBe('COMPLETED');
		const link = got.items[0].json.result.id_card_ocr.link;

		const many = await run({
			resource: 'capture',
			operation: 'getMany',
			referenceId: 'capture-1',
			returnAll: true,
		});
		expect(many.items.map((i) => i.json.id)).toEqual([id]);

		const file = await run({ resource: 'capture', operation: 'download', id, link });
		expect(file.error).toBeUndefined();
		expect(file.items[0].json).toEqual(
			expect.objectContaining({ id, link, mimeType: 'image/jpeg' }),
		);
		expect(file.items[0].binary.data.mimeType).toBe('image/jpeg');
		const bytes = Buffer.from(file.items[0].binary.data.data, 'base64');
		expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
		expect(file.items[0].json.fileSize).toBe(bytes.length);
		expect(file.items[0].json.fileSize).toBeGreaterThan(100);

		const recapture = await run({
			resource: 'capture',
			operation: 'requestRecapture',
			id,
			types: ['IDENTITY_CARD'],
		});
		expect(recapture.items[0].json.status).toBe('RECAPTURE_PENDING');
	});

	test('a value Iluma refuses is its API_VALIDATION_ERROR, naming the field', async () => {
		const { error } = await run({ ...create(['SELFIE']), ...magic('NO_SUCH_REPLY') });
		expect(error.message).toMatch(
			/^Iluma API_VALIDATION_ERROR: Iluma refused the request: a field is missing or invalid: x-magic-reply/,
		);
		expect(error.message).toMatch(/\[HTTP 400, not billed\]$/);
	});

	test('an unknown capture id is DATA_NOT_FOUND in words', async () => {
		const { error } = await run({ resource: 'capture', operation: 'get', id: 'ocr-missing' });
		expect(error.message).toMatch(/^Iluma DATA_NOT_FOUND: no request with this id exists/);
	});
});

describe('Iluma Account → Retrieve API Keys', () => {
	const keys = {
		resource: 'account',
		operation: 'getApiKeys',
		businessId: '5abc',
		token: 'one-time',
	};

	test('returns the keys once; the token is single use', async () => {
		const first = await run(keys);
		expect(first.error).toBeUndefined();
		expect(first.items[0].json.api_keys).toEqual(expect.any(Array));

		const second = await run(keys);
		expect(second.error.message).toMatch(/^Iluma INVALID_TOKEN/);
		expect(second.error.message).not.toContain('one-time');
	});

	test('an empty token fails before any call', async () => {
		const { error } = await run({ ...keys, token: '={{ "" }}' });
		expect(error.message).toBe('Token: is required but empty');
		expect(calls()).toBe(0);
	});
});

describe('Iluma error codes, as Iluma sends them', () => {
	const ocr = {
		resource: 'idCardOcr',
		operation: 'extract',
		cardType: 'indonesia_ktp',
		waitForResult: false,
	};
	test.each([
		[413, 'FILE_TOO_LARGE', /^Iluma FILE_TOO_LARGE: the file is larger than Iluma accepts/],
		[413, 'FILE_TOO_SMALL', /^Iluma FILE_TOO_SMALL: the file is smaller than Iluma accepts/],
		[
			415,
			'UNSUPPORTED_CONTENT_TYPE',
			/^Iluma UNSUPPORTED_CONTENT_TYPE: Iluma does not accept this file type/,
		],
		[500, 'SERVER_ERROR', /^Iluma SERVER_ERROR: Iluma had a server error/],
		[
			403,
			'API_KEY_IS_NOT_LIVE_ERROR',
			/^Iluma API_KEY_IS_NOT_LIVE_ERROR: the API key may not use this product/,
		],
	])('HTTP %i %s is reported in words, with Iluma’s message', async (status, code, pattern) => {
		state.sandbox.injectFault({
			vendor: 'iluma',
			status,
			body: { error_code: code, message: `${code.toLowerCase()} from Iluma` },
		});
		const { error } = await run(ocr, [imageItem({ data: images.jpeg() })]);
		expect(error.message).toMatch(pattern);
		expect(error.message).toContain(`("${code.toLowerCase()} from Iluma")`);
		expect(error.message).toContain(`[HTTP ${status}`);
		expect(calls()).toBe(1);
	});

	test('a development key without production rights on photo authentication', async () => {
		const { error } = await run(
			{
				resource: 'identity',
				operation: 'verifyIdCard',
				name: 'PENITO KRISTIAN',
				idCardNumber: '3275031210930027',
				birthdate: '12-10-1991',
			},
			[imageItem({ selfie: photo(), ktp: photo() })],
			{ credentials: { apiKey: state.sandbox.keys.iluma.notLiveApiKey } },
		);
		expect(error.message).toMatch(/^Iluma API_KEY_IS_NOT_LIVE_ERROR: /);
		expect(error.description).toMatch(/live API key/);
	});

	test('a 503 that persists says that Iluma’s upstream suppliers are down', async () => {
		state.sandbox.injectFault({ vendor: 'iluma', status: 503, count: 5 });
		const { error } = await run({ ...ocr, options: { retries: 1 } }, [
			imageItem({ data: images.jpeg() }),
		]);
		expect(error.message).toMatch(/^Iluma .*upstream data suppliers are unavailable/);
		expect(calls()).toBe(2);
	});
});

describe('Iluma items', () => {
	test('Continue On Fail: one output per input, bad input does not stop the rest', async () => {
		const { items } = await run(
			{
				resource: 'ktp',
				operation: 'validateName',
				nik: '={{ $json.nik }}',
				name: 'FIRA DIYANKA',
				options: { concurrency: 3 },
			},
			[
				{ json: { nik: '1234567890123456' } },
				{ json: { nik: '123' } },
				{ json: { nik: '3201000000000002' } },
			],
			{ onError: 'continueRegularOutput' },
		);
		expect(items).toHaveLength(3);
		expect(items.map((i) => i.pairedItem.item)).toEqual([0, 1, 2]);
		expect(items[0].json.status).toBe('FOUND');
		expect(items[1].json.error).toMatch(/NIK: must be exactly 16 digits/);
		expect(items[2].json.status).toBe('NOT_FOUND');
		expect(calls()).toBe(2);
	});
});

describe('Iluma review: gaps the operations above leave', () => {
	test.each([
		['bankAccount', 'getValidation', {}],
		['businessDocument', 'get', {}],
		['capture', 'get', {}],
		['capture', 'requestRecapture', { types: ['IDENTITY_CARD'] }],
		['capture', 'download', { link: 'a70daa99-f031-4d43-903e-81226c41761a.jpeg' }],
	])('%s → %s without an ID fails before any call', async (resource, operation, extra) => {
		const { error } = await run({ resource, operation, id: '={{ "" }}', ...extra });
		expect(error.message).toBe('ID: is required but empty');
		expect(calls()).toBe(0);
	});

	test.each([
		[{ resource: 'idCardOcr', operation: 'get', id: '..' }, /^ID: "\.\." is not a valid ID$/],
		[
			{ resource: 'capture', operation: 'download', id: 'ocr-1', link: '..' },
			/^Document Link: "\.\." is not a valid Document Link$/,
		],
	])(
		'a dot segment that would reach another endpoint fails before any call',
		async (params, pattern) => {
			const { error } = await run(params);
			expect(error.message).toMatch(pattern);
			expect(calls()).toBe(0);
		},
	);

	test('BANK_ACCOUNT_NUMBER_VALIDATION_ERROR from Iluma is named, without the number', async () => {
		const { error } = await run(bank({ bankAccountNumber: '123' }));
		expect(error.message).toMatch(
			/^Iluma BANK_ACCOUNT_NUMBER_VALIDATION_ERROR: the bank account number is not valid for this bank/,
		);
		expect(error.message).toMatch(/HTTP 400, not billed/);
	});

	test('v1.1 need_review is passed on as part of the result', async () => {
		const { items, error } = await run(bank({ bankAccountNumber: '7777777777' }));
		expect(error).toBeUndefined();
		expect(items[0].json.result).toEqual(
			expect.objectContaining({ is_found: true, need_review: true }),
		);
	});

	test('v1 Get Validation reads the v1 endpoint', async () => {
		const created = await run(
			bank({ apiVersion: 'v1', waitForResult: false, bankAccountNumber: '1234567893' }),
		);
		const id = created.items[0].json.id;
		expect(id).toMatch(/^[0-9a-f]{24}$/);
		const got = await run({
			resource: 'bankAccount',
			operation: 'getValidation',
			apiVersion: 'v1',
			id,
			waitForResult: true,
		});
		expect(got.error).toBeUndefined();
		expect(got.items[0].json.status).toBe('SUCCESS');
		expect(
			callsTo(new RegExp(`^/iluma/v1/identity/bank_account_data_requests/${id}$`)).length,
		).toBeGreaterThanOrEqual(1);
	});

	const face = {
		resource: 'face',
		operation: 'compare',
		imageOneSource: 'binary',
		imageOneBinaryField: 'selfie',
		imageTwoSource: 'binary',
		imageTwoBinaryField: 'ktp',
	};
	const faces = () => [imageItem({ selfie: images.jpeg(), ktp: images.png() })];

	test('HTTP 429 RATE_LIMIT_EXCEEDED is retried with backoff, then answered', async () => {
		state.sandbox.injectFault({
			vendor: 'iluma',
			status: 429,
			body: { error_code: 'RATE_LIMIT_EXCEEDED', message: 'Rate limit hit' },
		});
		const { items, error } = await run(face, faces());
		expect(error).toBeUndefined();
		expect(items[0].json.status).toBe('COMPLETED');
		expect(callsTo(/face_comparisons$/)).toHaveLength(2);
	});

	test('a RATE_LIMIT_EXCEEDED that persists past the Rate-Limit Wait is an error (Retries do not apply)', async () => {
		state.sandbox.injectFault({
			vendor: 'iluma',
			status: 429,
			count: 5,
			body: { error_code: 'RATE_LIMIT_EXCEEDED', message: 'Rate limit hit' },
		});
		const { error } = await run({ ...face, options: { retries: 1, rateLimitWait: 0 } }, faces());
		expect(error.message).toMatch(
			/^Iluma RATE_LIMIT_EXCEEDED: rate limit reached; still refused after 0 s of waiting, the 0 s of Options → Rate-Limit Wait/,
		);
		expect(error.message).toMatch(/HTTP 429, not billed/);
		expect(callsTo(/face_comparisons$/)).toHaveLength(1);
	});

	test('a face image over 2 MB fails before any call', async () => {
		const { error } = await run(face, [
			imageItem({ selfie: images.jpeg({ padTo: 2 * 1024 * 1024 + 1 }), ktp: images.png() }),
		]);
		expect(error.message).toMatch(/at most 2\.00 MB/);
		expect(calls()).toBe(0);
	});

	test('numbers and keys Iluma quotes in an error body are masked in the message', async () => {
		state.sandbox.injectFault({
			vendor: 'iluma',
			status: 400,
			body: {
				error_code: 'API_VALIDATION_ERROR',
				message: 'nik 1234567890123456 is invalid for key iluma_development_secretSecret123',
				errors: [{ field: 'nik', message: '"nik" with value "1234567890123456" fails' }],
			},
		});
		const { error } = await run({
			resource: 'ktp',
			operation: 'validateName',
			nik: '1234567890123456',
			name: 'FIRA DIYANKA',
		});
		expect(error.message).toMatch(/^Iluma API_VALIDATION_ERROR: .*: nik: "nik" with value/);
		expect(error.message).toContain('************3456');
		// The node's own parameters (the NIK typed in) are in n8n's error object; Iluma's words are not.
		const told = JSON.stringify([error.message, error.description, error.errorResponse]);
		expect(told).not.toContain('1234567890123456');
		expect(told).not.toContain('secretSecret123');
	});

	// Iluma keeps the OCR request pending past the node's 1 s wait.
	const PENDING_OCR = {
		resource: 'idCardOcr',
		operation: 'extract',
		cardType: 'indonesia_ktp',
		waitTimeout: 1,
		...magic('PENDING'),
	};

	test('ID card OCR: a time-out with Continue On Fail carries the pending request', async () => {
		const { items } = await run(PENDING_OCR, [imageItem({ data: images.jpeg() })], {
			onError: 'continueRegularOutput',
		});
		expect(items).toHaveLength(1);
		expect(items[0].json.status).toBe('PENDING');
		expect(typeof items[0].json.id).toBe('string');
		expect(items[0].json.error).toMatch(/^Iluma PENDING: no result after waiting 1 s/);
	});

	test('ID card OCR: with the error output, the pending request goes there under details', async () => {
		const { items, errorItems } = await run(PENDING_OCR, [imageItem({ data: images.jpeg() })], {
			onError: 'continueErrorOutput',
		});
		expect(items).toHaveLength(0);
		expect(errorItems).toHaveLength(1);
		expect(errorItems[0].json.error).toMatch(/^Iluma PENDING: no result after waiting 1 s/);
		expect(errorItems[0].json.details.status).toBe('PENDING');
		expect(typeof errorItems[0].json.details.id).toBe('string');
	});

	test('Business document OCR: cancelling stops the wait', async () => {
		const started = Date.now();
		const result = await run(
			{
				resource: 'businessDocument',
				operation: 'extract',
				referenceId: 'company-cancel',
				waitTimeout: 60,
				...magic('PENDING'),
			},
			[imageItem({ data: images.pdf() })],
			{ cancelAfterMs: 800 },
		);
		expect(Date.now() - started).toBeLessThan(20_000); // the wait would last 60 s
		expect(result.items).toHaveLength(0);
	});

	test('Request Recapture with Wait for Result gives the completed capture and its identity', async () => {
		const created = await run({
			resource: 'capture',
			operation: 'createLink',
			types: ['IDENTITY_CARD'],
			country: 'PH',
		});
		const id = created.items[0].json.id;
		await control('completeAll', {});
		const { items, error } = await run({
			resource: 'capture',
			operation: 'requestRecapture',
			id,
			types: ['IDENTITY_CARD'],
			waitForResult: true,
		});
		expect(error).toBeUndefined();
		expect(items[0].json.status).toBe('COMPLETED');
		expect(items[0].json.identity).toEqual(expect.objectContaining({ idNumber: 'P1111111A' }));
	});

	test.each([
		['passport', 'passport_number', 'E00007734', '*****7734'],
		['npwp_card', 'npwpId', '123456789123000', '***********3000'],
	])('Privacy masks the %s number (%s) and the identity', async (cardType, key, raw, masked) => {
		const { items, error } = await run(
			{ resource: 'idCardOcr', operation: 'extract', cardType, options: { privacy: true } },
			[imageItem({ data: images.jpeg() })],
		);
		expect(error).toBeUndefined();
		expect(items[0].json.data[key]).toBe(masked);
		expect(items[0].json.identity.idNumber).toBe(masked);
		expect(JSON.stringify(items[0].json)).not.toContain(raw);
	});
});
