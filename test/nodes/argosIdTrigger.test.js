'use strict';
/** The Argos ID Trigger's webhook() through n8n-core's own WebhookContext. */
const http = require('node:http');
const { callHook, callWebhook } = require('../harness/webhook');
const { ArgosIdTrigger } = require('../../nodes/ArgosId/ArgosIdTrigger.node');
const argos = require('../sandbox/vendors/argos');

const ARGOS_IP = '52.78.194.237';
const credentials = {
	argosIdApi: {
		apiKey: argos.credentials.apiKey,
		baseUrl: 'http://x',
		secretKey: argos.credentials.secretKey,
	},
};
const payload = (event = 'approved') => ({
	webhook_trigger: event,
	submission_id: 'sbx1',
	kyc_result: { status: event },
	email: 'applicant@example.com',
});
/** The item an accepted webhook starts the workflow with: the payload and its audit record. */
const accepted = (verifiedBy, event = 'approved') => ({
	json: {
		...payload(event),
		audit: {
			vendor: 'argos',
			event,
			vendorReference: 'sbx1',
			receivedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
			verifiedBy,
		},
	},
});
const call = (parameters, body, extra = {}) =>
	callWebhook({ nodeClass: ArgosIdTrigger, parameters, credentials, body, ip: ARGOS_IP, ...extra });

