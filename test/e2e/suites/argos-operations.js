'use strict';

// e2e suite: every Argos ID operation once in real n8n: Step 1 (ID image, front and back) → Step 2
// (selfie) → Get → Get Many, each later step using the submission id the first one returned.

const assert = require('node:assert/strict');

const { operationsSuite } = require('../switch-workflow');
const images = require('../../fixtures/images');

const PATH = 'kyc-argos-operations';
const USER_ID = 'e2e-argos-operations';
const body = (field) => `={{ $json.body.${field} }}`;
const base64 = (options) => images.jpeg(options).toString('base64');

const CASES = [
	{
		op: 'submission.step1',
		parameters: {
			resource: 'submission',
			operation: 'step1',
			email: 'ops@example.com',
			issuingCountry: 'KOR',
			idType: 'drivers_license',
			idImageSource: 'base64',
			idImageBase64: body('front'),
			includeBackImage: true,
			idBackImageSource: 'base64',
			idBackImageBase64: body('back'),
			additionalFields: { userid: USER_ID },
			customOptions: {},
		},
		body: () => ({ front: base64(), back: base64({ width: 800, height: 500 }) }),
		verify: (json, context) => {
			assert.match(json.submissionId, /\S/, JSON.stringify(json).slice(0, 300));
			assert.equal(json.reviewOCRData.ocr_name, 'HONG GILDONG');
			assert.match(json.idBackImage, /idBackImage/);
			assert.deepEqual(json.missing_fields, []);
			context.submissionId = json.submissionId;
			context.identity = json.identity;
		},
	},
	{
		op: 'submission.step2',
		parameters: {
			resource: 'submission',
			operation: 'step2',
			submissionId: body('submissionId'),
			faceImageSource: 'base64',
			faceImageBase64: body('selfie'),
			name: body('name'),
			dateOfBirth: body('dateOfBirth'),
			additionalFields: {},
			address: {},
		},
		body: ({ submissionId, identity }) => ({
			submissionId,
			selfie: base64({ width: 960, height: 720 }),
			name: identity.fullName,
			dateOfBirth: identity.dateOfBirth,
		}),
		verify: (json, { submissionId }) => {
			assert.equal(json.submissionId, submissionId);
			assert.equal(json.kycStatus, 'approved', JSON.stringify(json));
			assert.equal(json.faceSimilarityScore, 96);
		},
	},
	{
		op: 'submission.get',
		parameters: { resource: 'submission', operation: 'get', submissionId: body('submissionId') },
		body: ({ submissionId }) => ({ submissionId }),
		verify: (json, { submissionId }) => {
			assert.equal(json.submission_id, submissionId);
			assert.equal(json.data.idType, 'drivers_license');
			assert.match(json.image.idBackImage, /idBackImage/);
			assert.notEqual(json.image.selfieImage, '');
		},
	},
	{
		op: 'submission.getMany',
		parameters: {
			resource: 'submission',
			operation: 'getMany',
			returnAll: false,
			limit: 10,
			filters: { userid: USER_ID },
		},
		verify: (json, { submissionId }) => {
			assert.equal(json.submission_id, submissionId);
			assert.equal(json.userid, USER_ID);
		},
	},
];

module.exports = operationsSuite({
	name: 'Argos ID: every operation',
	label: 'Argos ID',
	id: 'kycArgosOperations01',
	path: PATH,
	type: 'argosId',
	credentialType: 'argosIdApi',
	cases: CASES,
});
