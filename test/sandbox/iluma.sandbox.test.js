'use strict';

// The Iluma sandbox module (test/sandbox/vendors/iluma.js) over plain HTTP.

const fs = require('fs');
const http = require('http');
const path = require('path');
const { startSandbox } = require('./index');
const images = require('../fixtures/images');
const iluma = require('./vendors/iluma');

const KEY = iluma.credentials.apiKey;
const NOT_LIVE_KEY = iluma.credentials.notLiveApiKey;
const TOKEN = iluma.credentials.callbackToken;

// server.js answers Buffer bodies as bytes only once its send() handles Buffers.
const SERVER_SENDS_BUFFERS = /Buffer\.isBuffer\(body\)/.test(
	fs.readFileSync(path.join(__dirname, 'server.js'), 'utf8'),
);

let sandbox;
let receiver;

/** A callback receiver: records every POST; answers `receiver.status` (200 by default). */
function startReceiver() {
	const received = [];
	const state = { status: 200 };
	const server = http.createServer((req, res) => {
		const chunks = [];
		req.on('data', (chunk) => chunks.push(chunk));
		req.on('end', () => {
			received.push({ url: req.url, headers: req.headers, text: Buffer.concat(chunks).toString() });
			res.writeHead(state.status, { 'content-type': 'application/json' });
			res.end('{}');
		});
	});
	return new Promise((resolve) =>
		server.listen(0, '127.0.0.1', () =>
			resolve({
				received,
				state,
				url: (suffix = '/hook') => `http://127.0.0.1:${server.address().port}${suffix}`,
				close: () => new Promise((done) => server.close(done)),
			}),
		),
	);
}

const basic = (key, password = '') =>
	`Basic ${Buffer.from(`${key}:${password}`).toString('base64')}`;

async function call(method, urlPath, { json, form, key = KEY, headers = {}, raw } = {}) {
	const init = { method, headers: { ...headers } };
	if (key !== null) init.headers.authorization = basic(key);
	if (json !== undefined) {
		init.headers['content-type'] = 'application/json';
		init.body = JSON.stringify(json);
	} else if (form) {
		const data = new FormData();
		for (const [name, value] of Object.entries(form)) {
			if (Buffer.isBuffer(value)) data.append(name, new Blob([value]), `${name}.bin`);
			else data.append(name, value);
		}
		init.body = data;
	}
	const response = await fetch(`${sandbox.baseUrls.iluma}${urlPath}`, init);
	if (raw) return response;
	const text = await response.text();
	let body;
	try {
		body = JSON.parse(text);
	} catch {
		body = text;
	}
	return { status: response.status, body, headers: response.headers };
}

const wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(check, timeoutMs = 3000) {
	const start = Date.now();
	for (;;) {
		const value = await check();
		if (value) return value;
		if (Date.now() - start > timeoutMs) throw new Error('timed out');
		await wait(20);
	}
}

const control = (action, body) => sandbox.vendorControl('iluma', action, body);
const selfie = (marker) => images.jpeg({ marker, width: 600, height: 600, padTo: 150 * 1024 });
const ktpImage = () => images.png({ width: 800, height: 500 }); // about 400 KB

beforeAll(async () => {
	sandbox = await startSandbox();
	receiver = await startReceiver();
});

afterAll(async () => {
	await sandbox.close();
	await receiver.close();
});

beforeEach(async () => {
	sandbox.reset();
	receiver.received.length = 0;
	receiver.state.status = 200;
	sandbox.configure({ callbackUrls: { iluma: receiver.url() } });
	await control('configure', { completeAfterMs: 150 });
});

describe('authentication and errors', () => {
	test('Basic auth with the API key as user name and no password', async () => {
		const okAnswer = await call('GET', '/v1/callback/authentication_tokens');
		expect(okAnswer).toMatchObject({ status: 200, body: { token: TOKEN } });
		for (const headers of [
			{ key: null },
			{ key: 'iluma_development_wrong' },
			{ key: null, headers: { authorization: basic(KEY, 'secret') } },
			{ key: null, headers: { authorization: `Bearer ${KEY}` } },
		]) {
			const answer = await call('GET', '/v1/callback/authentication_tokens', headers);
			expect(answer.status).toBe(401);
			expect(answer.body).toEqual({
				error_code: 'INVALID_API_KEY',
				message: 'API key format is invalid',
			});
		}
	});

	test('generic magic replies, server rate limit, unknown ids, paths and methods', async () => {
		const json = { bank_account_number: '1234567890', bank_code: 'BCA' };
		const path1 = '/v1.1/identity/bank_account_data_requests';
		const server = await call('POST', path1, {
			json,
			headers: { 'x-magic-reply': 'SERVER_ERROR' },
		});
		expect(server).toMatchObject({ status: 500, body: { error_code: 'SERVER_ERROR' } });
		const down = await call('POST', path1, {
			json,
			headers: { 'x-magic-reply': 'SERVICE_UNAVAILABLE' },
		});
		expect(down).toMatchObject({ status: 503, body: { error_code: 'SERVICE_UNAVAILABLE' } });
		const limited = await call('POST', path1, {
			json,
			headers: { 'x-magic-reply': 'RATE_LIMIT_EXCEEDED' },
		});
		expect(limited).toMatchObject({ status: 429, body: { error_code: 'RATE_LIMIT_EXCEEDED' } });

		sandbox.configure({ rateLimit: { limit: 0, windowMs: 1000, retryAfterSeconds: 2 } });
		const rl = await call('POST', path1, { json });
		expect(rl.status).toBe(429);
		expect(rl.body.error_code).toBe('RATE_LIMIT_EXCEEDED');
		expect(rl.headers.get('retry-after')).toBe('2');
		sandbox.configure({ rateLimit: null });

		const missing = await call('GET', `${path1}/bknv_nope`);
		expect(missing).toMatchObject({ status: 404, body: { error_code: 'DATA_NOT_FOUND' } });
		expect((await call('GET', '/v9/nothing')).status).toBe(404);
		const wrongMethod = await call('DELETE', path1);
		expect(wrongMethod.status).toBe(405);
		expect(wrongMethod.headers.get('allow')).toBe('POST');
	});
});

