'use strict';

// The one place that says which onboarding workflow the queue-mode test runs (the example
// examples/kyc-onboarding.json), how an applicant's webhook body looks and what a successful answer
// is. Each applicant gets its own images (a size of its own), so vendor calls can be told apart by
// applicant (see recorder.js).

const {
	loadExampleWorkflow,
	ONBOARDING_EXAMPLE,
	ONBOARDING_WEBHOOK_PATH,
	onboardingApplicant,
	isApprovedDecision,
	configureSandboxForOnboarding,
} = require('../e2e/setup');
const images = require('../fixtures/images');

const workflow = loadExampleWorkflow(ONBOARDING_EXAMPLE);

/** Applicant n's webhook body, with a unique `applicantId` and images nobody else sends. */
const applicant = (n) =>
	onboardingApplicant(n, {
		idImage: images.jpeg({ width: 800 + n, height: 500 }).toString('base64'),
		selfieImage: images.jpeg({ width: 480, height: 640 + n }).toString('base64'),
	});

module.exports = {
	workflow,
	webhookPath: ONBOARDING_WEBHOOK_PATH,
	applicant,
	isSuccess: isApprovedDecision,
	prepare: configureSandboxForOnboarding,
};
