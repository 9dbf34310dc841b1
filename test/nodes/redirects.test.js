'use strict';
/**
 * No redirect is ever followed, so a key, a token or an image never travels to a host the user did
 * not enter. For every vendor and every kind of call (JSON, urlencoded, multipart, file download,
 * trigger hook, credential test), a loopback "vendor" answers 302 or 307 pointing at a second
 * loopback port: that port must receive nothing, the vendor exactly one request (no retry), and
 * the failure must name the redirect with the target's origin only (no path, no query).
 */
const http = require('http');
const { runNode } = require('../harness/n8n');
const { callHook, callWebhook } = require('../harness/webhook');
const { testCredential } = require('../harness/credentialTest');
const { imageItem, images, scenarios } = require('../helpers');
const { EkycPro } = require('../../nodes/EkycPro/EkycPro.node');
const { Iluma } = require('../../nodes/Iluma/Iluma.node');
const { IlumaTrigger } = require('../../nodes/Iluma/IlumaTrigger.node');
const { WideKyc } = require('../../nodes/WideKyc/WideKyc.node');
const { ClovaOcr } = require('../../nodes/ClovaOcr/ClovaOcr.node');
const { ArgosId } = require('../../nodes/ArgosId/ArgosId.node');
const { EkycProApi } = require('../../credentials/EkycProApi.credentials');
const { IlumaApi } = require('../../credentials/IlumaApi.credentials');
const { WideKycApi } = require('../../credentials/WideKycApi.credentials');
const { ClovaOcrApi } = require('../../credentials/ClovaOcrApi.credentials');
const { ArgosIdApi } = require('../../credentials/ArgosIdApi.credentials');

const SECRET = 'redirect-test-secret-0042';