describe('bank account name validation', () => {
	const V11 = '/v1.1/identity/bank_account_data_requests';
	const V1 = '/v1/identity/bank_account_data_requests';

	test('v1.1: PENDING, then COMPLETED after completeAfterMs, with a callback', async () => {
		const created = await call('POST', V11, {
			json: { bank_account_number: '1234567890', bank_code: 'BCA', reference_id: 'foo123' },
		});
		expect(created.status).toBe(200);
		expect(created.body).toEqual({
			status: 'PENDING',
			bank_account_number: '1234567890',
			bank_code: 'BCA',
			updated: expect.any(String),
			id: expect.stringMatching(/^bknv_[0-9a-f]{24}$/),
			reference_id: 'foo123',
		});
		const id = created.body.id;
		expect((await call('GET', `${V11}/${id}`)).body.status).toBe('PENDING');
		const callback = await until(() => receiver.received[0]);
		const done = await call('GET', `${V11}/${id}`);
		expect(done.body).toEqual({
			status: 'COMPLETED',
			bank_account_number: '1234567890',
			bank_code: 'BCA',
			created: expect.any(String),
			updated: expect.any(String),
			id,
			reference_id: 'foo123',
			result: { is_found: true, account_holder_name: 'FIRA DIYANKA', is_virtual_account: false },
		});
		expect(callback.headers['x-callback-token']).toBe(TOKEN);
		expect(callback.headers['content-type']).toBe('application/json');
		expect(JSON.parse(callback.text)).toEqual(done.body);
		const log = await control('callbacks', {});
		expect(log).toEqual([
			expect.objectContaining({ type: 'NAME_VALIDATOR_REQUEST', id, status: 200 }),
		]);
	});

	test('v1.1 test accounts', async () => {
		const create = (number) =>
			call('POST', V11, { json: { bank_account_number: number, bank_code: 'BNI' } });
		const ids = {};
		for (const [name, number] of Object.entries(iluma.BANK_ACCOUNTS)) {
			ids[name] = (await create(number)).body.id;
		}
		await control('completeAll', {});
		const get = async (name) => (await call('GET', `${V11}/${ids[name]}`)).body;
		expect((await get('notFound')).result).toEqual({ is_found: false });
		expect(await get('networkError')).toMatchObject({
			status: 'FAILED',
			failure_reason: 'TEMPORARY_NETWORK_ERROR',
		});
		expect((await get('networkError')).result).toBeUndefined();
		expect((await get('virtual')).result.is_virtual_account).toBe(true);
		expect((await get('needReview')).result).toEqual({
			is_found: true,
			account_holder_name: 'FIRA DIYANKA',
			is_virtual_account: false,
			need_review: true,
		});
	});

	test('v1.1 magic replies', async () => {
		const json = { bank_account_number: '1234567890', bank_code: 'BCA' };
		const magic = (value) => call('POST', V11, { json, headers: { 'x-magic-reply': value } });
		const found = await magic('COMPLETED_FOUND');
		expect(found.body).toMatchObject({ status: 'COMPLETED', result: { is_found: true } });
		expect((await magic('COMPLETED_NOT_FOUND')).body.result).toEqual({ is_found: false });
		expect((await magic('TEMPORARY_NETWORK_ERROR')).body.failure_reason).toBe(
			'TEMPORARY_NETWORK_ERROR',
		);
		const pending = await magic('PENDING');
		const waiting = await magic('WAITING_ON_BANK');
		expect(waiting.body.status).toBe('PENDING');
		await until(() => receiver.received.length >= 3);
		await wait(300);
		expect((await call('GET', `${V11}/${pending.body.id}`)).body.status).toBe('PENDING');
		expect(receiver.received).toHaveLength(3);
		const unknown = await magic('SUCCESS');
		expect(unknown.status).toBe(400);
		expect(unknown.body.errors[0].field).toBe('x-magic-reply');
	});

	test('deferMagicReplies: a magic reply goes through PENDING first', async () => {
		await control('configure', { deferMagicReplies: true });
		const created = await call('POST', V11, {
			json: { bank_account_number: '1234567890', bank_code: 'BCA' },
			headers: { 'x-magic-reply': 'COMPLETED_NOT_FOUND' },
		});
		expect(created.body.status).toBe('PENDING');
		const callback = await until(() => receiver.received[0]);
		expect(JSON.parse(callback.text).result).toEqual({ is_found: false });
	});

	test('v1 shapes: SUCCESS, FAILED BANK_ACCOUNT_NOT_FOUND_ERROR', async () => {
		const created = await call('POST', V1, {
			json: { bank_account_number: '1234567890', bank_code: 'BCA', reference_id: 'foo123' },
		});
		expect(created.body.id).toMatch(/^[0-9a-f]{24}$/);
		expect(created.body.status).toBe('PENDING');
		const notFound = await call('POST', V1, {
			json: { bank_account_number: '0000000000', bank_code: 'BCA' },
		});
		await control('completeAll', {});
		expect((await call('GET', `${V1}/${created.body.id}`)).body).toEqual({
			status: 'SUCCESS',
			bank_account_number: '1234567890',
			bank_code: 'BCA',
			updated: expect.any(String),
			bank_account_holder_name: 'FIRA DIYANKA',
			is_normal_account: true,
			id: created.body.id,
			reference_id: 'foo123',
		});
		expect((await call('GET', `${V1}/${notFound.body.id}`)).body).toEqual({
			status: 'FAILED',
			bank_account_number: '0000000000',
			bank_code: 'BCA',
			updated: expect.any(String),
			failure_reason: 'BANK_ACCOUNT_NOT_FOUND_ERROR',
			id: notFound.body.id,
		});
		const magic = await call('POST', V1, {
			json: { bank_account_number: '1234567890', bank_code: 'BCA' },
			headers: { 'x-magic-reply': 'FAILED' },
		});
		expect(magic.body.failure_reason).toBe('BANK_ACCOUNT_NOT_FOUND_ERROR');
		// a v1.1 id is not a v1 resource
		const v11 = await call('POST', V11, {
			json: { bank_account_number: '12345', bank_code: 'BCA' },
		});
		expect((await call('GET', `${V1}/${v11.body.id}`)).status).toBe(404);
	});

	test('recently queried accounts answer at once; duplicates complete together', async () => {
		const json = { bank_account_number: '5555555555', bank_code: 'MANDIRI' };
		const first = await call('POST', V11, { json });
		const duplicate = await call('POST', V11, { json });
		expect(duplicate.body.status).toBe('PENDING');
		await until(() => receiver.received.length >= 2);
		const again = await call('POST', V11, { json });
		expect(again.body.status).toBe('COMPLETED');
		expect(again.body.id).not.toBe(first.body.id);
		await wait(250);
		expect(receiver.received).toHaveLength(2);
		await control('configure', { recentQueryCache: false });
		expect((await call('POST', V11, { json })).body.status).toBe('PENDING');
	});

	test('validation', async () => {
		const empty = await call('POST', V11, { json: {} });
		expect(empty.status).toBe(400);
		expect(empty.body.error_code).toBe('API_VALIDATION_ERROR');
		expect(empty.body.errors.map((e) => e.field)).toEqual(['bank_account_number', 'bank_code']);
		const notJson = await call('POST', V11, { form: { bank_code: 'BCA' } });
		expect(notJson.body.error_code).toBe('API_VALIDATION_ERROR');
		const badNumber = await call('POST', V11, {
			json: { bank_account_number: '12-34', bank_code: 'BCA' },
		});
		expect(badNumber).toMatchObject({
			status: 400,
			body: { error_code: 'BANK_ACCOUNT_NUMBER_VALIDATION_ERROR' },
		});
		const badBank = await call('POST', V11, {
			json: { bank_account_number: '1234567890', bank_code: 'XYZ' },
		});
		expect(badBank).toMatchObject({
			status: 400,
			body: { error_code: 'UNSUPPORTED_BANK_CODE_ERROR' },
		});
	});
});

