'use strict';

// e2e suite: the Iluma Trigger in a real n8n. Publishing the callback example makes the trigger
// register its URL at the sandbox (which first sends it Iluma's test callback); a bank name
// validation started by an `iluma` node in another workflow then comes back by callback and
// starts exactly one execution. Wrong or missing tokens get 401 and start none, broken bodies
// never hurt n8n, and deactivating and activating removes and sets the URL again.

const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');

const { postJson } = require('../setup');
const { poll } = require('../../poll');

const EXAMPLES = path.resolve(__dirname, '..', '..', '..', 'examples');
const trigger = JSON.parse(
	fs.readFileSync(path.join(EXAMPLES, 'iluma-callback-trigger.json'), 'utf8'),
);
const triggerNode = trigger.nodes.find((node) => node.type === 'n8n-nodes-kyc.ilumaTrigger');
const REGISTERED_TYPES = [
	'DOCUMENT_OCR_CAPTURE_REQUEST',
	'ID_IMAGE_OCR_REQUEST',
	'NAME_VALIDATOR_REQUEST',
];

// The other workflow: Webhook → Iluma Bank Account → Validate Name, without waiting, so that the
// result can only arrive by callback.
const BANK_PATH = 'kyc-iluma-bank-callback';
const bankWorkflow = {
	id: 'kycIlumaBankCb01',
	name: 'e2e: Iluma bank name validation, result by callback',
	nodes: [
		{
			id: '5b1e7c3a-2d4f-4a6b-8c9d-0e1f2a3b2001',
			name: 'Webhook',
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2,
			position: [0, 0],
			webhookId: '5b1e7c3a-2d4f-4a6b-8c9d-0e1f2a3b3001',
			parameters: {
				httpMethod: 'POST',
				path: BANK_PATH,
				responseMode: 'lastNode',
				responseData: 'firstEntryJson',
				options: {},
			},
		},
		{
			id: '5b1e7c3a-2d4f-4a6b-8c9d-0e1f2a3b2002',
			name: 'Validate bank account name',
			type: 'n8n-nodes-kyc.iluma',
			typeVersion: 1,
			position: [240, 0],
			parameters: {
				resource: 'bankAccount',
				operation: 'validateName',
				bankAccountNumber: '={{ $json.body.account }}',
				bankCode: 'BCA',
				referenceId: '={{ $json.body.reference }}',
				waitForResult: false,
				options: {},
			},
			credentials: { ilumaApi: { id: 'kycIlumaCred01', name: 'Iluma account' } },
		},
	],
	connections: {
		Webhook: { main: [[{ node: 'Validate bank account name', type: 'main', index: 0 }]] },
	},
	settings: { executionOrder: 'v1' },
	active: false,
	pinData: {},
	meta: {},
	tags: [],
};

const isEmpty = (object) => Object.keys(object).length === 0;

/**
 * Waits until the workflow's executions have all ended and their count has held for a moment
 * (callbacks still on their way would add one), with at least `atLeast` of them; returns them.
 */
async function settledExecutions(e2e, rest, workflowId, { atLeast = 0 } = {}) {
	let previous = -1;
	return await poll(() => e2e.executions(rest, workflowId), {
		what: `at least ${atLeast} finished executions of workflow ${workflowId}, their count unchanged for 0.5 s`,
		until: (found) => {
			const idle = found.every(e2e.isFinished);
			const settled = idle && found.length >= atLeast && found.length === previous;
			previous = idle ? found.length : -1;
			return settled;
		},
		show: (found) => found.map((e) => `${e.id} ${e.status}`).join(', ') || 'none',
		intervalMs: 500,
	});
}

/** The Iluma Trigger's output item of one execution. */
async function triggerItem(rest, e2e, executionId) {
	const { resultData } = await e2e.executionData(rest, executionId);
	return resultData.runData['Iluma Trigger'][0].data.main[0][0].json;
}

/** The sandbox's callback URLs, read through its Iluma API as a user's script would. */
async function callbackUrlsAtIluma(sandbox) {
	const auth = Buffer.from(`${sandbox.keys.iluma.apiKey}:`).toString('base64');
	const response = await fetch(`${sandbox.baseUrls.iluma}/v1/callback/urls`, {
		headers: { authorization: `Basic ${auth}` },
	});
	const { data } = await response.json();
	return Object.fromEntries(data.map((entry) => [entry.type, entry.url]));
}

