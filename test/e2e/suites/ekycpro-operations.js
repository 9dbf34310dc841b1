'use strict';

// e2e suite: every ekycpro operation once in real n8n, and ID card OCR for every Document Type the
// node offers (read from the built node, so a new document type is covered without a change here).
// Images travel in the posted JSON as base64; the sandbox answers each document with its own sample.

const assert = require('node:assert/strict');
const path = require('node:path');

const { operationsSuite } = require('../switch-workflow');
const { PACKAGE_ROOT } = require('../n8n');
const { NIKS } = require('../../sandbox').scenarios;
const samples = require('../../sandbox/data/ekycpro-ocr-samples');
const images = require('../../fixtures/images');

const PATH = 'kyc-ekycpro-operations';
const dist = (file) => require(path.join(PACKAGE_ROOT, 'dist', 'nodes', 'EkycPro', file));

const body = (field) => `={{ $json.body.${field} }}`;
const jpeg = (options) => ({ image: images.jpeg(options).toString('base64') });

/** The Document Type selector's values, as the built node offers them. */
function documentValues() {
	const { EkycPro } = dist('EkycPro.node.js');
	return new EkycPro().description.properties
		.find((p) => p.name === 'document')
		.options.map((option) => option.value);
}

/** What the sandbox answers for a document: its endpoint's sample (Thai driver's license by marker). */
function expectedMessage(value) {
	if (value === 'th_dl') return samples.thaiDriverLicense;
	const { DOCUMENTS } = dist(path.join('actions', 'idCard', 'documents.js'));
	const code = DOCUMENTS.find((d) => d.value === value).path.split('/')[2];
	return samples.front[code];
}

const documentCase = (document) => ({
	op: `idCard.recognize.${document}`,
	parameters: {
		resource: 'idCard',
		operation: 'recognize',
		document,
		imageSource: 'base64',
		imageBase64: body('image'),
	},
	body: () => jpeg(document === 'th_dl' ? { marker: 'driver-license' } : {}),
	verify: (json) => {
		assert.equal(json.status, 'OK', JSON.stringify(json).slice(0, 300));
		assert.deepEqual(json.message, expectedMessage(document));
		assert.equal(typeof json.identity.idNumber, 'string', JSON.stringify(json.identity));
		assert.notEqual(json.identity.idNumber, '');
	},
});

const cases = () => [
	...documentValues().map(documentCase),
	{
		op: 'face.compare',
		parameters: {
			resource: 'face',
			operation: 'compare',
			image1Source: 'base64',
			image1Base64: body('id'),
			image2Source: 'base64',
			image2Base64: body('selfie'),
		},
		body: () => ({
			id: images.jpeg().toString('base64'),
			selfie: images.png({ marker: 'face-unsure' }).toString('base64'),
		}),
		verify: (json) => assert.deepEqual(json.message, { similarity: 55, result: 'NOT SURE' }),
	},
	{
		op: 'liveness.detect',
		parameters: {
			resource: 'liveness',
			operation: 'detect',
			imageSource: 'base64',
			imageBase64: body('image'),
			country: 'ID',
			detail: true,
		},
		body: () => jpeg({ marker: 'eyes-closed' }),
		verify: (json) =>
			assert.deepEqual(json.message, {
				live_score: 0.12,
				is_liveness: false,
				reason: 'eyes closed',
			}),
	},
	{
		op: 'identity.check',
		parameters: { resource: 'identity', operation: 'check', nik: body('nik'), name: body('name') },
		body: () => ({ nik: NIKS.registered, name: 'budi  santoso' }),
		verify: (json) => {
			assert.equal(json.status, 'OK');
			assert.deepEqual(json.message, { score: 0.97 });
			assert.equal(json.nameMatches, true);
		},
	},
	{
		op: 'account.getBalance',
		parameters: { resource: 'account', operation: 'getBalance' },
		verify: (json) => assert.equal(json.balance, 100),
	},
];

module.exports = operationsSuite({
	name: 'ekycpro: every operation and document type',
	label: 'ekycpro',
	id: 'kycEkycProOperations01',
	path: PATH,
	type: 'ekycPro',
	credentialType: 'ekycProApi',
	cases,
});
