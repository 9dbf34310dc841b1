'use strict';
/**
 * The e2e glue of the secret-canary check (test/e2e/invariants.js) over an execution as n8n saves
 * it: a credential value anywhere in it, an input image or a NIK in our node's error text, each
 * named by execution, workflow, node and field; the input itself (the Webhook's output) is no hit.
 */
const { searchExecution } = require('../e2e/invariants');
const images = require('../fixtures/images');

const TOKEN = 'e2e-canary-widekyc-token-55';
const NIK = '3201000000000001';
const IMAGE = images.jpeg({ width: 64, height: 48 }).toString('base64');
const credentials = {
	'wideKycApi (w1)': { token: TOKEN, serverUrl: 'http://127.0.0.1:1/widekyc' },
};

function saved(ourTask, { privacy = false, executionError } = {}) {
	const full = {
		workflowData: {
			name: 'onboarding',
			nodes: [
				{ name: 'Webhook', type: 'n8n-nodes-base.webhook', parameters: {} },
				{
					name: 'Verify NIK',
					type: 'n8n-nodes-kyc.kycAnyVendor',
					parameters: { check: 'verifyNik', nik: '={{ $json.body.nik }}', options: { privacy } },
				},
			],
		},
	};
	const data = {
		resultData: {
			runData: {
				Webhook: [{ data: { main: [[{ json: { body: { nik: NIK, image: IMAGE } } }]] } }],
				'Verify NIK': [ourTask],
			},
			...(executionError ? { error: executionError, lastNodeExecuted: 'Verify NIK' } : {}),
		},
	};
	return [full, data];
}

const search = ([full, data]) => searchExecution('42', full, data, credentials);
const clean = { data: { main: [[{ json: { vendor: 'iluma', nik: { found: true } } }]] } };

test('a clean execution: the input (the Webhook’s image and NIK) is no hit', () => {
	expect(search(saved(clean))).toEqual([]);
});

test('a credential value in our node’s attempts', () => {
	const task = {
		data: { main: [[{ json: { attempts: [{ message: `Quota Exceeded for token ${TOKEN}` }] } }]] },
	};
	expect(search(saved(task))).toEqual([
		'execution 42 (workflow "onboarding"), node "Verify NIK": runData[0].items[0].json.attempts[0].message: as typed of the wideKycApi (w1) token',
	]);
});

test('a NIK and an image in the saved error of our node; the NIK with Privacy in its json', () => {
	const error = {
		message: `NIK ${NIK.match(/\d{4}/g).join(' ')} refused`,
		description: IMAGE.slice(10, 60),
		node: { parameters: { nik: NIK } },
	};
	const violations = search(saved({ error }, { executionError: error }));
	expect(violations).toEqual([
		expect.stringContaining('node "Verify NIK": runData[0].error.description: 40+ characters'),
		expect.stringContaining('node "Verify NIK": resultData.error.description: 40+ characters'),
		expect.stringContaining('node "Verify NIK": runData[0].error.message: 4-4-4-4'),
		expect.stringContaining('node "Verify NIK": resultData.error.message: 4-4-4-4'),
	]);
	const json = { data: { main: [[{ json: { nik: { value: NIK } } }]] } };
	expect(search(saved(json))).toEqual([]);
	expect(search(saved(json, { privacy: true }))).toEqual([
		expect.stringContaining('runData[0].items[0].json.nik.value: ungrouped'),
	]);
	for (const violation of violations) expect(violation).not.toContain(NIK);
});

test('a credential value in another node (a Set node copying it) is a hit too', () => {
	const [full, data] = saved(clean);
	data.resultData.runData.Copy = [{ data: { main: [[{ json: { t: TOKEN } }]] } }];
	expect(search([full, data])).toEqual([
		'execution 42 (workflow "onboarding"): execution.data.resultData.runData.Copy[0].data.main[0][0].json.t: as typed of the wideKycApi (w1) token',
	]);
});

test('an audit record a later node copies (a case workflow’s audit rows) is not the input’s personal text', () => {
	const record = {
		vendor: 'iluma',
		product: 'iluma.cftWatchlist',
		operation: 'cft.screenIndividual',
		outcome: 'success',
		billed: true,
		vendorReference: '0d2c5e1a-37189425-4c1b-9e3f-1a2b3c4d5e6f',
		startedAt: '2026-12-07T16:00:00.000Z',
		durationMs: 12,
		calls: 1,
		executionId: '42',
		workflowId: 'w',
		node: 'Verify NIK',
		itemIndex: 0,
	};
	const [full, data] = saved({ data: { main: [[{ json: { audit: [record] } }]] } });
	data.resultData.runData['Audit records'] = [
		{ data: { main: [[{ json: { audit: [record] } }]] } },
	];
	expect(search([full, data])).toEqual([]);
	// A digit run the input itself carries is still one.
	data.resultData.runData.Webhook[0].data.main[0][0].json.body.account = '37189425';
	expect(search([full, data])).toEqual([
		expect.stringContaining(
			'runData["Audit records"][0].data.main[0][0].json.audit[0].vendorReference: the personal text in items[0].json.body.account',
		),
		expect.stringContaining(
			'node "Verify NIK": runData[0].items[0].json.audit[0].vendorReference: the personal text in items[0].json.body.account',
		),
	]);
});

test('a vendor id that a node after ours passes on (an IF after the CFT screening) is not the input’s personal text', () => {
	const reference = '0d2c5e1a-37189425-4c1b-9e3f-1a2b3c4d5e6f';
	const record = {
		vendor: 'iluma',
		product: 'iluma.cftWatchlist',
		operation: 'cft.screenIndividual',
		outcome: 'success',
		billed: true,
		vendorReference: reference,
		startedAt: '2026-12-07T16:00:00.000Z',
		durationMs: 12,
		calls: 1,
		executionId: '42',
		workflowId: 'w',
		node: 'Verify NIK',
		itemIndex: 0,
	};
	const answer = { json: { id: reference, hasNewMatches: false, audit: [record] } };
	const [full, data] = saved({ data: { main: [[answer]] } });
	full.workflowData.nodes.push({ name: 'New match?', type: 'n8n-nodes-base.if', parameters: {} });
	full.workflowData.connections = {
		Webhook: { main: [[{ node: 'Verify NIK', type: 'main', index: 0 }]] },
		'Verify NIK': { main: [[{ node: 'New match?', type: 'main', index: 0 }]] },
	};
	data.resultData.runData['New match?'] = [{ data: { main: [[], [answer]] } }];
	expect(search([full, data])).toEqual([]);
	// The same id in the input (before our node) is still personal text there.
	data.resultData.runData.Webhook[0].data.main[0][0].json.body.account = '37189425';
	expect(search([full, data])).toEqual([
		expect.stringContaining('"New match?"'),
		expect.stringContaining('node "Verify NIK": runData[0].items[0].json.audit[0].vendorReference'),
	]);
});
