'use strict';

// The demo's last words (scripts/demoClosing.js): with --once n8n is stopped right after, so no
// URL or login of it; --outage has run, so it does not suggest running --outage.

const { closingText } = require('../../scripts/demoClosing');

const facts = {
	n8nUrl: 'http://127.0.0.1:5678',
	workflowId: 'wf1',
	owner: { email: 'owner@n8n-nodes-kyc.test', password: 'Sandbox-Owner-1' },
	webhookPath: 'kyc-onboarding',
	anyVendorPath: 'kyc-any-vendor',
	sandboxUrl: 'http://127.0.0.1:8787',
};

test('--once: no URL or login of the stopped n8n or sandbox; says how to keep it running', () => {
	const text = closingText({ ...facts, once: true, outage: false });
	expect(text).not.toMatch(/https?:\/\//);
	expect(text).not.toContain('Sandbox-Owner-1');
	expect(text).toMatch(/npm run demo\b(?! -- --once)/);
});

test('kept running: the editor, the login, the webhooks and the sandbox', () => {
	const text = closingText({ ...facts, once: false, outage: false });
	expect(text).toContain('http://127.0.0.1:5678/workflow/wf1');
	expect(text).toContain('owner@n8n-nodes-kyc.test / Sandbox-Owner-1');
	expect(text).toContain('http://127.0.0.1:5678/webhook/kyc-onboarding');
	expect(text).toContain('http://127.0.0.1:5678/webhook/kyc-any-vendor');
	expect(text).toContain('--outage');
	expect(text).toMatch(/Ctrl-C/);
});

test('--outage has run: it is not suggested again', () => {
	expect(closingText({ ...facts, once: false, outage: true })).not.toContain('--outage');
	expect(closingText({ ...facts, once: true, outage: true })).not.toContain('--outage');
});
