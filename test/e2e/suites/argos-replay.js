'use strict';

// e2e suite: the Argos ID Trigger against replays and forged addresses, in a real n8n of its own
// (it is restarted on the same user folder). Started with N8N_PROXY_HOPS=1, so that Express takes
// request.ip from X-Forwarded-For, as behind a reverse proxy. An encrypted `approved` webhook
// starts one execution; the very same body again starts none, and still none after n8n restarts
// (the digest is in the node's static data, in n8n's database). A loopback call that claims
// Argos's address in X-Forwarded-For is refused; a published workflow whose allow-list is 0.0.0.0/0
// without encryption is not put in service and its URL starts nothing.

const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { poll } = require('../../poll');
const argos = require('../../sandbox/vendors/argos');

const ARGOS_IP = '52.78.194.237';
const CREDENTIAL = { id: 'kycArgosReplayCr1', name: 'Argos ID (replay suite)' };

function triggerWorkflow(n, suffix, parameters) {
	const id = `kycArgosReplay0${n}`;
	return {
		id,
		name: `e2e: Argos replay suite, ${suffix}`,
		nodes: [
			{
				id: `9c1d2e3f-4a5b-4c6d-8e7f-00000000000${n}`,
				name: 'Argos ID Trigger',
				type: 'n8n-nodes-kyc.argosIdTrigger',
				typeVersion: 1,
				position: [0, 0],
				webhookId: `9c1d2e3f-4a5b-4c6d-8e7f-10000000000${n}`,
				parameters: { events: ['approved', 'rejected'], ...parameters },
				credentials: { argosIdApi: CREDENTIAL },
			},
		],
		connections: {},
		settings: { executionOrder: 'v1' },
		pinData: {},
	};
}

// The sandbox posts from 127.0.0.1, so the allow-list here is the loopback address.
const replay = triggerWorkflow(1, 'GCM from 127.0.0.1', {
	encryption: 'gcm',
	allowedIps: '127.0.0.1',
});
const strict = triggerWorkflow(2, 'Argos’s address only', {
	encryption: 'gcm',
	allowedIps: ARGOS_IP,
});
const wide = triggerWorkflow(3, '0.0.0.0/0 without encryption', {
	encryption: 'none',
	allowedIps: '0.0.0.0/0',
});
const urlOf = (n8n, workflow) => `${n8n.url}/webhook/${workflow.nodes[0].webhookId}/webhook`;

async function post(url, body, headers = {}) {
	const response = await fetch(url, {
		method: 'POST',
		headers: { 'content-type': 'application/json', ...headers },
		body: typeof body === 'string' ? body : JSON.stringify(body),
		signal: AbortSignal.timeout(30_000),
	});
	return { status: response.status, text: await response.text() };
}

