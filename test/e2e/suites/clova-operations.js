'use strict';

// e2e suite: every CLOVA OCR model once in real n8n: the six document models, General OCR (with
// table detection) and Template OCR, alternating the JSON and multipart uploads.

const assert = require('node:assert/strict');

const { operationsSuite } = require('../switch-workflow');
const images = require('../../fixtures/images');

const PATH = 'kyc-clova-operations';
const image = (options) => ({ image: images.jpeg(options).toString('base64') });
const fromBody = { imageSource: 'base64', imageBase64: '={{ $json.body.image }}' };

const document = (operation, upload, verify, body = () => image()) => ({
	op: `document.${operation}`,
	parameters: { resource: 'document', operation, upload, simplify: true, ...fromBody },
	body,
	verify,
});

const CASES = [
	document('creditCard', 'json', (json) =>
		assert.deepEqual(
			[json.name, json.number, json.validThru],
			['KAIY*** VENY***', '512571781234****', '09/23'],
		),
	),
	document('receipt', 'multipart', (json) => {
		assert.equal(json['storeInfo.bizNum'], '123-45-67890');
		assert.equal(json['totalPrice.price'], '9000');
		assert.equal(json.subResults[0].items[0]['price.unitPrice'], '4500');
	}),
	document('nameCard', 'json', (json) =>
		assert.deepEqual([json.name, json.email], ['김네이버', 'clova@example.com']),
	),
	document('businessLicense', 'multipart', (json) =>
		assert.deepEqual([json.registerNumber, json.corpName], ['123-45-67890', '주식회사 클로바']),
	),
	document('idCard', 'json', (json) => {
		assert.equal(json.fields.idtype, 'ID Card');
		assert.deepEqual([json.identity.fullName, json.identity.dateOfBirth], ['홍길동', '1990-01-01']);
	}),
	document('passport', 'multipart', (json) => {
		assert.equal(json.fields.passportNo, 'M12345678');
		assert.equal(json.identity.fullName, 'GILDONG HONG');
	}),
	{
		op: 'general.recognize',
		parameters: {
			resource: 'general',
			operation: 'recognize',
			upload: 'multipart',
			languages: ['ko', 'en'],
			tableDetection: true,
			simplify: true,
			...fromBody,
		},
		body: () => image(),
		verify: (json) => {
			assert.equal(json.text, 'CLOVA OCR\nHello world');
			assert.deepEqual(
				json.fields.map((field) => field.text),
				['CLOVA', 'OCR', 'Hello', 'world'],
			);
		},
	},
	{
		op: 'template.recognize',
		parameters: {
			resource: 'template',
			operation: 'recognize',
			templateIds: '390',
			upload: 'json',
			simplify: true,
			...fromBody,
		},
		body: () => image(),
		verify: (json) => {
			assert.deepEqual([json.templateId, json.templateName], [390, 'invoice']);
			assert.equal(json.fields.invoiceNumber, 'INV-2024-0042');
		},
	},
];

module.exports = operationsSuite({
	name: 'CLOVA OCR: every model',
	label: 'CLOVA OCR',
	id: 'kycClovaOperations01',
	path: PATH,
	type: 'clovaOcr',
	credentialType: 'clovaOcrApi',
	cases: CASES,
});