describe('KTP name validation', () => {
	const KTP = '/v1/identity/ktp_name/validations';

	test('found, name match, not found, not-live key, validation, rate limit', async () => {
		const found = await call('POST', KTP, {
			json: { nik: '1234567890123456', name: 'fira  diyanka' },
		});
		expect(found).toMatchObject({
			status: 200,
			body: { nik: '1234567890123456', status: 'FOUND', name_match: 'true' },
		});
		const other = await call('POST', KTP, { json: { nik: '1234567890123456', name: 'BUDI' } });
		expect(other.body.name_match).toBe('false');
		const notFound = await call('POST', KTP, {
			json: { nik: iluma.NIK_NOT_FOUND, name: 'BUDI' },
		});
		expect(notFound.body).toEqual({
			nik: iluma.NIK_NOT_FOUND,
			status: 'NOT_FOUND',
			name_match: 'false',
		});
		const notLive = await call('POST', KTP, {
			key: NOT_LIVE_KEY,
			json: { nik: '1234567890123456', name: 'X' },
		});
		expect(notLive).toMatchObject({ status: 401, body: { error_code: 'INVALID_API_KEY' } });
		const invalid = await call('POST', KTP, { json: { nik: '123' } });
		expect(invalid.status).toBe(400);
		expect(invalid.body.errors.map((e) => e.field)).toEqual(['name', 'nik']);
		const limited = await call('POST', KTP, {
			json: { nik: '1234567890123456', name: 'X' },
			headers: { 'x-magic-reply': 'RATE_LIMIT_EXCEEDED' },
		});
		expect(limited).toMatchObject({ status: 400, body: { error_code: 'RATE_LIMIT_EXCEEDED' } });
		const magic = await call('POST', KTP, {
			json: { nik: '1234567890123456', name: 'FIRA DIYANKA' },
			headers: { 'x-magic-reply': 'NAME_NOT_MATCH' },
		});
		expect(magic.body).toMatchObject({ status: 'FOUND', name_match: 'false' });
	});
});

