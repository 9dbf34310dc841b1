'use strict';

// e2e suite: the ekycpro + WideKYC onboarding example (examples/onboarding-ekycpro-widekyc.json)
// runs through its webhook, and n8n's credential test tells right keys from wrong ones.

const assert = require('node:assert/strict');

const { loadExampleWorkflow, postWebhook, WEBHOOK_PATH } = require('../setup');
const { scenarios } = require('../../sandbox');
const images = require('../../fixtures/images');

const workflow = loadExampleWorkflow();

module.exports = {
	name: 'ekycpro + WideKYC',

	credentials: (sandbox) => [
		{
			id: 'kycEkycProCred01',
			name: 'ekycpro account',
			type: 'ekycProApi',
			data: { apiKey: sandbox.keys.ekycpro.apiKey, baseUrl: sandbox.baseUrls.ekycpro },
		},
		{
			id: 'kycWideKycCred01',
			name: 'WideKYC account',
			type: 'wideKycApi',
			data: { token: sandbox.keys.wideKyc.token, serverUrl: sandbox.baseUrls.wideKyc },
		},
	],

	workflows: () => [workflow],

	async run({ check, n8n, rest, sandbox, e2e, credentials }) {
		await check('the example workflow is imported and published (active)', async () => {
			const answer = await rest.get(`/rest/workflows/${workflow.id}`);
			const stored = answer.data;
			assert.equal(stored.name, workflow.name);
			assert.ok(
				e2e.isActive(stored),
				`workflow not active: ${JSON.stringify({ active: stored.active, activeVersionId: stored.activeVersionId })}`,
			);
		});

		await check(
			`POST /webhook/${WEBHOOK_PATH} runs ekycpro (Peru DNI) and WideKYC (e-KTP) against the sandbox`,
			async () => {
				const before = sandbox.requests.length;
				const answer = await postWebhook(n8n.url, {
					idImage: images.jpeg().toString('base64'),
					ktpImage: images.jpeg({ width: 800, height: 500 }).toString('base64'),
				});
				assert.equal(
					answer.status,
					200,
					`webhook answered HTTP ${answer.status}: ${answer.text.slice(0, 1000)}`,
				);
				const { idCard, ktp } = answer.json;

				assert.equal(idCard.status, 'OK', JSON.stringify(idCard));
				assert.equal(idCard.message.CardNumber, '41701152');
				assert.equal(idCard.message.Surname, 'FRANCIA');
				assert.equal(idCard.message.ForeNames, 'ALFREDO ALBERTO');
				assert.equal(idCard.identity.idNumber, '41701152');
				assert.equal(idCard.identity.dateOfBirth, '1982-01-31');

				assert.equal(ktp.statusCode, 'SUCCESSFUL', JSON.stringify(ktp));
				const data = ktp.content.result.data;
				assert.equal(data.nik, '3671121401010004');
				assert.equal(data.nama, 'Yu Andi Chen');
				assert.equal(data.provinsi, 'BANTEN');
				assert.equal(ktp.identity.idNumber, '3671121401010004');
				assert.equal(ktp.identity.fullName, 'Yu Andi Chen');

				const calls = sandbox.requests
					.slice(before)
					.map((r) => `${r.method} ${r.path} ${r.status}`);
				assert.deepEqual(calls, [
					'POST /ekycpro/v1/pe_ocr/general 200',
					'POST /widekyc/api/id-recognize 200',
				]);
			},
		);

		await check(
			'a GIF ID image fails the run in the ekycpro node with a clear error, before any vendor call',
			async () => {
				const after = await e2e.latestExecutionId(rest, workflow.id);
				const before = sandbox.requests.length;
				const answer = await postWebhook(n8n.url, {
					idImage: images.gif().toString('base64'),
					ktpImage: images.jpeg().toString('base64'),
				});
				assert.equal(
					answer.status,
					500,
					`expected n8n's "Error in workflow" answer, got HTTP ${answer.status}: ${answer.text.slice(0, 500)}`,
				);
				assert.equal(sandbox.requests.length, before, 'a vendor was called');
				const execution = await e2e.lastExecution(rest, workflow.id, { after });
				assert.equal(execution.status, 'error');
				assert.equal(execution.lastNode, 'Read Peruvian DNI');
				const text = `${execution.error?.message} ${execution.error?.description ?? ''}`;
				assert.match(text, /GIF/, `error: ${JSON.stringify(execution.error)}`);
				return `n8n shows: ${execution.error.node}: ${execution.error.message}`;
			},
		);

		const ekyc = credentials.find((c) => c.type === 'ekycProApi');
		const wide = credentials.find((c) => c.type === 'wideKycApi');
		const credentialCases = [
			['ekycProApi with the sandbox key passes', ekyc, {}, 'OK'],
			['ekycProApi with a wrong key fails', ekyc, { apiKey: 'wrong-ekycpro-key' }, 'Error'],
			['wideKycApi with the sandbox token passes', wide, {}, 'OK'],
			['wideKycApi with a wrong token fails', wide, { token: 'wrong-widekyc-token' }, 'Error'],
		];
		for (const [name, credential, change, expected] of credentialCases) {
			await check(`n8n credential test: ${name}`, async () => {
				const result = await e2e.testCredential(rest, {
					...credential,
					data: { ...credential.data, ...change },
				});
				assert.equal(result.status, expected, `n8n answered ${JSON.stringify(result)}`);
			});
		}

		// Not a pass/fail check: n8n's credential test looks at the HTTP status only, and WideKYC answers
		// account problems (product not activated, quota) inside HTTP 200.
		const inactive = await e2e
			.testCredential(rest, {
				...wide,
				data: { ...wide.data, token: scenarios.WIDEKYC_TOKENS.inactive },
			})
			.catch((error) => ({ status: 'request failed', message: error.message }));
		console.log(
			`  note  wideKycApi with an inactive-product token: n8n says ${JSON.stringify(inactive)}`,
		);
	},
};
