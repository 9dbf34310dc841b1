'use strict';
/**
 * The e2e billing-ledger glue (test/e2e/ledger.js runsOf): a saved run of a node used as a tool
 * (`n8n-nodes-kyc.<node>Tool`, an MCP client's or an AI Agent's call) is read as a run of the node,
 * its one input item the call's arguments, its output items the answer's `response`, so the ledger
 * rule judges tool calls as it judges webhook runs.
 */
const { runsOf } = require('../e2e/ledger');

const e2e = { PACKAGE_NAME: 'n8n-nodes-kyc' };
const CREDENTIAL = { apiKey: 'k', baseUrl: 'http://127.0.0.1:1/ekycpro' };
const known = () => CREDENTIAL;

function execution(task) {
	return {
		workflowData: {
			nodes: [
				{ name: 'MCP Server Trigger', type: '@n8n/n8n-nodes-langchain.mcpTrigger', parameters: {} },
				{
					name: 'Verify NIK',
					type: 'n8n-nodes-kyc.kycAnyVendorTool',
					parameters: { check: 'verifyNik', mode: 'failover' },
					credentials: { ekycProApi: { id: 'c1', name: 'ekycpro' } },
				},
			],
		},
		resultData: {
			runData: {
				'MCP Server Trigger': [{ startTime: 2000, data: { main: [[{ json: {} }]] } }],
				'Verify NIK': [{ startTime: 1000, executionTime: 500, ...task }],
			},
		},
	};
}

const ARGS = { nik: '3201000000000001', name: 'BUDI SANTOSO' };
const input = { inputOverride: { ai_tool: [[{ json: ARGS }]] } };

test('an answered tool call: the node, its arguments as the item, the response as its output', () => {
	const answer = {
		vendor: 'ekycPro',
		attempts: [{ vendor: 'ekycPro', outcome: 'answered', billed: true }],
	};
	const [run] = runsOf(
		execution({ ...input, data: { ai_tool: [[{ json: { response: [answer] } }]] } }),
		e2e,
		known,
	);
	expect(run).toMatchObject({
		kind: 'node',
		nodeType: 'kycAnyVendor',
		items: [{ json: ARGS }],
		credentials: { ekycProApi: CREDENTIAL },
		startedAt: 1000,
		endedAt: 1500,
		result: { items: [{ json: answer }], errorItems: [] },
	});
});

test('a failed tool call: its error, no output item', () => {
	const error = { message: 'NIK: must be exactly 16 digits [not billed]' };
	const [run] = runsOf(
		execution({ ...input, error, data: { ai_tool: [[{ json: { response: 'Error' } }]] } }),
		e2e,
		known,
	);
	expect(run.result).toEqual({ items: [], errorItems: [], error });
	expect(run.items).toEqual([{ json: ARGS }]);
});

/** The node's saved tries: `tasks` in order, each 100 ms long, 1 s apart. */
function tries(tasks, node = {}) {
	const saved = execution({});
	Object.assign(saved.workflowData.nodes[1], node);
	saved.resultData.runData['Verify NIK'] = tasks.map((task, index) => ({
		startTime: 1000 * (index + 1),
		executionTime: 100,
		...task,
	}));
	return saved;
}

const failedTry = { ...input, error: { message: 'wideKyc 504 … may have been processed' } };
const answeredTry = { ...input, data: { ai_tool: [[{ json: { response: [{ ok: true }] } }]] } };

test('with Retry On Fail, a tool call’s tries (new runs of the node, same arguments) are one call', () => {
	const runs = runsOf(
		tries([failedTry, failedTry, answeredTry], { retryOnFail: true, maxTries: 3 }),
		e2e,
		known,
	);
	expect(runs).toHaveLength(1);
	expect(runs[0]).toMatchObject({
		startedAt: 1000,
		endedAt: 3100,
		settings: { retryOnFail: true },
		result: { items: [{ json: { ok: true } }] },
	});
});

test('tries stop being one call after a success, past Max Tries, or with other arguments', () => {
	const other = { ...failedTry, inputOverride: { ai_tool: [[{ json: { nik: '1' } }]] } };
	const retried = { retryOnFail: true, maxTries: 2 };
	expect(runsOf(tries([answeredTry, answeredTry], retried), e2e, known)).toHaveLength(2);
	expect(runsOf(tries([failedTry, failedTry, failedTry], retried), e2e, known)).toHaveLength(2);
	expect(runsOf(tries([failedTry, other], retried), e2e, known)).toHaveLength(2);
	// Without Retry On Fail every run is its own call.
	expect(runsOf(tries([failedTry, failedTry]), e2e, known)).toHaveLength(2);
});
