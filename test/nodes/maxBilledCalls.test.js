'use strict';
/**
 * Max Billed Calls (issue 24): a bound on a node's billed calls that an agent looping over tool
 * calls cannot pass. A call past it is refused before it is sent (nothing billed, no other vendor
 * tried), with a message a model can act on; a call that ends not billed gives its place back;
 * the Minute/Hour/Day windows count across executions of the same workflow and node, as the MCP
 * Server Trigger runs every tool call as an execution of its own. The sandbox's request log and
 * billing ledger are the proof of what was sent and billed.
 */
const { useSandbox, ekycRunner, ekycNikTool, anyVendorRunner, scenarios } = require('../helpers');
const { forgetBilledCalls } = require('../../nodes/shared/billedCallLimit');

const state = useSandbox();
const run = ekycRunner(state);
const runAny = anyVendorRunner(state);
const { NIKS } = scenarios;

afterEach(() => forgetBilledCalls());

const REFUSAL =
	/^Max Billed Calls \((\d+) per (execution|minute|hour|day)\) reached for this node: (\d+) billed calls (?:since (\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC)|in this execution); nothing was sent, nothing billed\. Ask a person to raise the limit in the node's options or (?:wait until (\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC)|run it in a new execution) \[not billed\]$/;

/** ekycpro's NIK check (billed per call) for each item's `nik`, with these options. */
const nikCheck = (options) => ({
	resource: 'identity',
	operation: 'check',
	nik: '={{ $json.nik }}',
	name: 'Budi Santoso',
	options,
});
const nikItems = (count, nik = NIKS.registered) =>
	Array.from({ length: count }, () => ({ json: { nik } }));
const continueOnFail = { onError: 'continueRegularOutput' };

const ekycSent = () =>
	state.sandbox.requests.filter((r) => r.vendor === 'ekycpro' && r.path.endsWith('/v1/ididcheck'));
const billedAt = (vendor) => state.sandbox.ledger.filter((e) => e.vendor === vendor && e.billed);
const refusals = (items) => items.filter((item) => REFUSAL.test(String(item.json.error ?? '')));