/** A loopback HTTP server that records each request (with its body) and answers with `reply`. */
async function recordingServer(reply) {
	const requests = [];
	const server = http.createServer((req, res) => {
		const chunks = [];
		req.on('data', (chunk) => chunks.push(chunk));
		req.on('end', () => {
			requests.push({
				method: req.method,
				url: req.url,
				headers: req.headers,
				body: Buffer.concat(chunks),
			});
			reply(req, res);
		});
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		requests,
		port: server.address().port,
		close: async () => {
			server.closeAllConnections();
			await new Promise((resolve) => server.close(resolve));
		},
	};
}

const vendors = {
	ekycpro: {
		name: 'ekycpro',
		node: EkycPro,
		credential: EkycProApi,
		data: (base) => ({ apiKey: SECRET, baseUrl: `${base}/ekycpro` }),
	},
	iluma: {
		name: 'Iluma',
		node: Iluma,
		credential: IlumaApi,
		data: (base) => ({ apiKey: SECRET, baseUrl: `${base}/iluma`, callbackToken: '' }),
	},
	wideKyc: {
		name: 'WideKYC',
		node: WideKyc,
		credential: WideKycApi,
		data: (base) => ({ token: SECRET, serverUrl: `${base}/widekyc` }),
	},
	clova: {
		name: 'CLOVA OCR',
		node: ClovaOcr,
		credential: ClovaOcrApi,
		data: (base) => ({ secretKey: SECRET, invokeUrl: `${base}/clova/custom/v1/1/key` }),
	},
	argos: {
		name: 'Argos ID',
		node: ArgosId,
		credential: ArgosIdApi,
		data: (base) => ({ apiKey: SECRET, baseUrl: `${base}/argos` }),
	},
};

const plainItem = [{ json: {} }];
const jpegItem = (...fields) =>
	imageItem(Object.fromEntries(fields.map((f) => [f, images.jpeg()])));

/** One call of each kind each vendor makes: [vendor, kind, parameters, input items]. */
const nodeCalls = [
	['ekycpro', 'JSON read', { resource: 'account', operation: 'getBalance' }, plainItem],
	[
		'ekycpro',
		'urlencoded',
		{ resource: 'identity', operation: 'check', nik: scenarios.NIKS.registered, name: 'BUDI' },
		plainItem,
	],
	[
		'ekycpro',
		'urlencoded image',
		{ resource: 'idCard', operation: 'recognize', document: 'pe' },
		[jpegItem('data')],
	],
	[
		'iluma',
		'JSON',
		{ resource: 'ktp', operation: 'validateName', nik: scenarios.NIKS.registered, name: 'FIRA' },
		plainItem,
	],
	['iluma', 'multipart', { resource: 'face', operation: 'compare' }, [jpegItem('selfie', 'ktp')]],
	[
		'iluma',
		'file download',
		{ resource: 'capture', operation: 'download', id: 'ocr-1', link: 'a.jpeg' },
		plainItem,
	],
	['wideKyc', 'JSON', { resource: 'idCard', operation: 'recognize' }, [jpegItem('data')]],
	['clova', 'JSON', { resource: 'general', operation: 'recognize' }, [jpegItem('data')]],
	[
		'clova',
		'multipart',
		{ resource: 'general', operation: 'recognize', upload: 'multipart' },
		[jpegItem('data')],
	],
	[
		'argos',
		'JSON read',
		{ resource: 'submission', operation: 'get', submissionId: 'sub-1' },
		plainItem,
	],
	[
		'argos',
		'multipart',
		{
			resource: 'submission',
			operation: 'step1',
			email: 'a@example.com',
			issuingCountry: 'KOR',
			idType: 'passport',
		},
		[jpegItem('data')],
	],
];

describe.each([302, 307])('a vendor that answers %i to another port', (status) => {
	let target;
	let vendor;
	let base;
	beforeAll(async () => {
		target = await recordingServer((req, res) => {
			res.setHeader('content-type', 'application/json');
			res.end('{"status":"OK"}');
		});
		const location = `http://127.0.0.1:${target.port}/collect/path?token=leak-me#frag`;
		vendor = await recordingServer((req, res) => {
			res.writeHead(status, { location, 'content-type': 'text/plain' });
			res.end('moved');
		});
		base = `http://127.0.0.1:${vendor.port}`;
	});
	afterEach(() => {
		target.requests.length = 0;
		vendor.requests.length = 0;
	});
	afterAll(async () => {
		await target.close();
		await vendor.close();
	});

	/** What every case must show: one request at the vendor, none at the target. */
	function expectNotFollowed() {
		expect(target.requests).toEqual([]);
		expect(vendor.requests).toHaveLength(1);
	}
	const redirectMessage = (name) =>
		`${name} HTTP ${status}: the vendor answered with a redirect to http://127.0.0.1:${target.port}; redirects are not followed, so nothing was sent there [HTTP ${status}, not billed]`;
	function expectRedirectNamed(error, name) {
		expect(error).toBeDefined();
		expect(error.message).toBe(redirectMessage(name));
		expect(JSON.stringify(error)).not.toMatch(/collect|leak-me|frag/);
	}

	test.each(nodeCalls)(
		'%s %s: fails naming the redirect, sends nothing there',
		// Every row has its items (a plain item when the call needs no file): a row one argument
		// short would make jest take the last parameter for a done callback.
		async (key, _kind, parameters, items) => {
			const { node, credential, name, data } = vendors[key];
			const run = await runNode({
				nodeClass: node,
				credentialClasses: [credential],
				credentials: { [new credential().name]: data(base) },
				parameters,
				items,
			});
			expectNotFollowed();
			expect(vendor.requests[0].headers['user-agent']).toBeDefined();
			expectRedirectNamed(run.error, name);
			expect(run.error.context.itemIndex).toBe(0);
		},
	);

	test('with Continue On Fail the item carries the redirect as its error', async () => {
		const { items } = await runNode({
			nodeClass: EkycPro,
			credentialClasses: [EkycProApi],
			credentials: { ekycProApi: vendors.ekycpro.data(base) },
			parameters: { resource: 'account', operation: 'getBalance' },
			onError: 'continueRegularOutput',
		});
		expectNotFollowed();
		expect(items[0].json.error).toBe(redirectMessage('ekycpro'));
	});

	describe('Iluma Trigger', () => {
		const credentials = (extra = {}) => ({ ilumaApi: { ...vendors.iluma.data(base), ...extra } });

		test('activation hook registering the callback URL: fails naming the redirect', async () => {
			const attempt = callHook('create', {
				nodeClass: IlumaTrigger,
				parameters: { registerCallbackUrl: true },
				credentials: credentials({ callbackToken: 'configured-token' }),
			});
			const error = await attempt.catch((e) => e);
			expectNotFollowed();
			expectRedirectNamed(error, 'Iluma');
			expect(vendor.requests[0].url).toBe('/iluma/v1/callback/urls');
		});

		test('activation hook reading the callback token: fails naming the redirect', async () => {
			const error = await callHook('create', {
				nodeClass: IlumaTrigger,
				credentials: credentials(),
			}).catch((e) => e);
			expectNotFollowed();
			expectRedirectNamed(error, 'Iluma');
			expect(vendor.requests[0].url).toBe('/iluma/v1/callback/authentication_tokens');
		});

		test('webhook reading the callback token: the callback is refused, nothing sent there', async () => {
			const { result, response } = await callWebhook({
				nodeClass: IlumaTrigger,
				credentials: credentials(),
				body: { id: 'x', status: 'COMPLETED' },
				headers: { 'x-callback-token': 'some-token' },
			});
			expectNotFollowed();
			expect(response.statusCode).toBe(401);
			expect(result).toEqual({ noWebhookResponse: true });
		});
	});

	test.each(Object.keys(vendors))(
		'%s credential test: fails naming the redirect, sends nothing there',
		async (key) => {
			const { credential, name, data } = vendors[key];
			const result = await testCredential(credential, data(base));
			expectNotFollowed();
			expect(vendor.requests[0].headers['user-agent']).toBeDefined();
			expect(result.status).toBe('Error');
			expect(result.message).toMatch(/redirect.* not followed/);
			if (key !== 'clova') expect(result.message).toMatch(new RegExp(`^${name} HTTP ${status}: `));
		},
	);
});

describe('the credential test harness', () => {
	// Without this, the redirect cases above could pass on a harness that never sends anything.
	test.each(Object.keys(vendors))(
		'%s: a plain 200 answer reaches the vendor with the key',
		async (key) => {
			const server = await recordingServer((req, res) => {
				res.setHeader('content-type', 'application/json');
				res.end('{"code":"0011","status":"OK"}');
			});
			try {
				const { credential, data } = vendors[key];
				const result = await testCredential(credential, data(`http://127.0.0.1:${server.port}`));
				expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
				expect(server.requests).toHaveLength(1);
				const { headers } = server.requests[0];
				const sent = [
					headers['x-api-key'],
					headers.token,
					headers['x-ocr-secret'],
					headers.authorization,
				];
				expect(sent.join(' ')).toContain(
					key === 'iluma' ? Buffer.from(`${SECRET}:`).toString('base64') : SECRET,
				);
			} finally {
				await server.close();
			}
		},
	);
});
