'use strict';
/**
 * Every vendor of the sandbox echoes the request into its error on demand, through the control
 * API (POST /__sandbox/faults `{ vendor, echo, shape }`): as plain text (HTTP 500), as the vendor's
 * JSON error and as an error inside HTTP 200, so that the e2e suites and the fault matrix can use
 * it over HTTP as the engine tests do with `echoFault`.
 */
const { startSandbox } = require('.');
const { NIK, SHAPES, ERRORS } = require('../echo');

let sandbox;
beforeAll(async () => {
	sandbox = await startSandbox();
});
afterEach(() => sandbox.reset());
afterAll(async () => {
	await sandbox.close();
});

const control = async (method, body) => {
	const response = await fetch(`${sandbox.url}/__sandbox/faults`, {
		method,
		headers: { 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	return { status: response.status, json: await response.json() };
};

/** One call per vendor, carrying a credential header and a body with a NIK. */
const CALLS = {
	ekycpro: { path: '/v1/ididcheck', headers: { 'x-api-key': 'echo-ekycpro-key-123' } },
	wideKyc: { path: '/api/id-validation', headers: { token: 'echo-widekyc-token-123' } },
	clova: { path: '/general', headers: { 'x-ocr-secret': 'echo-clova-secret-123' } },
	iluma: {
		path: '/v1/identity/ktp_name/validations',
		headers: { authorization: `Basic ${Buffer.from('echo-iluma-key-123:').toString('base64')}` },
	},
	argos: { path: '/submission/step1', headers: { 'x-api-key': 'echo-argos-key-123' } },
};

const KINDS = [
	['text', 500],
	['json', 400],
	['in200', 200],
];
const VENDORS = Object.keys(CALLS);

test('the echo has all five vendors', () => {
	expect(Object.keys(ERRORS).sort()).toEqual([...VENDORS].sort());
});

describe.each(VENDORS)('%s', (vendor) => {
	test.each(KINDS)('echo as %s: HTTP %i, the request in the error', async (echo, status) => {
		for (const shape of SHAPES) {
			const injected = await control('POST', { vendor, echo, shape });
			expect(injected).toEqual({ status: 200, json: { ok: true, pendingFaults: 1 } });
			const { path, headers } = CALLS[vendor];
			const prefix = sandbox.baseUrls[vendor];
			const response = await fetch(`${prefix}${path}`, {
				method: 'POST',
				headers: { 'content-type': 'application/json', ...headers },
				body: JSON.stringify({ nik: NIK, name: 'applicant-name' }),
			});
			expect(response.status).toBe(status);
			const text = await response.text();
			const sent = Object.values(headers)[0];
			const expected = {
				headers: sent,
				body: 'applicant-name',
				values: vendor === 'iluma' ? 'echo-iluma-key-123' : sent,
				niks: NIK.match(/\d{4}/g).join('-'),
			};
			expect(text).toContain(expected[shape]);
			if (echo !== 'text') expect(() => JSON.parse(text)).not.toThrow();
			// count defaults to 1: the next call is the vendor's own answer again.
			expect((await control('DELETE')).json.cleared).toBe(0);
		}
	});
});

test('an unknown echo, shape or vendor is refused with 400', async () => {
	for (const fault of [
		{ vendor: 'iluma', echo: 'xml' },
		{ vendor: 'iluma', echo: 'json', shape: 'everything' },
		{ vendor: 'nobody', echo: 'json' },
		{ echo: 'json' },
	]) {
		const { status, json } = await control('POST', fault);
		expect(status).toBe(400);
		expect(json.ok).toBe(false);
	}
});

test('count and path apply to echo faults as to the others', async () => {
	await control('POST', {
		vendor: 'argos',
		echo: 'json',
		shape: 'values',
		count: 2,
		path: '/nowhere',
	});
	expect((await control('DELETE')).json.cleared).toBe(1);
});