describe('Max Billed Calls', () => {
	test('at the limit: every call is sent and billed', async () => {
		const { items, error } = await run(
			nikCheck({ maxBilledCalls: 3, maxBilledCallsPer: 'hour' }),
			nikItems(3),
		);
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json.status)).toEqual(['OK', 'OK', 'OK']);
		expect(ekycSent()).toHaveLength(3);
		expect(billedAt('ekycpro')).toHaveLength(3);
	});

	test('past it: the call is refused before sending, with a message a model can act on', async () => {
		const { items, error } = await run(
			nikCheck({ maxBilledCalls: 3, maxBilledCallsPer: 'hour' }),
			nikItems(5),
			continueOnFail,
		);
		expect(error).toBeUndefined();
		expect(items.slice(0, 3).map((item) => item.json.status)).toEqual(['OK', 'OK', 'OK']);
		expect(refusals(items.slice(3))).toHaveLength(2);
		const [, max, per, count, since, until] = REFUSAL.exec(items[3].json.error);
		expect([max, per, count]).toEqual(['3', 'hour', '3']);
		expect(Date.parse(until) - Date.parse(since)).toBe(3_600_000);
		expect(Math.abs(Date.parse(since) - Date.now())).toBeLessThan(60_000);
		expect(ekycSent()).toHaveLength(3);
		expect(billedAt('ekycpro')).toHaveLength(3);
	});

	test('without Continue On Fail the refusal stops the node, said not billed', async () => {
		const { error } = await run(
			nikCheck({ maxBilledCalls: 1, maxBilledCallsPer: 'execution' }),
			nikItems(2),
		);
		expect(error.message).toMatch(REFUSAL);
		expect(error.message).toContain('(1 per execution)');
		expect(error.message).toContain('1 billed calls in this execution');
		expect(error.errorResponse).toMatchObject({ billed: false });
		expect(error.description).toMatch(
			/^The limit is your team’s \(this node’s Options → Max Billed Calls\)/,
		);
		expect(ekycSent()).toHaveLength(1);
	});

	test('with Concurrency above 1 no race lets an extra call through (limit 3, 10 items, 5 at once)', async () => {
		state.sandbox.configure({ latencyMs: 15 });
		for (let round = 0; round < 15; round++) {
			forgetBilledCalls();
			state.sandbox.reset();
			state.sandbox.configure({ latencyMs: 15 });
			const { items, error } = await run(
				nikCheck({ maxBilledCalls: 3, maxBilledCallsPer: 'hour', concurrency: 5 }),
				nikItems(10),
				{ ...continueOnFail, executionId: `race-${round}` },
			);
			expect(error).toBeUndefined();
			expect(items.filter((item) => item.json.status === 'OK')).toHaveLength(3);
			expect(refusals(items)).toHaveLength(7);
			expect(ekycSent()).toHaveLength(3);
			expect(billedAt('ekycpro')).toHaveLength(3);
		}
	});

	test('a call that ends not billed gives its place back', async () => {
		// RETRY_LATER with no retries left: ekycpro processed nothing, so nothing was billed.
		const items = [{ json: { nik: NIKS.retryLater } }, ...nikItems(2)];
		const { items: out, error } = await run(
			nikCheck({ maxBilledCalls: 2, maxBilledCallsPer: 'hour', retries: 0 }),
			items,
			continueOnFail,
		);
		expect(error).toBeUndefined();
		expect(out[0].json.error).toMatch(/RETRY_LATER/);
		expect(out[0].json.error).not.toMatch(REFUSAL);
		expect(out.slice(1).map((item) => item.json.status)).toEqual(['OK', 'OK']);
		expect(ekycSent()).toHaveLength(3);
		expect(billedAt('ekycpro')).toHaveLength(2);
	});

	test('free calls (a balance look-up) are never counted nor refused', async () => {
		const limit = { maxBilledCalls: 1, maxBilledCallsPer: 'hour' };
		await run(nikCheck(limit), nikItems(1));
		const { items, error } = await run(
			{ resource: 'account', operation: 'getBalance', options: limit },
			[{ json: {} }, { json: {} }],
		);
		expect(error).toBeUndefined();
		expect(items).toHaveLength(2);
	});

	test('Per Minute counts across executions of the same workflow and node: the second run is refused', async () => {
		const limit = { maxBilledCalls: 2, maxBilledCallsPer: 'minute' };
		const first = await run(nikCheck(limit), nikItems(2), { executionId: 'tool-call-1' });
		expect(first.error).toBeUndefined();
		const second = await run(nikCheck(limit), nikItems(1), { executionId: 'tool-call-2' });
		expect(second.error.message).toMatch(REFUSAL);
		expect(second.error.message).toContain('(2 per minute)');
		expect(ekycSent()).toHaveLength(2);
		expect(billedAt('ekycpro')).toHaveLength(2);
	});

	test('Per Minute: at the time the refusal names, calls go through again', async () => {
		// Only Date is faked (timers, the sandbox and n8n's engine run as ever), to move the clock a minute.
		jest.useFakeTimers({
			doNotFake: [
				'hrtime',
				'nextTick',
				'performance',
				'queueMicrotask',
				'setImmediate',
				'clearImmediate',
				'setInterval',
				'clearInterval',
				'setTimeout',
				'clearTimeout',
			],
		});
		try {
			const limit = { maxBilledCalls: 1, maxBilledCallsPer: 'minute' };
			const first = await run(nikCheck(limit), nikItems(2), {
				...continueOnFail,
				executionId: 'minute-1',
			});
			const until = REFUSAL.exec(first.items[1].json.error)[5];
			jest.setSystemTime(Date.parse(until) - 1000);
			const early = await run(nikCheck(limit), nikItems(1), { executionId: 'minute-2' });
			expect(early.error.message).toMatch(REFUSAL);
			jest.setSystemTime(Date.parse(until) + 1000);
			const later = await run(nikCheck(limit), nikItems(1), { executionId: 'minute-3' });
			expect(later.error).toBeUndefined();
			expect(ekycSent()).toHaveLength(2);
		} finally {
			jest.useRealTimers();
		}
	});

	test('Per Execution counts one execution: a new execution starts from zero', async () => {
		const limit = { maxBilledCalls: 2, maxBilledCallsPer: 'execution' };
		const first = await run(nikCheck(limit), nikItems(2), { executionId: 'agent-run-1' });
		expect(first.error).toBeUndefined();
		const again = await run(nikCheck(limit), nikItems(1), { executionId: 'agent-run-1' });
		expect(again.error.message).toMatch(REFUSAL);
		const next = await run(nikCheck(limit), nikItems(1), { executionId: 'agent-run-2' });
		expect(next.error).toBeUndefined();
		expect(ekycSent()).toHaveLength(3);
	});

	test('0 (the default) is no limit', async () => {
		const { items, error } = await run(nikCheck({ maxBilledCalls: 0 }), nikItems(4));
		expect(error).toBeUndefined();
		expect(items).toHaveLength(4);
		expect(ekycSent()).toHaveLength(4);
	});
});

