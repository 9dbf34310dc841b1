'use strict';

// `npm run demo -- --mcp`: the MCP example (examples/kyc-mcp-server.json), published by the demo
// with the sandbox credentials, as an MCP client sees it: the official MCP SDK connects to the
// trigger with its bearer token, lists the tools and calls one.

const mcp = require('../test/e2e/mcpClient');
const { MCP_EXAMPLE, loadExampleWorkflow } = require('../test/e2e/setup');

/** The call the demo makes: a NIK the sandbox knows (BUDI SANTOSO, born 01-02-1990). */
const DEMO_CALL = {
	name: 'Verify_NIK',
	arguments: { nik: '3201000000000001', name: 'BUDI SANTOSO', birthDate: '01-02-1990' },
};

/** A description's first sentence, at most `width` characters. */
const firstSentence = (text, width = 110) => {
	const sentence = String(text).split(/(?<=\.)\s/)[0];
	return sentence.length > width ? `${sentence.slice(0, width - 1)}…` : sentence;
};

const billing = (description) =>
	/\bBILLED\b/.test(description) ? 'billed' : /\bFREE\b/.test(description) ? 'free' : '?';

function printTools(tools) {
	const width = Math.max(...tools.map((tool) => tool.name.length));
	console.log(`\nTools, as the client lists them (tools/list):`);
	for (const tool of tools) {
		const args = Object.keys(tool.inputSchema?.properties ?? {});
		console.log(
			`  ${tool.name.padEnd(width)}  ${billing(tool.description).padEnd(6)}  ${firstSentence(tool.description)}`,
		);
		console.log(`  ${''.padEnd(width)}          arguments: ${args.join(', ') || 'none'}`);
	}
}

function printCall(call, result, seconds) {
	console.log(`\ntools/call ${call.name} ${JSON.stringify(call.arguments)}`);
	console.log(`answered in ${seconds} s${result.isError ? ', as a tool error' : ''}:`);
	const json = mcp.toolJson(result);
	const text = json === undefined ? mcp.toolText(result) : JSON.stringify(json, null, 2);
	const lines = text.split('\n');
	for (const line of lines.slice(0, 40)) console.log(`  ${line}`);
	if (lines.length > 40) console.log(`  … ${lines.length - 40} more lines`);
}

/**
 * Connects to the published MCP example of the n8n at `n8nUrl`, prints its tools and one call's
 * answer. Resolves true when the call was answered without a tool error.
 */
async function showMcp(n8nUrl, step = console.log) {
	const trigger = loadExampleWorkflow(MCP_EXAMPLE).nodes.find(
		(node) => node.type === mcp.MCP_TRIGGER_TYPE,
	);
	const url = mcp.serverUrl(n8nUrl, trigger);
	await mcp.waitForServer(url, mcp.SANDBOX_TOKEN);
	step(
		`MCP client (the MCP SDK, Streamable HTTP) → ${url}, Authorization: Bearer <the token of the credential "${mcp.BEARER_CREDENTIAL.name}">`,
	);
	const client = await mcp.connect(url, { token: mcp.SANDBOX_TOKEN, name: 'n8n-nodes-kyc-demo' });
	try {
		const { tools } = await client.listTools();
		printTools(tools);
		const started = Date.now();
		const result = await client.callTool(DEMO_CALL);
		printCall(DEMO_CALL, result, ((Date.now() - started) / 1000).toFixed(1));
		return !result.isError;
	} finally {
		await client.close();
	}
}

module.exports = { showMcp };
