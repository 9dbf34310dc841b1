'use strict';
/**
 * The Iluma Trigger through n8n-core's own WebhookContext and HookContext, against the sandbox:
 * callbacks are verified by token before anything else, routed by product, and the activation
 * hooks register, restore and remove callback URLs at Iluma.
 */
const { callHook, callWebhook, webhookUrl } = require('../harness/webhook');
const { useSandbox } = require('../helpers');
const { IlumaTrigger } = require('../../nodes/Iluma/IlumaTrigger.node');
const iluma = require('../sandbox/vendors/iluma');

const TOKEN = iluma.credentials.callbackToken;
const PROD_URL = webhookUrl();
const TEST_URL = webhookUrl(true);
const BANK_CALLBACK = {
	id: 'bknv_5c6ba591cf3c3867d75053d7',
	bank_account_number: '1234567890',
	bank_code: 'BCA',
	status: 'COMPLETED',
	result: { is_found: true, is_virtual_account: false, account_holder_name: 'FIRA DIYANKA' },
	reference_id: 'applicant-42',
};

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
/** The audit record of an accepted callback. */
const auditOf = (event, vendorReference) => ({
	vendor: 'iluma',
	event,
	...(vendorReference === undefined ? {} : { vendorReference }),
	receivedAt: expect.stringMatching(ISO_TIME),
	verifiedBy: 'callbackToken',
});