describe('individual photo authentication', () => {
	const IDVR = '/v1/identity/id_card_verifications';
	const form = (overrides = {}) => ({
		name: 'penito kristian',
		id_card_number: '3275031210930027',
		birthdate: '12-10-1991',
		phone: '081234567890',
		email: 'test@test.com',
		selfie: selfie(),
		ktp_image: ktpImage(),
		...overrides,
	});

	test('verified', async () => {
		const answer = await call('POST', IDVR, { form: form() });
		expect(answer.status).toBe(200);
		expect(answer.body).toEqual({
			id: expect.stringMatching(/^idvr_[0-9a-f-]{36}$/),
			created: expect.any(String),
			updated: expect.any(String),
			id_card_number: '3275031210930027',
			name: 'penito kristian',
			birthdate: '12-10-1991',
			phone: '081234567890',
			email: 'test@test.com',
			status: 'COMPLETED',
			is_verified: true,
		});
	});

	test('failure reasons from inputs, markers and magic replies', async () => {
		const reason = async (overrides, headers) =>
			(await call('POST', IDVR, { form: form(overrides), headers })).body;
		expect((await reason({ birthdate: '12-10-1990' })).failure_reason).toBe('DOB Not Match');
		expect((await reason({ name: 'someone else', birthdate: '01-01-2000' })).failure_reason).toBe(
			'Full Name Not Match & DOB Not Match',
		);
		expect((await reason({ id_card_number: iluma.NIK_NOT_FOUND })).failure_reason).toBe(
			'NIK not found',
		);
		expect((await reason({ id_card_number: '12345' })).failure_reason).toBe('NIK is Invalid');
		expect((await reason({ selfie: selfie('selfie-not-match') })).failure_reason).toBe(
			'Selfie Not Match, Score More Than 0, Below 30',
		);
		expect((await reason({ selfie: selfie('selfie-low-score') })).failure_reason).toBe(
			'Selfie Not Match, Score More Than 30, Less Than 70',
		);
		const magic = await reason({}, { 'x-magic-reply': 'DOB Not Match' });
		expect(magic).toMatchObject({ status: 'COMPLETED', is_verified: false });
		const network = await reason({}, { 'x-magic-reply': 'TEMPORARY_NETWORK_ERROR' });
		expect(network).toMatchObject({
			status: 'FAILED',
			is_verified: false,
			failure_reason: 'TEMPORARY_NETWORK_ERROR',
		});
	});

	test('key, field and file errors', async () => {
		const notLive = await call('POST', IDVR, { key: NOT_LIVE_KEY, form: form() });
		expect(notLive).toMatchObject({
			status: 403,
			body: { error_code: 'API_KEY_IS_NOT_LIVE_ERROR' },
		});
		const missing = await call('POST', IDVR, {
			form: { name: 'x', birthdate: '31-02-1990', phone: '12345', email: 'no' },
		});
		expect(missing.status).toBe(400);
		expect(missing.body.errors.map((e) => e.field)).toEqual([
			'id_card_number',
			'selfie',
			'ktp_image',
			'name',
			'birthdate',
			'phone',
			'email',
		]);
		const cases = [
			[{ selfie: images.gif() }, 415, 'UNSUPPORTED_CONTENT_TYPE'],
			[{ ktp_image: images.pdf() }, 415, 'UNSUPPORTED_CONTENT_TYPE'],
			[
				{ selfie: images.jpeg({ width: 600, height: 600, padTo: 2 * 1024 * 1024 + 1 }) },
				413,
				'FILE_TOO_LARGE',
			],
			[{ selfie: images.jpeg({ width: 600, height: 600 }) }, 413, 'FILE_TOO_SMALL'],
			[{ ktp_image: images.png({ width: 499, height: 800 }) }, 413, 'FILE_TOO_SMALL'],
		];
		for (const [overrides, status, code] of cases) {
			const answer = await call('POST', IDVR, { form: form(overrides) });
			expect([answer.status, answer.body.error_code]).toEqual([status, code]);
		}
	});
});