describe('Argos ID Trigger webhook()', () => {
	test('defaults: a plain approved event from Argos’s address starts the workflow', async () => {
		const { result, response } = await call({}, payload());
		expect(result.workflowData[0]).toEqual([accepted('sourceIp')]);
		// Answered by the node before the run starts, so that n8n saves its static data then.
		expect(result.noWebhookResponse).toBe(true);
		expect(response).toMatchObject({ statusCode: 200, body: 'OK', ended: true });
	});

	test('an event that is not selected is acknowledged and starts nothing', async () => {
		const { result } = await call({}, payload('created'));
		expect(result).toEqual({ webhookResponse: 'OK' });
		const all = await call({ events: ['*'] }, payload('created'));
		expect(all.result.workflowData[0][0].json.webhook_trigger).toBe('created');
	});

	test('another source address gets 403 and starts nothing', async () => {
		const { result, response } = await call({}, payload(), { ip: '::ffff:198.51.100.9' });
		expect(result).toEqual({ noWebhookResponse: true });
		expect(response).toMatchObject({ statusCode: 403, ended: true });
	});

	test('behind a trusted proxy the header decides; an empty allow-list allows any address', async () => {
		const viaProxy = await call(
			{ trustedProxyHeader: 'X-Forwarded-For', trustedProxies: '10.0.0.5' },
			payload(),
			{
				ip: '10.0.0.5',
				headers: { 'x-forwarded-for': `203.0.113.1, ${ARGOS_IP}` },
			},
		);
		expect(viaProxy.result.workflowData[0]).toEqual([accepted('forwardedSourceIp')]);
		const spoofed = await call({}, payload(), {
			ip: '10.0.0.5',
			headers: { 'x-forwarded-for': ARGOS_IP },
		});
		expect(spoofed.response.statusCode).toBe(403);
		const spoofedFromOutside = await call({ trustedProxyHeader: 'X-Forwarded-For' }, payload(), {
			ip: '198.51.100.9',
			headers: { 'x-forwarded-for': ARGOS_IP },
		});
		expect(spoofedFromOutside.response.statusCode).toBe(403);
		expect(spoofedFromOutside.result).toEqual({ noWebhookResponse: true });
	});

	test('an empty allow-list is accepted only with encryption; without, every call gets 401', async () => {
		const open = await call({ allowedIps: '' }, payload(), { ip: '198.51.100.9' });
		expect(open.result).toEqual({ noWebhookResponse: true });
		expect(open.response).toMatchObject({ statusCode: 401, ended: true });
		const encrypted = await call(
			{ allowedIps: '', encryption: 'gcm' },
			JSON.parse(argos.webhookBody(payload(), { encryption: 'gcm' })),
			{ ip: '198.51.100.9' },
		);
		expect(encrypted.result.workflowData[0]).toEqual([accepted('decryptedGcm')]);
	});

	test.each([
		['an array', [payload()]],
		['an object without webhook_trigger', { submission_id: 'x' }],
		['a string', 'approved'],
	])('%s is not an Argos webhook: 400, nothing starts', async (_name, body) => {
		const { result, response } = await call({ events: ['*'] }, body);
		expect(result).toEqual({ noWebhookResponse: true });
		expect(response.statusCode).toBe(400);
	});

	test.each(['ecb', 'gcm'])(
		'%s: an encrypted payload is decrypted with the secret key',
		async (mode) => {
			const body = JSON.parse(argos.webhookBody(payload(), { encryption: mode }));
			const { result } = await call({ encryption: mode }, body);
			const rule = mode === 'gcm' ? 'decryptedGcm' : 'decryptedEcb';
			expect(result.workflowData[0]).toEqual([accepted(`sourceIp+${rule}`)]);
		},
	);

	test('without a secret key the API key decrypts', async () => {
		const body = JSON.parse(
			argos.webhookBody(payload(), { encryption: 'gcm', key: argos.credentials.apiKey }),
		);
		const { result } = await callWebhook({
			nodeClass: ArgosIdTrigger,
			parameters: { encryption: 'gcm' },
			credentials: { argosIdApi: { ...credentials.argosIdApi, secretKey: '' } },
			body,
			ip: ARGOS_IP,
		});
		expect(result.workflowData[0][0].json.webhook_trigger).toBe('approved');
	});

	test('with a secret key set, a payload Argos encrypted with the API key still decrypts', async () => {
		const body = JSON.parse(
			argos.webhookBody(payload(), { encryption: 'ecb', key: argos.credentials.apiKey }),
		);
		const { result } = await call({ encryption: 'ecb' }, body);
		expect(result.workflowData[0]).toEqual([accepted('sourceIp+decryptedEcb')]);
	});

	test.each(['iv-tag-ct', 'iv16-ct-tag', 'fields'])(
		'gcm: the undocumented layout %s decrypts too',
		async (gcmLayout) => {
			const body = JSON.parse(argos.webhookBody(payload(), { encryption: 'gcm', gcmLayout }));
			const { result } = await call({ encryption: 'gcm' }, body);
			expect(result.workflowData[0]).toEqual([accepted('sourceIp+decryptedGcm')]);
		},
	);

	test.each([
		[
			'a tampered GCM payload (tag after the IV)',
			'gcm',
			() =>
				JSON.parse(
					argos.webhookBody(payload(), { encryption: 'gcm', gcmLayout: 'iv-tag-ct', tamper: true }),
				),
		],
		[
			'a tampered GCM payload',
			'gcm',
			() => JSON.parse(argos.webhookBody(payload(), { encryption: 'gcm', tamper: true })),
		],
		[
			'a tampered ECB payload',
			'ecb',
			() => JSON.parse(argos.webhookBody(payload(), { encryption: 'ecb', tamper: true })),
		],
		['a plain payload when decryption is on', 'gcm', () => payload()],
		[
			'a payload encrypted with another key',
			'ecb',
			() => JSON.parse(argos.webhookBody(payload(), { encryption: 'ecb', key: 'other' })),
		],
	])('%s gets 401 and starts nothing', async (_name, mode, body) => {
		const { result, response } = await call({ encryption: mode }, body());
		expect(result).toEqual({ noWebhookResponse: true });
		expect(response).toMatchObject({ statusCode: 401, body: 'Unauthorized', ended: true });
	});

	test('decryption on but no credential: 401 (fail closed)', async () => {
		const body = JSON.parse(argos.webhookBody(payload(), { encryption: 'gcm' }));
		const { result, response } = await callWebhook({
			nodeClass: ArgosIdTrigger,
			parameters: { encryption: 'gcm' },
			credentials: {},
			body,
			ip: ARGOS_IP,
		});
		expect(result).toEqual({ noWebhookResponse: true });
		expect(response.statusCode).toBe(401);
	});

	test('the IP check comes first: a wrong address is refused before decrypting', async () => {
		const body = JSON.parse(argos.webhookBody(payload(), { encryption: 'gcm' }));
		const { response } = await call({ encryption: 'gcm' }, body, { ip: '198.51.100.9' });
		expect(response.statusCode).toBe(403);
	});
});

describe('Argos ID Trigger description', () => {
	const { description, webhookMethods } = new ArgosIdTrigger();

	test('is a webhook trigger over the documented events', () => {
		expect(description.inputs).toEqual([]);
		expect(description.webhooks).toEqual([
			expect.objectContaining({ name: 'default', httpMethod: 'POST', path: 'webhook' }),
		]);
		const events = description.properties.find((p) => p.name === 'events');
		expect(events.options.map((o) => o.value).sort()).toEqual(
			[
				'*',
				'aml',
				'aml_monitor',
				'approved',
				'created',
				'delete',
				'injection',
				'rejected',
				'retry',
				'submit',
				'updated',
			].sort(),
		);
		const allowed = description.properties.find((p) => p.name === 'allowedIps');
		expect(allowed.default).toBe(ARGOS_IP);
	});

	test('the lifecycle remembers the URL shown to the user; nothing is registered at Argos', async () => {
		const staticData = {};
		const hooks = {
			getWorkflowStaticData: () => staticData,
			getNodeWebhookUrl: () => 'https://n8n.example.com/webhook/abc/webhook',
			getNodeParameter: (_name, fallback) => fallback,
		};
		expect(await webhookMethods.default.checkExists.call(hooks)).toBe(false);
		expect(await webhookMethods.default.create.call(hooks)).toBe(true);
		expect(await webhookMethods.default.checkExists.call(hooks)).toBe(true);
		expect(await webhookMethods.default.delete.call(hooks)).toBe(true);
		expect(staticData).toEqual({});
	});
});

