'use strict';

// What the e2e test, the demo and the queue-mode test share: the example workflows, sandbox
// credentials and the onboarding example's applicants.

const fs = require('node:fs');
const path = require('node:path');

const images = require('../fixtures/images');

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
 * every vendor's nodes at a running vendor sandbox: all e2e suites' credentials (whatever
 * KYC_E2E_SUITES keeps). Generated, never
 * stored in examples/; the examples refer to them by the same ids.
 */
function sandboxCredentials(sandbox) {
	const byId = new Map();
	for (const credential of require('./suites').all.flatMap((suite) => suite.credentials(sandbox)))
		byId.set(credential.id, credential);
	return [...byId.values()];
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

// The onboarding example (examples/kyc-onboarding.json): Iluma KTP OCR, WideKYC Dukcapil check,
// Iluma CFT screening, ekycpro face comparison, Iluma bank name validation → decision record.
const ONBOARDING_EXAMPLE = path.resolve(__dirname, '..', '..', 'examples', 'kyc-onboarding.json');
const ONBOARDING_WEBHOOK_PATH = webhookPathOf(loadExampleWorkflow(ONBOARDING_EXAMPLE));

// The KYC (Any Vendor) onboarding example (examples/kyc-any-vendor-onboarding.json): Read KTP,
// Verify NIK, Liveness and Compare Faces, each a KYC (Any Vendor) node in Failover, ekycpro first.
const ANY_VENDOR_EXAMPLE = path.resolve(
	__dirname,
	'..',
	'..',
	'examples',
	'kyc-any-vendor-onboarding.json',
);

// The MCP example (examples/kyc-mcp-server.json): an MCP Server Trigger with the KYC checks as tools.
const MCP_EXAMPLE = path.resolve(__dirname, '..', '..', 'examples', 'kyc-mcp-server.json');

/** The sandbox's test person that every onboarding check accepts (Iluma's KTP OCR sample). */
const APPROVED_PERSON = Object.freeze({ nik: '1234567890123456', name: 'FIRA DIYANKA' });

let fixtureImages;
const onboardingImages = () =>
	(fixtureImages ??= {
		idImage: images.jpeg({ width: 800, height: 500 }).toString('base64'),
		selfieImage: images.jpeg({ width: 480, height: 640 }).toString('base64'),
	});

/**
 * The webhook body for applicant `n` (a non-negative integer): approved by the sandbox unless
 * `changes` say otherwise (see examples/README.md for inputs that lead to review or rejection).
 * Each applicant has its own reference and bank account, so Iluma's bank check really runs (and
 * waits) for each instead of answering from its "recently queried" cache.
 */
function onboardingApplicant(n, changes = {}) {
	if (!Number.isInteger(n) || n < 0 || n >= 1e9) throw new RangeError('n must be 0 … 999999999');
	return {
		applicantId: `applicant-${String(n).padStart(6, '0')}`,
		...onboardingImages(),
		nik: APPROVED_PERSON.nik,
		name: APPROVED_PERSON.name,
		bankAccountNumber: String(5_000_000_000 + n),
		bankCode: 'BCA',
		...changes,
	};
}

/**
 * Iluma's asynchronous jobs (KTP OCR, bank name validation) finish after 300 ms instead of the
 * sandbox's default 2 s, so an onboarding run takes about a second: the node's first check comes
 * after 500 ms. Resolves with a function that puts the previous time back.
 */
async function configureSandboxForOnboarding(sandbox) {
	const previous = (await sandbox.vendorControl('iluma', 'configure', {})).completeAfterMs;
	await sandbox.vendorControl('iluma', 'configure', { completeAfterMs: 300 });
	return async () =>
		await sandbox.vendorControl('iluma', 'configure', { completeAfterMs: previous });
}

/**
 * Whether a webhook answer (postJson's `{ status, json }`, or the parsed body) is an approved
 * decision record: HTTP 200, `decision` 'approved', no reasons, NIK and account masked.
 */
function isApprovedDecision(answer) {
	const record =
		answer && typeof answer.status === 'number' && 'text' in answer ? answer.json : answer;
	if (answer && typeof answer.status === 'number' && 'text' in answer && answer.status !== 200)
		return false;
	return Boolean(
		record &&
			typeof record.applicantId === 'string' &&
			record.applicantId !== '' &&
			record.decision === 'approved' &&
			Array.isArray(record.reasons) &&
			record.reasons.length === 0 &&
			/^\d{6}\*+\d{4}$/.test(record.facts?.nik ?? '') &&
			/^\*+\d{4}$/.test(record.facts?.bankAccount?.account ?? ''),
	);
}

module.exports = {
	ANY_VENDOR_EXAMPLE,
	MCP_EXAMPLE,
	ONBOARDING_EXAMPLE,
	ONBOARDING_WEBHOOK_PATH,
	APPROVED_PERSON,
	onboardingApplicant,
	configureSandboxForOnboarding,
	isApprovedDecision,
	EXAMPLE_WORKFLOW,
	WEBHOOK_PATH,
	loadExampleWorkflow,
	sandboxCredentials,
	postJson,
	postWebhook,
	webhookPathOf,
};
