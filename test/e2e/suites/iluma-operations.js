'use strict';

// e2e suite: every Iluma operation once in real n8n. One workflow, generated here: Webhook → Switch
// (by the posted `op`) → one Iluma node per operation; the webhook answers with that node's output.
// Images and ids travel in the posted JSON, as base64 and expressions.

const assert = require('node:assert/strict');

const images = require('../../fixtures/images');

const PATH = 'kyc-iluma-operations';
const CREDENTIAL = { ilumaApi: { id: 'kycIlumaCred01', name: 'Iluma account' } };
const body = (field) => `={{ $json.body.${field} }}`;
const base64 = (prefix, field) => ({
	[`${prefix}Source`]: 'base64',
	[`${prefix}Base64`]: body(field),
});

/** [op, resource, operation, parameters] — the order is the Switch's output order. */
const OPERATIONS = [
	[
		'bank.validate',
		'bankAccount',
		'validateName',
		{ bankAccountNumber: '1234567891', bankCode: 'BCA', referenceId: 'e2e-bank' },
	],
	['bank.get', 'bankAccount', 'getValidation', { id: body('id') }],
	['ktp.validate', 'ktp', 'validateName', { nik: '1234567890123456', name: 'FIRA DIYANKA' }],
	[
		'identity.verify',
		'identity',
		'verifyIdCard',
		{
			name: 'PENITO KRISTIAN',
			idCardNumber: '3275031210930027',
			birthdate: '12-10-1991',
			...base64('selfie', 'selfie'),
			...base64('ktpImage', 'ktp'),
		},
	],
	[
		'ocr.extract',
		'idCardOcr',
		'extract',
		{ cardType: 'indonesia_ktp', referenceId: 'e2e-ocr', ...base64('image', 'image') },
	],
	['ocr.get', 'idCardOcr', 'get', { id: body('id') }],
	['ocr.getMany', 'idCardOcr', 'getMany', { referenceId: 'e2e-ocr', returnAll: true }],
	[
		'face.compare',
		'face',
		'compare',
		{ ...base64('imageOne', 'selfie'), ...base64('imageTwo', 'ktp') },
	],
	['cft.screen', 'cft', 'screenIndividual', { givenName: 'Abdul', surname: 'Aziz' }],
	[
		'document.extract',
		'businessDocument',
		'extract',
		{ referenceId: 'e2e-doc', simplify: true, ...base64('document', 'document') },
	],
	['document.get', 'businessDocument', 'get', { id: body('id'), simplify: true }],
	['document.getMany', 'businessDocument', 'getMany', { referenceId: 'e2e-doc', returnAll: true }],
	[
		'capture.create',
		'capture',
		'createLink',
		{ types: ['IDENTITY_CARD', 'SELFIE'], country: 'PH', referenceId: 'e2e-capture' },
	],
	['capture.get', 'capture', 'get', { id: body('id') }],
	['capture.getMany', 'capture', 'getMany', { referenceId: 'e2e-capture', returnAll: true }],
	[
		'capture.recapture',
		'capture',
		'requestRecapture',
		{ id: body('id'), types: ['IDENTITY_CARD'] },
	],
	['capture.download', 'capture', 'download', { id: body('id'), link: body('link') }],
	['account.apiKeys', 'account', 'getApiKeys', { businessId: 'e2e-business', token: 'e2e-token' }],
];

function buildWorkflow() {
	const uuid = (n) => `7d2c4e1a-0000-4000-8000-${String(n).padStart(12, '0')}`;
	const ops = OPERATIONS.map(([op]) => op);
	const nodes = [
		{
			id: uuid(1),
			name: 'Webhook',
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2.1,
			position: [0, 0],
			webhookId: uuid(2),
			parameters: {
				httpMethod: 'POST',
				path: PATH,
				responseMode: 'lastNode',
				responseData: 'firstEntryJson',
				options: {},
			},
		},
		{
			id: uuid(3),
			name: 'By operation',
			type: 'n8n-nodes-base.switch',
			typeVersion: 3.2,
			position: [240, 0],
			parameters: {
				mode: 'expression',
				numberOutputs: ops.length,
				output: `={{ ${JSON.stringify(ops)}.indexOf($json.body.op) }}`,
			},
		},
	];
	const connections = {
		Webhook: { main: [[{ node: 'By operation', type: 'main', index: 0 }]] },
		'By operation': { main: [] },
	};
	OPERATIONS.forEach(([op, resource, operation, parameters], index) => {
		nodes.push({
			id: uuid(100 + index),
			name: op,
			type: 'n8n-nodes-kyc.iluma',
			typeVersion: 1,
			position: [480, index * 120],
			parameters: { resource, operation, ...parameters, options: {} },
			credentials: CREDENTIAL,
		});
		connections['By operation'].main.push([{ node: op, type: 'main', index: 0 }]);
	});
	return {
		id: 'kycIlumaOperations01',
		name: 'e2e: every Iluma operation',
		nodes,
		connections,
		settings: { executionOrder: 'v1' },
		active: false,
		pinData: {},
		meta: {},
		tags: [],
	};
}