/** Two real ECB events from the sandbox's Argos, cut and joined: the attack ECB cannot detect. */
function spliceEcb() {
	// Same lengths, so both plaintexts have the same 16-byte block boundaries.
	const real = {
		webhook_trigger: 'approved',
		submission_id: 'attacker-sub-001',
		kyc_result: { status: 'approved' },
	};
	const victim = {
		webhook_trigger: 'rejected',
		submission_id: 'victim-sub-00002',
		kyc_result: { status: 'rejected' },
	};
	const blocks = (event) => {
		const { data } = JSON.parse(argos.webhookBody(event, { encryption: 'ecb' }));
		const bytes = Buffer.from(data, 'base64');
		return Array.from({ length: bytes.length / 16 }, (_, i) => bytes.subarray(i * 16, i * 16 + 16));
	};
	const [a, b] = [blocks(real), blocks(victim)];
	const plain = JSON.stringify(victim);
	const idStart = plain.indexOf('victim-sub');
	const idEnd = idStart + victim.submission_id.length;
	// Blocks holding the victim's id come from the victim's event; the rest from the real approval.
	const joined = a.map((block, i) => (i * 16 < idEnd && i * 16 + 16 > idStart ? b[i] : block));
	return { data: Buffer.concat(joined).toString('base64') };
}

describe('Argos ID Trigger: source address', () => {
	test('a forged X-Forwarded-For from a public peer is refused, even when Express’s request.ip believes it', async () => {
		// What Express gives with N8N_PROXY_HOPS=1: request.ip from the header, the socket says otherwise.
		const forged = await call({ trustedProxyHeader: 'X-Forwarded-For' }, payload(), {
			ip: ARGOS_IP,
			socket: { remoteAddress: '198.51.100.9' },
			headers: { 'x-forwarded-for': ARGOS_IP },
		});
		expect(forged.result).toEqual({ noWebhookResponse: true });
		expect(forged.response.statusCode).toBe(403);
		const noHeaderNamed = await call({}, payload(), {
			ip: ARGOS_IP,
			socket: { remoteAddress: '::ffff:198.51.100.9' },
			headers: { 'x-forwarded-for': ARGOS_IP },
		});
		expect(noHeaderNamed.response.statusCode).toBe(403);
	});

	test('from a CGNAT (100.64.0.0/10) peer the header is not believed', async () => {
		const { response } = await call({ trustedProxyHeader: 'X-Forwarded-For' }, payload(), {
			ip: '100.64.12.34',
			headers: { 'x-forwarded-for': ARGOS_IP },
		});
		expect(response.statusCode).toBe(403);
	});

	test('from a proxy in Trusted Proxies (10/8, 192.168/16, fd00::/8) the header names Argos, and the call starts the workflow', async () => {
		const trustedProxies = '10.0.0.0/8 192.168.0.0/16, fd00::/8';
		for (const proxy of ['10.0.0.5', '::ffff:192.168.1.2', 'fd00::5']) {
			const parameters = { trustedProxyHeader: 'X-Forwarded-For', trustedProxies };
			const { result } = await call(parameters, payload(), {
				ip: proxy,
				headers: { 'x-forwarded-for': `203.0.113.1, ${ARGOS_IP}` },
			});
			expect(result.workflowData).toBeDefined();
		}
	});

	test('a real loopback connection with a forged X-Forwarded-For: the socket’s address decides', async () => {
		// A real TCP connection over 127.0.0.1; its IncomingMessage's socket is handed to webhook().
		const server = http.createServer((req, res) => {
			server.emit('captured', req);
			res.end();
		});
		await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
		try {
			const captured = new Promise((resolve) => server.once('captured', resolve));
			await fetch(`http://127.0.0.1:${server.address().port}/`, {
				method: 'POST',
				headers: { 'x-forwarded-for': ARGOS_IP },
				body: '{}',
			});
			const req = await captured;
			expect(normalised(req.socket.remoteAddress)).toBe('127.0.0.1');
			const realCall = (parameters) =>
				call(parameters, payload(), { ip: ARGOS_IP, socket: req.socket, headers: req.headers });
			// No forwarding header named: 127.0.0.1 is not Argos's address.
			expect((await realCall({})).response.statusCode).toBe(403);
			// Named by the user, but loopback is not listed under Trusted Proxies: not believed.
			expect((await realCall({ trustedProxyHeader: 'X-Forwarded-For' })).response.statusCode).toBe(
				403,
			);
			// Loopback listed (a proxy on this host): believed.
			const believed = await realCall({
				trustedProxyHeader: 'X-Forwarded-For',
				trustedProxies: '127.0.0.1, ::1',
			});
			expect(believed.result.workflowData).toBeDefined();
		} finally {
			await new Promise((resolve) => server.close(resolve));
		}
	});
});
const normalised = (address) => address.replace(/^::ffff:/, '');

