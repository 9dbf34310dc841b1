'use strict';

// The one place that says which onboarding workflow the queue-mode test runs, how an applicant's
// webhook body looks and what a successful answer is. Each applicant gets its own ID images (a
// width of its own), so vendor calls can be told apart by applicant (see recorder.js).

const { loadExampleWorkflow, WEBHOOK_PATH } = require('../e2e/setup');
const images = require('../fixtures/images');

const workflow = loadExampleWorkflow();

/** Images nobody else sends: the recorder recognises applicant n's vendor calls by them. */
const uniqueImages = (n) => ({
	idImage: images.jpeg({ width: 640 + n }).toString('base64'),
	ktpImage: images.jpeg({ width: 1200 + n, height: 500 }).toString('base64'),
});

/** Applicant n's webhook body, with a unique `applicantId`. */
function applicant(n) {
	return { applicantId: `queue-applicant-${String(n).padStart(3, '0')}`, ...uniqueImages(n) };
}

/** Whether the webhook's answer (`{ status, json }`) is the workflow's successful result. */
function isSuccess(answer) {
	return (
		answer.status === 200 &&
		answer.json?.idCard?.status === 'OK' &&
		answer.json?.ktp?.statusCode === 'SUCCESSFUL'
	);
}

/** Sandbox settings the workflow wants before the runs (none for this one). */
async function prepare() {}

module.exports = { workflow, webhookPath: WEBHOOK_PATH, applicant, isSuccess, prepare };
