'use strict';
/**
 * KYC (Any Vendor) under n8n's own Retry On Fail: a retry starts failover again, so an item a vendor
 * already answered (and billed) on an earlier try must get that answer again, not a second vendor's.
 */
const { useSandbox, scenarios } = require('../helpers');
const { runNode } = require('../harness/n8n');
const { KycAnyVendor } = require('../../nodes/KycAnyVendor/KycAnyVendor.node');
const { EkycProApi } = require('../../credentials/EkycProApi.credentials');
const { IlumaApi } = require('../../credentials/IlumaApi.credentials');
const { WideKycApi } = require('../../credentials/WideKycApi.credentials');
const { keptOutcomes } = require('../../nodes/shared/billedAnswers');

const state = useSandbox();
const NIK = { a: '3201000000000021', b: '3201000000000022' };
const RETRY = { retryOnFail: true, maxTries: 2, waitBetweenTries: 10 };
let executions = 0;

const run = (parameters, items) =>
	runNode({
		nodeClass: KycAnyVendor,
		credentialClasses: [EkycProApi, IlumaApi, WideKycApi],
		credentials: {
			ilumaApi: { apiKey: state.sandbox.keys.iluma.apiKey, baseUrl: state.sandbox.baseUrls.iluma },
			wideKycApi: {
				token: scenarios.WIDEKYC_TOKENS.active,
				serverUrl: state.sandbox.baseUrls.wideKyc,
			},
			ekycProApi: { apiKey: scenarios.EKYCPRO_API_KEY, baseUrl: state.sandbox.baseUrls.ekycpro },
		},
		parameters,
		items,
		settings: RETRY,
		executionId: `any-vendor-retry-${process.pid}-${++executions}`,
	});
const calls = () => state.sandbox.requests.map((r) => `${r.vendor} ${r.status}`);

afterEach(() => {
	expect(keptOutcomes()).toMatchObject({ runs: 0, outcomes: 0 });
});

test('an item answered by the second vendor on try 1 is not billed at the first vendor on try 2', async () => {
	// Try 1: item a finds Iluma busy (one 429, no retries) and WideKYC answers; item b skips Iluma
	// (cooling down) and its WideKYC call answers 504 (maybe processed), which fails the node.
	// Try 2: Iluma is healthy again, and the circuit breaker is new.
	state.sandbox.injectFault({ vendor: 'iluma', status: 429, count: 1 });
	state.sandbox.injectFault({ vendor: 'wideKyc', bodyIncludes: NIK.b, status: 504, count: 10 });
	const { error } = await run(
		{
			check: 'verifyNik',
			vendors: ['iluma', 'wideKyc'],
			nik: '={{ $json.nik }}',
			name: 'BUDI SANTOSO',
			options: { retries: 0, rateLimitWait: 0 },
		},
		[{ json: { nik: NIK.a } }, { json: { nik: NIK.b } }],
	);
	expect(error.message).toMatch(/^WideKYC HTTP 504: /);
	// Try 2 sends nothing: item a gets WideKYC's answer again and item b WideKYC's 504, from memory.
	// Before, item a went to Iluma first again: a second billed answer for the same item.
	expect(calls()).toEqual(['iluma 429', 'wideKyc 200', 'wideKyc 504']);
});