describe('Argos ID Trigger: activation refuses what cannot tell Argos from anyone', () => {
	const hook = (method, parameters, extra = {}) =>
		callHook(method, { nodeClass: ArgosIdTrigger, parameters, credentials, ...extra });

	test.each([
		[{ allowedIps: '', encryption: 'none' }, /Set Allowed Source IPs or Payload Encryption/],
		[{ allowedIps: '0.0.0.0/0' }, /0\.0\.0\.0\/0 is wider than \/8/],
		[{ allowedIps: '52.78.194.237, ::/0' }, /::\/0 is wider than/],
		[{ allowedIps: '', encryption: 'ecb' }, /AES-256 \(ECB\) does not prove who wrote a payload/],
		[{ allowedIps: '0.0.0.0/0', encryption: 'ecb' }, /ECB/],
		[{ allowedIps: 'argos' }, /"argos" is not an IP address or CIDR range/],
	])(
		'%j: create and checkExists throw; a callback meanwhile gets 401',
		async (parameters, message) => {
			for (const method of ['create', 'checkExists']) {
				const error = await hook(method, parameters).catch((e) => e);
				expect(error.constructor.name).toBe('NodeOperationError');
				expect(error.message).toMatch(message);
			}
			const { result, response } = await call(parameters, payload(), { ip: ARGOS_IP });
			expect(result).toEqual({ noWebhookResponse: true });
			expect(response).toMatchObject({ statusCode: 401, ended: true });
		},
	);

	test.each([
		[{}],
		[{ allowedIps: '0.0.0.0/0, ::/0', encryption: 'gcm' }],
		[{ allowedIps: '', encryption: 'gcm' }],
		[{ allowedIps: '52.78.194.237', encryption: 'ecb' }],
		[{ allowedIps: '10.0.0.0/8, 2001:db8::/32' }],
	])('%j is accepted', async (parameters) => {
		expect(await hook('create', parameters)).toBe(true);
	});

	test('the ECB splice: blocks of a real approval joined to the victim’s event decrypt to “approved” for the victim', async () => {
		const spliced = spliceEcb();
		// ECB itself cannot tell: the splice decrypts cleanly, with the key, to a forged decision.
		const { decryptPayload } = require('../../nodes/ArgosId/webhookDecryption');
		const forged = decryptPayload(spliced, 'ecb', argos.credentials.secretKey);
		expect(forged).toMatchObject({
			ok: true,
			payload: {
				webhook_trigger: 'approved',
				submission_id: 'victim-sub-00002',
				kyc_result: { status: 'approved' },
			},
		});
		// So ECB with no allow-list is refused at activation, and such a call starts nothing.
		const open = { allowedIps: '', encryption: 'ecb' };
		await expect(hook('create', open)).rejects.toThrow(/blocks can be cut/);
		const { result, response } = await call(open, spliced, { ip: '198.51.100.9' });
		expect(result).toEqual({ noWebhookResponse: true });
		expect(response.statusCode).toBe(401);
		// With Argos's address on the allow-list, a splice sent from elsewhere is refused at the door.
		const narrow = await call({ encryption: 'ecb' }, spliced, { ip: '198.51.100.9' });
		expect(narrow.response.statusCode).toBe(403);
	});
});

