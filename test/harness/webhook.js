'use strict';
/**
 * Runs a trigger node the way n8n's webhook server and activation do: its webhook() through
 * n8n-core's own WebhookContext, its checkExists/create/delete through n8n-core's HookContext.
 * Parameters are resolved from the node's description (defaults included); credentials are
 * applied by the same helper as in n8n.js, so hooks and webhooks make real HTTP calls; pass the
 * same `staticData` object to several calls to keep what n8n would store between them.
 */
const path = require('path');

const { recordRun } = require('../invariants/runs');
const { CredentialsHelper } = require('./n8n'); // also sets N8N_USER_FOLDER before n8n-core loads
const { HookContext, WebhookContext } = require('n8n-core');
const { NodeHelpers, Workflow } = require('n8n-workflow');

const PACKAGE = 'n8n-nodes-kyc';
const WEBHOOK_ID = 'test-webhook-id';
const BASE = 'http://localhost:5678';

/** What Express's res offers a webhook(): status().send().end(), recorded. */
function recordingResponse() {
	const response = {
		statusCode: 200,
		body: undefined,
		ended: false,
		status(code) {
			response.statusCode = code;
			return response;
		},
		send(body) {
			response.body = body;
			return response;
		},
		end() {
			response.ended = true;
			return response;
		},
	};
	return response;
}

/** `ilumaApi` → the IlumaApi credential class from credentials/. */
function credentialTypes(credentials) {
	return Object.fromEntries(
		Object.keys(credentials).map((type) => {
			const className = type[0].toUpperCase() + type.slice(1);
			const file = path.join(__dirname, '..', '..', 'credentials', `${className}.credentials`);
			return [type, new (require(file)[className])()];
		}),
	);
}

// One workflow ID per static data object: calls that share static data are the same workflow,
// as in n8n, and anything a node remembers per workflow does not leak between tests.
const workflowIds = new WeakMap();
let workflowCount = 0;
function workflowIdOf(staticData) {
	if (!workflowIds.has(staticData)) workflowIds.set(staticData, `test-workflow-${++workflowCount}`);
	return workflowIds.get(staticData);
}

/** The one-node active workflow a trigger runs in, and what n8n passes its contexts. */
function triggerSetup({
	nodeClass,
	parameters = {},
	credentials = {},
	credentialId = '1',
	staticData = {},
	workflowId = workflowIdOf(staticData),
}) {
	const nodeType = new nodeClass();
	const { description } = nodeType;
	const type = `${PACKAGE}.${description.name}`;
	const stub = { name: 'Trigger', type, typeVersion: 1, position: [0, 0], parameters };
	const node = {
		...stub,
		id: 'a1b2c3d4-0000-4000-8000-000000000002',
		webhookId: WEBHOOK_ID,
		parameters: NodeHelpers.getNodeParameters(
			description.properties,
			parameters,
			true,
			false,
			stub,
		),
		credentials: Object.fromEntries(
			Object.keys(credentials).map((key) => [key, { id: credentialId, name: key }]),
		),
	};
	const workflow = new Workflow({
		id: workflowId,
		name: 'test',
		nodes: [node],
		connections: {},
		active: true,
		staticData,
		nodeTypes: {
			getByName: () => nodeType,
			getByNameAndVersion: () => nodeType,
			getKnownTypes: () => ({}),
		},
	});
	const additionalData = {
		credentialsHelper: new CredentialsHelper(credentialTypes(credentials), credentials),
		executionId: 'test-execution',
		instanceBaseUrl: `${BASE}/`,
		restApiUrl: `${BASE}/rest`,
		webhookBaseUrl: `${BASE}/webhook`,
		webhookTestBaseUrl: `${BASE}/webhook-test`,
		webhookWaitingBaseUrl: `${BASE}/webhook-waiting`,
		formWaitingBaseUrl: `${BASE}/form-waiting`,
		variables: {},
	};
	const webhookData = (isTest = false) => ({
		httpMethod: 'POST',
		node: node.name,
		path: `${WEBHOOK_ID}/webhook`,
		webhookDescription: description.webhooks[0],
		workflowId: workflow.id,
		isTest,
	});
	return { nodeType, node, workflow, additionalData, webhookData };
}

/** The production URL n8n gives a trigger in these harness calls (the test URL with `test`). */
const webhookUrl = (test = false) =>
	`${BASE}/${test ? 'webhook-test' : 'webhook'}/${WEBHOOK_ID}/webhook`;

/**
 * @param {{ nodeClass, parameters?: object, credentials?: object, credentialId?: string,
 *           body?: unknown, headers?: object, ip?: string, socket?: object, mode?: string,
 *           staticData?: object, workflowId?: string }} options
 * `ip` is both Express's request.ip and the socket's address unless `socket` (e.g. a real
 * connection's) is given; `mode` 'manual' is a call to the test URL.
 * @returns {Promise<{ result: object, response: object, context: object }>}
 */
async function callWebhook({ body, headers = {}, ip, socket, mode = 'webhook', ...options }) {
	const { nodeType, node, workflow, additionalData, webhookData } = triggerSetup(options);
	const request = {
		method: 'POST',
		headers: { 'content-type': 'application/json', ...headers },
		body,
		query: {},
		params: {},
		ip,
		socket: socket ?? { remoteAddress: ip },
	};
	const response = recordingResponse();
	const context = new WebhookContext(
		workflow,
		node,
		{ ...additionalData, httpRequest: request, httpResponse: response },
		mode,
		webhookData(mode === 'manual'),
		[],
		null,
	);
	const record = {
		kind: 'webhook',
		nodeType: node.type.split('.').pop(),
		...options,
		body,
		headers,
	};
	record.startedAt = Date.now();
	recordRun(record);
	try {
		const result = await nodeType.webhook.call(context);
		record.result = { result, response };
		return { result, response, context };
	} catch (thrown) {
		record.result = { thrown, response };
		throw thrown;
	} finally {
		record.endedAt = Date.now();
	}
}

/**
 * Runs one of the trigger's webhook methods as n8n's activation does: `trigger` mode for an
 * activated workflow, `manual` (with the test URL) for "Listen for test event".
 * @param {'checkExists' | 'create' | 'delete'} method
 */
async function callHook(method, { mode = 'trigger', ...options }) {
	const { nodeType, node, workflow, additionalData, webhookData } = triggerSetup(options);
	const manual = mode === 'manual';
	const context = new HookContext(
		workflow,
		node,
		additionalData,
		mode,
		manual ? 'manual' : 'activate',
		webhookData(manual),
	);
	const record = { kind: 'hook', method, nodeType: node.type.split('.').pop(), ...options };
	record.startedAt = Date.now();
	recordRun(record);
	try {
		const result = await nodeType.webhookMethods.default[method].call(context);
		record.result = { result };
		return result;
	} catch (thrown) {
		record.result = { thrown };
		throw thrown;
	} finally {
		record.endedAt = Date.now();
	}
}

module.exports = { callWebhook, callHook, webhookUrl };