describe('face comparison and CFT', () => {
	const FACE = '/v2/identity/face_comparisons';
	const CFT = '/v1/identity/cft/individual_watchlist';

	test('face comparison outcomes and validation', async () => {
		const same = await call('POST', FACE, {
			form: { image_one: images.jpeg(), image_two: images.png() },
		});
		expect(same.body).toEqual({
			status: 'COMPLETED',
			match_percentage: 97.5,
			id: expect.stringMatching(/^[0-9a-f]{24}$/),
		});
		const noFace = await call('POST', FACE, {
			form: { image_one: images.jpeg({ marker: 'no-face' }), image_two: images.bmp() },
		});
		expect(noFace.body).toMatchObject({
			status: 'FAILED',
			failure_reason: 'No face detected in image',
		});
		const different = await call('POST', FACE, {
			form: { image_one: images.jpeg(), image_two: images.jpeg({ marker: 'face-different' }) },
		});
		expect(different.body.match_percentage).toBe(12.5);
		const gif = await call('POST', FACE, {
			form: { image_one: images.gif(), image_two: images.jpeg() },
		});
		expect(gif.status).toBe(400);
		expect(gif.body.errors[0].field).toBe('image_one');
		const missing = await call('POST', FACE, { form: { image_one: images.jpeg() } });
		expect(missing.body.errors).toEqual([
			{ field: 'image_two', message: '"image_two" is required' },
		]);
	});

	test('CFT: the seed example matches both records; other names none', async () => {
		const answer = await call('POST', CFT, { json: { given_name: 'Abdul', surname: 'Aziz' } });
		expect(answer.status).toBe(200);
		expect(answer.body.request_name).toBe('Abdul Aziz');
		expect(answer.body.results.map((r) => r.pid)).toEqual(['dttot_77', 'dttot_138']);
		expect(answer.body.results[0]).toMatchObject({
			name: 'AIMAN MUHAMMED RABI AL-ZAWAHIRI',
			origin: 'DTTOT',
			country_code: 'EG',
		});
		const none = await call('POST', CFT, { json: { given_name: 'Budi', surname: 'Santoso' } });
		expect(none.body.results).toEqual([]);
		const invalid = await call('POST', CFT, { json: { surname: 'Aziz' } });
		expect(invalid.body.errors).toEqual([
			{ field: 'given_name', message: '"given_name" is required' },
		]);
	});
});

describe('CFT watchlist control', () => {
	const CFT = '/v1/identity/cft/individual_watchlist';
	const screen = async (given_name, surname) =>
		(await call('POST', CFT, { json: { given_name, surname } })).body.results.map((r) => r.pid);
	/** The control API over HTTP, as `npm run sandbox` users reach it. */
	const watchlist = async (body) => {
		const response = await fetch(`${sandbox.url}/__sandbox/vendors/iluma/watchlist`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(body),
		});
		return { status: response.status, body: await response.json() };
	};

	test('an entry added at run time is matched like the seed records, until reset', async () => {
		expect(await screen('Fira', 'Diyanka')).toEqual([]);
		const added = await watchlist({
			entry: { name: 'FIRA DIYANKA PUTRI', aliases: ['F. DIYANKA'], country_code: 'ID' },
		});
		expect(added).toEqual({
			status: 200,
			body: {
				ok: true,
				result: {
					added: {
						pid: 'dttot_1002',
						name: 'FIRA DIYANKA PUTRI',
						aliases: ['F. DIYANKA'],
						origin: 'DTTOT',
						country_code: 'ID',
					},
					pids: ['dttot_77', 'dttot_138', 'dttot_1002'],
				},
			},
		});
		expect(await screen('Fira', 'Diyanka')).toEqual(['dttot_1002']);
		expect(await screen('Abdul', 'Aziz')).toEqual(['dttot_77', 'dttot_138']);

		await watchlist({ entry: { pid: 'dttot_900', name: 'ABDUL AZIZ HAKIM' } });
		expect(await screen('Abdul', 'Aziz')).toEqual(['dttot_77', 'dttot_138', 'dttot_900']);
		expect((await watchlist({ remove: 'dttot_77' })).body.result.pids).toEqual([
			'dttot_138',
			'dttot_1002',
			'dttot_900',
		]);
		expect(await screen('Abdul', 'Aziz')).toEqual(['dttot_138', 'dttot_900']);

		expect((await watchlist({ reset: true })).body.result).toEqual({
			pids: ['dttot_77', 'dttot_138'],
		});
		expect(await screen('Fira', 'Diyanka')).toEqual([]);
		await watchlist({ entry: { name: 'FIRA DIYANKA' } });
		sandbox.reset();
		expect((await watchlist({})).body.result.pids).toEqual(['dttot_77', 'dttot_138']);
	});

	test('a malformed entry is a 400 naming the problem', async () => {
		const cases = [
			[{ entry: {} }, 'entry.name must be a non-empty string'],
			[{ entry: 'FIRA' }, 'entry must be an object {name, pid?, aliases?, origin?, ...}'],
			[{ entry: { name: 'X', aliases: 'Y' } }, 'entry.aliases must be an array of strings'],
			[{ entry: { name: 'X', pid: 'dttot_77' } }, 'entry.pid dttot_77 is already on the watchlist'],
			[{ remove: 'dttot_1' }, 'no watchlist record with pid dttot_1'],
			[{ reset: true, remove: 'dttot_77' }, 'give one of entry, remove, reset'],
		];
		for (const [body, error] of cases) {
			expect(await watchlist(body)).toEqual({ status: 400, body: { ok: false, error } });
		}
		expect((await watchlist({})).body.result.pids).toEqual(['dttot_77', 'dttot_138']);
	});
});

