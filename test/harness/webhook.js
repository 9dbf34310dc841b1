'use strict';
/**
 * Calls a trigger node's webhook() the way n8n's webhook server does: through n8n-core's own
 * WebhookContext, with the node's parameters resolved from its description (defaults included),
 * an Express-like request and a response that records what the node answered.
 */
require('./n8n'); // sets N8N_USER_FOLDER and the log level before n8n-core loads
const { WebhookContext } = require('n8n-core');
const { NodeHelpers, Workflow } = require('n8n-workflow');

const PACKAGE = 'n8n-nodes-kyc';

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

/**
 * @param {{ nodeClass, parameters?: object, credentials?: object, body?: unknown,
 *           headers?: object, ip?: string }} options
 * @returns {Promise<{ result: object, response: object, context: object }>}
 */
async function callWebhook({
	nodeClass,
	parameters = {},
	credentials = {},
	body,
	headers = {},
	ip,
}) {
	const nodeType = new nodeClass();
	const { description } = nodeType;
	const type = `${PACKAGE}.${description.name}`;
	const stub = { name: 'Trigger', type, typeVersion: 1, position: [0, 0], parameters };
	const node = {
		...stub,
		id: 'a1b2c3d4-0000-4000-8000-000000000002',
		webhookId: 'test-webhook-id',
		parameters: NodeHelpers.getNodeParameters(
			description.properties,
			parameters,
			true,
			false,
			stub,
		),
		credentials: Object.fromEntries(
			Object.keys(credentials).map((key) => [key, { id: '1', name: key }]),
		),
	};
	const workflow = new Workflow({
		id: 'test-workflow',
		name: 'test',
		nodes: [node],
		connections: {},
		active: true,
		nodeTypes: {
			getByName: () => nodeType,
			getByNameAndVersion: () => nodeType,
			getKnownTypes: () => ({}),
		},
	});
	const request = {
		method: 'POST',
		headers: { 'content-type': 'application/json', ...headers },
		body,
		query: {},
		params: {},
		ip,
		socket: { remoteAddress: ip },
	};
	const response = recordingResponse();
	const additionalData = {
		credentialsHelper: {
			getParentTypes: () => [],
			isCredentialUsableByNode: () => true,
			getDecrypted: async (_data, _nodeCredentials, credentialType) => {
				if (!credentials[credentialType])
					throw new Error(`No test credentials of type ${credentialType}`);
				return { ...credentials[credentialType] };
			},
		},
		executionId: 'test-execution',
		instanceBaseUrl: 'http://localhost:5678/',
		restApiUrl: 'http://localhost:5678/rest',
		webhookBaseUrl: 'http://localhost:5678/webhook',
		webhookTestBaseUrl: 'http://localhost:5678/webhook-test',
		webhookWaitingBaseUrl: 'http://localhost:5678/webhook-waiting',
		formWaitingBaseUrl: 'http://localhost:5678/form-waiting',
		variables: {},
		httpRequest: request,
		httpResponse: response,
	};
	const webhookData = {
		httpMethod: 'POST',
		node: node.name,
		path: `${node.webhookId}/webhook`,
		webhookDescription: description.webhooks[0],
		workflowId: workflow.id,
	};
	const context = new WebhookContext(
		workflow,
		node,
		additionalData,
		'webhook',
		webhookData,
		[],
		null,
	);
	const result = await nodeType.webhook.call(context);
	return { result, response, context };
}

module.exports = { callWebhook };
