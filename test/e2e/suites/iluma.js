'use strict';

// e2e suite: the Iluma screening example (examples/iluma-ktp-screening.json) — KTP OCR with Wait
// for Result, Dukcapil name check, CFT screening — runs through its webhook in real n8n, and n8n's
// credential test tells the sandbox key from a wrong one.

const assert = require('node:assert/strict');
const path = require('node:path');

const { poll } = require('../../poll');
const { loadExampleWorkflow, postWebhook, webhookPathOf } = require('../setup');
const images = require('../../fixtures/images');

const workflow = loadExampleWorkflow(
	path.resolve(__dirname, '..', '..', '..', 'examples', 'iluma-ktp-screening.json'),
);
const webhookPath = webhookPathOf(workflow);

module.exports = {
	name: 'Iluma',

	credentials: (sandbox) => [
		{
			id: 'kycIlumaCred01',
			name: 'Iluma account',
			type: 'ilumaApi',
			data: { apiKey: sandbox.keys.iluma.apiKey, baseUrl: sandbox.baseUrls.iluma },
		},
	],

	workflows: () => [workflow],

	async run({ check, n8n, rest, sandbox, e2e, credentials }) {
		await check(
			`POST /webhook/${webhookPath}: KTP OCR waits for Iluma's result, then NIK check and CFT screening`,
			async () => {
				// Iluma's jobs take a while: the OCR answers PENDING and, here, completes only once n8n
				// has read it PENDING twice, so the node must keep reading however late n8n gets to it.
				await sandbox.vendorControl('iluma', 'configure', { completeAfterMs: 10 * 60_000 });
				const before = sandbox.requests.length;
				const started = Date.now();
				const reply = postWebhook(
					n8n.url,
					{ applicantId: 'e2e-applicant-1', ktpImage: images.jpeg().toString('base64') },
					webhookPath,
				);
				let settled = false;
				reply.then(
					() => (settled = true),
					() => (settled = true),
				);
				const statusReads = () =>
					sandbox.requests
						.slice(before)
						.filter((r) => r.vendor === 'iluma' && r.method === 'GET')
						.map((r) => r.path.match(/\/id_card_images\/([0-9a-f-]{36})$/)?.[1])
						.filter(Boolean);
				let answer;
				try {
					const reads = await poll(
						() => {
							const ids = statusReads();
							if (settled && ids.length < 2) {
								const error = new Error(
									`the webhook answered after ${ids.length} OCR status reads`,
								);
								error.fatal = true;
								throw error;
							}
							return ids;
						},
						{
							what: 'n8n to read the pending OCR job twice',
							until: (ids) => ids.length >= 2,
							show: (ids) => `${ids.length} OCR status reads`,
							timeoutMs: 60_000,
						},
					);
					await sandbox.vendorControl('iluma', 'complete', { id: reads[0] });
					answer = await reply;
				} finally {
					await sandbox.vendorControl('iluma', 'configure', { completeAfterMs: 2000 });
				}
				assert.equal(answer.status, 200, `HTTP ${answer.status}: ${answer.text.slice(0, 1000)}`);
				const result = answer.json;
				assert.deepEqual(result.identity, {
					fullName: 'FIRA DIYANKA',
					idNumber: '1234567890123456',
					dateOfBirth: '1975-10-17',
					placeOfBirth: 'JAKARTA',
					gender: 'M',
					nationality: 'WNI',
					expiryDate: '2016-08-12',
				});
				assert.equal(result.nikFound, true);
				assert.equal(result.nameMatches, true);
				assert.equal(result.watchlistMatches, 0);
				assert.equal(result.decision, 'pass');

				const calls = sandbox.requests
					.slice(before)
					.filter((r) => r.vendor === 'iluma')
					.map((r) => `${r.method} ${r.path.replace(/\/[0-9a-f-]{36}$/, '/:id')} ${r.status}`);
				assert.equal(calls[0], 'POST /iluma/v1/identity/id_card_images 200');
				const polls = calls.filter((c) => c === 'GET /iluma/v1/identity/id_card_images/:id 200');
				assert.ok(polls.length >= 2 && polls.length <= 8, `polls: ${calls.join(', ')}`);
				assert.deepEqual(calls.slice(1 + polls.length), [
					'POST /iluma/v1/identity/ktp_name/validations 200',
					'POST /iluma/v1/identity/cft/individual_watchlist 200',
				]);
				return `answered in ${Date.now() - started} ms with ${polls.length} OCR polls; decision ${result.decision}`;
			},
		);

		const iluma = credentials.find((c) => c.type === 'ilumaApi');
		for (const [name, change, expected] of [
			['ilumaApi with the sandbox key passes', {}, 'OK'],
			['ilumaApi with a wrong key fails', { apiKey: 'iluma_development_wrong' }, 'Error'],
		]) {
			await check(`n8n credential test: ${name}`, async () => {
				const result = await e2e.testCredential(rest, {
					...iluma,
					data: { ...iluma.data, ...change },
				});
				assert.equal(result.status, expected, `n8n answered ${JSON.stringify(result)}`);
			});
		}
	},
};
