'use strict';

// e2e suite: the CLOVA credit-card example (examples/clova-card-ocr.json) runs through its webhook
// against the sandbox, a CLOVA failure stops it with CLOVA's message, and n8n's credential test tells
// a right secret from a wrong one.

const assert = require('node:assert/strict');
const path = require('node:path');

const { loadExampleWorkflow, postWebhook, webhookPathOf } = require('../setup');
const images = require('../../fixtures/images');

const workflow = loadExampleWorkflow(
	path.resolve(__dirname, '..', '..', '..', 'examples', 'clova-card-ocr.json'),
);
const webhookPath = webhookPathOf(workflow);

module.exports = {
	name: 'NAVER CLOVA OCR',

	credentials: (sandbox) => [
		{
			id: 'kycClovaOcrCred01',
			name: 'CLOVA OCR domain',
			type: 'clovaOcrApi',
			data: { invokeUrl: sandbox.baseUrls.clova, secretKey: sandbox.keys.clova.secretKey },
		},
	],

	workflows: () => [workflow],

	async run({ check, n8n, rest, sandbox, e2e, credentials }) {
		await check(`POST /webhook/${webhookPath} reads the credit card and decides`, async () => {
			const before = sandbox.requests.length;
			const answer = await postWebhook(
				n8n.url,
				{ cardImage: images.jpeg().toString('base64') },
				webhookPath,
			);
			assert.equal(answer.status, 200, `HTTP ${answer.status}: ${answer.text.slice(0, 1000)}`);
			assert.deepEqual(answer.json, {
				accepted: true,
				holder: 'KAIY*** VENY***',
				validThru: '09/23',
				cardNumber: '****************',
			});
			const calls = sandbox.requests.slice(before).map((r) => `${r.method} ${r.path} ${r.status}`);
			assert.deepEqual(calls, ['POST /clova/document/credit-card 200']);
		});

		await check(
			'an unreadable card (inferResult ERROR) fails the CLOVA node with CLOVA’s message',
			async () => {
				const after = await e2e.latestExecutionId(rest, workflow.id);
				const answer = await postWebhook(
					n8n.url,
					{ cardImage: images.png({ marker: 'clova-read-error' }).toString('base64') },
					webhookPath,
				);
				assert.equal(answer.status, 500, `HTTP ${answer.status}: ${answer.text.slice(0, 500)}`);
				const execution = await e2e.lastExecution(rest, workflow.id, { after });
				assert.equal(execution.status, 'error');
				assert.equal(execution.lastNode, 'Read credit card');
				assert.equal(
					execution.error.message,
					'CLOVA OCR ERROR: CLOVA could not read the image ("Read page:0 error.") [HTTP 200]',
				);
				return `n8n shows: ${execution.error.node}: ${execution.error.message}`;
			},
		);

		await check('a GIF is refused before any CLOVA call', async () => {
			const after = await e2e.latestExecutionId(rest, workflow.id);
			const before = sandbox.requests.length;
			const answer = await postWebhook(
				n8n.url,
				{ cardImage: images.gif().toString('base64') },
				webhookPath,
			);
			assert.equal(answer.status, 500);
			assert.equal(sandbox.requests.length, before, 'CLOVA was called');
			const execution = await e2e.lastExecution(rest, workflow.id, { after });
			assert.match(
				execution.error.message,
				/the file is GIF; CLOVA OCR accepts JPEG, PNG, PDF, TIFF/,
			);
		});

		const clova = credentials.find((c) => c.type === 'clovaOcrApi');
		const cases = [
			['the sandbox secret passes (empty body answered 0011, nothing billed)', {}, 'OK'],
			['a wrong secret fails (0002)', { secretKey: 'wrong-clova-secret' }, 'Error'],
			['an invoke URL that is not CLOVA fails', { invokeUrl: `${sandbox.url}/nowhere` }, 'Error'],
			[
				'an http:// invoke URL that is not localhost fails before the secret is sent',
				{ invokeUrl: 'http://clovaocr-api.invalid/external/v1/1/key' },
				'Error',
			],
		];
		for (const [name, change, expected] of cases) {
			await check(`n8n credential test: clovaOcrApi with ${name}`, async () => {
				const before = sandbox.requests.length;
				const result = await e2e.testCredential(rest, {
					...clova,
					data: { ...clova.data, ...change },
				});
				assert.equal(result.status, expected, `n8n answered ${JSON.stringify(result)}`);
				if (expected === 'Error') assert.doesNotMatch(JSON.stringify(result), /wrong-clova-secret/);
				if (change.invokeUrl?.startsWith('http://clovaocr-api')) {
					assert.match(result.message, /https:\/\/.*the secret was not sent/);
					assert.equal(sandbox.requests.length, before, 'a request reached the sandbox');
				}
				const billed = sandbox.requests.slice(before).filter((r) => r.status === 200);
				assert.equal(billed.length, 0, 'the credential test ran a recognition');
				return `n8n says: ${result.message}`;
			});
		}
	},
};
