'use strict';

// e2e suite: the Argos ID Trigger against replays and forged addresses, in a real n8n of its own
// (it is restarted on the same user folder). Started with N8N_PROXY_HOPS=1, so that Express takes
// request.ip from X-Forwarded-For, as behind a reverse proxy. An encrypted `approved` webhook
// starts one execution; the very same body again, the same decision freshly encrypted, reordered
// or with a field added (unencrypted) or with an ECB block duplicated start none, and still none
// after n8n restarts (the decision's digest is in the node's static data, in n8n's database). An
// event older than Maximum Event Age starts none. A loopback call that claims Argos's address in
// X-Forwarded-For is refused unless loopback is a Trusted Proxy, and then the right-most address
// that is not a trusted proxy decides; a published workflow whose allow-list is 0.0.0.0/0 without
// encryption is not put in service and its URL starts nothing.

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
// Forwarding headers: believed only from a peer in Trusted Proxies (none by default).
const forwardedUntrusted = triggerWorkflow(4, 'X-Forwarded-For named, no Trusted Proxies', {
	encryption: 'gcm',
	allowedIps: ARGOS_IP,
	trustedProxyHeader: 'X-Forwarded-For',
});
const forwardedTrusted = triggerWorkflow(5, 'X-Forwarded-For from a trusted loopback proxy', {
	encryption: 'gcm',
	allowedIps: ARGOS_IP,
	trustedProxyHeader: 'X-Forwarded-For',
	trustedProxies: '127.0.0.1, ::1',
});
// Replays that the bytes do not show: unencrypted, and ECB.
const plain = triggerWorkflow(6, 'unencrypted from 127.0.0.1', {
	encryption: 'none',
	allowedIps: '127.0.0.1',
});
const ecb = triggerWorkflow(7, 'ECB from 127.0.0.1', {
	encryption: 'ecb',
	allowedIps: '127.0.0.1',
});
const WORKFLOWS = [replay, strict, wide, forwardedUntrusted, forwardedTrusted, plain, ecb];

