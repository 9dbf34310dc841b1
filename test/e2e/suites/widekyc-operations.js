'use strict';

// e2e suite: every WideKYC operation once in real n8n (ID recognize, ID validation with a selfie,
// passive liveness), images posted as base64 JSON.

const assert = require('node:assert/strict');

const { operationsSuite } = require('../switch-workflow');
const { REGISTERED_PERSON } = require('../../sandbox').scenarios;
const images = require('../../fixtures/images');

const PATH = 'kyc-widekyc-operations';
const body = (field) => `={{ $json.body.${field} }}`;
const image = (options) => ({ image: images.jpeg(options).toString('base64') });

const successful = (json) => {
	assert.equal(json.statusCode, 'SUCCESSFUL', JSON.stringify(json).slice(0, 500));
	return json.content.result;
};

const CASES = [
	{
		op: 'idCard.recognize',
		parameters: {
			resource: 'idCard',
			operation: 'recognize',
			idImageSource: 'base64',
			idImageBase64: body('image'),
			custRefNo: 'e2e-recognize',
		},
		body: () => image({ width: 800, height: 500 }),
		verify: (json) => {
			const result = successful(json);
			assert.equal(result.ref_id, 'e2e-recognize');
			assert.equal(result.data.nik, '3671121401010004');
			assert.equal(json.identity.fullName, 'Yu Andi Chen');
		},
	},
	{
		op: 'idCard.validate',
		parameters: {
			resource: 'idCard',
			operation: 'validate',
			nik: REGISTERED_PERSON.nik,
			custRefNo: 'e2e-validate',
			additionalFields: {
				name: REGISTERED_PERSON.name,
				birthDate: REGISTERED_PERSON.birthDate,
				birthPlace: 'Bandung',
			},
			includeSelfie: true,
			selfieSource: 'base64',
			selfieBase64: body('image'),
		},
		body: () => image(),
		verify: (json) =>
			assert.deepEqual(successful(json).data, {
				nik: true,
				full_name: true,
				birth_date: true,
				birth_place: false,
				selfie_photo: 10,
			}),
	},
	{
		op: 'liveness.passive',
		parameters: {
			resource: 'liveness',
			operation: 'passive',
			selfieSource: 'base64',
			selfieBase64: body('image'),
			custRefNo: 'e2e-liveness',
		},
		body: () => image({ marker: 'spoof' }),
		verify: (json) => assert.equal(successful(json).result, 'False'),
	},
];

module.exports = operationsSuite({
	name: 'WideKYC: every operation',
	label: 'WideKYC',
	id: 'kycWideKycOperations01',
	path: PATH,
	type: 'wideKyc',
	credentialType: 'wideKycApi',
	cases: CASES,
});
