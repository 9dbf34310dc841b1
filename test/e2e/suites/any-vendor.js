'use strict';

// e2e suite: the KYC (Any Vendor) onboarding example (examples/kyc-any-vendor-onboarding.json) in a
// real n8n. Its four checks (Read KTP → Verify NIK → Liveness → Compare Faces) are each a KYC (Any
// Vendor) node in Failover with ekycpro first and WideKYC or Iluma second.
// - The file as shipped, all vendors up: ekycpro answers all four checks; approved, and a selfie of
//   someone else is referred to review.
// - A copy whose ekycpro credential points at a second sandbox of its own: while that sandbox runs,
//   ekycpro answers there; once it is stopped (closed, its port refusing connections), each check is
//   completed by its second vendor at the main sandbox, the saved execution shows ekycpro's attempt
//   `notSent` (nothing billed) before the answer, and the applicant is still decided.

const assert = require('node:assert/strict');
const net = require('node:net');

const { startSandbox } = require('../../sandbox');
const images = require('../../fixtures/images');
const { credential, credentialRef } = require('../sandbox-credentials');
const { uuid } = require('../switch-workflow');
const { ANY_VENDOR_EXAMPLE, loadExampleWorkflow, postWebhook, webhookPathOf } = require('../setup');

const example = loadExampleWorkflow(ANY_VENDOR_EXAMPLE);
const EXAMPLE_PATH = webhookPathOf(example);
const CHECKS = ['Read KTP', 'Verify NIK', 'Liveness', 'Compare Faces'];
const CHECK_KEYS = {
	'Read KTP': 'readKtp',
	'Verify NIK': 'verifyNik',
	Liveness: 'liveness',
	'Compare Faces': 'compareFaces',
};

// The copy whose first vendor (ekycpro) has a sandbox of its own, stopped during the suite.
const OUTAGE_ID = 'kycAnyVendorOutage01';
const OUTAGE_PATH = 'kyc-any-vendor-outage';
const OUTAGE_CREDENTIAL_ID = 'kycAnyVendorEkycProOwnSandbox';

// The suites that own the credentials the example names; imported here only when they are not
// loaded themselves (KYC_E2E_SUITES=any-vendor).
const CREDENTIAL_OWNERS = ['./iluma', './ekycpro-widekyc'];

/** The example with its ekycpro credential swapped for the one pointing at the second sandbox. */
function outageWorkflow() {
	const copy = structuredClone(example);
	copy.id = OUTAGE_ID;
	copy.name = `${example.name} (e2e: ekycpro on a sandbox of its own)`;
	for (const node of copy.nodes) {
		if (node.type === 'n8n-nodes-base.webhook') {
			node.parameters.path = OUTAGE_PATH;
			node.webhookId = uuid(OUTAGE_ID, 'webhookId');
		}
		if (node.credentials?.ekycProApi)
			Object.assign(node.credentials, credentialRef('ekycProApi', OUTAGE_CREDENTIAL_ID));
	}
	return copy;
}

/** Any 16-digit run in a text, masked as the decision record masks a NIK (for failure messages). */
const masked = (value) =>
	String(typeof value === 'string' ? value : JSON.stringify(value))
		.replace(/\d{16}/g, (nik) => `${nik.slice(0, 6)}******${nik.slice(-4)}`)
		.slice(0, 1500);

let fixtureImages;
const applicant = (n, changes = {}) => ({
	applicantId: `any-vendor-${String(n).padStart(4, '0')}`,
	...(fixtureImages ??= {
		idImage: images.jpeg({ width: 800, height: 500 }).toString('base64'),
		selfieImage: images.jpeg({ width: 480, height: 640 }).toString('base64'),
	}),
	...changes,
});

