'use strict';

// e2e suite (issue 21): an item's billing state and its output's secrets, in a real n8n.
// - Item 1: KYC (Any Vendor) Read KTP, Iluma first and WideKYC second. Iluma's OCR request is sent
//   (billed), then every read of its result answers 503: the item ends at Iluma with
//   `billed: true`, and the same image is never sent to WideKYC.
// - Item 2: KYC (Any Vendor) Verify NIK, WideKYC first. WideKYC's quota error quotes the token; the
//   item fails over to Iluma, and the saved execution holds no trace of the token.

const assert = require('node:assert/strict');

const images = require('../../fixtures/images');
const { credential, credentialRef } = require('../sandbox-credentials');
const { uuid, webhookNode } = require('../switch-workflow');
const { postWebhook } = require('../setup');

const ILUMA = 'kycBillingStateIluma';
const WIDE = 'kycBillingStateWide';
const CREDENTIALS = { ...credentialRef('ilumaApi', ILUMA), ...credentialRef('wideKycApi', WIDE) };

const READ_KTP = { id: 'kycBillingStateReadKtp', path: 'kyc-billing-state-read-ktp' };
const VERIFY_NIK = { id: 'kycBillingStateVerifyNik', path: 'kyc-billing-state-verify-nik' };
const NODE = 'KYC (Any Vendor)';

/** Webhook → one KYC (Any Vendor) node (Continue On Fail), answering with the node's item. */
function workflow({ id, path }, name, parameters) {
	return {
		id,
		name,
		nodes: [
			webhookNode(id, path),
			{
				id: uuid(id, NODE),
				name: NODE,
				position: [240, 0],
				type: 'n8n-nodes-kyc.kycAnyVendor',
				typeVersion: 1,
				parameters: { mode: 'failover', options: { retries: 0 }, ...parameters },
				credentials: CREDENTIALS,
				onError: 'continueRegularOutput',
			},
		],
		connections: { Webhook: { main: [[{ node: NODE, type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
		active: false,
		pinData: {},
		meta: {},
		tags: [],
	};
}

const TRIGGER_SETUP = /^\/iluma\/v1\/callback\/urls(\?|$)/;
const vendorsSince = (sandbox, before) =>
	sandbox.requests
		.slice(before)
		.filter((r) => !TRIGGER_SETUP.test(r.path))
		.map((r) => `${r.vendor} ${r.method}`);

/** The KYC (Any Vendor) node's one output item in a saved execution. */
function nodeItem(execution) {
	const runs = execution.runData[NODE];
	assert.equal(runs?.length, 1, `${NODE} ran ${runs?.length ?? 0} times`);
	return runs[0].data.main[0][0].json;
}

module.exports = {
	name: 'billing state and secrets of KYC (Any Vendor) items (issue 21)',

	credentials: (sandbox) => [
		credential(sandbox, 'ilumaApi', ILUMA),
		credential(sandbox, 'wideKycApi', WIDE),
	],

	workflows: () => [
		workflow(READ_KTP, 'e2e: a billed Iluma OCR ends the item at Iluma', {
			check: 'readKtp',
			vendors: ['iluma', 'wideKyc'],
			ktpImageSource: 'base64',
			ktpImageBase64: "={{ $('Webhook').item.json.body.image }}",
		}),
		workflow(VERIFY_NIK, 'e2e: a token quoted by WideKYC never reaches the output', {
			check: 'verifyNik',
			vendors: ['wideKyc', 'iluma'],
			nik: "={{ $('Webhook').item.json.body.nik }}",
			name: "={{ $('Webhook').item.json.body.name }}",
		}),
	],

	async run({ check, n8n, rest, sandbox, e2e }) {
		await check(
			'Read KTP: Iluma’s result reads answer 503 after its billed OCR request: the item ends at Iluma, billed, and WideKYC is never called',
			async () => {
				await sandbox.vendorControl('iluma', 'configure', { completeAfterMs: 60_000 });
				sandbox.injectFault({ vendor: 'iluma', method: 'GET', status: 503, count: 50 });
				const after = await e2e.latestExecutionId(rest, READ_KTP.id);
				const before = sandbox.requests.length;
				try {
					const answer = await postWebhook(
						n8n.url,
						{ image: images.jpeg().toString('base64') },
						READ_KTP.path,
					);
					const calls = vendorsSince(sandbox, before);
					assert.equal(answer.status, 200, answer.text.slice(0, 500));
					assert.ok(calls.includes('iluma POST'), calls.join(', '));
					assert.ok(!calls.some((call) => call.startsWith('wideKyc')), calls.join(', '));
					const json = nodeItem(await e2e.lastExecution(rest, READ_KTP.id, { after }));
					assert.match(json.error, /Iluma .*\[HTTP 503, billed\]/);
					assert.deepEqual(
						json.attempts.map(({ vendor, outcome, billed }) => ({ vendor, outcome, billed })),
						[{ vendor: 'iluma', outcome: 'failed', billed: true }],
					);
					return `n8n shows: ${json.error}`;
				} finally {
					// Not reset(): other suites' state (the Iluma Trigger's registered URL) must stay.
					sandbox.clearFaults();
					await sandbox.vendorControl('iluma', 'completeAll');
					await sandbox.vendorControl('iluma', 'configure', { completeAfterMs: 2000 });
				}
			},
		);

		await check(
			'Verify NIK: WideKYC’s quota error quotes the token; the item fails over to Iluma and the saved execution holds no trace of the token',
			async () => {
				const token = sandbox.keys.wideKyc.token;
				sandbox.injectFault({
					vendor: 'wideKyc',
					status: 200,
					body: {
						statusCode: 'ERROR',
						responseStatus: 'Quota Exceeded',
						responseStatusDetails: [{ description: `Quota Exceeded for token ${token}` }],
					},
				});
				const after = await e2e.latestExecutionId(rest, VERIFY_NIK.id);
				try {
					const answer = await postWebhook(
						n8n.url,
						{ nik: '3201000000000001', name: 'Budi Santoso' },
						VERIFY_NIK.path,
					);
					assert.equal(answer.status, 200);
					const execution = await e2e.lastExecution(rest, VERIFY_NIK.id, { after });
					const json = nodeItem(execution);
					assert.equal(json.vendor, 'iluma');
					assert.deepEqual(
						json.attempts.map(({ vendor, outcome }) => `${vendor} ${outcome}`),
						['wideKyc account', 'iluma answered'],
					);
					assert.match(json.attempts[0].message, /Quota Exceeded for token \[secret\]/);
					const saved = JSON.stringify(execution);
					assert.ok(!saved.includes(token), 'the token is in the saved execution');
					assert.ok(!answer.text.includes(token), 'the token is in the webhook answer');
					return `attempts[0].message: ${json.attempts[0].message}`;
				} finally {
					sandbox.clearFaults();
				}
			},
		);
	},
};
