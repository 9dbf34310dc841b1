'use strict';

// What the e2e test and the demo share: the example workflow and sandbox credentials.

const fs = require('node:fs');
const path = require('node:path');

const EXAMPLE_WORKFLOW = path.resolve(
	__dirname,
	'..',
	'..',
	'examples',
	'onboarding-ekycpro-widekyc.json',
);

function loadExampleWorkflow(file = EXAMPLE_WORKFLOW) {
	return JSON.parse(fs.readFileSync(file, 'utf8'));
}

const workflow = loadExampleWorkflow();
const WEBHOOK_PATH = workflow.nodes.find((node) => node.type === 'n8n-nodes-base.webhook')
	.parameters.path;

/**
 * Credentials for `n8n import:credentials` (plain data; n8n encrypts them on import) that point
 * every vendor's nodes at a running vendor sandbox: all e2e suites' credentials. Generated, never
 * stored in examples/; the examples refer to them by the same ids.
 */
function sandboxCredentials(sandbox) {
	return require('./suites').flatMap((suite) => suite.credentials(sandbox));
}

/** POSTs JSON; `json` is undefined when the answer is not JSON. */
async function postJson(url, body) {
	const response = await fetch(url, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(body),
		signal: AbortSignal.timeout(120_000),
	});
	const text = await response.text();
	let json;
	try {
		json = JSON.parse(text);
	} catch {
		json = undefined;
	}
	return { status: response.status, text, json };
}

/** The path of a workflow's Webhook node. */
const webhookPathOf = (wf) =>
	wf.nodes.find((node) => node.type === 'n8n-nodes-base.webhook').parameters.path;

/** POSTs JSON to a production webhook path (default: the onboarding example's). */
async function postWebhook(baseUrl, body, webhookPath = WEBHOOK_PATH) {
	return await postJson(`${baseUrl}/webhook/${webhookPath}`, body);
}

module.exports = {
	EXAMPLE_WORKFLOW,
	WEBHOOK_PATH,
	loadExampleWorkflow,
	sandboxCredentials,
	postJson,
	postWebhook,
	webhookPathOf,
};
