'use strict';

// e2e suite: every Iluma operation once in real n8n. One workflow (test/e2e/switch-workflow.js):
// Webhook → Switch (by the posted `op`) → one Iluma node per operation; the webhook answers with that
// node's output. Images and ids travel in the posted JSON, as base64 and expressions.

const assert = require('node:assert/strict');

const images = require('../../fixtures/images');
const { credential, credentialRef } = require('../sandbox-credentials');
const { switchWorkflow, vendorNode, runCases } = require('../switch-workflow');

const PATH = 'kyc-iluma-operations';
const CREDENTIAL_ID = 'kycIlumaOperationsCred';
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
	[
		'cft.screen',
		'cft',
		'screenIndividual',
		{ givenName: 'Abdul', surname: 'Aziz', knownMatchIds: body('known') },
	],
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

const photo = () => images.jpeg({ width: 600, height: 600, padTo: 150 * 1024 }).toString('base64');

/** What each operation is posted and what its answer must hold; `context` keeps ids for later cases. */
const CHECKS = {
	'bank.validate': {
		verify: (json, context) => {
			assert.equal(json.status, 'COMPLETED');
			assert.equal(json.result.account_holder_name, 'FIRA DIYANKA');
			context.bank = json.id;
		},
	},
	'bank.get': {
		body: (context) => ({ id: context.bank }),
		verify: (json, context) => assert.equal(json.id, context.bank),
	},
	'ktp.validate': { verify: (json) => assert.equal(json.nameMatches, true) },
	'identity.verify': {
		body: () => ({ selfie: photo(), ktp: photo() }),
		verify: (json) => assert.equal(json.is_verified, true),
	},
	'ocr.extract': {
		body: () => ({ image: images.jpeg().toString('base64') }),
		verify: (json, context) => {
			assert.equal(json.identity.idNumber, '1234567890123456');
			context.ocr = json.id;
		},
	},
	'ocr.get': {
		body: (context) => ({ id: context.ocr }),
		verify: (json) => assert.equal(json.status, 'COMPLETED'),
	},
	'ocr.getMany': { verify: (json) => assert.equal(json.reference_id, 'e2e-ocr') },
	'face.compare': {
		body: () => ({
			selfie: images.jpeg().toString('base64'),
			ktp: images.png().toString('base64'),
		}),
		verify: (json) => assert.equal(json.match_percentage, 97.5),
	},
	'cft.screen': {
		// Known Match IDs as a list from an expression, as a workflow passes what it stored.
		body: () => ({ known: ['dttot_77', 'dttot_5'] }),
		verify: (json) => {
			assert.equal(json.matchCount, 2);
			assert.deepEqual(json.matchIds, ['dttot_138', 'dttot_77']);
			assert.deepEqual(
				[json.newMatches.map((m) => m.pid), json.knownMatches.map((m) => m.pid)],
				[['dttot_138'], ['dttot_77']],
			);
			assert.deepEqual(json.clearedMatches, ['dttot_5']);
			assert.equal(json.hasNewMatches, true);
		},
	},
	'document.extract': {
		body: () => ({ document: images.pdf().toString('base64') }),
		verify: (json, context) => {
			assert.equal(json.fields.legal_entity_name, 'PT DIGITAL VISION PUBLISHING');
			context.document = json.id;
		},
	},
	'document.get': {
		body: (context) => ({ id: context.document }),
		verify: (json, context) => assert.equal(json.id, context.document),
	},
	'document.getMany': { verify: (json) => assert.equal(json.reference_id, 'e2e-doc') },
	'capture.create': {
		verify: async (json, context) => {
			assert.equal(json.status, 'PENDING');
			context.capture = json.id;
			await context.sandbox.vendorControl('iluma', 'completeAll', {});
		},
	},
	'capture.get': {
		body: (context) => ({ id: context.capture }),
		verify: (json, context) => {
			assert.equal(json.identity.idNumber, 'P1111111A');
			context.captureLink = json.result.id_card_ocr.link;
		},
	},
	'capture.getMany': { verify: (json, context) => assert.equal(json.id, context.capture) },
	'capture.download': {
		body: (context) => ({ id: context.capture, link: context.captureLink }),
		verify: (json) => assert.equal(json.mimeType, 'image/jpeg'),
	},
	'capture.recapture': {
		body: (context) => ({ id: context.capture }),
		verify: (json) => assert.equal(json.status, 'RECAPTURE_PENDING'),
	},
	'account.apiKeys': { verify: (json) => assert.ok(Array.isArray(json.api_keys)) },
};

/** Run order: captures are read after the sandbox completes them, recaptured after the download. */
const RUN_ORDER = [
	...OPERATIONS.map(([op]) => op).filter(
		(op) => op !== 'capture.recapture' && op !== 'account.apiKeys',
	),
	'capture.recapture',
	'account.apiKeys',
];

module.exports = {
	name: 'Iluma: every operation',

	credentials: (sandbox) => [credential(sandbox, 'ilumaApi', CREDENTIAL_ID)],

	workflows: () => [
		switchWorkflow({
			id: 'kycIlumaOperations01',
			name: 'e2e: every Iluma operation',
			path: PATH,
			node: vendorNode('iluma', credentialRef('ilumaApi', CREDENTIAL_ID)),
			cases: OPERATIONS.map(([op, resource, operation, parameters]) => ({
				op,
				parameters: { resource, operation, ...parameters },
			})),
		}),
	],

	async run({ check, n8n, sandbox }) {
		await sandbox.vendorControl('iluma', 'configure', { completeAfterMs: 300 });
		assert.deepEqual(
			OPERATIONS.map(([op]) => op).filter((op) => !CHECKS[op]),
			[],
			'operations without a check',
		);
		await runCases({
			check,
			n8n,
			path: PATH,
			label: 'Iluma',
			context: { sandbox },
			cases: RUN_ORDER.map((op) => ({ op, ...CHECKS[op] })),
		});
	},
};