describe('Argos ID Trigger: replays', () => {
	const encrypted = (options = {}) =>
		JSON.parse(argos.webhookBody(payload(), { encryption: 'gcm', ...options }));

	test('the same encrypted call again is answered 200 and starts nothing; another event still starts', async () => {
		const staticData = {};
		const body = encrypted();
		const first = await call({ encryption: 'gcm' }, body, { staticData });
		expect(first.result.workflowData).toBeDefined();
		for (let i = 0; i < 2; i += 1) {
			const again = await call({ encryption: 'gcm' }, body, { staticData });
			expect(again.result).toEqual({ webhookResponse: 'OK' });
		}
		// Another submission's decision is another event.
		const otherEvent = { ...payload(), submission_id: 'sbx2' };
		const otherBody = JSON.parse(argos.webhookBody(otherEvent, { encryption: 'gcm' }));
		const other = await call({ encryption: 'gcm' }, otherBody, { staticData });
		expect(other.result.workflowData).toBeDefined();
		// payload() carries no time: both are kept among the events without one.
		expect(Object.keys(staticData['node:Trigger'].acceptedWebhookEvents.untimed)).toHaveLength(2);
	});

	test('the same ciphertext re-encoded (hex) or re-laid-out (iv/tag fields) is the same call', async () => {
		const staticData = {};
		const body = encrypted({ gcmLayout: 'fields' });
		expect(
			(await call({ encryption: 'gcm' }, body, { staticData })).result.workflowData,
		).toBeDefined();
		const hex = Object.fromEntries(
			Object.entries(body).map(([k, v]) => [k, Buffer.from(v, 'base64').toString('hex')]),
		);
		expect((await call({ encryption: 'gcm' }, hex, { staticData })).result).toEqual({
			webhookResponse: 'OK',
		});
		const joined = {
			data: Buffer.concat(
				['iv', 'data', 'tag'].map((k) => Buffer.from(body[k], 'base64')),
			).toString('base64'),
		};
		expect((await call({ encryption: 'gcm' }, joined, { staticData })).result).toEqual({
			webhookResponse: 'OK',
		});
	});

	test('what is remembered is in static data: after a restart (new process memory) the replay still starts nothing', async () => {
		const staticData = {};
		const body = encrypted();
		await call({ encryption: 'gcm' }, body, { staticData });
		// A restart: n8n loads the saved static data (JSON) into a workflow this process has not seen.
		const reloaded = JSON.parse(JSON.stringify(staticData));
		const replay = await call({ encryption: 'gcm' }, body, {
			staticData: reloaded,
			workflowId: 'after-restart',
		});
		expect(replay.result).toEqual({ webhookResponse: 'OK' });
	});

	test('two identical calls at the same moment start one execution', async () => {
		const body = encrypted();
		const staticData = {};
		// Each call gets its own copy, as each webhook request loads static data from the database.
		const answers = await Promise.all(
			[0, 1, 2].map(() =>
				call({ encryption: 'gcm' }, body, {
					staticData: JSON.parse(JSON.stringify(staticData)),
					workflowId: 'simultaneous',
				}),
			),
		);
		expect(answers.filter(({ result }) => result.workflowData)).toHaveLength(1);
	});

	test('plain (unencrypted) bodies are remembered too', async () => {
		const staticData = {};
		expect((await call({}, payload(), { staticData })).result.workflowData).toBeDefined();
		expect((await call({}, payload(), { staticData })).result).toEqual({ webhookResponse: 'OK' });
	});

	test('bounded: of the events without a time, the newest 10,000 are kept, each for at least 24 hours', async () => {
		const now = Math.floor(Date.now() / 1000);
		const old = Object.fromEntries(
			Array.from({ length: 10_000 }, (_, i) => [`d${i}`, now - 23 * 3600 + i]),
		);
		const staticData = {
			'node:Trigger': {
				acceptedWebhookEvents: { floor: 0, timed: {}, untimed: { ...old, stale: now - 8 * 86400 } },
			},
		};
		await call({}, payload(), { staticData });
		const kept = staticData['node:Trigger'].acceptedWebhookEvents.untimed;
		expect(Object.keys(kept)).toHaveLength(10_000);
		expect(kept.d0).toBeUndefined();
		expect(kept.stale).toBeUndefined();
		expect(kept.d9999).toBe(now - 23 * 3600 + 9999);
	});

	test('“Listen for test event” calls are not remembered: the same sample can be sent again', async () => {
		const staticData = {};
		for (let i = 0; i < 2; i += 1) {
			const { result } = await call({}, payload(), { staticData, mode: 'manual' });
			expect(result.workflowData).toBeDefined();
		}
		expect(staticData['node:Trigger']).toBeUndefined();
	});
});

describe('Argos ID Trigger: Options → Privacy', () => {
	test('masks identityNumber and documentNumber in the output; off by default', async () => {
		const event = { ...payload(), identityNumber: '900131-1234567', documentNumber: 'M12345678' };
		const plain = await call({}, event);
		expect(plain.result.workflowData[0][0].json.identityNumber).toBe('900131-1234567');
		const { result } = await call({ options: { privacy: true } }, event);
		const json = result.workflowData[0][0].json;
		expect(json).toMatchObject({
			identityNumber: '**********4567',
			documentNumber: '*****5678',
			submission_id: 'sbx1',
			webhook_trigger: 'approved',
		});
	});
});