describe('ID card OCR', () => {
	const OCR = '/v1/identity/id_card_images';

	test('PENDING then COMPLETED with the seed data, callback, failure markers', async () => {
		const created = await call('POST', OCR, {
			form: { type: 'indonesia_ktp', image: images.jpeg(), reference_id: 'foo123' },
		});
		expect(created.body).toEqual({
			id: expect.stringMatching(/^[0-9a-f-]{36}$/),
			data: {},
			status: 'PENDING',
			created: expect.any(String),
			updated: expect.any(String),
			type: 'indonesia_ktp',
			reference_id: 'foo123',
		});
		const callback = await until(() => receiver.received[0]);
		const done = (await call('GET', `${OCR}/${created.body.id}`)).body;
		expect(done.status).toBe('COMPLETED');
		expect(done.data).toMatchObject({ idNumber: '1234567890123456', name: 'FIRA DIYANKA' });
		expect(JSON.parse(callback.text)).toEqual(done);

		const failed = await call('POST', OCR, {
			form: { type: 'passport', image: images.png({ marker: 'ocr-failed' }) },
			headers: {},
		});
		const unreadable = await call('POST', OCR, {
			form: { type: 'npwp_card', image: images.bmp() },
			headers: { 'x-magic-reply': 'COMPLETED_UNREADABLE' },
		});
		expect(unreadable.body).toMatchObject({ status: 'COMPLETED', data: {} });
		await control('completeAll', {});
		expect((await call('GET', `${OCR}/${failed.body.id}`)).body).toEqual({
			id: failed.body.id,
			status: 'FAILED',
			created: expect.any(String),
			updated: expect.any(String),
			type: 'passport',
			failure_reason: 'IMAGE_RECOGNIZE_ERROR',
		});
	});

	test('validation and file errors', async () => {
		const missing = await call('POST', OCR, { form: { type: 'sim_card' } });
		expect(missing.body.errors.map((e) => e.field)).toEqual(['image', 'type']);
		const gif = await call('POST', OCR, { form: { type: 'passport', image: images.gif() } });
		expect([gif.status, gif.body.error_code]).toEqual([415, 'UNSUPPORTED_CONTENT_TYPE']);
		const big = await call('POST', OCR, {
			form: { type: 'passport', image: images.jpeg({ padTo: 2 * 1024 * 1024 + 1 }) },
		});
		expect([big.status, big.body.error_code]).toEqual([413, 'FILE_TOO_LARGE']);
		const wide = await call('POST', OCR, {
			form: { type: 'passport', image: images.jpeg({ width: 4097, height: 8 }) },
		});
		expect(wide.status).toBe(413);
	});

	test('list by reference_id pages with limit and after_id', async () => {
		const { ids } = await control('seed', {
			product: 'id_card_ocr',
			reference_id: 'many',
			count: 25,
		});
		await control('seed', { product: 'id_card_ocr', reference_id: 'other', count: 2 });
		const first = await call('GET', `${OCR}?reference_id=many`);
		expect(first.body.data.map((r) => r.id)).toEqual(ids.slice(0, 10));
		expect(first.body.has_more).toBe(true);
		expect(first.body.links).toEqual([
			{ href: '/v1/identity/id_card_images?reference_id=many', rel: 'first', method: 'GET' },
			{ href: '/v1/identity/id_card_images?reference_id=many', rel: 'self', method: 'GET' },
			{
				rel: 'next',
				href: `/v1/identity/id_card_images?reference_id=many&limit=10&after_id=${ids[9]}`,
				method: 'GET',
			},
		]);
		const seen = [];
		let next = `${OCR}?reference_id=many&limit=7`;
		for (let page = 0; page < 10 && next; page += 1) {
			const answer = (await call('GET', next)).body;
			seen.push(...answer.data.map((r) => r.id));
			const link = answer.links.find((l) => l.rel === 'next');
			next = answer.has_more ? link.href.replace('/v1/identity/id_card_images', OCR) : null;
		}
		expect(seen).toEqual(ids);
		const empty = await call('GET', `${OCR}?reference_id=foo456`);
		expect(empty.body).toMatchObject({ data: [], has_more: false });
		expect((await call('GET', OCR)).status).toBe(400);
		expect((await call('GET', `${OCR}?reference_id=many&limit=0`)).status).toBe(400);
	});
});