module.exports = {
	name: 'Iluma: every operation',

	// The credential comes from the iluma suite.
	credentials: () => [],

	workflows: () => [buildWorkflow()],

	async run({ check, n8n, sandbox }) {
		const photo = () =>
			images.jpeg({ width: 600, height: 600, padTo: 150 * 1024 }).toString('base64');
		const call = async (op, extra = {}) => {
			const response = await fetch(`${n8n.url}/webhook/${PATH}`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ op, ...extra }),
				signal: AbortSignal.timeout(120_000),
			});
			const text = await response.text();
			assert.equal(response.status, 200, `${op}: HTTP ${response.status} ${text.slice(0, 500)}`);
			return JSON.parse(text);
		};
		const seen = [];
		const step = async (op, extra, verify) => {
			const json = await call(op, extra);
			verify(json);
			seen.push(op);
			return json;
		};

		await check(
			`every Iluma operation (${OPERATIONS.length}) runs in n8n against the sandbox`,
			async () => {
				await sandbox.vendorControl('iluma', 'configure', { completeAfterMs: 300 });

				const bank = await step('bank.validate', {}, (json) => {
					assert.equal(json.status, 'COMPLETED');
					assert.equal(json.result.account_holder_name, 'FIRA DIYANKA');
				});
				await step('bank.get', { id: bank.id }, (json) => assert.equal(json.id, bank.id));
				await step('ktp.validate', {}, (json) => assert.equal(json.nameMatches, true));
				await step('identity.verify', { selfie: photo(), ktp: photo() }, (json) =>
					assert.equal(json.is_verified, true),
				);
				const ocr = await step('ocr.extract', { image: images.jpeg().toString('base64') }, (json) =>
					assert.equal(json.identity.idNumber, '1234567890123456'),
				);
				await step('ocr.get', { id: ocr.id }, (json) => assert.equal(json.status, 'COMPLETED'));
				await step('ocr.getMany', {}, (json) => assert.equal(json.reference_id, 'e2e-ocr'));
				await step(
					'face.compare',
					{ selfie: images.jpeg().toString('base64'), ktp: images.png().toString('base64') },
					(json) => assert.equal(json.match_percentage, 97.5),
				);
				await step('cft.screen', {}, (json) => assert.equal(json.matchCount, 2));
				const doc = await step(
					'document.extract',
					{ document: images.pdf().toString('base64') },
					(json) => assert.equal(json.fields.legal_entity_name, 'PT DIGITAL VISION PUBLISHING'),
				);
				await step('document.get', { id: doc.id }, (json) => assert.equal(json.id, doc.id));
				await step('document.getMany', {}, (json) => assert.equal(json.reference_id, 'e2e-doc'));
				const capture = await step('capture.create', {}, (json) =>
					assert.equal(json.status, 'PENDING'),
				);
				await sandbox.vendorControl('iluma', 'completeAll', {});
				const done = await step('capture.get', { id: capture.id }, (json) =>
					assert.equal(json.identity.idNumber, 'P1111111A'),
				);
				await step('capture.getMany', {}, (json) => assert.equal(json.id, capture.id));
				await step(
					'capture.download',
					{ id: capture.id, link: done.result.id_card_ocr.link },
					(json) => assert.equal(json.mimeType, 'image/jpeg'),
				);
				await step('capture.recapture', { id: capture.id }, (json) =>
					assert.equal(json.status, 'RECAPTURE_PENDING'),
				);
				await step('account.apiKeys', {}, (json) => assert.ok(Array.isArray(json.api_keys)));

				const missing = OPERATIONS.map(([op]) => op).filter((op) => !seen.includes(op));
				assert.deepEqual(missing, [], 'operations not exercised');
			},
		);
	},
};
