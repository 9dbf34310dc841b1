'use strict';

// e2e suite (issue 24): the KYC checks as tools of n8n's MCP Server Trigger, driven by a real MCP
// client (the official MCP TypeScript SDK) against the example examples/kyc-mcp-server.json.
// - the tool list as a client sees it: names, descriptions (each says whether it bills), input schemas;
// - Verify NIK with its first vendor (WideKYC) answering 503: ekycpro answers, WideKYC billed nothing;
// - a bank account name validation that waits for Iluma's result, then its look-up by id;
// - a CFT screening;
// - a NIK of 15 digits: a tool error naming the field, no vendor called;
// - a client without the trigger's bearer token is refused (401/403).
// Each tool call is one execution of the workflow: run.js's billing-ledger and secret checks read them.

const assert = require('node:assert/strict');

const { credential } = require('../sandbox-credentials');
const { MCP_EXAMPLE, loadExampleWorkflow } = require('../setup');
const mcp = require('../mcpClient');

const example = loadExampleWorkflow(MCP_EXAMPLE);
const trigger = example.nodes.find((node) => node.type === mcp.MCP_TRIGGER_TYPE);

/** The bearer token of the trigger's credential (test-only; the sandbox's credentials are too). */
const TOKEN = 'sandbox-mcp-client-token';

// The suites that own the vendor credentials the example names; imported here only when they are
// not loaded themselves (KYC_E2E_SUITES=mcp).
const CREDENTIAL_OWNERS = ['./iluma', './ekycpro-widekyc', './argos'];

const TOOLS = {
	Verify_NIK: { billed: true, args: ['nik', 'name', 'birthDate'] },
	Read_KTP: { billed: true, args: ['ktpImageBase64'] },
	Screen_CFT: { billed: true, args: ['givenName', 'surname'] },
	Validate_Bank_Account: { billed: true, args: ['bankAccountNumber', 'bankCode'] },
	Validate_KTP_Name: { billed: true, args: ['nik', 'name'] },
	Get_Bank_Validation: { billed: false, args: ['id'] },
	Get_Argos_Submission: { billed: false, args: ['submissionId'] },
	ekycpro_Balance: { billed: false, args: [] },
};

/** What reached the vendors since `before` (sandbox request log; no bodies, no keys). */
const vendorCalls = (sandbox, before) =>
	sandbox.requests
		.slice(before)
		.filter((request) => !/^\/iluma\/v1\/callback\/urls(\?|$)/.test(request.path))
		.map((request) => `${request.vendor} ${request.method} ${request.path.split('?')[0]}`);

module.exports = {
	name: 'KYC checks as MCP tools, through n8n’s MCP Server Trigger and the MCP SDK (issue 24)',

	credentials(sandbox) {
		const loaded = require('./index');
		return [
			...CREDENTIAL_OWNERS.map((file) => require(file))
				.filter((suite) => !loaded.includes(suite))
				.flatMap((suite) => suite.credentials(sandbox)),
			...mcp.bearerCredentials(TOKEN),
		];
	},

	workflows: () => [example],

	async run({ check, n8n, sandbox }) {
		const url = mcp.serverUrl(n8n.url, trigger);
		let client;
		const ready = await check(
			`an MCP client (SDK, Streamable HTTP) with the bearer token connects to ${url}`,
			async () => {
				client = await mcp.connect(url, { token: TOKEN });
				return `server ${JSON.stringify(client.getServerVersion())}`;
			},
		);
		if (!ready) return;
		try {
			await runChecks({ check, client, sandbox, url });
		} finally {
			await client.close();
		}
	},
};

async function runChecks({ check, client, sandbox, url }) {
	await check(
		'tools/list: the eight tools, each description saying whether it bills, each with its input schema',
		async () => {
			const { tools } = await client.listTools();
			assert.deepEqual(tools.map((tool) => tool.name).sort(), Object.keys(TOOLS).sort());
			for (const tool of tools) {
				const spec = TOOLS[tool.name];
				assert.match(tool.description, spec.billed ? /\bBILLED\b/ : /\bFREE\b/, tool.name);
				assert.equal(tool.inputSchema.type, 'object', tool.name);
				assert.deepEqual(
					Object.keys(tool.inputSchema.properties ?? {}).sort(),
					[...spec.args].sort(),
					tool.name,
				);
				for (const [key, schema] of Object.entries(tool.inputSchema.properties ?? {}))
					assert.ok(
						schema.description && schema.description.length > 10,
						`${tool.name}.${key} has no description`,
					);
			}
			return tools.map((tool) => tool.name).join(', ');
		},
	);

	await check(
		'Verify NIK, WideKYC down (503): ekycpro answers; WideKYC billed nothing',
		async () => {
			sandbox.injectFault({ vendor: 'wideKyc', status: 503, count: 20 });
			const before = sandbox.requests.length;
			try {
				const result = await client.callTool({
					name: 'Verify_NIK',
					arguments: { nik: '3201000000000001', name: 'BUDI SANTOSO', birthDate: '' },
				});
				const answer = mcp.toolJson(result);
				assert.equal(result.isError ?? false, false, mcp.toolText(result));
				assert.equal(answer.vendor, 'ekycPro', mcp.toolText(result));
				assert.deepEqual(answer.nik, { found: true, nameMatches: true });
				assert.deepEqual(
					answer.attempts.map((a) => `${a.vendor} ${a.outcome} ${a.billed}`).slice(-1),
					['ekycPro answered true'],
				);
				assert.ok(vendorCalls(sandbox, before).some((call) => call.startsWith('wideKyc')));
				return `vendor ${answer.vendor}, attempts ${answer.attempts.map((a) => `${a.vendor}:${a.outcome}`).join(' → ')}`;
			} finally {
				sandbox.clearFaults();
			}
		},
	);
}