describe('business document OCR', () => {
	const DOC = '/v1/identity/document_ocr_requests';
	const form = (overrides = {}) => ({
		reference_id: 'foo123',
		type: 'BUSINESS_REGISTRATION',
		country: 'ID',
		document_name: 'SK_MENKEH',
		image: images.pdf(),
		...overrides,
	});

	test('PENDING then COMPLETED with result.data; list needs limit', async () => {
		const created = await call('POST', DOC, { form: form() });
		expect(created.body).toEqual({
			reference_id: 'foo123',
			type: 'BUSINESS_REGISTRATION',
			country: 'ID',
			document_name: 'SK_MENKEH',
			id: expect.stringMatching(/^ocr-[0-9a-f-]{36}$/),
			created: expect.any(String),
			updated: expect.any(String),
			status: 'PENDING',
			result: {},
		});
		await control('completeAll', {});
		const done = (await call('GET', `${DOC}/${created.body.id}`)).body;
		expect(done.status).toBe('COMPLETED');
		expect(done.result.pages).toBe(1);
		expect(done.result.data.find((d) => d.name === 'legal_entity_name').values.value).toBe(
			'PT DIGITAL VISION PUBLISHING',
		);
		expect(receiver.received).toHaveLength(1);
		const failed = await call('POST', DOC, {
			form: form({ image: images.png() }),
			headers: { 'x-magic-reply': 'FAILED' },
		});
		expect(failed.body).toMatchObject({
			status: 'FAILED',
			failure_reason: 'TEMPORARY_NETWORK_ERROR',
		});
		expect((await call('GET', `${DOC}?reference_id=foo123`)).body.errors[0].field).toBe('limit');
		const list = await call('GET', `${DOC}?reference_id=foo123&limit=1`);
		expect(list.body.data.map((r) => r.id)).toEqual([created.body.id]);
		expect(list.body.has_more).toBe(true);
	});

	test('validation and file type', async () => {
		const bad = await call('POST', DOC, {
			form: { type: 'NIB', country: 'PH', image: images.pdf() },
		});
		expect(bad.body.errors.map((e) => e.field)).toEqual([
			'reference_id',
			'document_name',
			'type',
			'country',
		]);
		const gif = await call('POST', DOC, { form: form({ image: images.gif() }) });
		expect(gif.status).toBe(415);
	});
});

describe('document OCR capture', () => {
	const CAP = '/v1/identity/document_ocr_captures';

	test('create, complete, get, list, recapture, download', async () => {
		const created = await call('POST', CAP, {
			json: { types: ['IDENTITY_CARD', 'BUSINESS_REGISTRATION'], reference_id: '1234' },
		});
		expect(created.body).toEqual({
			reference_id: '1234',
			types: ['IDENTITY_CARD', 'BUSINESS_REGISTRATION'],
			country: 'PH',
			id: expect.stringMatching(/^ocr-[0-9a-f-]{36}$/),
			created: expect.any(String),
			updated: expect.any(String),
			status: 'PENDING',
			capture_link: `${sandbox.baseUrls.iluma}/capture/${created.body.id}`,
		});
		const id = created.body.id;
		const page = await call('GET', `/capture/${id}`, { key: null });
		expect(page.status).toBe(200);
		await until(() => receiver.received[0]);
		const done = (await call('GET', `${CAP}/${id}`)).body;
		expect(done.status).toBe('COMPLETED');
		expect(Object.keys(done.result)).toEqual([
			'id_card_ocr',
			'selfie',
			'face_match_percentage',
			'business_registration_ocr',
		]);
		expect(done.result.id_card_ocr.id_card_number).toBe('P1111111A');

		const list = await call('GET', '/v1/identity/document_ocr_capture?reference_id=1234');
		expect(list.body.data.map((r) => r.id)).toEqual([id]);

		const again = await call('POST', `${CAP}/${id}/recapture`, {
			json: { types: ['IDENTITY_CARD'] },
		});
		expect(again.body).toMatchObject({ status: 'RECAPTURE_PENDING', types: ['IDENTITY_CARD'] });
		expect(again.body.result).toBeUndefined();
		await until(() => receiver.received[1]);
		expect(JSON.parse(receiver.received[1].text).status).toBe('COMPLETED');
		const bad = await call('POST', `${CAP}/${id}/recapture`, { json: {} });
		expect(bad.body.errors[0].field).toBe('types');
		expect(
			(await call('POST', `${CAP}/ocr-none/recapture`, { json: { types: ['SELFIE'] } })).status,
		).toBe(404);

		const link = done.result.id_card_ocr.link;
		expect(
			(await call('GET', `/v1/identity/captures/${id}/results/nope.jpeg/download`)).status,
		).toBe(404);
		if (SERVER_SENDS_BUFFERS) {
			const jpeg = await call('GET', `/v1/identity/captures/${id}/results/${link}/download`, {
				raw: true,
			});
			expect(jpeg.headers.get('content-type')).toBe('image/jpeg');
			expect(Buffer.from(await jpeg.arrayBuffer()).subarray(0, 3)).toEqual(
				Buffer.from([0xff, 0xd8, 0xff]),
			);
		}
	});

	(SERVER_SENDS_BUFFERS ? test : test.skip)('download of a PDF link', async () => {
		const { ids } = await control('seed', { product: 'capture', reference_id: 'r' });
		const record = (await call('GET', `${CAP}/${ids[0]}`)).body;
		const link = record.result.business_registration_ocr.link;
		const answer = await call('GET', `/v1/identity/captures/${ids[0]}/results/${link}/download`, {
			raw: true,
		});
		expect(answer.headers.get('content-type')).toBe('application/pdf');
		expect(Buffer.from(await answer.arrayBuffer()).toString('latin1', 0, 5)).toBe('%PDF-');
	});

	test('magic replies and validation', async () => {
		const make = (magic, json = { types: ['SELFIE'] }) =>
			call('POST', CAP, { json, headers: magic ? { 'x-magic-reply': magic } : {} });
		expect((await make('COMPLETED_REVIEW_REQUIRED')).body).toMatchObject({
			status: 'COMPLETED_REVIEW_REQUIRED',
			result: { selfie: { is_live: true } },
		});
		const failed = (await make('FAILED')).body;
		expect(failed).toMatchObject({ status: 'FAILED', failure_reason: 'TEMPORARY_NETWORK_ERROR' });
		expect(failed.capture_link).toBeUndefined();
		expect((await make('IN_PROGRESS')).body.status).toBe('IN_PROGRESS');
		const invalid = await make(null, { types: ['PASSPORT'], country: 'ID' });
		expect(invalid.body.errors.map((e) => e.field)).toEqual(['types', 'country']);
	});
});

