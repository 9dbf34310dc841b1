'use strict';
/**
 * n8n's own Retry On Fail (node settings retryOnFail / maxTries / waitBetweenTries), run by n8n-core's
 * WorkflowExecute: a retry must not send a billed call again that an earlier try already sent.
 */
const {
	useSandbox,
	ekycRunner,
	wideRunner,
	clovaRunner,
	imageItem,
	images,
	scenarios,
} = require('../helpers');
const { keptOutcomes } = require('../../nodes/shared/billedAnswers');

const state = useSandbox();
const ekyc = ekycRunner(state);
const wide = wideRunner(state);
const clova = clovaRunner(state);

const NIK = { a: '3201000000000011', b: '3201000000000012', c: '3201000000000013' };
const items = () => [{ json: { nik: NIK.a } }, { json: { nik: NIK.b } }, { json: { nik: NIK.c } }];
const check = (options = {}) => ({
	resource: 'identity',
	operation: 'check',
	nik: '={{ $json.nik }}',
	options,
});
const RETRY = { retryOnFail: true, maxTries: 3, waitBetweenTries: 10 };
let executions = 0;
/** A fresh execution id per run, as n8n gives every execution its own. */
const execution = () => `retry-on-fail-${process.pid}-${++executions}`;
const statuses = (vendor) =>
	state.sandbox.requests.filter((r) => r.vendor === vendor).map((r) => r.status);
/** The third item's identity check is answered `status` (or dropped) on every try. */
const failThird = (fault) =>
	state.sandbox.injectFault({
		vendor: 'ekycpro',
		path: '/v1/ididcheck',
		bodyIncludes: `id=${NIK.c}`,
		count: 100,
		...fault,
	});

afterEach(() => {
	// Every run here ends with its last try or a success: nothing may be left behind.
	expect(keptOutcomes()).toMatchObject({ runs: 0, outcomes: 0 });
});

