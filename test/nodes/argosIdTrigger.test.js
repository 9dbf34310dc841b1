'use strict';
/** The Argos ID Trigger's webhook() through n8n-core's own WebhookContext. */
const { callWebhook } = require('../harness/webhook');
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
const call = (parameters, body, extra = {}) =>
	callWebhook({ nodeClass: ArgosIdTrigger, parameters, credentials, body, ip: ARGOS_IP, ...extra });

describe('Argos ID Trigger webhook()', () => {
	test('defaults: a plain approved event from Argos’s address starts the workflow', async () => {
		const { result, response } = await call({}, payload());
		expect(result.workflowData[0]).toEqual([{ json: payload() }]);
		expect(response.ended).toBe(false);
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
		const viaProxy = await call({ trustedProxyHeader: 'X-Forwarded-For' }, payload(), {
			ip: '10.0.0.5',
			headers: { 'x-forwarded-for': `203.0.113.1, ${ARGOS_IP}` },
		});
		expect(viaProxy.result.workflowData).toBeDefined();
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
		expect(encrypted.result.workflowData[0]).toEqual([{ json: payload() }]);
	});

	test('activation refuses a trigger that has neither an allow-list nor encryption', async () => {
		const hook = (parameters) => ({
			getNodeParameter: (name, fallback) => parameters[name] ?? fallback,
			getNode: () => ({ name: 'Argos ID Trigger', type: 'n8n-nodes-kyc.argosIdTrigger' }),
			getWorkflowStaticData: () => ({}),
			getNodeWebhookUrl: () => 'https://n8n.example.com/webhook/x/webhook',
		});
		const { create } = new ArgosIdTrigger().webhookMethods.default;
		await expect(create.call(hook({ allowedIps: '', encryption: 'none' }))).rejects.toThrow(
			/Set Allowed Source IPs or Payload Encryption/,
		);
		await expect(create.call(hook({}))).resolves.toBe(true);
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
			expect(result.workflowData[0]).toEqual([{ json: payload() }]);
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
		expect(result.workflowData[0]).toEqual([{ json: payload() }]);
	});

	test.each(['iv-tag-ct', 'iv16-ct-tag', 'fields'])(
		'gcm: the undocumented layout %s decrypts too',
		async (gcmLayout) => {
			const body = JSON.parse(argos.webhookBody(payload(), { encryption: 'gcm', gcmLayout }));
			const { result } = await call({ encryption: 'gcm' }, body);
			expect(result.workflowData[0]).toEqual([{ json: payload() }]);
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