describe('Max Billed Calls in KYC (Any Vendor)', () => {
	const verifyNik = (options, extra = {}) => ({
		check: 'verifyNik',
		nik: NIKS.registered,
		name: 'Budi Santoso',
		vendors: ['ekycPro', 'wideKyc'],
		options,
		...extra,
	});

	test('Failover: the refusal ends the item, no other vendor is tried', async () => {
		const { items, error } = await runAny(
			verifyNik({ maxBilledCalls: 1, maxBilledCallsPer: 'hour' }),
			[{ json: {} }, { json: {} }],
			continueOnFail,
		);
		expect(error).toBeUndefined();
		expect(items[0].json.vendor).toBe('ekycPro');
		expect(items[1].json.error).toMatch(REFUSAL);
		expect(items[1].json.attempts).toEqual([
			expect.objectContaining({ vendor: 'ekycPro', outcome: 'failed', billed: false }),
		]);
		expect(state.sandbox.requests.filter((r) => r.vendor === 'wideKyc')).toHaveLength(0);
		expect(state.sandbox.requests.filter((r) => r.vendor === 'ekycpro')).toHaveLength(1);
	});

	test('Cross-Check: a vendor refused by the limit fails the item, the answers that came are kept', async () => {
		const { items, error } = await runAny(
			verifyNik({ maxBilledCalls: 1, maxBilledCallsPer: 'hour' }, { mode: 'crossCheck' }),
			[{ json: {} }],
			continueOnFail,
		);
		expect(error).toBeUndefined();
		expect(items[0].json.error).toMatch(REFUSAL);
		const attempts = items[0].json.attempts;
		expect(attempts.filter((a) => a.outcome === 'answered')).toHaveLength(1);
		expect(attempts.filter((a) => a.billed === false)).toHaveLength(1);
		expect(billedAt('ekycpro').length + billedAt('wideKyc').length).toBe(1);
	});
});

describe('Max Billed Calls behind the MCP Server Trigger (a tool call runs before n8n creates its execution)', () => {
	/** One MCP client's tool call: n8n runs the tool in the client's request, with no execution id. */
	const mcpCall = (nik, options) => ekycNikTool(state, [{ nik }], { options, executionId: null });

	test('Per Execution: every tool call is an execution of its own, so each may bill up to the limit', async () => {
		const options = { maxBilledCalls: 1, maxBilledCallsPer: 'execution' };
		for (let call = 0; call < 3; call++) {
			const { outcomes } = await mcpCall(NIKS.registered, options);
			expect(outcomes[0].error).toBeUndefined();
		}
		expect(ekycSent()).toHaveLength(3);
		expect(billedAt('ekycpro')).toHaveLength(3);
	});

	test('Per Hour: the calls count together, and the one past the limit is refused with nothing sent', async () => {
		const options = { maxBilledCalls: 2, maxBilledCallsPer: 'hour' };
		const outcomes = [];
		for (let call = 0; call < 3; call++)
			outcomes.push(...(await mcpCall(NIKS.registered, options)).outcomes);
		expect(outcomes.slice(0, 2).map((outcome) => outcome.error)).toEqual([undefined, undefined]);
		expect(String(outcomes[2].error && outcomes[2].error.message)).toContain(
			'Max Billed Calls (2 per hour) reached for this node',
		);
		expect(ekycSent()).toHaveLength(2);
	});
});
