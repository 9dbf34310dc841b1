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
const webhook = workflow.nodes.find((node) => node.type === 'n8n-nodes-base.webhook');
const WEBHOOK_PATH = webhook.parameters.path;

/**
 * Credentials for `n8n import:credentials` (plain data; n8n encrypts them on import) that point
 * every vendor's nodes at a running vendor sandbox: all e2e suites' credentials. Generated, never
 * stored in examples/; the examples refer to them by the same ids.
 */
function sandboxCredentials(sandbox) {
	return require('./suites').flatMap((suite) => suite.credentials(sandbox));
}

/** POSTs JSON to the example workflow's production webhook; `json` is undefined when the answer is not JSON. */
async function postWebhook(baseUrl, body) {
	const response = await fetch(`${baseUrl}/webhook/${WEBHOOK_PATH}`, {
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

module.exports = {
	EXAMPLE_WORKFLOW,
	WEBHOOK_PATH,
	loadExampleWorkflow,
	sandboxCredentials,
	postWebhook,
};
