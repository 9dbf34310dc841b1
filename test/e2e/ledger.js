'use strict';

// The billing-ledger check in the e2e suites: after each suite, its executions are read back from
// n8n (workflowData and runData) and every run of one of our action nodes is compared with the
// sandbox's ledger entries made during it, by the same check as the engine tests
// (test/invariants/ledger.js, rule in test/invariants/billingRule.js). An input item is the output
// of the node before (the task's `source`); a credential's data is read back from n8n (else the
// suites' imported credentials, by id). Binary data n8n keeps outside the execution cannot be hashed, so entries
// keyed by an image are checked in aggregate over the run's items.

const assert = require('node:assert/strict');

const ledgerCheck = require('../invariants/ledger');

/** The input items of one task: the output of the node and run it names as its source. */
function inputItems(runData, task) {
	const source = Array.isArray(task.source) ? task.source[0] : null;
	if (!source || !source.previousNode) return [];
	const previous = (runData[source.previousNode] || [])[source.previousNodeRun || 0];
	const main = (previous && previous.data && previous.data.main) || [];
	return main[source.previousNodeOutput || 0] || [];
}

/**
 * A run of a node used as a tool (n8n's `<node>Tool` type, called by an agent or an MCP client): its
 * one input item is the tool call's arguments (`inputOverride.ai_tool`), its answer `{ response }` on
 * ai_tool holds the node's output items' json (one object, or a list); a failure is the task's error.
 */
function toolRun(task) {
	const items =
		(task.inputOverride && task.inputOverride.ai_tool && task.inputOverride.ai_tool[0]) || [];
	const answers = ((task.data && task.data.ai_tool && task.data.ai_tool[0]) || []).flatMap(
		(item) => {
			const response = item && item.json && item.json.response;
			if (response === undefined || task.error) return [];
			return (Array.isArray(response) ? response : [response]).map((json) => ({ json }));
		},
	);
	return { items, result: { items: answers, errorItems: [], error: task.error } };
}

/** Our action nodes' runs in one execution, as the engine harness records them. */
function runsOf(execution, e2e, credentials) {
	const prefix = `${e2e.PACKAGE_NAME}.`;
	const runData = execution.resultData.runData || {};
	const runs = [];
	for (const node of (execution.workflowData && execution.workflowData.nodes) || []) {
		if (!node.type.startsWith(prefix) || /Trigger$/.test(node.type)) continue;
		const asTool = /Tool$/.test(node.type);
		const nodeRuns = [];
		for (const task of runData[node.name] || []) {
			if (!task || typeof task.startTime !== 'number') continue;
			const main = (task.data && task.data.main) || [];
			const creds = {};
			for (const [type, ref] of Object.entries(node.credentials || {})) {
				const data = credentials(ref);
				if (data) creds[type] = data;
			}
			const { items, result } = asTool
				? toolRun(task)
				: {
						items: inputItems(runData, task),
						result: { items: main[0] || [], errorItems: main[1] || [], error: task.error },
					};
			nodeRuns.push({
				kind: 'node',
				nodeType: node.type.slice(prefix.length).replace(/Tool$/, ''),
				parameters: node.parameters || {},
				credentials: creds,
				items,
				settings: node.retryOnFail ? { retryOnFail: true } : {},
				onError: node.onError,
				startedAt: task.startTime,
				endedAt: task.startTime + (task.executionTime || 0),
				result,
			});
		}
		runs.push(...(asTool && node.retryOnFail ? toolCalls(nodeRuns, node.maxTries) : nodeRuns));
	}
	return runs;
}

/**
 * n8n's tool loop (n8n-core makeHandleToolInvocation) tries a failed tool call again as new runs of
 * the node, at most min(5, max(2, Max Tries)) of them, with the same arguments: those tries are one
 * call, so that "never billed twice under Retry On Fail" holds across them.
 */
function toolCalls(tries, maxTries) {
	const limit = Math.min(5, Math.max(2, Number(maxTries) || 3));
	const calls = [];
	let count = 0;
	for (const run of tries) {
		const call = calls[calls.length - 1];
		const again =
			call &&
			call.result.error &&
			count < limit &&
			JSON.stringify(call.items) === JSON.stringify(run.items);
		if (again) {
			call.endedAt = run.endedAt;
			call.result = run.result;
			count++;
		} else {
			calls.push({ ...run });
			count = 1;
		}
	}
	return calls;
}

/**
 * A look-up of the credentials' data as n8n holds it now (a suite may point a credential at
 * another sandbox while it runs: GET /rest/credentials/:id?includeData=true), else as imported.
 */
async function credentialData(rest, executions, imported) {
	const ids = new Set();
	for (const execution of executions) {
		for (const node of (execution.workflowData && execution.workflowData.nodes) || []) {
			for (const ref of Object.values(node.credentials || {})) if (ref && ref.id) ids.add(ref.id);
		}
	}
	const current = new Map();
	for (const id of ids) {
		try {
			const stored = (await rest.get(`/rest/credentials/${id}?includeData=true`)).data;
			if (stored && stored.data && typeof stored.data === 'object') current.set(id, stored.data);
		} catch {
			// not readable: the imported data below
		}
	}
	return (ref) => {
		if (current.has(ref.id)) return current.get(ref.id);
		const found = imported.find((c) => c.id === ref.id || c.name === ref.name);
		return found && found.data;
	};
}

/** The suite's executions that started at or after `since` and have ended. */
async function suiteExecutions(rest, e2e, suite, since) {
	const found = [];
	for (const workflow of suite.workflows()) {
		if (!workflow.id) continue;
		for (const listed of await e2e.executions(rest, workflow.id)) {
			if (Date.parse(listed.startedAt) < since || !listed.stoppedAt) continue;
			found.push(await e2e.executionData(rest, listed.id));
		}
	}
	return found;
}

/** Runs the suite, then checks its executions against the sandbox's billing ledger. */
async function runWithLedgerCheck(suite, context) {
	const since = Date.now();
	await suite.run(context);
	const { check, rest, e2e, credentials } = context;
	await check(
		`${suite.name}: billing ledger (what each node run says billed = what the sandbox billed)`,
		async () => {
			const executions = await suiteExecutions(rest, e2e, suite, since);
			const known = await credentialData(rest, executions, credentials);
			const runs = executions.flatMap((execution) => runsOf(execution, e2e, known));
			const violations = await ledgerCheck(runs);
			assert.deepEqual(violations, [], `${violations.length} violation(s)`);
			return `${runs.length} node runs in ${executions.length} executions`;
		},
	);
}

module.exports = { runWithLedgerCheck, runsOf };