/** Whether a TCP connection to 127.0.0.1:port is refused (resolves the error code, or 'connected'). */
const connectOutcome = (port) =>
	new Promise((resolve) => {
		const socket = net.connect({ host: '127.0.0.1', port });
		socket.setTimeout(5000, () => {
			socket.destroy();
			resolve('timeout');
		});
		socket.once('connect', () => {
			socket.destroy();
			resolve('connected');
		});
		socket.once('error', (error) => resolve(error.code));
	});

/** `vendor METHOD path` of the vendor calls a sandbox received since `before`. */
// An Iluma Trigger elsewhere in this n8n may register its callback URLs while a run is under way
// (n8n 2.x activates workflows in the background): that call is not one of the example's checks.
const TRIGGER_SETUP = /^\/iluma\/v1\/callback\/urls(\?|$)/;

const callsSince = (sandbox, before) =>
	sandbox.requests
		.slice(before)
		.filter((r) => !TRIGGER_SETUP.test(r.path))
		.map((r) => `${r.vendor} ${r.method} ${r.path}`);

/** The first output item of each check node in a saved execution. */
function checkOutputs(execution) {
	return Object.fromEntries(
		CHECKS.map((name) => {
			const runs = execution.runData[name];
			assert.ok(runs?.length === 1, `${name} ran ${runs?.length ?? 0} times`);
			assert.equal(runs[0].error, undefined, `${name} failed: ${masked(runs[0].error)}`);
			const items = runs[0].data.main[0];
			assert.equal(items.length, 1, `${name} output ${items.length} items`);
			return [name, items[0].json];
		}),
	);
}

const ALL_EKYCPRO_CALLS = [
	'ekycpro POST /ekycpro/v1/id_ocr/general',
	'ekycpro POST /ekycpro/v1/ididcheck',
	'ekycpro POST /ekycpro/v1/picturelive',
	'ekycpro POST /ekycpro/v1/facecompare',
];

/** The checks of a run where ekycpro answered all four: one billed attempt each, no failover. */
function assertAnsweredByEkycPro(execution) {
	const outputs = checkOutputs(execution);
	for (const [name, json] of Object.entries(outputs)) {
		assert.equal(json.check, CHECK_KEYS[name], `${name}: check`);
		assert.equal(json.vendor, 'ekycPro', `${name}: vendor`);
		assert.deepEqual(
			json.attempts.map(({ vendor, outcome, billed }) => ({ vendor, outcome, billed })),
			[{ vendor: 'ekycPro', outcome: 'answered', billed: true }],
			`${name}: attempts`,
		);
	}
	return outputs;
}

module.exports = {
	name: 'KYC (Any Vendor) onboarding example, with the first vendor up and stopped',

	credentials(sandbox) {
		const loaded = require('.');
		return [
			...CREDENTIAL_OWNERS.map((file) => require(file))
				.filter((suite) => !loaded.includes(suite))
				.flatMap((suite) => suite.credentials(sandbox)),
			// Pointed at the suite's own second sandbox once that runs (updated through n8n's REST API).
			credential(sandbox, 'ekycProApi', OUTAGE_CREDENTIAL_ID),
		];
	},

	workflows: () => [example, outageWorkflow()],

	async run({ check, n8n, rest, sandbox, e2e }) {
		let ownSandbox;
		try {
			await runChecks({ check, n8n, rest, sandbox, e2e, own: (s) => (ownSandbox = s) });
		} finally {
			await ownSandbox?.close();
		}
	},
};