module.exports = {
	name: 'Argos ID Trigger: replays, forged addresses, refused settings (own n8n, restarted)',

	credentials: () => [],
	workflows: () => [],

	async run({ check, sandbox, e2e }) {
		const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-nodes-kyc-argos-replay-'));
		const installFolder = e2e.installN8n();
		const start = () =>
			e2e.startN8n({
				installFolder,
				userFolder,
				keepUserFolder: true,
				env: { N8N_PROXY_HOPS: '1' },
				credentials: [
					{
						...CREDENTIAL,
						type: 'argosIdApi',
						data: {
							apiKey: sandbox.keys.argos.apiKey,
							baseUrl: sandbox.baseUrls.argos,
							secretKey: sandbox.keys.argos.secretKey,
						},
					},
				],
				workflows: [replay, strict, wide],
			});
		let n8n;
		let failed = false;
		const track = async (name, fn) => {
			if (!(await check(name, fn))) failed = true;
		};
		try {
			n8n = await start();
			const rest = await e2e.setupOwner(n8n.url);
			// One real encrypted event, kept byte for byte to be sent again.
			const body = argos.webhookBody(
				{
					webhook_trigger: 'approved',
					submission_id: 'replayed-sub',
					kyc_result: { status: 'approved' },
				},
				{ encryption: 'gcm', key: sandbox.keys.argos.secretKey },
			);

			await track('an encrypted `approved` webhook starts one execution', async () => {
				const answer = await post(urlOf(n8n, replay), body);
				assert.equal(answer.status, 200, answer.text);
				const saved = await e2e.waitForExecutions(rest, replay.id, { atLeast: 1 });
				assert.equal(saved.length, 1);
			});

			await track('the same body again is answered 200 and starts no execution', async () => {
				for (let i = 0; i < 2; i += 1) {
					const answer = await post(urlOf(n8n, replay), body);
					assert.equal(answer.status, 200, answer.text);
				}
				await e2e.noNewExecutions(rest, replay.id, 1, 2000);
			});

			await track('the digest is in the workflow’s static data in n8n’s database', async () => {
				const stored = (await rest.get(`/rest/workflows/${replay.id}`)).data;
				const digests = stored.staticData?.['node:Argos ID Trigger']?.acceptedWebhookDigests;
				assert.equal(Object.keys(digests ?? {}).length, 1, JSON.stringify(stored.staticData));
			});

			await track(
				'with N8N_PROXY_HOPS=1, a loopback call claiming Argos’s address in X-Forwarded-For gets 403 and starts nothing',
				async () => {
					const answer = await post(urlOf(n8n, strict), body, { 'x-forwarded-for': ARGOS_IP });
					assert.equal(answer.status, 403, answer.text);
					await e2e.noNewExecutions(rest, strict.id, 0, 2000);
				},
			);

			await track(
				'a published workflow allowing 0.0.0.0/0 without encryption is not put in service; its URL starts nothing',
				async () => {
					const plain = JSON.stringify({ webhook_trigger: 'approved', submission_id: 'x' });
					const answer = await post(urlOf(n8n, wide), plain);
					assert.notEqual(answer.status, 200, answer.text);
					await e2e.noNewExecutions(rest, wide.id, 0, 2000);
					// n8n records why (2.x per trigger node, shown by the editor; 1.x as the activation error).
					const route =
						rest.major >= 2
							? `/rest/workflows/${wide.id}/publication-status`
							: `/rest/active-workflows/error/${wide.id}`;
					// 2.x tries a failing trigger a few times before it records the failure.
					const data = await poll(async () => (await rest.get(route)).data, {
						what: `n8n to record why workflow ${wide.id} is not in service (${route} no longer in_progress)`,
						until: (value) => value?.status !== 'in_progress',
						timeoutMs: 90_000,
						intervalMs: 1000,
					});
					assert.match(JSON.stringify(data), /0\.0\.0\.0\/0 is wider than \/8/);
				},
			);

			await n8n.stop();
			n8n = await start();
			const again = await e2e.login(n8n.url);
			await track(
				'after n8n restarts on the same database, the same body still starts no execution; a new one does',
				async () => {
					assert.ok(n8n.reused, 'the user folder was not reused');
					const answer = await post(urlOf(n8n, replay), body);
					assert.equal(answer.status, 200, answer.text);
					await e2e.noNewExecutions(again, replay.id, 1, 2000);
					const fresh = argos.webhookBody(
						{
							webhook_trigger: 'rejected',
							submission_id: 'new-sub',
							kyc_result: { status: 'rejected' },
						},
						{ encryption: 'gcm', key: sandbox.keys.argos.secretKey },
					);
					assert.equal((await post(urlOf(n8n, replay), fresh)).status, 200);
					const saved = await e2e.waitForExecutions(again, replay.id, { atLeast: 2 });
					assert.equal(saved.length, 2);
				},
			);
		} finally {
			if (failed && n8n) console.log(`--- ${n8n.logFile} ---\n${n8n.tail(60)}\n---`);
			await n8n?.stop();
			if (failed || process.env.KYC_E2E_KEEP === '1') console.log(`kept: ${userFolder}`);
			else fs.rmSync(userFolder, { recursive: true, force: true });
		}
	},
};