describe('Argos ID Trigger: Options → Audit Record', () => {
	const PERSON = { ...payload(), email: 'applicant@example.com', identityNumber: '900131-1234567' };

	test('on by default: the vendor, event, submission, arrival time and the checks; nothing about the person', async () => {
		const before = Date.now();
		const body = JSON.parse(argos.webhookBody(PERSON, { encryption: 'gcm' }));
		const { result } = await call({ encryption: 'gcm', options: { privacy: true } }, body);
		const { audit } = result.workflowData[0][0].json;
		expect(audit).toEqual({
			vendor: 'argos',
			event: 'approved',
			vendorReference: 'sbx1',
			receivedAt: expect.any(String),
			verifiedBy: 'sourceIp+decryptedGcm',
		});
		expect(Date.parse(audit.receivedAt)).toBeGreaterThanOrEqual(before);
		expect(Date.parse(audit.receivedAt)).toBeLessThanOrEqual(Date.now());
		expect(JSON.stringify(audit)).not.toMatch(/applicant|example\.com|900131|1234567/);
	});

	test('the record replaces an `audit` the payload carries; off, the item is the payload alone', async () => {
		const forged = { ...payload(), audit: { verifiedBy: 'nothing' } };
		const on = await call({}, forged);
		expect(on.result.workflowData[0][0].json.audit.verifiedBy).toBe('sourceIp');
		const off = await call({ options: { auditRecord: false } }, payload());
		expect(off.result.workflowData[0]).toEqual([{ json: payload() }]);
	});

	test('refused and replayed calls start nothing, so they have no record', async () => {
		const staticData = {};
		const body = JSON.parse(argos.webhookBody(payload(), { encryption: 'gcm' }));
		const forged = JSON.parse(
			argos.webhookBody(payload(), { encryption: 'gcm', key: 'not-the-key' }),
		);
		const refused = await call({ encryption: 'gcm' }, forged, { staticData });
		expect(refused.result).toEqual({ noWebhookResponse: true });
		expect(refused.response.statusCode).toBe(401);
		const outsider = await call({}, payload(), { ip: '198.51.100.9', staticData });
		expect(outsider.result).toEqual({ noWebhookResponse: true });
		expect(outsider.response.statusCode).toBe(403);
		const first = await call({ encryption: 'gcm' }, body, { staticData });
		expect(first.result.workflowData[0]).toEqual([accepted('sourceIp+decryptedGcm')]);
		const again = await call({ encryption: 'gcm' }, body, { staticData });
		expect(again.result).toEqual({ webhookResponse: 'OK' });
	});
});

describe('Argos ID Trigger: Trusted Proxies', () => {
	const viaPeer = (parameters, peer, forwardedFor) =>
		call({ trustedProxyHeader: 'X-Forwarded-For', ...parameters }, payload(), {
			ip: ARGOS_IP,
			socket: { remoteAddress: peer },
			headers: { 'x-forwarded-for': forwardedFor },
		});

	test('without Trusted Proxies no forwarding header is believed, even from loopback or a private peer', async () => {
		for (const peer of ['127.0.0.1', '::1', '10.0.0.5', 'fd00::5']) {
			const { result, response } = await viaPeer({}, peer, ARGOS_IP);
			expect(result).toEqual({ noWebhookResponse: true });
			expect(response.statusCode).toBe(403);
		}
	});

	test('from a peer in Trusted Proxies the header is believed: the right-most address that is not a trusted proxy', async () => {
		const trusted = { trustedProxies: '127.0.0.1, 198.51.100.0/24' };
		const chain = `203.0.113.9, ${ARGOS_IP}, 198.51.100.7`;
		expect((await viaPeer(trusted, '127.0.0.1', chain)).result.workflowData).toBeDefined();
		// A peer that is not in the list (another loopback address) is not believed.
		expect((await viaPeer(trusted, '127.0.0.2', chain)).response.statusCode).toBe(403);
		// A caller's own left entry is not what counts.
		expect(
			(await viaPeer(trusted, '127.0.0.1', `${ARGOS_IP}, 203.0.113.9`)).response.statusCode,
		).toBe(403);
	});

	test('a private client address is the client, not a hop to skip', async () => {
		const trusted = { trustedProxies: '127.0.0.1' };
		// A host inside the network (10.1.2.3) writes Argos's address to the left of its own.
		const inside = await viaPeer(trusted, '127.0.0.1', `${ARGOS_IP}, 10.1.2.3`);
		expect(inside.result).toEqual({ noWebhookResponse: true });
		expect(inside.response.statusCode).toBe(403);
		// That private address is the caller: an allow-list naming it lets it in.
		const allowed = await viaPeer(
			{ ...trusted, allowedIps: '10.1.2.3' },
			'127.0.0.1',
			`${ARGOS_IP}, 10.1.2.3`,
		);
		expect(allowed.result.workflowData).toBeDefined();
	});

	test.each([
		['proxy.internal', /Trusted Proxies: "proxy\.internal" is not an IP address or CIDR range/],
		['127.0.0.1, 10.0.0.0/33', /Trusted Proxies: "10\.0\.0\.0\/33" is not/],
		['0.0.0.0/0', /Trusted Proxies: 0\.0\.0\.0\/0 would believe any caller/],
	])(
		'Trusted Proxies %j: activation fails naming it; a call meanwhile gets 401',
		async (list, message) => {
			const parameters = { trustedProxyHeader: 'X-Forwarded-For', trustedProxies: list };
			for (const method of ['create', 'checkExists']) {
				const error = await callHook(method, {
					nodeClass: ArgosIdTrigger,
					parameters,
					credentials,
				}).catch((e) => e);
				expect(error.constructor.name).toBe('NodeOperationError');
				expect(error.message).toMatch(message);
			}
			const { result, response } = await call(parameters, payload());
			expect(result).toEqual({ noWebhookResponse: true });
			expect(response.statusCode).toBe(401);
		},
	);
});