async function runChecks({ check, n8n, rest, sandbox, e2e, own }) {
	const exampleRun = async (body, workflowId, webhookPath) => {
		const after = await e2e.latestExecutionId(rest, workflowId);
		const before = sandbox.requests.length;
		const answer = await postWebhook(n8n.url, body, webhookPath);
		const execution = await e2e.lastExecution(rest, workflowId, { after });
		const failure = () =>
			`HTTP ${answer.status}: ${masked(answer.text)}; execution ${execution.id} ${execution.status}: ${masked(execution.error ?? '')}`;
		assert.equal(answer.status, 200, failure());
		assert.equal(execution.status, 'success', failure());
		return {
			record: answer.json,
			text: answer.text,
			execution,
			calls: callsSince(sandbox, before),
		};
	};

	await check(
		`all vendors up, the example as shipped (POST /webhook/${EXAMPLE_PATH}): ekycpro answers all four checks, approved`,
		async () => {
			const body = applicant(1);
			const { record, text, execution, calls } = await exampleRun(body, example.id, EXAMPLE_PATH);
			assert.equal(record.applicantId, body.applicantId);
			assert.equal(record.decision, 'approved', masked(record));
			assert.deepEqual(record.reasons, []);
			assert.deepEqual(record.vendors, {
				readKtp: 'ekycPro',
				verifyNik: 'ekycPro',
				liveness: 'ekycPro',
				compareFaces: 'ekycPro',
			});
			assert.deepEqual(record.failovers, []);
			assert.equal(record.facts.nik, '320100******0001');
			assert.equal(record.facts.name, 'BUDI SANTOSO');
			assert.equal(record.facts.nikFound, true);
			assert.equal(record.facts.nameMatches, true);
			assert.equal(record.facts.live, true);
			assert.equal(record.facts.samePerson, true);
			assert.ok(!/\d{16}/.test(text), 'the decision record holds an unmasked NIK');
			assert.deepEqual(calls, ALL_EKYCPRO_CALLS);
			assertAnsweredByEkycPro(execution);
			assert.ok(execution.runData.Approve, 'not the approve branch');
			assert.equal(execution.runData['Refer to review'], undefined);
		},
	);

	await check(
		'all vendors up: a selfie of someone else is referred to review, with ekycpro’s similarity',
		async () => {
			const body = applicant(2, {
				selfieImage: images.jpeg({ marker: 'face-different' }).toString('base64'),
			});
			const { record, execution } = await exampleRun(body, example.id, EXAMPLE_PATH);
			assert.equal(record.decision, 'review', masked(record));
			assert.deepEqual(record.reasons, [
				'selfie vs KTP photo: not the same person (similarity 20)',
			]);
			assert.equal(record.vendors.compareFaces, 'ekycPro');
			assert.equal(record.facts.samePerson, false);
			assertAnsweredByEkycPro(execution);
			assert.ok(execution.runData['Refer to review'], 'not the review branch');
		},
	);

	// The copy of the example whose ekycpro credential is moved to a sandbox of its own.
	let second;
	const secondUp = await check(
		'a second sandbox for ekycpro (the first vendor) runs, and the copy’s ekycpro credential points at it',
		async () => {
			second = await startSandbox({ port: 0 });
			own(second);
			await e2e.updateCredential(rest, {
				...credential(second, 'ekycProApi', OUTAGE_CREDENTIAL_ID),
			});
			return `second sandbox ${second.url}`;
		},
	);
	if (!secondUp) return;

	await check(
		`all vendors up, the copy (POST /webhook/${OUTAGE_PATH}): ekycpro answers at its own sandbox, nothing of ekycpro reaches the main one`,
		async () => {
			const secondBefore = second.requests.length;
			const { record, execution, calls } = await exampleRun(applicant(3), OUTAGE_ID, OUTAGE_PATH);
			assert.equal(record.decision, 'approved', masked(record));
			assert.deepEqual(record.failovers, []);
			assert.deepEqual(calls, [], 'the main sandbox got calls');
			assert.deepEqual(callsSince(second, secondBefore), ALL_EKYCPRO_CALLS);
			assertAnsweredByEkycPro(execution);
		},
	);

	let stoppedPort;
	const stopped = await check(
		'the second sandbox is stopped: its port refuses connections',
		async () => {
			stoppedPort = second.port;
			await second.close();
			assert.equal(await connectOutcome(stoppedPort), 'ECONNREFUSED');
			return `127.0.0.1:${stoppedPort} refuses`;
		},
	);
	if (!stopped) return;

	const SECOND_VENDORS = {
		readKtp: 'wideKyc',
		verifyNik: 'iluma',
		liveness: 'wideKyc',
		compareFaces: 'iluma',
	};
	await check(
		'ekycpro’s sandbox stopped: every check is completed by its second vendor, ekycpro’s attempt notSent and unbilled, approved',
		async () => {
			const secondBefore = second.requests.length;
			const body = applicant(4);
			const { record, text, execution, calls } = await exampleRun(body, OUTAGE_ID, OUTAGE_PATH);
			assert.equal(record.applicantId, body.applicantId);
			assert.equal(record.decision, 'approved', masked(record));
			assert.deepEqual(record.reasons, []);
			assert.deepEqual(record.vendors, SECOND_VENDORS);
			assert.equal(record.failovers.length, 4, masked(record.failovers));
			for (const [key, vendor] of Object.entries(SECOND_VENDORS))
				assert.ok(
					record.failovers.some(
						(line) => line.startsWith(`${key}: ekycPro notSent`) && line.endsWith(vendor),
					),
					`no failover line for ${key}: ${masked(record.failovers)}`,
				);
			assert.equal(record.facts.nikFound, true);
			assert.equal(record.facts.nameMatches, true);
			assert.equal(record.facts.live, true);
			assert.equal(record.facts.samePerson, true);
			assert.ok(!/\d{16}/.test(text), 'the decision record holds an unmasked NIK');

			assert.equal(second.requests.length, secondBefore, 'the stopped sandbox logged a call');
			assert.deepEqual(
				calls.filter((call) => call.startsWith('ekycpro')),
				[],
			);
			const answered = calls.filter((call) => /POST/.test(call));
			assert.deepEqual(
				answered,
				[
					'wideKyc POST /widekyc/api/id-recognize',
					'iluma POST /iluma/v1/identity/ktp_name/validations',
					'wideKyc POST /widekyc/api/passive-liveness',
					'iluma POST /iluma/v2/identity/face_comparisons',
				],
				'the second vendors’ calls at the main sandbox',
			);

			const outputs = checkOutputs(execution);
			for (const [name, json] of Object.entries(outputs)) {
				const key = CHECK_KEYS[name];
				assert.equal(json.check, key, `${name}: check`);
				assert.equal(json.vendor, SECOND_VENDORS[key], `${name}: vendor`);
				assert.equal(json.attempts.length, 2, `${name}: attempts ${masked(json.attempts)}`);
				const [first, next] = json.attempts;
				assert.equal(first.vendor, 'ekycPro', `${name}: first attempt`);
				assert.equal(first.outcome, 'notSent', `${name}: ${masked(first)}`);
				assert.equal(first.billed, false, `${name}: first attempt billed`);
				assert.deepEqual(
					{ vendor: next.vendor, outcome: next.outcome, billed: next.billed },
					{ vendor: SECOND_VENDORS[key], outcome: 'answered', billed: true },
					`${name}: second attempt`,
				);
			}
			assert.ok(execution.runData.Approve, 'not the approve branch');
			const codes = [...new Set(CHECKS.map((name) => outputs[name].attempts[0].code))];
			return (
				`ekycpro's attempts: notSent, code ${codes.join(', ')}; answered by ${Object.values(SECOND_VENDORS).join(', ')}\n` +
				`decision record: ${masked({ ...record, decidedAt: undefined })}`
			);
		},
	);

	await check(
		'ekycpro’s sandbox stopped: a selfie of someone else is referred to review on Iluma’s similarity',
		async () => {
			const body = applicant(5, {
				selfieImage: images.jpeg({ marker: 'face-different' }).toString('base64'),
			});
			const { record } = await exampleRun(body, OUTAGE_ID, OUTAGE_PATH);
			assert.equal(record.decision, 'review', masked(record));
			assert.equal(record.vendors.compareFaces, 'iluma');
			assert.deepEqual(record.reasons, [
				'selfie vs KTP photo: not the same person (similarity 12.5)',
			]);
		},
	);
}
