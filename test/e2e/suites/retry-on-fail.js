'use strict';

// e2e suite: n8n's own Retry On Fail (node settings: Retry On Fail, Max. Tries 3) on the ekycpro
// identity check, three items, the third failing on every try. n8n runs the node three times; the
// billed calls of the items that succeeded on the first try must not be sent again (3 calls, not 9).

const assert = require('node:assert/strict');

const { uuid, vendorNode } = require('../switch-workflow');
const { credential, credentialRef } = require('../sandbox-credentials');

const ID = 'kycE2eRetryOnFail01';
const PATH = 'kyc-retry-on-fail';
const CREDENTIAL = credentialRef('ekycProApi', `${ID}Cred`);
const NIKS = ['3201000000000031', '3201000000000032', '3201000000000033'];
const CHECK_NODE = 'Check identity (Retry On Fail)';

function workflow() {
	const node = (name, fields, x) => ({ id: uuid(ID, name), name, position: [x, 0], ...fields });
	return {
		id: ID,
		name: 'e2e: Retry On Fail does not bill twice',
		nodes: [
			node(
				'Webhook',
				{
					type: 'n8n-nodes-base.webhook',
					typeVersion: 2.1,
					webhookId: uuid(ID, 'webhookId'),
					parameters: {
						httpMethod: 'POST',
						path: PATH,
						responseMode: 'lastNode',
						responseData: 'allEntries',
						options: {},
					},
				},
				0,
			),
			node(
				'One item per person',
				{
					type: 'n8n-nodes-base.splitOut',
					typeVersion: 1,
					parameters: { fieldToSplitOut: 'body.people', options: {} },
				},
				240,
			),
			node(
				CHECK_NODE,
				{
					...vendorNode(
						'ekycPro',
						CREDENTIAL,
					)({
						resource: 'identity',
						operation: 'check',
						nik: '={{ $json.nik }}',
						// The node's own retries off, so that each of n8n's tries sends a refused call once.
						options: { retries: 0 },
					}),
					retryOnFail: true,
					maxTries: 3,
					waitBetweenTries: 100,
				},
				480,
			),
		],
		connections: {
			Webhook: { main: [[{ node: 'One item per person', type: 'main', index: 0 }]] },
			'One item per person': { main: [[{ node: CHECK_NODE, type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
		active: false,
		pinData: {},
		meta: {},
		tags: [],
	};
}

async function post(n8n) {
	const response = await fetch(`${n8n.url}/webhook/${PATH}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ people: NIKS.map((nik) => ({ nik })) }),
		signal: AbortSignal.timeout(120_000),
	});
	return { status: response.status, text: await response.text() };
}

/** The statuses of the identity checks the sandbox received since `before`. */
const checksSince = (sandbox, before) =>
	sandbox.requests
		.slice(before)
		.filter((r) => r.path === '/ekycpro/v1/ididcheck')
		.map((r) => r.status);

module.exports = {
	name: 'Retry On Fail (n8n node setting) does not bill twice',

	credentials: (sandbox) => [credential(sandbox, 'ekycProApi', `${ID}Cred`)],

	workflows: () => [workflow()],

	async run({ check, n8n, rest, sandbox, e2e }) {
		const failThird = (status) =>
			sandbox.injectFault({
				vendor: 'ekycpro',
				path: '/v1/ididcheck',
				bodyIncludes: `id=${NIKS[2]}`,
				status,
				count: 100,
			});

		await check(
			'3 tries, 3 items, the third answered 504 on every try: 3 billed calls, not 9',
			async () => {
				failThird(504);
				const after = await e2e.latestExecutionId(rest, ID);
				const before = sandbox.requests.length;
				const answer = await post(n8n);
				const statuses = checksSince(sandbox, before);
				sandbox.reset();
				assert.equal(answer.status, 500, `expected the failed run's HTTP 500: ${answer.text}`);
				assert.deepEqual(statuses, [200, 200, 504]);
				const execution = await e2e.lastExecution(rest, ID, { after });
				assert.equal(execution.status, 'error');
				assert.equal(execution.error.node, CHECK_NODE);
				assert.match(execution.error.message, /HTTP 504: .*so it was not sent again/);
				// The error is the last try's: n8n did try again, answered from the first try.
				assert.match(execution.error.description, /earlier try of this node in this execution/);
				assert.match(
					execution.error.description,
					/2 other items were already answered by the vendor and billed;.*"Continue \(using error output\)"/,
				);
				return `n8n shows: ${execution.error.message} — ${execution.error.description}`;
			},
		);

		await check(
			'the third processed and billed, but answered with a malformed status line, then cut short: not sent again (3 calls, not 5), and the message says it may have been processed',
			async () => {
				for (const broken of [{ malformed: true }, { truncate: true }]) {
					sandbox.injectFault({
						vendor: 'ekycpro',
						path: '/v1/ididcheck',
						bodyIncludes: `id=${NIKS[2]}`,
						processed: true,
						count: 100,
						...broken,
					});
					const after = await e2e.latestExecutionId(rest, ID);
					const before = sandbox.requests.length;
					const billedBefore = sandbox.ledger.length;
					const answer = await post(n8n);
					const calls = checksSince(sandbox, before).length;
					const billed = sandbox.ledger.slice(billedBefore).filter((entry) => entry.billed);
					sandbox.clearFaults();
					assert.equal(answer.status, 500, `expected the failed run's HTTP 500: ${answer.text}`);
					assert.equal(calls, 3, `${JSON.stringify(broken)}: ${calls} calls`);
					assert.equal(billed.length, 3, `${JSON.stringify(broken)}: ${billed.length} billed`);
					const execution = await e2e.lastExecution(rest, ID, { after });
					assert.match(
						execution.error.message,
						/(malformed|truncated) answer: .*may have been processed and billed, so it was not sent again/,
					);
					assert.doesNotMatch(execution.error.message, /retries were used up/);
				}
			},
		);

		await check(
			'the third refused with 503 (not billed): only it is sent again, once per try',
			async () => {
				failThird(503);
				const before = sandbox.requests.length;
				const answer = await post(n8n);
				const statuses = checksSince(sandbox, before);
				sandbox.reset();
				assert.equal(answer.status, 500);
				assert.deepEqual(statuses, [200, 200, 503, 503, 503]);
			},
		);
	},
};
