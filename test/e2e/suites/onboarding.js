'use strict';

// e2e suite: the onboarding example (examples/kyc-onboarding.json) in a real n8n. An applicant the
// sandbox accepts goes through Iluma KTP OCR (waiting for Iluma), WideKYC's Dukcapil check, Iluma
// CFT screening, ekycpro face comparison and Iluma bank name validation (waiting again) and is
// approved; the webhook answers with the decision record, which holds no image and no unmasked NIK
// or account number. Applicants with a different selfie, or on a CFT watchlist, are referred to
// review or rejected with their reasons.

const assert = require('node:assert/strict');

const images = require('../../fixtures/images');
const {
	ONBOARDING_EXAMPLE,
	ONBOARDING_WEBHOOK_PATH,
	APPROVED_PERSON,
	loadExampleWorkflow,
	onboardingApplicant,
	configureSandboxForOnboarding,
	isApprovedDecision,
	postWebhook,
} = require('../setup');

const workflow = loadExampleWorkflow(ONBOARDING_EXAMPLE);

// The suites that own the credentials this example uses; imported here only when they are not
// loaded themselves (KYC_E2E_SUITES=onboarding).
const CREDENTIAL_OWNERS = ['./iluma', './ekycpro-widekyc'];

/** Everything secret-looking the record must not carry. */
function assertNothingSensitive(text, applicant) {
	for (const [field, value] of Object.entries(applicant)) {
		if (['applicantId', 'name', 'bankCode'].includes(field)) continue;
		assert.ok(!text.includes(value), `the record contains the applicant's ${field}`);
	}
}

module.exports = {
	name: 'Onboarding example',

	credentials(sandbox) {
		const loaded = require('.');
		return CREDENTIAL_OWNERS.map((file) => require(file))
			.filter((suite) => !loaded.includes(suite))
			.flatMap((suite) => suite.credentials(sandbox));
	},

	workflows: () => [workflow],

	async run({ check, n8n, rest, sandbox, e2e }) {
		const restoreSandbox = await configureSandboxForOnboarding(sandbox);
		try {
			await runChecks({ check, n8n, rest, sandbox, e2e });
		} finally {
			await restoreSandbox();
		}
	},
};

async function runChecks({ check, n8n, rest, sandbox, e2e }) {
	const post = (body) => postWebhook(n8n.url, body, ONBOARDING_WEBHOOK_PATH);

	await check(
		`POST /webhook/${ONBOARDING_WEBHOOK_PATH}: an applicant the sandbox accepts is approved, through five checks at three vendors`,
		async () => {
			const after = await e2e.latestExecutionId(rest, workflow.id);
			const applicant = onboardingApplicant(1);
			const before = sandbox.requests.length;
			const answer = await post(applicant);
			assert.equal(answer.status, 200, `HTTP ${answer.status}: ${answer.text.slice(0, 1000)}`);
			const record = answer.json;
			assert.ok(isApprovedDecision(answer), JSON.stringify(record));
			assert.equal(record.applicantId, applicant.applicantId);
			assert.deepEqual(record.reasons, []);
			assert.equal(record.facts.nik, '123456******3456');
			assert.equal(record.facts.bankAccount.account, '******0001');
			assert.equal(record.facts.ktp.name, APPROVED_PERSON.name);
			assert.equal(record.facts.dukcapil.nikRegistered, true);
			assert.equal(record.facts.cft.potentialMatches, 0);
			assert.equal(record.facts.face.result, 'SAME PERSON');
			assert.equal(record.facts.bankAccount.holderName, APPROVED_PERSON.name);
			assertNothingSensitive(answer.text, applicant);

			// Both Iluma jobs answered PENDING first and were read again until done.
			const calls = sandbox.requests
				.slice(before)
				.map((r) => `${r.vendor} ${r.method} ${r.path.replace(/[0-9a-f-]{20,}|bknv_\w+/, ':id')}`);
			const count = (line) => calls.filter((c) => c === line).length;
			assert.equal(count('iluma POST /iluma/v1/identity/id_card_images'), 1, calls.join('\n'));
			assert.ok(count('iluma GET /iluma/v1/identity/id_card_images/:id') >= 1, calls.join('\n'));
			assert.equal(count('wideKyc POST /widekyc/api/id-validation'), 1, calls.join('\n'));
			assert.equal(count('iluma POST /iluma/v1/identity/cft/individual_watchlist'), 1);
			assert.equal(count('ekycpro POST /ekycpro/v1/facecompare'), 1);
			assert.equal(count('iluma POST /iluma/v1.1/identity/bank_account_data_requests'), 1);
			assert.ok(
				count('iluma GET /iluma/v1.1/identity/bank_account_data_requests/:id') >= 1,
				calls.join('\n'),
			);

			const execution = await e2e.lastExecution(rest, workflow.id, { after });
			assert.equal(execution.status, 'success');
			assert.equal(execution.lastNode, 'Decision record');
			assert.ok(execution.runData.Approve, 'the IF node did not take the approve branch');
			assert.equal(execution.runData['Reject or refer to review'], undefined);
		},
	);

	const cases = [
		[
			'a selfie of someone else is referred to review',
			onboardingApplicant(2, {
				selfieImage: images.jpeg({ marker: 'face-different' }).toString('base64'),
			}),
			'review',
			['selfie vs KTP photo: NOT SAME PERSON (similarity 20)'],
		],
		[
			'an applicant on a CFT watchlist, whose name is not the one on the KTP or the bank account, is rejected',
			onboardingApplicant(3, { name: 'Abdul Aziz' }),
			'rejected',
			[
				'CFT watchlist: 2 potential match(es)',
				'name on the KTP differs from the name given',
				'bank account holder name differs from the name given',
			],
		],
	];
	for (const [name, applicant, decision, reasons] of cases) {
		await check(name, async () => {
			const after = await e2e.latestExecutionId(rest, workflow.id);
			const answer = await post(applicant);
			assert.equal(answer.status, 200, `HTTP ${answer.status}: ${answer.text.slice(0, 1000)}`);
			assert.equal(isApprovedDecision(answer), false);
			assert.equal(answer.json.applicantId, applicant.applicantId);
			assert.equal(answer.json.decision, decision, JSON.stringify(answer.json));
			assert.deepEqual(answer.json.reasons, reasons);
			assertNothingSensitive(answer.text, applicant);
			const execution = await e2e.lastExecution(rest, workflow.id, { after });
			assert.equal(execution.status, 'success');
			assert.ok(execution.runData['Reject or refer to review'], 'not the review branch');
			assert.equal(execution.runData.Approve, undefined);
		});
	}
}
