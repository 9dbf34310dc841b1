'use strict';

// e2e suite: our nodes read their images from binary data made by n8n's own nodes, as a user's
// workflow would: the HTTP Request node downloads an image (the sandbox's /__sandbox/files route)
// as a file, or Read/Write Files from Disk reads one the test wrote. Each image carries a sandbox
// marker that changes the vendor's answer, so a passing check proves those very bytes arrived, over
// both transports (ekycpro and WideKYC: base64 in the request; CLOVA and Argos ID: multipart).
//
// Files on disk: n8n 2.x lets Read/Write Files reach only N8N_RESTRICT_FILE_ACCESS_TO, by default
// `~/.n8n-files` (`~` = the HOME n8n runs with, which the e2e passes through), and never the n8n
// folder (<user folder>/.n8n); so the test writes below ~/.n8n-files, in a folder named after the
// e2e user folder, and removes it afterwards. n8n 1.x restricts nothing by default.

const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { switchWorkflow, vendorNode, runCases } = require('../switch-workflow');
const { credential, credentialRef } = require('../sandbox-credentials');
const samples = require('../../sandbox/data/ekycpro-ocr-samples');
const images = require('../../fixtures/images');

const PATH = 'kyc-binary-inputs';
const IDS = {
	ekycProApi: 'kycE2eEkycProBin',
	wideKycApi: 'kycE2eWideKycBin',
	clovaOcrApi: 'kycE2eClovaBin',
	argosIdApi: 'kycE2eArgosBin',
};
const ours = (type, credentialType) =>
	vendorNode(type, credentialRef(credentialType, IDS[credentialType]));
const ekycPro = ours('ekycPro', 'ekycProApi');
const wideKyc = ours('wideKyc', 'wideKycApi');
const clova = ours('clovaOcr', 'clovaOcrApi');
const argos = ours('argosId', 'argosIdApi');

/** n8n's HTTP Request node: GET the URL posted as `body.<field>`, the answer kept as a file. */
const download = (field, binaryField) => ({
	name: `Download ${field}`,
	type: 'n8n-nodes-base.httpRequest',
	typeVersion: 4.2,
	parameters: {
		url: `={{ $json.body.${field} }}`,
		options: {
			response: { response: { responseFormat: 'file', outputPropertyName: binaryField } },
		},
	},
});

/** n8n's Read/Write Files from Disk node: reads the file named by `body.file` into `data`. */
const readFile = {
	name: 'Read file',
	type: 'n8n-nodes-base.readWriteFile',
	typeVersion: 1,
	parameters: {
		operation: 'read',
		fileSelector: '={{ $json.body.file }}',
		options: { dataPropertyName: 'data' },
	},
};

const CASES = [
	{
		op: 'http.ekycpro.idCard',
		title:
			'HTTP Request downloads a Thai driving licence → ekycpro reads it from binary (base64 form)',
		nodes: [
			download('idUrl', 'data'),
			ekycPro({ resource: 'idCard', operation: 'recognize', document: 'th_dl' }),
		],
		body: ({ files }) => ({ idUrl: files('id.jpg', 'driver-license') }),
		verify: (json) => {
			assert.equal(json.status, 'OK', JSON.stringify(json).slice(0, 300));
			assert.deepEqual(json.message, samples.thaiDriverLicense);
		},
	},
	{
		op: 'http.ekycpro.face',
		title: 'two HTTP Requests download an ID photo and a selfie → ekycpro compares the pair',
		nodes: [
			download('idUrl', 'data'),
			download('selfieUrl', 'selfie'),
			ekycPro({ resource: 'face', operation: 'compare' }),
		],
		body: ({ files }) => ({
			idUrl: files('id.jpg'),
			selfieUrl: files('selfie.png', 'face-different'),
		}),
		verify: (json) => assert.deepEqual(json.message, { similarity: 20, result: 'NOT SAME PERSON' }),
	},
	{
		op: 'http.clova.multipart',
		title: 'HTTP Request downloads an ID card → CLOVA reads it from binary (multipart upload)',
		nodes: [
			download('idUrl', 'data'),
			clova({ resource: 'document', operation: 'idCard', upload: 'multipart', simplify: true }),
		],
		body: ({ files }) => ({ idUrl: files('card.png', 'clova-driver-license') }),
		verify: async (json, { sandbox }) => {
			assert.equal(json.fields.idtype, "Driver's License", JSON.stringify(json).slice(0, 300));
			assert.equal(json.fields['dl.num'], '11-19-123456-01');
			const sent = await sandbox.vendorControl('clova', 'lastRequest');
			assert.equal(sent.contentType, 'multipart/form-data');
			assert.deepEqual(sent.file, {
				fileName: 'card.png',
				contentType: 'image/png',
				size: images.png({ marker: 'clova-driver-license' }).length,
			});
		},
	},
	{
		op: 'disk.widekyc.liveness',
		title: 'Read/Write Files reads a selfie from disk → WideKYC liveness (base64 JSON)',
		nodes: [
			readFile,
			wideKyc({ resource: 'liveness', operation: 'passive', custRefNo: 'e2e-disk' }),
		],
		body: ({ write }) => ({ file: write('selfie.jpg', images.jpeg({ marker: 'spoof' })) }),
		verify: (json) => {
			assert.equal(json.statusCode, 'SUCCESSFUL', JSON.stringify(json).slice(0, 300));
			assert.equal(json.content.result.result, 'False');
			assert.equal(json.content.result.ref_id, 'e2e-disk');
		},
	},
	{
		op: 'disk.argos.step1',
		title: 'Read/Write Files reads an ID image from disk → Argos ID Step 1 (multipart)',
		nodes: [
			readFile,
			argos({
				resource: 'submission',
				operation: 'step1',
				email: 'disk@example.com',
				issuingCountry: 'KOR',
				idType: 'passport',
				additionalFields: {},
				customOptions: {},
			}),
		],
		body: ({ write }) => ({
			file: write('passport.jpg', images.jpeg({ marker: 'argos-missing-fields' })),
		}),
		verify: (json) => {
			assert.match(json.submissionId, /\S/, JSON.stringify(json).slice(0, 300));
			assert.deepEqual(json.missing_fields, ['gender', 'documentNumber']);
			assert.equal(json.file_upload, 'true');
		},
	},
];

module.exports = {
	name: 'binary inputs from n8n’s HTTP Request and Read/Write Files nodes',

	credentials: (sandbox) => Object.entries(IDS).map(([type, id]) => credential(sandbox, type, id)),

	workflows: () => [
		switchWorkflow({
			id: 'kycBinaryInputs01',
			name: 'e2e: images from n8n’s own file nodes',
			path: PATH,
			cases: CASES,
		}),
	],

	async run({ check, n8n, sandbox }) {
		const allowed = path.join(os.homedir(), '.n8n-files');
		const created = fs.mkdirSync(allowed, { recursive: true }); // undefined when it was there
		const folder = path.join(allowed, `kyc-e2e-${path.basename(n8n.userFolder)}`);
		fs.mkdirSync(folder);
		const context = {
			sandbox,
			files: (name, marker) =>
				`${sandbox.url}/__sandbox/files/${name}${marker ? `?marker=${marker}` : ''}`,
			write: (name, bytes) => {
				const file = path.join(folder, name);
				fs.writeFileSync(file, bytes);
				return file;
			},
		};
		try {
			await runCases({ check, n8n, path: PATH, label: 'binary', cases: CASES, context });
		} finally {
			fs.rmSync(created ?? folder, { recursive: true, force: true });
		}
	},
};