describe('callback URLs, keys and the sendCallback control', () => {
	test('register (after a test payload), use, update and delete callback URLs', async () => {
		const url = receiver.url('/registered');
		const registered = await call('POST', '/v1/callback/urls', {
			json: { type: 'ID_IMAGE_OCR_REQUEST', url },
		});
		expect(registered.body).toEqual({
			type: 'ID_IMAGE_OCR_REQUEST',
			url,
			created: expect.any(String),
			updated: expect.any(String),
		});
		expect(receiver.received[0]).toMatchObject({ url: '/registered' });
		expect(JSON.parse(receiver.received[0].text)).toEqual({
			type: 'ID_IMAGE_OCR_REQUEST',
			is_test: true,
		});
		expect((await call('GET', '/v1/callback/urls')).body.data).toHaveLength(1);
		await call('POST', '/v1/identity/id_card_images', {
			form: { type: 'passport', image: images.jpeg() },
			headers: { 'x-magic-reply': 'COMPLETED' },
		});
		await until(() => receiver.received[1]);
		expect(receiver.received[1].url).toBe('/registered');

		receiver.state.status = 500;
		const refused = await call('POST', '/v1/callback/urls', {
			json: { type: 'NAME_VALIDATOR_REQUEST', url: receiver.url('/down') },
		});
		expect(refused.status).toBe(400);
		expect(refused.body.errors[0].field).toBe('url');
		const invalid = await call('POST', '/v1/callback/urls', { json: { type: 'X' } });
		expect(invalid.body.errors.map((e) => e.field)).toEqual(['type', 'url']);

		const patched = await call('PATCH', '/v1/callback/urls', {
			json: { url: receiver.url('/new') },
		});
		expect(patched.body.data[0].url).toBe(receiver.url('/new'));
		const deleted = await call('DELETE', '/v1/callback/urls/ID_IMAGE_OCR_REQUEST');
		expect(deleted.body).toEqual({ type: 'ID_IMAGE_OCR_REQUEST', deleted: true });
		expect((await call('DELETE', '/v1/callback/urls/ID_IMAGE_OCR_REQUEST')).status).toBe(404);
	});

	test('business API keys: the token works once', async () => {
		const first = await call('GET', '/businesses/5abc/api_keys?token=123', { key: null });
		expect(first.body).toEqual({
			business_id: '5abc',
			api_keys: [{ environment: 'DEVELOPMENT', api_key: KEY }],
		});
		const second = await call('GET', '/businesses/5abc/api_keys?token=123', { key: null });
		expect(second).toMatchObject({ status: 401, body: { error_code: 'INVALID_TOKEN' } });
		expect((await call('GET', '/businesses/5abc/api_keys', { key: null })).status).toBe(400);
	});

	test('sendCallback with wrong/no token, malformed and oversized bodies', async () => {
		const url = receiver.url('/trigger');
		const good = await control('sendCallback', { product: 'NAME_VALIDATOR_REQUEST', url });
		expect(good).toMatchObject({ url, status: 200 });
		expect(receiver.received[0].headers['x-callback-token']).toBe(TOKEN);
		expect(JSON.parse(receiver.received[0].text)).toMatchObject({
			status: 'COMPLETED',
			result: { is_found: true },
		});
		await control('sendCallback', { product: 'capture', url, token: 'wrong' });
		expect(receiver.received[1].headers['x-callback-token']).toBe('wrong-iluma-callback-token');
		await control('sendCallback', { product: 'id_card_ocr', url, token: 'none' });
		expect(receiver.received[2].headers['x-callback-token']).toBeUndefined();
		await control('sendCallback', { product: 'document_ocr', url, body: 'malformed' });
		expect(() => JSON.parse(receiver.received[3].text)).toThrow();
		await control('sendCallback', {
			product: 'bank_v1',
			url,
			body: 'oversized',
			oversizedBytes: 2 * 1024 * 1024,
		});
		expect(receiver.received[4].text.length).toBeGreaterThan(2 * 1024 * 1024);
		expect(JSON.parse(receiver.received[4].text).status).toBe('SUCCESS');
	});

	test('dispose stops pending timers', async () => {
		const state = iluma.createState();
		expect(typeof state.dispose).toBe('function');
		state.dispose();
		expect(state.disposed).toBe(true);
	});
});