module.exports = {
	name: 'Iluma Trigger',

	// The credential (without a callback token, so the trigger reads it from Iluma) comes from
	// the iluma suite.
	credentials: () => [],

	workflows: () => [trigger, bankWorkflow],

	async run({ check, n8n, rest, sandbox, e2e }) {
		const triggerUrl = `${n8n.url}/webhook/${triggerNode.webhookId}/webhook`;
		const registeredHere = async () =>
			Object.entries(await callbackUrlsAtIluma(sandbox))
				.filter(([, url]) => url === triggerUrl)
				.map(([type]) => type)
				.sort();
		// Earlier suites' Iluma jobs call back here too: finish them and count from there.
		await sandbox.vendorControl('iluma', 'completeAll');
		let baseline = (await settledExecutions(e2e, rest, trigger.id)).length;

		const sameTypes = (types) => types.join() === REGISTERED_TYPES.join();
		await check(
			'publishing registered the trigger’s URL at Iluma for its three products; Iluma’s test callback got 200',
			async () => {
				await poll(registeredHere, {
					what: `the trigger's URL registered at Iluma for ${REGISTERED_TYPES.join(', ')}`,
					until: sameTypes,
				});
				const testCallbacks = async () =>
					(await sandbox.vendorControl('iluma', 'callbacks')).filter(
						(entry) => entry.url === triggerUrl && entry.id === null,
					);
				const tests = await poll(testCallbacks, {
					what: `Iluma's test callback to the trigger for each of the ${REGISTERED_TYPES.length} products`,
					until: (found) => found.length >= REGISTERED_TYPES.length,
				});
				// One per product at publishing; a suite that puts this URL back after borrowing a
				// product (cases-onboarding) makes Iluma send that product's test callback again.
				const types = [...new Set(tests.map((entry) => entry.type))].sort();
				assert.deepEqual(types, [...REGISTERED_TYPES].sort(), JSON.stringify(tests));
				assert.ok(
					tests.every((entry) => entry.status === 200),
					JSON.stringify(tests),
				);
			},
		);

		let validation;
		await check(
			'a bank name validation started in another workflow comes back by callback: exactly one execution, with its payload',
			async () => {
				const answer = await postJson(`${n8n.url}/webhook/${BANK_PATH}`, {
					account: '1234567893',
					reference: 'e2e-callback-applicant',
				});
				assert.equal(answer.status, 200, answer.text);
				validation = answer.json;
				assert.equal(validation.status, 'PENDING', answer.text);
				assert.match(validation.id, /^bknv_/);
				// The sandbox completes the job after 2 s and POSTs it here.
				const found = await settledExecutions(e2e, rest, trigger.id, { atLeast: baseline + 1 });
				assert.equal(found.length, baseline + 1, `${found.length - baseline} new executions`);
				const [latest] = found;
				assert.equal(latest.status, 'success');
				const item = await triggerItem(rest, e2e, latest.id);
				assert.equal(item.id, validation.id);
				assert.equal(item.iluma_event, 'bankNameValidation');
				assert.equal(item.status, 'COMPLETED');
				assert.equal(item.reference_id, 'e2e-callback-applicant');
				assert.equal(item.result.account_holder_name, 'FIRA DIYANKA');
				// Options → Audit Record (on by default): what was accepted, and by which check.
				const { receivedAt, ...audit } = item.audit;
				assert.deepEqual(audit, {
					vendor: 'iluma',
					event: 'bankNameValidation',
					vendorReference: validation.id,
					verifiedBy: 'callbackToken',
				});
				assert.match(receivedAt, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
				const run = await e2e.lastExecution(rest, trigger.id);
				const record = run.runData['Bank account record'][0].data.main[0][0].json;
				assert.deepEqual(
					{ id: record.validationId, found: record.accountFound },
					{ id: validation.id, found: true },
				);
				baseline = found.length;
			},
		);

		for (const [label, options, expected] of [
			['a wrong token', { token: 'wrong' }, 401],
			['no token', { token: 'none' }, 401],
		]) {
			await check(`a callback with ${label} gets 401 and starts no execution`, async () => {
				const sent = await sandbox.vendorControl('iluma', 'sendCallback', {
					product: 'bank',
					url: triggerUrl,
					...options,
				});
				assert.equal(sent.status, expected);
				const found = await settledExecutions(e2e, rest, trigger.id);
				assert.equal(found.length, baseline);
			});
		}

		await check(
			'malformed and oversized bodies are refused, n8n stays up, no execution starts',
			async () => {
				for (const body of ['malformed', 'oversized']) {
					const sent = await sandbox.vendorControl('iluma', 'sendCallback', {
						product: 'bank',
						url: triggerUrl,
						body,
					});
					// n8n's own body parser refuses these before the trigger runs (an oversized body
					// gets HTTP 500: 2.x says "Failed to parse request body", 1.x "There was a problem
					// executing the workflow").
					assert.ok(sent.status >= 400, `${body}: HTTP ${sent.status}`);
				}
				const health = await fetch(`${n8n.url}/healthz`);
				assert.equal(health.status, 200);
				assert.equal((await settledExecutions(e2e, rest, trigger.id)).length, baseline);
			},
		);

		await check(
			'a verified callback of a product the trigger does not listen to gets 200 and starts nothing',
			async () => {
				const sent = await sandbox.vendorControl('iluma', 'sendCallback', {
					product: 'document_ocr',
					url: triggerUrl,
				});
				assert.equal(sent.status, 200);
				assert.equal((await settledExecutions(e2e, rest, trigger.id)).length, baseline);
			},
		);

		await check(
			'deactivating removes the URL at Iluma; activating sets it again (after Iluma’s test callback)',
			async () => {
				// n8n 2.x (un)publishes through an outbox, a moment after the REST call returns.
				await e2e.deactivateWorkflow(rest, trigger.id);
				await poll(() => callbackUrlsAtIluma(sandbox), {
					what: 'no callback URL left at Iluma after unpublishing',
					until: isEmpty,
				});
				await e2e.activateWorkflow(rest, trigger.id);
				await poll(registeredHere, {
					what: `the trigger's URL registered at Iluma again for ${REGISTERED_TYPES.join(', ')}`,
					until: sameTypes,
				});
				const sent = await sandbox.vendorControl('iluma', 'sendCallback', {
					product: 'bank',
					url: triggerUrl,
				});
				assert.equal(sent.status, 200);
				const found = await settledExecutions(e2e, rest, trigger.id, { atLeast: baseline + 1 });
				assert.equal(found.length, baseline + 1);
			},
		);
	},
};