describe('Iluma Trigger', () => {
	const state = useSandbox();
	const credentials = (extra = {}) => ({
		ilumaApi: {
			apiKey: state.sandbox.keys.iluma.apiKey,
			baseUrl: state.sandbox.baseUrls.iluma,
			callbackToken: '',
			...extra,
		},
	});
	const withToken = () => credentials({ callbackToken: TOKEN });
	const ilumaCalls = () => state.sandbox.requests.filter((r) => r.vendor === 'iluma');
	const callbackUrlCalls = () => ilumaCalls().filter((r) => r.path.includes('/v1/callback/urls'));

	/** The sandbox's own callback URL list, read through its API as a user would. */
	async function registeredAtIluma() {
		const auth = Buffer.from(`${state.sandbox.keys.iluma.apiKey}:`).toString('base64');
		const response = await fetch(`${state.sandbox.baseUrls.iluma}/v1/callback/urls`, {
			headers: { authorization: `Basic ${auth}` },
		});
		const { data } = await response.json();
		return Object.fromEntries(data.map((entry) => [entry.type, entry.url]));
	}
	async function registerAtIluma(type, url) {
		const auth = Buffer.from(`${state.sandbox.keys.iluma.apiKey}:`).toString('base64');
		const response = await fetch(`${state.sandbox.baseUrls.iluma}/v1/callback/urls`, {
			method: 'POST',
			headers: { authorization: `Basic ${auth}`, 'content-type': 'application/json' },
			body: JSON.stringify({ type, url }),
		});
		expect(response.status).toBe(200);
	}
	// The harness's URLs are not served, so the sandbox must not test them with a callback here;
	// the end-to-end suite registers against a real n8n with the test callback on.
	beforeEach(() =>
		state.sandbox.vendorControl('iluma', 'configure', { verifyCallbackUrls: false }),
	);

	const call = (parameters, body, { headers = { 'x-callback-token': TOKEN }, ...extra } = {}) =>
		callWebhook({
			nodeClass: IlumaTrigger,
			parameters,
			credentials: withToken(),
			body,
			headers,
			...extra,
		});
	const hook = (method, parameters, extra = {}) =>
		callHook(method, {
			nodeClass: IlumaTrigger,
			parameters,
			credentials: credentials(),
			...extra,
		});

	describe('verification', () => {
		test('a callback with the right token starts the workflow with its body', async () => {
			const { result, response } = await call({}, BANK_CALLBACK);
			expect(result.workflowData[0]).toEqual([
				{
					json: {
						...BANK_CALLBACK,
						iluma_event: 'bankNameValidation',
						audit: auditOf('bankNameValidation', BANK_CALLBACK.id),
					},
				},
			]);
			expect(response.ended).toBe(false);
		});

		test('a callback that quotes the key or the token starts the workflow without them', async () => {
			const apiKey = state.sandbox.keys.iluma.apiKey;
			const body = {
				...BANK_CALLBACK,
				note: `key ${apiKey}, token ${TOKEN}`,
			};
			const { result } = await call({}, body);
			const text = JSON.stringify(result.workflowData);
			expect(text).not.toContain(apiKey);
			expect(text).not.toContain(TOKEN);
			expect(result.workflowData[0][0].json.note).toBe('key [secret], token [secret]');
		});

		test('the header name is matched whatever its case', async () => {
			for (const name of ['X-CALLBACK-TOKEN', 'X-Callback-Token']) {
				const { result } = await call({}, BANK_CALLBACK, { headers: { [name]: TOKEN } });
				expect(result.workflowData).toBeDefined();
			}
		});

		test.each([
			['no token', {}],
			['a wrong token', { 'x-callback-token': 'wrong-iluma-callback-token' }],
			['the token with a different case', { 'x-callback-token': TOKEN.toUpperCase() }],
			['a prefix of the token', { 'x-callback-token': TOKEN.slice(0, 10) }],
			['the token twice', { 'x-callback-token': [TOKEN, TOKEN] }],
			['the token under another header', { 'x-iluma-callback-token': TOKEN }],
		])('%s: 401, nothing started, nothing echoed', async (_label, headers) => {
			const { result, response } = await call({}, BANK_CALLBACK, { headers });
			expect(result).toEqual({ noWebhookResponse: true });
			expect(response).toMatchObject({ statusCode: 401, body: 'Unauthorized', ended: true });
		});

		test('a caller without the header costs no call to Iluma, even with no token kept', async () => {
			const before = ilumaCalls().length;
			const { response } = await callWebhook({
				nodeClass: IlumaTrigger,
				parameters: {},
				credentials: credentials(),
				body: BANK_CALLBACK,
			});
			expect(response.statusCode).toBe(401);
			expect(ilumaCalls()).toHaveLength(before);
		});

		test('bodies are checked only after the token: junk with no token is 401, with it 400', async () => {
			for (const body of [undefined, 'not json', [], {}]) {
				const anonymous = await call({}, body, { headers: {} });
				expect(anonymous.response.statusCode).toBe(401);
				const verified = await call({}, body);
				expect(verified.result).toEqual({ noWebhookResponse: true });
				expect(verified.response).toMatchObject({ statusCode: 400, body: 'Bad Request' });
			}
		});

		test('Iluma’s test payload for a new callback URL is answered 200 and starts nothing', async () => {
			const { result } = await call({}, { type: 'NAME_VALIDATOR_REQUEST', is_test: true });
			expect(result).toEqual({ webhookResponse: 'OK' });
		});
	});

	describe('the token from Iluma, kept in static data', () => {
		test('activation reads it once; callbacks are then verified without calling Iluma', async () => {
			const staticData = {};
			await expect(hook('create', {}, { staticData })).resolves.toBe(true);
			const tokenReads = () =>
				ilumaCalls().filter((r) => r.path.endsWith('/v1/callback/authentication_tokens'));
			expect(tokenReads()).toHaveLength(1);
			// Only a digest is kept: a workflow export must not carry the token.
			expect(JSON.stringify(staticData)).not.toContain(TOKEN);
			expect(JSON.stringify(staticData)).toMatch(/[0-9a-f]{64}/);

			const options = { credentials: credentials(), staticData };
			const good = await call({}, BANK_CALLBACK, options);
			expect(good.result.workflowData).toBeDefined();
			const bad = await call({}, BANK_CALLBACK, {
				...options,
				headers: { 'x-callback-token': 'wrong-iluma-callback-token' },
			});
			expect(bad.response.statusCode).toBe(401);
			expect(tokenReads()).toHaveLength(1);
		});

		test('a callback that arrives before activation’s data is stored reads the token once itself', async () => {
			const staticData = {};
			const tokenReads = () =>
				ilumaCalls().filter((r) => r.path.endsWith('/v1/callback/authentication_tokens'));
			const options = { credentials: credentials(), staticData };
			const first = await call({}, BANK_CALLBACK, options);
			expect(first.result.workflowData).toBeDefined();
			// Not written to static data: a webhook's write could overwrite the activation's.
			expect(JSON.stringify(staticData)).not.toMatch(/[0-9a-f]{64}/);
			const second = await call({}, BANK_CALLBACK, options);
			expect(second.result.workflowData).toBeDefined();
			expect(tokenReads()).toHaveLength(1);
		});

		test('when Iluma cannot give the token then, callbacks get 401, and Iluma is asked once per 30 s', async () => {
			await state.sandbox.injectFault({ vendor: 'iluma', status: 503, count: 5 });
			const options = { credentials: credentials(), staticData: {} };
			const before = ilumaCalls().length;
			for (const headers of [{ 'x-callback-token': TOKEN }, { 'x-callback-token': 'made-up' }]) {
				const { response } = await call({}, BANK_CALLBACK, { ...options, headers });
				expect(response.statusCode).toBe(401);
			}
			expect(ilumaCalls().length - before).toBe(1);
		});

		test('activation fails when the token cannot be read, and callbacks are refused', async () => {
			const wrongKey = credentials({ apiKey: 'iluma_development_wrong_key' });
			const error = await hook('create', {}, { credentials: wrongKey }).catch((e) => e);
			expect(error.constructor.name).toBe('NodeApiError');
			expect(error.message).toMatch(/^Iluma INVALID_API_KEY/);
			expect(error.message).not.toContain('iluma_development_wrong_key');
			const { response } = await call({}, BANK_CALLBACK, { credentials: wrongKey });
			expect(response.statusCode).toBe(401);
		});

		test('with the token in the credential, activation reads nothing from Iluma', async () => {
			await hook('create', {}, { credentials: withToken() });
			expect(ilumaCalls()).toHaveLength(0);
		});

		test('a token from the credential is kept: callbacks stay verified if it is cleared later', async () => {
			const staticData = {};
			await hook('create', {}, { credentials: withToken(), staticData });
			const { result } = await call({}, BANK_CALLBACK, { credentials: credentials(), staticData });
			expect(result.workflowData).toBeDefined();
			expect(ilumaCalls()).toHaveLength(0);
		});

		test('right after activation, before n8n has stored its data, callbacks need no call to Iluma', async () => {
			await hook('create', {}, { staticData: {}, workflowId: 'activating' });
			const before = ilumaCalls().length;
			const options = { credentials: credentials(), staticData: {}, workflowId: 'activating' };
			const { result } = await call({}, BANK_CALLBACK, options);
			expect(result.workflowData).toBeDefined();
			expect(ilumaCalls()).toHaveLength(before);
		});

		test('what one credential’s activation read never verifies callbacks for another credential', async () => {
			await hook('create', {}, { staticData: {}, workflowId: 'switched', credentialId: '1' });
			const other = credentials({ apiKey: 'iluma_development_another_account' });
			const { response } = await call({}, BANK_CALLBACK, {
				credentials: other,
				credentialId: '2',
				staticData: {},
				workflowId: 'switched',
			});
			expect(response.statusCode).toBe(401);
		});

		test('25 concurrent callbacks with a wrong token, no token kept: one look-up at Iluma', async () => {
			const tokenReads = () =>
				ilumaCalls().filter((r) => r.path.endsWith('/v1/callback/authentication_tokens')).length;
			const before = tokenReads();
			const options = {
				credentials: credentials(),
				staticData: {},
				workflowId: 'crowd',
				headers: { 'x-callback-token': 'made-up-token' },
			};
			const answers = await Promise.all(
				Array.from({ length: 25 }, () => call({}, BANK_CALLBACK, options)),
			);
			expect(answers.map(({ response }) => response.statusCode)).toEqual(Array(25).fill(401));
			expect(tokenReads() - before).toBe(1);
		});

		test('a read token is remembered for 10 min, a failed read for 30 s', async () => {
			const start = Date.now();
			const clock = jest.spyOn(Date, 'now').mockReturnValue(start);
			try {
				const tokenReads = () =>
					ilumaCalls().filter((r) => r.path.endsWith('/v1/callback/authentication_tokens')).length;
				const options = { credentials: credentials(), staticData: {}, workflowId: 'clock' };
				await call({}, BANK_CALLBACK, options);
				clock.mockReturnValue(start + 9 * 60_000);
				await call({}, BANK_CALLBACK, options);
				expect(tokenReads()).toBe(1);
				clock.mockReturnValue(start + 11 * 60_000);
				await call({}, BANK_CALLBACK, options);
				expect(tokenReads()).toBe(2);

				const failing = { ...options, workflowId: 'clock-failing' };
				await state.sandbox.injectFault({ vendor: 'iluma', status: 503, count: 2 });
				const failedReads = () => ilumaCalls().filter((r) => r.status === 503).length;
				await call({}, BANK_CALLBACK, failing);
				clock.mockReturnValue(start + 11 * 60_000 + 29_000);
				await call({}, BANK_CALLBACK, failing);
				expect(failedReads()).toBe(1);
				clock.mockReturnValue(start + 11 * 60_000 + 31_000);
				await call({}, BANK_CALLBACK, failing);
				expect(failedReads()).toBe(2);
			} finally {
				clock.mockRestore();
			}
		});
	});

	describe('Options → Privacy', () => {
		test('masks account, ID and phone numbers in the output; off by default', async () => {
			const body = { ...BANK_CALLBACK, nik: '3171012345678901', phone_number: '+6281234567890' };
			const plain = await call({}, body);
			expect(plain.result.workflowData[0][0].json.bank_account_number).toBe('1234567890');
			const { result } = await call({ options: { privacy: true } }, body);
			const json = result.workflowData[0][0].json;
			expect(json).toMatchObject({
				bank_account_number: '******7890',
				nik: '************8901',
				phone_number: '**********7890',
				reference_id: 'applicant-42',
				iluma_event: 'bankNameValidation',
			});
			expect(JSON.stringify(json)).not.toMatch(/3171012345678901|1234567890"|6281234567890/);
		});
	});

	describe('Options → Audit Record', () => {
		test('on by default: the product, Iluma’s request ID, arrival time and the token rule; nothing about the person', async () => {
			const before = Date.now();
			const body = { ...BANK_CALLBACK, nik: '3171012345678901' };
			const { result } = await call({ options: { privacy: true } }, body);
			const { audit } = result.workflowData[0][0].json;
			expect(audit).toEqual(auditOf('bankNameValidation', 'bknv_5c6ba591cf3c3867d75053d7'));
			expect(Date.parse(audit.receivedAt)).toBeGreaterThanOrEqual(before);
			expect(Date.parse(audit.receivedAt)).toBeLessThanOrEqual(Date.now());
			expect(JSON.stringify(audit)).not.toMatch(
				/FIRA|DIYANKA|1234567890|3171012345678901|applicant/,
			);
		});

		test('each product’s event; no vendorReference when the callback has no id; it replaces a callback’s own `audit`', async () => {
			const ocr = {
				id: '0f126904-9c35-45b8-9165-415eedadde54',
				type: 'indonesia_ktp',
				status: 'COMPLETED',
				data: {},
			};
			const fromOcr = await call({}, ocr);
			expect(fromOcr.result.workflowData[0][0].json.audit).toEqual(auditOf('idCardOcr', ocr.id));
			const { id: _id, ...withoutId } = BANK_CALLBACK;
			const noId = await call({}, { ...withoutId, audit: { verifiedBy: 'nothing' } });
			expect(noId.result.workflowData[0][0].json.audit).toEqual(auditOf('bankNameValidation'));
		});

		test('off: the item is the callback alone', async () => {
			const { result } = await call({ options: { auditRecord: false } }, BANK_CALLBACK);
			expect(result.workflowData[0]).toEqual([
				{ json: { ...BANK_CALLBACK, iluma_event: 'bankNameValidation' } },
			]);
		});

		test('refused callbacks and Iluma’s test payload start nothing, so they have no record', async () => {
			const wrong = await call({}, BANK_CALLBACK, {
				headers: { 'x-callback-token': 'wrong-iluma-callback-token' },
			});
			expect(wrong.result).toEqual({ noWebhookResponse: true });
			expect(wrong.response.statusCode).toBe(401);
			const test = await call({}, { type: 'NAME_VALIDATOR_REQUEST', is_test: true });
			expect(test.result).toEqual({ webhookResponse: 'OK' });
		});
	});

	describe('routing', () => {
		test('callbacks of products not selected are answered 200 and start nothing', async () => {
			const { result } = await call({ events: ['idCardOcr'] }, BANK_CALLBACK);
			expect(result).toEqual({ webhookResponse: 'OK' });
		});

		test.each([
			['bank', 'bankNameValidation'],
			['bank_v1', 'bankNameValidation'],
			['id_card_ocr', 'idCardOcr'],
			['document_ocr', 'businessDocumentOcr'],
			['capture', 'documentOcrCapture'],
			['photo_authentication', 'photoAuthentication'],
		])('the sandbox’s %s callback is %s, and only that event starts', async (product, event) => {
			// The body the sandbox POSTs, captured by pointing the sandbox at a local receiver.
			const body = await captureSandboxCallback(state.sandbox, product);
			const started = await call({ events: [event] }, body);
			expect(started.result.workflowData[0][0].json).toMatchObject({
				id: body.id,
				iluma_event: event,
			});
			const others = [
				'bankNameValidation',
				'idCardOcr',
				'businessDocumentOcr',
				'documentOcrCapture',
				'photoAuthentication',
			].filter((e) => e !== event);
			const ignored = await call({ events: others }, body);
			expect(ignored.result).toEqual({ webhookResponse: 'OK' });
		});

		test('"All Events" also passes on a verified callback of a product this node does not know', async () => {
			const body = { id: 'npwp_0001', account_number: '123', status: 'COMPLETED' };
			const all = await call({ events: ['*'] }, body);
			expect(all.result.workflowData[0][0].json).toEqual({
				...body,
				iluma_event: 'unknown',
				audit: auditOf('unknown', 'npwp_0001'),
			});
			const some = await call({ events: ['bankNameValidation'] }, body);
			expect(some.result).toEqual({ webhookResponse: 'OK' });
		});
	});

	describe('registration at Iluma', () => {
		const registerParams = (events = ['bankNameValidation', 'idCardOcr'], extra = {}) => ({
			events,
			registerCallbackUrl: true,
			...extra,
		});

		test('activation sets the URL for each selected product; deactivation removes it', async () => {
			const staticData = {};
			const parameters = registerParams();
			expect(await hook('checkExists', parameters, { staticData })).toBe(false);
			expect(await hook('create', parameters, { staticData })).toBe(true);
			expect(await registeredAtIluma()).toEqual({
				NAME_VALIDATOR_REQUEST: PROD_URL,
				ID_IMAGE_OCR_REQUEST: PROD_URL,
			});
			expect(await hook('checkExists', parameters, { staticData })).toBe(true);
			expect(await hook('delete', parameters, { staticData })).toBe(true);
			expect(await registeredAtIluma()).toEqual({});
			expect(await hook('checkExists', parameters, { staticData })).toBe(false);
		});

		test('"All Events" registers the four documented types; an empty type name none', async () => {
			await hook('create', registerParams(['*']));
			expect(Object.keys(await registeredAtIluma()).sort()).toEqual([
				'BUSINESS_DOCUMENT_OCR_REQUEST',
				'DOCUMENT_OCR_CAPTURE_REQUEST',
				'ID_IMAGE_OCR_REQUEST',
				'NAME_VALIDATOR_REQUEST',
			]);
		});

		test('a URL that was there before is put back on deactivation (with POST, the documented call)', async () => {
			await registerAtIluma('NAME_VALIDATOR_REQUEST', 'https://crm.example.com/iluma');
			const staticData = {};
			const parameters = registerParams(['bankNameValidation']);
			await hook('create', parameters, { staticData });
			expect((await registeredAtIluma()).NAME_VALIDATOR_REQUEST).toBe(PROD_URL);
			const before = callbackUrlCalls().length;
			await hook('delete', parameters, { staticData });
			expect(
				callbackUrlCalls()
					.slice(before)
					.map((r) => r.method),
			).toEqual(['GET', 'POST']);
			expect(await registeredAtIluma()).toEqual({
				NAME_VALIDATOR_REQUEST: 'https://crm.example.com/iluma',
			});
		});

		test('registering again keeps the first URL it replaced, never one of its own', async () => {
			await registerAtIluma('NAME_VALIDATOR_REQUEST', 'https://crm.example.com/iluma');
			const staticData = {};
			const parameters = registerParams(['bankNameValidation']);
			await hook('create', parameters, { staticData });
			// A test URL left behind (n8n restarted while listening), then activation again.
			await registerAtIluma('NAME_VALIDATOR_REQUEST', TEST_URL);
			await hook('create', parameters, { staticData });
			await hook('delete', parameters, { staticData });
			expect(await registeredAtIluma()).toEqual({
				NAME_VALIDATOR_REQUEST: 'https://crm.example.com/iluma',
			});
			// Without what the first activation kept, this node's own test URL is not put back.
			await registerAtIluma('NAME_VALIDATOR_REQUEST', TEST_URL);
			const fresh = {};
			await hook('create', parameters, { staticData: fresh });
			await hook('delete', parameters, { staticData: fresh });
			expect(await registeredAtIluma()).toEqual({});
		});

		test('"Listen for test event" is refused while the production URL holds the product', async () => {
			const parameters = registerParams(['bankNameValidation']);
			await hook('create', parameters, { staticData: {} });
			const error = await hook('create', parameters, { staticData: {}, mode: 'manual' }).catch(
				(e) => e,
			);
			expect(error.message).toMatch(
				/^Iluma sends the NAME_VALIDATOR_REQUEST callbacks to this workflow's production URL/,
			);
			expect(error.description).toMatch(/Unpublish the workflow to test/);
			expect(await registeredAtIluma()).toEqual({ NAME_VALIDATOR_REQUEST: PROD_URL });
		});

		test('"Listen for test event" on an unpublished workflow borrows the URL and gives it back', async () => {
			await registerAtIluma('NAME_VALIDATOR_REQUEST', 'https://crm.example.com/iluma');
			const parameters = registerParams(['bankNameValidation']);
			const test = {};
			await hook('create', parameters, { staticData: test, mode: 'manual' });
			expect((await registeredAtIluma()).NAME_VALIDATOR_REQUEST).toBe(TEST_URL);
			await hook('delete', parameters, { staticData: test, mode: 'manual' });
			expect(await registeredAtIluma()).toEqual({
				NAME_VALIDATOR_REQUEST: 'https://crm.example.com/iluma',
			});
		});

		test('when Iluma has no DELETE for callback URLs, deactivation still gives back the rest and says what to remove', async () => {
			await state.sandbox.vendorControl('iluma', 'configure', { callbackUrlDelete: false });
			await registerAtIluma('ID_IMAGE_OCR_REQUEST', 'https://crm.example.com/ocr');
			const staticData = {};
			const parameters = registerParams(['bankNameValidation', 'idCardOcr']);
			await hook('create', parameters, { staticData });
			const error = await hook('delete', parameters, { staticData }).catch((e) => e);
			// n8n 2.x logs a failed deactivation without its description: the advice is in the message.
			expect(error.message).toBe(
				'Remove the NAME_VALIDATOR_REQUEST callback URL in the Iluma dashboard: Iluma answered HTTP 404 to DELETE /v1/callback/urls/NAME_VALIDATOR_REQUEST, and documents no other way to remove it',
			);
			expect(await registeredAtIluma()).toEqual({
				NAME_VALIDATOR_REQUEST: PROD_URL,
				ID_IMAGE_OCR_REQUEST: 'https://crm.example.com/ocr',
			});
			// Nothing stale is kept: the next activation starts from what Iluma holds then.
			expect(staticData['node:Trigger']).toEqual({});
		});

		test('a URL another receiver set while this node held the product is the one given back', async () => {
			await registerAtIluma('NAME_VALIDATOR_REQUEST', 'https://crm.example.com/iluma');
			const staticData = {};
			const parameters = registerParams(['bankNameValidation']);
			await hook('create', parameters, { staticData });
			await registerAtIluma('NAME_VALIDATOR_REQUEST', 'https://new-crm.example.com/iluma');
			await hook('create', parameters, { staticData });
			await hook('delete', parameters, { staticData });
			expect(await registeredAtIluma()).toEqual({
				NAME_VALIDATOR_REQUEST: 'https://new-crm.example.com/iluma',
			});
		});

		test('registration with no callback type to register fails the activation, saying why', async () => {
			const error = await hook('create', registerParams(['photoAuthentication'])).catch((e) => e);
			expect(error.message).toMatch(/no selected event has a callback type to register/);
			expect(callbackUrlCalls()).toHaveLength(0);
		});

		test('a URL someone set elsewhere meanwhile is left alone on deactivation', async () => {
			const staticData = {};
			const parameters = registerParams(['bankNameValidation']);
			await hook('create', parameters, { staticData });
			await registerAtIluma('NAME_VALIDATOR_REQUEST', 'https://other.example.com/cb');
			const before = callbackUrlCalls().length;
			await hook('delete', parameters, { staticData });
			// Deactivation only looked: no PATCH or DELETE.
			expect(
				callbackUrlCalls()
					.slice(before)
					.map((r) => r.method),
			).toEqual(['GET']);
			expect(await registeredAtIluma()).toEqual({
				NAME_VALIDATOR_REQUEST: 'https://other.example.com/cb',
			});
		});

		test('the type names are editable and sent as entered', async () => {
			const parameters = registerParams(['bankNameValidation'], {
				bankNameValidationType: 'ID_IMAGE_OCR_REQUEST',
			});
			await hook('create', parameters);
			expect(await registeredAtIluma()).toEqual({ ID_IMAGE_OCR_REQUEST: PROD_URL });
		});

		test('a type name that is not one is refused before any call', async () => {
			const parameters = registerParams(['bankNameValidation'], {
				bankNameValidationType: 'NAME/../VALIDATOR',
			});
			const error = await hook('create', parameters, { credentials: withToken() }).catch((e) => e);
			expect(error.message).toMatch(
				/^Bank Name Validation Callback Type: .* is not a callback type name/,
			);
			expect(ilumaCalls()).toHaveLength(0);
		});

		test('when Iluma refuses one type, the types already set are given back and the error surfaces', async () => {
			const parameters = registerParams(['bankNameValidation', 'idCardOcr'], {
				idCardOcrType: 'NOT_A_TYPE_ILUMA_KNOWS',
			});
			const error = await hook('create', parameters).catch((e) => e);
			expect(error.constructor.name).toBe('NodeApiError');
			expect(error.message).toMatch(/^Iluma API_VALIDATION_ERROR/);
			expect(error.description).toMatch(/NAME_VALIDATOR_REQUEST\) were put back/);
			expect(await registeredAtIluma()).toEqual({});
		});

		test('with registration off, activation never touches Iluma’s callback URLs', async () => {
			const staticData = {};
			await hook('create', { events: ['*'] }, { staticData });
			expect(await hook('checkExists', { events: ['*'] }, { staticData })).toBe(true);
			await hook('delete', { events: ['*'] }, { staticData });
			expect(callbackUrlCalls()).toHaveLength(0);
		});

		test('Iluma’s test callback reaches a real URL with the token; the trigger accepts it', async () => {
			await state.sandbox.vendorControl('iluma', 'configure', { verifyCallbackUrls: true });
			const received = await receiveOne(async (url) => {
				await registerAtIluma('NAME_VALIDATOR_REQUEST', url);
			});
			expect(received.body).toEqual({ type: 'NAME_VALIDATOR_REQUEST', is_test: true });
			const { result } = await call({}, received.body, { headers: received.headers });
			expect(result).toEqual({ webhookResponse: 'OK' });
		});
	});
});

/** Starts a local HTTP receiver, runs `send(url)` and returns the first request it got. */
async function receiveOne(send) {
	const http = require('http');
	let resolveRequest;
	const got = new Promise((resolve) => {
		resolveRequest = resolve;
	});
	const server = http.createServer((req, res) => {
		const chunks = [];
		req.on('data', (chunk) => chunks.push(chunk));
		req.on('end', () => {
			res.end('ok');
			resolveRequest({ headers: req.headers, body: JSON.parse(Buffer.concat(chunks).toString()) });
		});
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	try {
		await send(`http://127.0.0.1:${server.address().port}/cb`);
		return await got;
	} finally {
		server.closeAllConnections();
		await new Promise((resolve) => server.close(resolve));
	}
}

async function captureSandboxCallback(sandbox, product) {
	const received = await receiveOne((url) =>
		sandbox.vendorControl('iluma', 'sendCallback', { product, url }),
	);
	expect(received.headers['x-callback-token']).toBe(TOKEN);
	return received.body;
}