describe('Retry On Fail (3 tries), three items, the third fails', () => {
	test('third answered 504: one billed call per item (3, not 9), and the 504 is not sent again', async () => {
		failThird({ status: 504 });
		const { error } = await ekyc(check(), items(), { settings: RETRY, executionId: execution() });
		expect(statuses('ekycpro')).toEqual([200, 200, 504]);
		expect(error.message).toMatch(
			/^ekycpro HTTP 504: .*may have been processed and billed, so it was not sent again/,
		);
		expect(error.context.itemIndex).toBe(2);
		// The error is the third try's: answered from the first try, not sent.
		expect(error.description).toMatch(
			/on an earlier try of this node in this execution; the call was not sent again/,
		);
		expect(error.description).toMatch(
			/2 other items were already answered by the vendor and billed; their results are lost because the node failed\. Set Settings → On Error → "Continue \(using error output\)" to keep them\./,
		);
	});

	test('third answered 503 (refused, not billed): only that item is sent again, on each try', async () => {
		failThird({ status: 503 });
		const { error } = await ekyc(check({ retries: 0 }), items(), {
			settings: RETRY,
			executionId: execution(),
		});
		expect(statuses('ekycpro')).toEqual([200, 200, 503, 503, 503]);
		expect(error.message).toMatch(/^ekycpro HTTP 503/);
	});

	test('third item’s connection dropped after sending: not sent again on the retries', async () => {
		failThird({ drop: true });
		const { error } = await ekyc(check(), items(), { settings: RETRY, executionId: execution() });
		expect(statuses('ekycpro')).toEqual([200, 200, null]);
		expect(error.message).toMatch(/^ekycpro connection lost: .*so it was not sent again$/);
	});

	test('a retry that succeeds outputs every item, the earlier ones from the first try', async () => {
		failThird({ status: 503, count: 1 });
		const { items: out, error } = await ekyc(check({ retries: 0 }), items(), {
			settings: RETRY,
			executionId: execution(),
		});
		expect(error).toBeUndefined();
		expect(statuses('ekycpro')).toEqual([200, 200, 503, 200]);
		expect(out.map((item) => item.json.message)).toEqual([
			{ score: 0.9 },
			{ score: 0.9 },
			{ score: 0.9 },
		]);
		expect(out.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});

	test('a new execution sends again (nothing is kept across executions)', async () => {
		failThird({ status: 504 });
		await ekyc(check(), items(), { settings: RETRY, executionId: execution() });
		await ekyc(check(), items(), { settings: RETRY, executionId: execution() });
		expect(statuses('ekycpro')).toEqual([200, 200, 504, 200, 200, 504]);
	});

	test('an item whose input changed between tries is sent again', async () => {
		failThird({ status: 504 });
		// The first item's NIK is read anew on every try: A on the first, B on the later ones.
		let reads = 0;
		const changing = {
			get nik() {
				reads++;
				return reads === 1 ? NIK.a : '3201000000000021';
			},
		};
		await ekyc(check(), [{ json: changing }, { json: { nik: NIK.c } }], {
			settings: RETRY,
			executionId: execution(),
		});
		expect(reads).toBeGreaterThanOrEqual(3);
		// A on try 1; the changed NIK on try 2 (sent) and try 3 (kept from try 2); the 504 once.
		expect(statuses('ekycpro')).toEqual([200, 504, 200]);
	});

	test('Continue On Fail with the failing item first: n8n retries, and nothing is sent twice', async () => {
		failThird({ status: 504 });
		const reversed = items().reverse();
		const { items: out, error } = await ekyc(check(), reversed, {
			settings: RETRY,
			onError: 'continueRegularOutput',
			executionId: execution(),
		});
		expect(error).toBeUndefined();
		expect(statuses('ekycpro')).toEqual([504, 200, 200]);
		expect(out[0].json.error).toMatch(/^ekycpro HTTP 504/);
		expect(out.slice(1).map((item) => item.json.message)).toEqual([{ score: 0.9 }, { score: 0.9 }]);
	});

	test('reads (free, repeatable) are sent on every try', async () => {
		state.sandbox.injectFault({ vendor: 'ekycpro', path: '/v1/balance', status: 500, count: 100 });
		await ekyc({ resource: 'account', operation: 'getBalance', options: {} }, [{ json: {} }], {
			settings: RETRY,
			executionId: execution(),
		});
		expect(statuses('ekycpro')).toEqual([500, 500, 500]);
	});
});

describe('without Retry On Fail', () => {
	test('the failing node says how many earlier items were billed and how to keep their results', async () => {
		failThird({ status: 504 });
		const { error } = await ekyc(check(), items(), { executionId: execution() });
		expect(statuses('ekycpro')).toEqual([200, 200, 504]);
		expect(error.description).toMatch(
			/^Check the result at ekycpro before you run this item again\. 2 other items were already answered by the vendor and billed;.*"Continue \(using error output\)"/,
		);
		expect(error.description).not.toMatch(/earlier try/);
	});

	test('no note when no other item was billed', async () => {
		failThird({ status: 504 });
		const { error } = await ekyc(check(), [{ json: { nik: NIK.c } }], { executionId: execution() });
		expect(error.description).toBe('Check the result at ekycpro before you run this item again.');
	});

	test('one other billed item is counted as one', async () => {
		failThird({ status: 504 });
		const { error } = await ekyc(check(), items().slice(1), { executionId: execution() });
		expect(error.description).toMatch(
			/ 1 other item was already answered by the vendor and billed;/,
		);
	});
});

describe('vendors whose calls carry a fresh ID or time stamp', () => {
	test('WideKYC (a generated cust_ref_no per call): the successful item is not sent again', async () => {
		const run = await wide(
			{ resource: 'idCard', operation: 'recognize' },
			[
				imageItem({ data: images.jpeg() }),
				imageItem({ data: images.jpeg({ marker: scenarios.MARKERS.gatewayTimeout }) }),
			],
			{ settings: RETRY, executionId: execution() },
		);
		expect(run.error.message).toMatch(/^WideKYC HTTP 504/);
		expect(statuses('wideKyc')).toEqual([200, 504]);
	});

	test('WideKYC with a Customer Reference Number that differs per item still tells the items apart', async () => {
		const run = await wide(
			{
				resource: 'idCard',
				operation: 'recognize',
				custRefNo: '={{ $json.ref }}',
				options: { retries: 0 },
			},
			[
				imageItem({ data: images.jpeg() }, { ref: 'REF-1' }),
				imageItem(
					{ data: images.jpeg({ marker: scenarios.MARKERS.unavailable }) },
					{ ref: 'REF-2' },
				),
			],
			{ settings: RETRY, executionId: execution() },
		);
		expect(run.error.message).toMatch(/^WideKYC HTTP 503/);
		expect(statuses('wideKyc')).toEqual([200, 503, 503, 503]);
	});

	test('CLOVA multipart (a fresh requestId and timestamp in the message part): not sent again', async () => {
		state.sandbox.injectFault({
			vendor: 'clova',
			bodyIncludes: 'SANDBOX:second-item',
			status: 504,
			count: 100,
		});
		const run = await clova(
			{ resource: 'document', operation: 'creditCard', upload: 'multipart' },
			[
				imageItem({ data: images.jpeg() }),
				imageItem({ data: images.jpeg({ marker: 'second-item' }) }),
			],
			{ settings: RETRY, executionId: execution() },
		);
		expect(run.error.message).toMatch(/^CLOVA OCR .*so it was not sent again .*\[HTTP 504\]$/);
		expect(statuses('clova')).toEqual([200, 504]);
	});
});
