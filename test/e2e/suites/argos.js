'use strict';

// e2e suite: Argos ID in a real n8n. The Step 1 → Step 2 example runs through its webhook against
// the sandbox; the sandbox then POSTs its encrypted `approved` webhook to the published Argos ID
// Trigger, which starts exactly one execution, while tampered or unencrypted calls get 401 and
// start none, and the same decision sent again (freshly encrypted) starts none. n8n's credential
// test tells the right key from a wrong one.

const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');

const images = require('../../fixtures/images');
const { postJson } = require('../setup');

const EXAMPLES = path.resolve(__dirname, '..', '..', '..', 'examples');
const load = (file) => JSON.parse(fs.readFileSync(path.join(EXAMPLES, file), 'utf8'));

const submission = load('argos-kyc-submission.json');
const trigger = load('argos-decision-trigger.json');
const triggerNode = trigger.nodes.find((node) => node.type === 'n8n-nodes-kyc.argosIdTrigger');
// In this test the sandbox calls from 127.0.0.1, not from Argos's 52.78.194.237: the allow-list
// keeps Argos's address and adds the loopback one, so the IP check stays on.
triggerNode.parameters.allowedIps = '52.78.194.237, 127.0.0.1';

// The example as published, Argos's address only: a call from 127.0.0.1 must be refused.
const strict = load('argos-decision-trigger.json');
strict.id = 'kycArgosTrigger2';
strict.name = `${strict.name} (Argos's address only)`;
const strictNode = strict.nodes.find((node) => node.type === 'n8n-nodes-kyc.argosIdTrigger');
strictNode.webhookId = '7a0c3d5e-1b2f-4c6d-8e9f-a0b1c2d32002';
strictNode.id = '7a0c3d5e-1b2f-4c6d-8e9f-a0b1c2d32001';
strict.nodes.find((node) => node.name === 'Decision').id = '7a0c3d5e-1b2f-4c6d-8e9f-a0b1c2d32003';

const SUBMIT_PATH = submission.nodes.find((node) => node.type === 'n8n-nodes-base.webhook')
	.parameters.path;
const triggerUrl = (n8n, node = triggerNode) => `${n8n.url}/webhook/${node.webhookId}/webhook`;

