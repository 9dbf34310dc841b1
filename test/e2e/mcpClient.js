'use strict';

// A real MCP client for the e2e suite and the demo: the official MCP TypeScript SDK
// (@modelcontextprotocol/sdk) over Streamable HTTP, against an n8n MCP Server Trigger.

const { Client } = require('@modelcontextprotocol/sdk/client/index.js');
const {
	StreamableHTTPClientTransport,
} = require('@modelcontextprotocol/sdk/client/streamableHttp.js');

const { poll } = require('../poll');

const MCP_TRIGGER_TYPE = '@n8n/n8n-nodes-langchain.mcpTrigger';

/** The bearer credential the example's trigger names (id and name as in examples/kyc-mcp-server.json). */
const BEARER_CREDENTIAL = Object.freeze({ id: 'kycMcpBearer01', name: 'KYC MCP clients' });

/** The trigger's bearer token in the e2e tests and the demo (test-only, like the sandbox's keys). */
const SANDBOX_TOKEN = 'sandbox-mcp-client-token';

/** Plain credentials for `n8n import:credentials`: the trigger's bearer token. */
const bearerCredentials = (token) => [
	{ ...BEARER_CREDENTIAL, type: 'httpBearerAuth', data: { token } },
];

/**
 * The trigger's production URL: n8n serves MCP triggers under /mcp/ (N8N_ENDPOINT_MCP); from
 * typeVersion 2 one path takes both Streamable HTTP (POST) and SSE (GET); before it, `<path>/sse`.
 */
function serverUrl(baseUrl, triggerNode) {
	const { path } = triggerNode.parameters;
	return `${baseUrl}/mcp/${path}${triggerNode.typeVersion < 2 ? '/sse' : ''}`;
}

/** A connected SDK client (Streamable HTTP); `token` is sent as `Authorization: Bearer`. */
async function connect(url, { token, name = 'n8n-nodes-kyc-e2e' } = {}) {
	const headers = token ? { authorization: `Bearer ${token}` } : {};
	const transport = new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers } });
	const client = new Client({ name, version: '1.0.0' });
	await client.connect(transport);
	return client;
}

/** A tools/call result's text (its text parts joined). */
const toolText = (result) =>
	(result.content ?? [])
		.filter((part) => part.type === 'text')
		.map((part) => part.text)
		.join('\n');

/** A tools/call result's text parsed as JSON (undefined when it is not JSON). */
function toolJson(result) {
	try {
		return JSON.parse(toolText(result));
	} catch {
		return undefined;
	}
}

/** A JSON-RPC initialize request, as a client's first message. */
const INITIALIZE = {
	jsonrpc: '2.0',
	id: 0,
	method: 'initialize',
	params: {
		protocolVersion: '2025-03-26',
		capabilities: {},
		clientInfo: { name: 'n8n-nodes-kyc-probe', version: '1.0.0' },
	},
};

/** The HTTP status of one JSON-RPC message POSTed by hand (the body is read and dropped). */
async function postStatus(url, message, { token, sessionId } = {}) {
	const response = await fetch(url, {
		method: 'POST',
		headers: {
			'content-type': 'application/json',
			accept: 'application/json, text/event-stream',
			...(token ? { authorization: `Bearer ${token}` } : {}),
			...(sessionId ? { 'mcp-session-id': sessionId } : {}),
		},
		body: JSON.stringify(message),
		signal: AbortSignal.timeout(30_000),
	});
	await response.body?.cancel();
	return response.status;
}

/** The HTTP status n8n answers a bare initialize with. */
const initializeStatus = (url, token) => postStatus(url, INITIALIZE, { token });

/** The HTTP status of a tools/call sent in an open session without a token. */
const toolCallStatus = (url, sessionId, params) =>
	postStatus(url, { jsonrpc: '2.0', id: 99, method: 'tools/call', params }, { sessionId });

/**
 * Waits until n8n serves the trigger (it registers published workflows' webhooks a moment after it
 * reports ready): an initialize with the token answers 200.
 */
async function waitForServer(url, token, timeoutMs = 120_000) {
	await poll(() => initializeStatus(url, token).catch((error) => error.message), {
		what: `n8n to serve the MCP Server Trigger at ${url}`,
		until: (status) => status === 200,
		show: (status) => `${status}`,
		timeoutMs,
		intervalMs: 500,
	});
}

module.exports = {
	initializeStatus,
	toolCallStatus,
	waitForServer,
	MCP_TRIGGER_TYPE,
	BEARER_CREDENTIAL,
	SANDBOX_TOKEN,
	bearerCredentials,
	serverUrl,
	connect,
	toolText,
	toolJson,
};