describe('Argos ID Trigger: the replay key is the decision, and old events are refused', () => {
	const HOUR = 3600 * 1000;
	const iso = (msAgo) => new Date(Date.now() - msAgo).toISOString();
	/** An `approved` event as Argos documents it (D.6), decided `msAgo` before now. */
	const decision = (msAgo = 60_000, overrides = {}) => ({
		webhook_trigger: 'approved',
		kyc_result: {
			status: 'approved',
			updated_at: iso(msAgo),
			created_at: iso(msAgo + HOUR),
			kyc_result_at: iso(msAgo),
			pending_at: '',
			reviewer: 'auto',
		},
		applicant_id: 'applicant-decided-1',
		submission_id: 'decided-sub-0001',
		email: 'applicant@example.com',
		fullName: 'HONG GILDONG AND A NAME LONG ENOUGH TO HOLD WHOLE AES BLOCKS',
		identityNumber: '900131-1234567',
		...overrides,
	});
	const started = (answer) => answer.result.workflowData !== undefined;
	const ignored = (answer) => {
		expect(answer.result).toEqual({ webhookResponse: 'OK' });
		return true;
	};

	test('none: the same decision with its keys reordered, or with a field added, is a replay', async () => {
		const staticData = {};
		const event = decision();
		expect(started(await call({}, event, { staticData }))).toBe(true);
		const reordered = Object.fromEntries(Object.entries(event).reverse());
		reordered.kyc_result = Object.fromEntries(Object.entries(event.kyc_result).reverse());
		expect(ignored(await call({}, reordered, { staticData }))).toBe(true);
		expect(ignored(await call({}, { ...event, note: 'added' }, { staticData }))).toBe(true);
		expect(
			ignored(
				await call({}, { ...event, kyc_result: { ...event.kyc_result, extra: 1 } }, { staticData }),
			),
		).toBe(true);
	});

	test('ECB: a block duplicated inside a string field leaves the decision, and is a replay', async () => {
		const staticData = {};
		const event = decision();
		const body = JSON.parse(argos.webhookBody(event, { encryption: 'ecb' }));
		const doubled = JSON.parse(argos.ecbBlockDuplicated(event, 'fullName'));
		const parameters = { encryption: 'ecb' };
		expect(started(await call(parameters, body, { staticData }))).toBe(true);
		const replay = await call(parameters, doubled, { staticData });
		expect(ignored(replay)).toBe(true);
		// It did decrypt to the same decision with a longer name (not refused for another reason).
		const { decryptPayload } = require('../../nodes/ArgosId/webhookDecryption');
		const seen = decryptPayload(doubled, 'ecb', argos.credentials.secretKey);
		expect(seen.payload.fullName).not.toBe(event.fullName);
		expect(seen.payload.kyc_result).toEqual(event.kyc_result);
	});

	test('GCM: the same decision encrypted again (a new nonce) is a replay; another decision is not', async () => {
		const staticData = {};
		const event = decision();
		const sealed = (e) => JSON.parse(argos.webhookBody(e, { encryption: 'gcm' }));
		const parameters = { encryption: 'gcm' };
		expect(started(await call(parameters, sealed(event), { staticData }))).toBe(true);
		expect(ignored(await call(parameters, sealed(event), { staticData }))).toBe(true);
		const rejected = decision(30_000, {
			webhook_trigger: 'rejected',
			kyc_result: { ...event.kyc_result, status: 'rejected', updated_at: iso(30_000) },
		});
		expect(started(await call(parameters, sealed(rejected), { staticData }))).toBe(true);
		const updatedLater = {
			...event,
			webhook_trigger: 'updated',
			kyc_result: { ...event.kyc_result, updated_at: iso(10_000) },
		};
		expect(
			started(await call({ ...parameters, events: ['*'] }, sealed(updatedLater), { staticData })),
		).toBe(true);
		const otherSubmission = decision(60_000, { submission_id: 'decided-sub-0002' });
		expect(started(await call(parameters, sealed(otherSubmission), { staticData }))).toBe(true);
	});

	test('an event older than Maximum Event Age (default 24 hours) starts nothing', async () => {
		const sealed = (e) => JSON.parse(argos.webhookBody(e, { encryption: 'gcm' }));
		const parameters = { encryption: 'gcm' };
		expect(ignored(await call(parameters, sealed(decision(25 * HOUR))))).toBe(true);
		expect(started(await call(parameters, sealed(decision(23 * HOUR))))).toBe(true);
		const hourly = { ...parameters, maxEventAge: 1 };
		expect(ignored(await call(hourly, sealed(decision(2 * HOUR))))).toBe(true);
		expect(started(await call(hourly, sealed(decision(HOUR / 2))))).toBe(true);
		// Argos's other documented time formats: "YYYY-MM-DD HH:mm:ss" (UTC) and epoch numbers.
		const spaced = (ms) =>
			iso(ms)
				.replace('T', ' ')
				.replace(/\.\d+Z$/, '');
		const old = decision(0, {
			kyc_result: {
				status: 'approved',
				updated_at: spaced(2 * HOUR),
				created_at: spaced(3 * HOUR),
			},
		});
		expect(ignored(await call(hourly, sealed(old)))).toBe(true);
		const epoch = decision(0, {
			kyc_result: { status: 'approved', updated_at: Date.now() - 2 * HOUR },
		});
		expect(ignored(await call(hourly, sealed(epoch)))).toBe(true);
	});

	test.each([0, 169, 'soon'])(
		'Maximum Event Age %j fails activation; calls get 401',
		async (maxEventAge) => {
			const parameters = { maxEventAge };
			const error = await callHook('create', {
				nodeClass: ArgosIdTrigger,
				parameters,
				credentials,
			}).catch((e) => e);
			expect(error.message).toMatch(/Maximum Event Age/);
			expect((await call(parameters, decision())).response.statusCode).toBe(401);
		},
	);

	test('a captured GCM webhook does not replay after 10,000 newer deliveries, nor after 7 days', async () => {
		const sealed = (e) => JSON.parse(argos.webhookBody(e, { encryption: 'gcm' }));
		const parameters = { encryption: 'gcm', maxEventAge: 168 };
		const staticData = {};
		const captured = sealed(decision(3 * HOUR));
		expect(started(await call(parameters, captured, { staticData }))).toBe(true);
		// 10,000 newer decisions were accepted since (written as n8n would have saved them).
		const memory = staticData['node:Trigger'].acceptedWebhookEvents;
		const now = Date.now();
		for (let i = 0; i < 10_000; i += 1) memory.timed[`newer${i}`] = now - 2 * HOUR + i;
		// One more new decision pushes the captured one out of the memory…
		expect(
			started(
				await call(parameters, sealed(decision(HOUR, { submission_id: 'push' })), { staticData }),
			),
		).toBe(true);
		expect(Object.keys(staticData['node:Trigger'].acceptedWebhookEvents.timed)).toHaveLength(
			10_000,
		);
		// …and yet, after a restart (this process's own memory gone), it replays into nothing:
		// what was pushed out is no newer than the memory's floor.
		const restarted = { staticData, workflowId: 'restarted-after-10000' };
		expect(ignored(await call(parameters, captured, restarted))).toBe(true);
		// A week later, its age refuses it wherever the memory stands.
		const weekOld = sealed(decision(7 * 24 * HOUR + 60_000, { submission_id: 'week' }));
		expect(ignored(await call(parameters, weekOld, { staticData: {} }))).toBe(true);
	});

	test('a call remembered by an earlier version (the ciphertext digest) is still a replay', async () => {
		const { deliveryDigest } = require('../../nodes/ArgosId/replayGuard');
		const event = decision();
		const legacy = deliveryDigest(JSON.stringify(event));
		const staticData = {
			'node:Trigger': { acceptedWebhookDigests: { [legacy]: Math.floor(Date.now() / 1000) - 60 } },
		};
		expect(ignored(await call({}, event, { staticData }))).toBe(true);
	});
});