module.exports = {
	name: 'Argos ID',

	credentials: (sandbox) => [
		{
			id: 'kycArgosIdCred01',
			name: 'Argos ID account',
			type: 'argosIdApi',
			data: {
				apiKey: sandbox.keys.argos.apiKey,
				baseUrl: sandbox.baseUrls.argos,
				secretKey: sandbox.keys.argos.secretKey,
			},
		},
	],

	workflows: () => [submission, trigger, strict],

	async run({ check, n8n, rest, sandbox, e2e, credentials }) {
		await check('the Argos workflows are published (active)', async () => {
			for (const workflow of [submission, trigger, strict]) {
				const stored = (await rest.get(`/rest/workflows/${workflow.id}`)).data;
				assert.ok(e2e.isActive(stored), `${workflow.name} not active`);
			}
		});

		// The sandbox posts Argos's webhooks to the trigger's production URL, encrypted with GCM-256.
		sandbox.configure({ callbackUrls: { argos: triggerUrl(n8n) } });
		await sandbox.vendorControl('argos', 'webhookSettings', { encryption: 'gcm' });

		let submissionId;
		await check(
			`POST /webhook/${SUBMIT_PATH} runs Argos Step 1 → Step 2 against the sandbox (approved)`,
			async () => {
				const before = sandbox.requests.length;
				const answer = await postJson(`${n8n.url}/webhook/${SUBMIT_PATH}`, {
					email: 'applicant@example.com',
					issuingCountry: 'KOR',
					idType: 'passport',
					userid: 'crm-7',
					idImage: images.jpeg().toString('base64'),
					selfie: images.jpeg({ width: 960, height: 720 }).toString('base64'),
				});
				assert.equal(answer.status, 200, `HTTP ${answer.status}: ${answer.text.slice(0, 1000)}`);
				const { step1, step2 } = answer.json;
				assert.equal(step1.identity.fullName, 'HONG GILDONG', JSON.stringify(step1));
				assert.equal(step1.identity.dateOfBirth, '1990-01-31');
				assert.deepEqual(step1.missing_fields, []);
				assert.equal(step2.kycStatus, 'approved', JSON.stringify(step2));
				assert.equal(step2.submissionId, step1.submissionId);
				submissionId = step1.submissionId;
				const calls = sandbox.requests
					.slice(before)
					.filter((r) => r.vendor === 'argos')
					.map((r) => `${r.method} ${r.path} ${r.status}`);
				assert.deepEqual(calls, [
					'POST /argos/v3/submission/step1 200',
					'POST /argos/v3/submission/step2 200',
				]);
			},
		);

		await check(
			'the sandbox’s encrypted webhooks reach the Argos ID Trigger: `created` is acknowledged and ignored, `approved` starts exactly one execution with the decrypted payload',
			async () => {
				const deliveries = await sandbox.vendorControl('argos', 'flushWebhooks');
				const mine = deliveries.filter((d) => d.submissionId === submissionId);
				assert.deepEqual(
					mine.map((d) => `${d.event} ${d.encryption} ${d.status}`),
					['created gcm 200', 'approved gcm 200'],
					JSON.stringify(deliveries),
				);
				const runs = await e2e.waitForExecutions(rest, trigger.id, { atLeast: 1 });
				assert.equal(runs.length, 1, `executions: ${JSON.stringify(runs)}`);
				const execution = await e2e.lastExecution(rest, trigger.id);
				assert.equal(execution.status, 'success', JSON.stringify(execution.error));
				const out = execution.runData['Argos ID Trigger'][0].data.main[0][0].json;
				assert.equal(out.webhook_trigger, 'approved');
				assert.equal(out.submission_id, submissionId);
				assert.equal(out.kyc_result.status, 'approved');
				assert.equal(out.userid, 'crm-7');
				// Options → Audit Record (on by default): what was accepted, and by which checks.
				const { receivedAt, ...audit } = out.audit;
				assert.deepEqual(audit, {
					vendor: 'argos',
					event: 'approved',
					vendorReference: submissionId,
					verifiedBy: 'sourceIp+decryptedGcm',
				});
				assert.ok(Date.parse(receivedAt) <= Date.now(), receivedAt);
				assert.match(receivedAt, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
				const decision = execution.runData.Decision[0].data.main[0][0].json;
				assert.deepEqual(decision, { submissionId, decision: 'approved', userid: 'crm-7' });
			},
		);

		const refusals = [
			['a tampered GCM payload', { tamper: true }],
			['an unencrypted payload', { encryption: 'none' }],
			['a payload encrypted with another key', { key: 'not-the-secret-key' }],
		];
		for (const [name, options] of refusals) {
			await check(`${name} gets 401 from the trigger and starts no execution`, async () => {
				const before = (await e2e.waitForExecutions(rest, trigger.id, { atLeast: 1 })).length;
				const answer = await sandbox.vendorControl('argos', 'sendWebhook', {
					event: 'approved',
					submissionId,
					...options,
				});
				assert.equal(answer.status, 401, `answered ${answer.status}: ${answer.text}`);
				await e2e.noNewExecutions(rest, trigger.id, before);
			});
		}

		await check(
			'the sandbox sends the same `approved` decision again, freshly encrypted (a new GCM nonce): answered 200, no execution',
			async () => {
				const before = (await e2e.waitForExecutions(rest, trigger.id, { atLeast: 1 })).length;
				const answer = await sandbox.vendorControl('argos', 'sendWebhook', {
					event: 'approved',
					submissionId,
				});
				assert.equal(answer.status, 200, `answered ${answer.status}: ${answer.text}`);
				await e2e.noNewExecutions(rest, trigger.id, before);
			},
		);

		await check(
			'with the default allow-list (Argos’s 52.78.194.237 only), a call from 127.0.0.1 gets 403 and starts no execution',
			async () => {
				const answer = await sandbox.vendorControl('argos', 'sendWebhook', {
					event: 'approved',
					submissionId,
					url: triggerUrl(n8n, strictNode),
				});
				assert.equal(answer.status, 403, `answered ${answer.status}: ${answer.text}`);
				await e2e.noNewExecutions(rest, strict.id, 0);
			},
		);

		await check('an encrypted `rejected` webhook starts one more execution', async () => {
			const before = (await e2e.waitForExecutions(rest, trigger.id, { atLeast: 1 })).length;
			const answer = await sandbox.vendorControl('argos', 'sendWebhook', {
				event: 'rejected',
			});
			assert.equal(answer.status, 200, answer.text);
			const runs = await e2e.waitForExecutions(rest, trigger.id, { atLeast: before + 1 });
			assert.equal(runs.length, before + 1);
		});

		await check(
			'a GCM webhook in another plausible layout (tag after the IV, hex), keyed with the API key, starts one more execution',
			async () => {
				const before = (await e2e.waitForExecutions(rest, trigger.id, { atLeast: 1 })).length;
				const answer = await sandbox.vendorControl('argos', 'sendWebhook', {
					event: 'approved',
					key: sandbox.keys.argos.apiKey,
					gcmLayout: 'iv-tag-ct',
					encoding: 'hex',
				});
				assert.equal(answer.status, 200, answer.text);
				const runs = await e2e.waitForExecutions(rest, trigger.id, { atLeast: before + 1 });
				assert.equal(runs.length, before + 1);
			},
		);

		sandbox.configure({ callbackUrls: { argos: null } });

		const argos = credentials.find((c) => c.type === 'argosIdApi');
		const credentialCases = [
			['argosIdApi with the sandbox key passes', {}, 'OK'],
			['argosIdApi with a wrong key fails', { apiKey: 'wrong-argos-key' }, 'Error'],
		];
		for (const [name, change, expected] of credentialCases) {
			await check(`n8n credential test: ${name}`, async () => {
				const result = await e2e.testCredential(rest, {
					...argos,
					data: { ...argos.data, ...change },
				});
				assert.equal(result.status, expected, `n8n answered ${JSON.stringify(result)}`);
			});
		}
	},
};