const HOUR = 3600 * 1000;
/** An `approved` decision as Argos documents it, decided `msAgo` before now. */
const decision = (submissionId, msAgo = 60_000) => ({
	webhook_trigger: 'approved',
	kyc_result: {
		status: 'approved',
		updated_at: new Date(Date.now() - msAgo).toISOString(),
		kyc_result_at: new Date(Date.now() - msAgo).toISOString(),
		reviewer: 'auto',
	},
	submission_id: submissionId,
	fullName: 'A NAME LONG ENOUGH TO HOLD WHOLE AES BLOCKS OF TEXT',
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
				workflows: WORKFLOWS,
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
			const event = {
				webhook_trigger: 'approved',
				submission_id: 'replayed-sub',
				kyc_result: { status: 'approved' },
			};
			const body = argos.webhookBody(event, {
				encryption: 'gcm',
				key: sandbox.keys.argos.secretKey,
			});

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

			await track(
				'the same decision freshly encrypted (a new GCM nonce) is answered 200 and starts no execution',
				async () => {
					const again = argos.webhookBody(JSON.parse(JSON.stringify(event)), {
						encryption: 'gcm',
						key: sandbox.keys.argos.secretKey,
					});
					assert.notEqual(again, body);
					const answer = await post(urlOf(n8n, replay), again);
					assert.equal(answer.status, 200, answer.text);
					await e2e.noNewExecutions(rest, replay.id, 1, 2000);
				},
			);

			await track(
				'the event’s digest is in the workflow’s static data in n8n’s database',
				async () => {
					const stored = (await rest.get(`/rest/workflows/${replay.id}`)).data;
					const memory = stored.staticData?.['node:Argos ID Trigger']?.acceptedWebhookEvents;
					assert.equal(
						Object.keys(memory?.untimed ?? {}).length,
						1,
						JSON.stringify(stored.staticData),
					);
				},
			);

			let replayRuns = 1;
			await track(
				'an event older than Maximum Event Age (24 hours by default) is answered 200 and starts no execution; a recent one starts one',
				async () => {
					const sealed = (event) =>
						argos.webhookBody(event, { encryption: 'gcm', key: sandbox.keys.argos.secretKey });
					const old = await post(urlOf(n8n, replay), sealed(decision('old-sub', 25 * HOUR)));
					assert.equal(old.status, 200, old.text);
					await e2e.noNewExecutions(rest, replay.id, replayRuns, 2000);
					const recent = await post(urlOf(n8n, replay), sealed(decision('recent-sub')));
					assert.equal(recent.status, 200, recent.text);
					replayRuns += 1;
					const saved = await e2e.waitForExecutions(rest, replay.id, { atLeast: replayRuns });
					assert.equal(saved.length, replayRuns);
				},
			);

			await track(
				'X-Forwarded-For naming Argos from a loopback peer that is not in Trusted Proxies is not believed: 403, nothing starts',
				async () => {
					const sealed = argos.webhookBody(decision('forwarded-1'), {
						encryption: 'gcm',
						key: sandbox.keys.argos.secretKey,
					});
					const answer = await post(urlOf(n8n, forwardedUntrusted), sealed, {
						'x-forwarded-for': ARGOS_IP,
					});
					assert.equal(answer.status, 403, answer.text);
					await e2e.noNewExecutions(rest, forwardedUntrusted.id, 0, 2000);
				},
			);

			await track(
				'with Trusted Proxies set to the loopback peer, the right-most address that is not a trusted proxy is the caller',
				async () => {
					const sealed = (id) =>
						argos.webhookBody(decision(id), {
							encryption: 'gcm',
							key: sandbox.keys.argos.secretKey,
						});
					const url = urlOf(n8n, forwardedTrusted);
					const believed = await post(url, sealed('forwarded-2'), {
						'x-forwarded-for': `203.0.113.9, ${ARGOS_IP}`,
					});
					assert.equal(believed.status, 200, believed.text);
					await e2e.waitForExecutions(rest, forwardedTrusted.id, { atLeast: 1 });
					// The caller's own left entry does not count; the right-most other address does.
					const spoofed = await post(url, sealed('forwarded-3'), {
						'x-forwarded-for': `${ARGOS_IP}, 198.51.100.7`,
					});
					assert.equal(spoofed.status, 403, spoofed.text);
					// A private client address is the client, not a hop to skip.
					const inside = await post(url, sealed('forwarded-4'), {
						'x-forwarded-for': `${ARGOS_IP}, 10.1.2.3`,
					});
					assert.equal(inside.status, 403, inside.text);
					await e2e.noNewExecutions(rest, forwardedTrusted.id, 1, 2000);
				},
			);

			const plainEvent = decision('plain-sub');
			await track(
				'unencrypted: the same decision with its keys reordered, or with a field added, starts no execution',
				async () => {
					const url = urlOf(n8n, plain);
					const first = await post(url, JSON.stringify(plainEvent));
					assert.equal(first.status, 200, first.text);
					await e2e.waitForExecutions(rest, plain.id, { atLeast: 1 });
					const reordered = Object.fromEntries(Object.entries(plainEvent).reverse());
					reordered.kyc_result = Object.fromEntries(
						Object.entries(plainEvent.kyc_result).reverse(),
					);
					for (const copy of [reordered, { ...plainEvent, added: 'field' }]) {
						const answer = await post(url, JSON.stringify(copy, null, 1));
						assert.equal(answer.status, 200, answer.text);
					}
					await e2e.noNewExecutions(rest, plain.id, 1, 2000);
				},
			);

			await track(
				'ECB: the same webhook with a block duplicated inside a text field starts no execution',
				async () => {
					const event = decision('ecb-sub');
					const url = urlOf(n8n, ecb);
					const key = sandbox.keys.argos.secretKey;
					const first = await post(url, argos.webhookBody(event, { encryption: 'ecb', key }));
					assert.equal(first.status, 200, first.text);
					await e2e.waitForExecutions(rest, ecb.id, { atLeast: 1 });
					const doubled = await post(url, argos.ecbBlockDuplicated(event, 'fullName', key));
					assert.equal(doubled.status, 200, doubled.text);
					await e2e.noNewExecutions(rest, ecb.id, 1, 2000);
				},
			);

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
				'after n8n restarts on the same database, the same body, and the reordered unencrypted decision, still start no execution; a new one does',
				async () => {
					assert.ok(n8n.reused, 'the user folder was not reused');
					const answer = await post(urlOf(n8n, replay), body);
					assert.equal(answer.status, 200, answer.text);
					await e2e.noNewExecutions(again, replay.id, replayRuns, 2000);
					const reordered = Object.fromEntries(Object.entries(plainEvent).reverse());
					assert.equal((await post(urlOf(n8n, plain), JSON.stringify(reordered))).status, 200);
					await e2e.noNewExecutions(again, plain.id, 1, 2000);
					const fresh = argos.webhookBody(
						{
							webhook_trigger: 'rejected',
							submission_id: 'new-sub',
							kyc_result: { status: 'rejected' },
						},
						{ encryption: 'gcm', key: sandbox.keys.argos.secretKey },
					);
					assert.equal((await post(urlOf(n8n, replay), fresh)).status, 200);
					const saved = await e2e.waitForExecutions(again, replay.id, { atLeast: replayRuns + 1 });
					assert.equal(saved.length, replayRuns + 1);
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
