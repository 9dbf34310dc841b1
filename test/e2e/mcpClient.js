'use strict';

// A real MCP client for the e2e suite and the demo: the official MCP TypeScript SDK
// (@modelcontextprotocol/sdk) over Streamable HTTP, against an n8n MCP Server Trigger.

const { Client } = require('@modelcontextprotocol/sdk/client/index.js');
const {
	StreamableHTTPClientTransport,
} = require('@modelcontextprotocol/sdk/client/streamableHttp.js');

const MCP_TRIGGER_TYPE = '@n8n/n8n-nodes-langchain.mcpTrigger';

/** The bearer credential the example's trigger names (id and name as in examples/kyc-mcp-server.json). */
const BEARER_CREDENTIAL = Object.freeze({ id: 'kycMcpBearer01', name: 'KYC MCP clients' });

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

module.exports = {
	MCP_TRIGGER_TYPE,
	BEARER_CREDENTIAL,
	bearerCredentials,
	serverUrl,
	connect,
	toolText,
	toolJson,
};
