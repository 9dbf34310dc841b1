'use strict';
/**
 * Retry On Fail when a node runs as an AI tool (an AI Agent's tool, or behind the MCP Server
 * Trigger): n8n-core's makeHandleToolInvocation retries a tool call that threw, giving every try a
 * new run index. A billed call whose answer was lost must still not be sent again.
 */
const { useSandbox, ekycNikTool, scenarios } = require('../helpers');
const { runAsTool } = require('../harness/tool');
const { keptOutcomes } = require('../../nodes/shared/billedAnswers');
const { KycAnyVendor } = require('../../nodes/KycAnyVendor/KycAnyVendor.node');
const { EkycProApi } = require('../../credentials/EkycProApi.credentials');
const { IlumaApi } = require('../../credentials/IlumaApi.credentials');
const { WideKycApi } = require('../../credentials/WideKycApi.credentials');

const state = useSandbox();

const NIK = { a: '3201000000000011', b: '3201000000000012' };
const RETRY = { retryOnFail: true, maxTries: 3, waitBetweenTries: 0 };
let executions = 0;
const execution = () => `retry-on-fail-tool-${process.pid}-${++executions}`;

const ekycTool = (calls, extra = {}) =>
	ekycNikTool(state, calls, {
		options: { retries: 0 },
		settings: RETRY,
		executionId: execution(),
		...extra,
	});
const billed = (nik) =>
	state.sandbox.ledger.filter((entry) => entry.vendor === 'ekycpro' && entry.key === nik);
const statuses = () =>
	state.sandbox.requests.filter((r) => r.vendor === 'ekycpro').map((r) => r.status);
/** The vendor processes and bills this NIK's check, and its answer is lost (`fault`), every time. */
const loseAnswers = (nik, fault) =>
	state.sandbox.injectFault({
		vendor: 'ekycpro',
		path: '/v1/ididcheck',
		bodyIncludes: `id=${nik}`,
		count: 100,
		processed: true,
		...fault,
	});

afterEach(() => {
	// Every tool call here ends with a success or its last try: nothing may be left behind.
	expect(keptOutcomes()).toMatchObject({ runs: 0, outcomes: 0 });
});

describe('Retry On Fail as an AI tool (n8n-core makeHandleToolInvocation, 3 tries)', () => {
	test.each([
		['a 502 after the vendor processed the call', { status: 502 }],
		['a truncated answer', { truncate: true }],
		['a malformed answer', { malformed: true }],
	])('%s: billed once, the tries after it not sent again', async (_, fault) => {
		loseAnswers(NIK.a, fault);
		const { outcomes, toolRuns } = await ekycTool([{ nik: NIK.a }]);
		// n8n made its three tries, each with its own run index …
		expect(toolRuns).toHaveLength(3);
		// … and the vendor got and billed the call once.
		expect(billed(NIK.a)).toHaveLength(1);
		expect(statuses()).toHaveLength(1);
		const { error } = outcomes[0];
		expect(error).toBeDefined();
		expect(`${error.message} ${error.description}`).toMatch(
			/on an earlier try of this node in this execution; the call was not sent again/,
		);
	});

	test('behind the MCP Server Trigger (the tool runs in its webhook request: no execution id): billed once, not sent again', async () => {
		loseAnswers(NIK.a, { status: 502 });
		const { outcomes, toolRuns } = await ekycTool([{ nik: NIK.a }], { executionId: null });
		expect(toolRuns).toHaveLength(3);
		expect(billed(NIK.a)).toHaveLength(1);
		expect(statuses()).toHaveLength(1);
		expect(`${outcomes[0].error.message} ${outcomes[0].error.description}`).toMatch(
			/on an earlier try of this node in this execution; the call was not sent again/,
		);
	});

	test('two calls of the tool in one execution, the first answer lost: each billed once, the second not answered from the first', async () => {
		loseAnswers(NIK.a, { status: 502 });
		const { outcomes } = await ekycTool([{ nik: NIK.a }, { nik: NIK.b }, { nik: NIK.a }]);
		expect(outcomes[1].response).toEqual([expect.objectContaining({ message: { score: 0.9 } })]);
		// The third call is the agent's new call, after the first one's last try: it is sent.
		expect(billed(NIK.a)).toHaveLength(2);
		expect(billed(NIK.b)).toHaveLength(1);
		expect(outcomes[0].error).toBeDefined();
		expect(outcomes[2].error).toBeDefined();
	});

	test('a refused call (503, not billed) is sent again on each try', async () => {
		state.sandbox.injectFault({
			vendor: 'ekycpro',
			path: '/v1/ididcheck',
			status: 503,
			count: 2,
		});
		const { outcomes } = await ekycTool([{ nik: NIK.a }]);
		expect(statuses()).toEqual([503, 503, 200]);
		expect(outcomes[0].response).toEqual([expect.objectContaining({ message: { score: 0.9 } })]);
		expect(billed(NIK.a)).toHaveLength(1);
	});

	test('with Continue On Fail the error item is the answer (n8n does not try a tool again): billed once, nothing kept', async () => {
		loseAnswers(NIK.a, { status: 502 });
		const { outcomes, toolRuns } = await ekycTool([{ nik: NIK.a }], {
			settings: { ...RETRY, onError: 'continueRegularOutput' },
		});
		expect(toolRuns).toHaveLength(1);
		expect(billed(NIK.a)).toHaveLength(1);
		expect(outcomes[0].response).toEqual([
			expect.objectContaining({ error: expect.stringMatching(/^ekycpro HTTP 502/) }),
		]);
		// afterEach: the call's memory is dropped, as n8n will not try it again.
	});

	test('calls at the same time, one answer lost: each call billed once', async () => {
		loseAnswers(NIK.a, { status: 502 });
		const { outcomes } = await ekycTool([{ nik: NIK.a }, { nik: NIK.b }], { concurrent: true });
		expect(billed(NIK.a)).toHaveLength(1);
		expect(billed(NIK.b)).toHaveLength(1);
		expect(outcomes[0].error).toBeDefined();
		expect(outcomes[1].response).toEqual([expect.objectContaining({ message: { score: 0.9 } })]);
	});

	test('KYC (Any Vendor) Verify NIK as a tool, the first vendor’s answer lost: billed once, no second vendor', async () => {
		state.sandbox.injectFault({ vendor: 'wideKyc', status: 504, count: 100, processed: true });
		const { outcomes, toolRuns } = await runAsTool({
			nodeClass: KycAnyVendor,
			credentialClasses: [EkycProApi, IlumaApi, WideKycApi],
			credentials: {
				ilumaApi: {
					apiKey: state.sandbox.keys.iluma.apiKey,
					baseUrl: state.sandbox.baseUrls.iluma,
				},
				wideKycApi: {
					token: scenarios.WIDEKYC_TOKENS.active,
					serverUrl: state.sandbox.baseUrls.wideKyc,
				},
			},
			parameters: {
				check: 'verifyNik',
				vendors: ['wideKyc', 'iluma'],
				nik: "={{ $fromAI('nik', 'The NIK to check', 'string') }}",
				name: 'BUDI SANTOSO',
				options: { retries: 0 },
			},
			calls: [{ nik: NIK.a }],
			settings: RETRY,
			executionId: execution(),
		});
		expect(toolRuns).toHaveLength(3);
		expect(state.sandbox.requests.map((r) => `${r.vendor} ${r.status}`)).toEqual(['wideKyc 504']);
		expect(state.sandbox.ledger.filter((entry) => entry.billed)).toHaveLength(1);
		expect(outcomes[0].error).toBeDefined();
	});
});
