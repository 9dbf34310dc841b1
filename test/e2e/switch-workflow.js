'use strict';

// The shape shared by the e2e "every operation" and binary-input suites: one workflow, Webhook
// (POST <path>) → Switch on the posted `op` → one chain of nodes per case; the webhook answers with
// the first item of the chain's last node (JSON). `runCases` posts each case and checks its answer.

const assert = require('node:assert/strict');
const crypto = require('node:crypto');

const { credential, credentialRef } = require('./sandbox-credentials');

const { PACKAGE_NAME } = require('./n8n');

/** A stable node id (UUID shape) per workflow and node, so imports are repeatable. */
function uuid(workflowId, key) {
	const hex = crypto.createHash('sha256').update(`${workflowId}/${key}`).digest('hex');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** The Webhook node (POST <path>) that answers with the first item of the workflow's last node. */
const webhookNode = (workflowId, path) => ({
	id: uuid(workflowId, 'webhook'),
	name: 'Webhook',
	type: 'n8n-nodes-base.webhook',
	typeVersion: 2.1,
	position: [0, 0],
	webhookId: uuid(workflowId, 'webhookId'),
	parameters: {
		httpMethod: 'POST',
		path,
		responseMode: 'lastNode',
		responseData: 'firstEntryJson',
		options: {},
	},
});

/** One node of ours: `vendorNode('clovaOcr', CREDENTIAL)(parameters)`. */
const vendorNode = (type, credentials) => (parameters) => ({
	type: `${PACKAGE_NAME}.${type}`,
	typeVersion: 1,
	parameters: { options: {}, ...parameters },
	credentials,
});

/**
 * A case's chain is its `nodes` ({ name?, type, typeVersion, parameters, credentials? }), or else
 * `node(case.parameters)`.
 * @param {{ id: string, name: string, path: string, node?: (parameters) => object,
 *           cases: { op: string, nodes?: object[], parameters?: object }[] }} spec
 */
function switchWorkflow({ id, name, path, node: makeNode, cases }) {
	const ops = cases.map(({ op }) => op);
	const nodes = [
		webhookNode(id, path),
		{
			id: uuid(id, 'switch'),
			name: 'By operation',
			type: 'n8n-nodes-base.switch',
			typeVersion: 3.2,
			position: [240, 0],
			parameters: {
				mode: 'expression',
				numberOutputs: ops.length,
				output: `={{ ${JSON.stringify(ops)}.indexOf($json.body.op) }}`,
			},
		},
	];
	const link = (node) => [{ node, type: 'main', index: 0 }];
	const connections = { Webhook: { main: [link('By operation')] }, 'By operation': { main: [] } };
	cases.forEach(({ op, nodes: given, parameters }, row) => {
		const chain = given || [makeNode(parameters)];
		let previous = null;
		chain.forEach((node, column) => {
			const last = column === chain.length - 1;
			const nodeName = last ? op : `${op}: ${node.name || column + 1}`;
			nodes.push({
				...node,
				name: nodeName,
				id: uuid(id, nodeName),
				position: [480 + column * 240, row * 120],
			});
			if (previous) connections[previous] = { main: [link(nodeName)] };
			else connections['By operation'].main.push(link(nodeName));
			previous = nodeName;
		});
	});
	return {
		id,
		name,
		nodes,
		connections,
		settings: { executionOrder: 'v1' },
		active: false,
		pinData: {},
		meta: {},
		tags: [],
	};
}

/** Posts `{ op, ...body }` to the workflow's webhook and returns the JSON answer (HTTP 200 expected). */
async function postCase(n8n, path, op, body = {}) {
	const response = await fetch(`${n8n.url}/webhook/${path}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ op, ...body }),
		signal: AbortSignal.timeout(120_000),
	});
	const text = await response.text();
	assert.equal(response.status, 200, `${op}: HTTP ${response.status} ${text.slice(0, 500)}`);
	return JSON.parse(text);
}

/**
 * One check per case, in order: `body(context)` is what is posted, `verify(json, context)` asserts
 * the answer and may keep values in `context` for later cases (ids); `context` may start with
 * helpers of the suite's own. Returns after the last check.
 * @param {{ check, n8n, path: string, label: string, context?: object,
 *           cases: { op: string, title?: string, body?: (context) => object,
 *                    verify: (json, context) => void }[] }} options
 */
async function runCases({ check, n8n, path, label, cases, context = {} }) {
	for (const { op, title, body = () => ({}), verify } of cases) {
		await check(`${label}: ${title || op}`, async () => {
			const json = await postCase(n8n, path, op, body(context));
			await verify(json, context);
		});
	}
}

/**
 * A whole e2e suite for one node of ours: its own sandbox credential, one Switch workflow with a
 * case per operation (`case.parameters` for the node), one check per case. `cases` may be a
 * function, called once when first needed (after run.js has checked that dist/ is built).
 */
function operationsSuite({ name, label, id, path, type, credentialType, cases: given }) {
	const credentialId = `${id}Cred`;
	let resolved;
	const cases = () => (resolved ??= typeof given === 'function' ? given() : given);
	return {
		name,
		credentials: (sandbox) => [credential(sandbox, credentialType, credentialId)],
		workflows: () => [
			switchWorkflow({
				id,
				name: `e2e: ${name}`,
				path,
				node: vendorNode(type, credentialRef(credentialType, credentialId)),
				cases: cases(),
			}),
		],
		run: ({ check, n8n }) => runCases({ check, n8n, path, label, cases: cases() }),
	};
}

module.exports = {
	webhookNode,
	switchWorkflow,
	vendorNode,
	postCase,
	runCases,
	operationsSuite,
	uuid,
};
