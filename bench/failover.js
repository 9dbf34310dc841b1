'use strict';

// Failover (issue 14): KYC (Any Vendor), Verify NIK, Iluma first and answering every call 503,
// WideKYC second; against the same node with only WideKYC picked, and with the circuit breaker off
// (Cool-Down 0). Run with the rest of `npm run bench`, or alone: `npm run bench -- --only failover`.
// Figures, not assertions.

const os = require('node:os');

const { REGISTERED_PERSON } = require('../test/sandbox/scenarios');
const { stat, brief, fixed, spread, percent } = require('./report');

const ITEMS = 1000;
const LATENCY_MS = 100;
const CONCURRENCY = 10;
const RETRIES = 1;
const TARGET_RATIO = 1.3;
/** Every Verify NIK call to Iluma; a count far above the calls a run makes. */
const FAULT = {
	vendor: 'iluma',
	path: '/v1/identity/ktp_name/validations',
	status: 503,
	count: 1_000_000,
};

/** Workflow keys (bench/workflows.js failoverVariants) and how the tables name them. */
const CASES = [
	['healthyOnly', 'WideKYC only'],
	['breaker', 'Iluma (503), then WideKYC; Cool-Down 30 s (default)'],
	['noBreaker', 'Iluma (503), then WideKYC; Cool-Down 0 (breaker off)'],
];

const seconds = (result) => (result.span ? result.span.ms / 1000 : NaN);
const answeredBy = (result, vendor) =>
	result.status === 'success' ? (result.answer?.vendors?.[vendor] ?? 0) : 0;

/** Runs each case `repeats` times, interleaved; returns the runs by case and the load around them. */
async function measureFailover({ sandbox, run, flows, repeats, log }) {
	const startedAt = new Date();
	const loadBefore = os.loadavg();
	// Warm-up: n8n's first run of a node type loads and compiles its code.
	await sandbox.prepare({ latencyMs: LATENCY_MS });
	const warm = await run(flows.breaker, 20, []);
	if (warm.status !== 'success') throw new Error(`warm-up failover: ${warm.error || warm.status}`);

	log(
		`failover: ${ITEMS} Verify NIK items, ${LATENCY_MS} ms latency, ${CONCURRENCY} at a time, Iluma 503 on every call`,
	);
	const runs = Object.fromEntries(CASES.map(([key]) => [key, []]));
	for (let index = 0; index < repeats; index++) {
		for (const [key] of CASES) {
			await sandbox.prepare({ latencyMs: LATENCY_MS });
			await sandbox.injectFault(FAULT);
			const result = await run(flows[key], ITEMS);
			const requests = await sandbox.requests();
			result.failingCalls = requests.filter((r) => r.vendor === 'iluma').length;
			result.failing503 = requests.filter((r) => r.vendor === 'iluma' && r.status === 503).length;
			result.healthyCalls = requests.filter((r) => r.vendor === 'wideKyc').length;
			log(
				`failover ${key} #${index + 1}: ${brief(result)}, Iluma ${result.failingCalls} calls, WideKYC ${result.healthyCalls} calls, ${JSON.stringify(result.answer?.vendors)}`,
			);
			runs[key].push(result);
		}
	}
	return { runs, startedAt, finishedAt: new Date(), loadBefore, loadAfter: os.loadavg() };
}

/**
 * The section for bench/RESULTS.md and the summary table for docs/development.md. `alone`: measured
 * by `--only failover`, so the section says when, on what load and at which commit.
 */
function failoverText(data, { machine: m, versions: v, alone, repeats }) {
	const { runs } = data;
	const median = (values) => stat(values).median;
	const time = (key) => median(runs[key].map(seconds));
	// The lowest run: completion must be whole in every run.
	const completion = (key) => stat(runs[key].map((r) => answeredBy(r, 'wideKyc') / ITEMS)).min;
	/** Items whose first attempt was Iluma answering busy (503 after the retry), not skipped. */
	const paidIluma = (key) =>
		median(
			runs[key].map((r) =>
				Object.entries(r.answer?.attempts ?? {})
					.filter(([line]) => line.startsWith('iluma busy'))
					.reduce((sum, [, count]) => sum + count, 0),
			),
		);
	const failingCalls = (key) => median(runs[key].map((r) => r.failingCalls));
	/** Each run ÷ the WideKYC-only run of the same repeat (run just before it, so on a like load). */
	const ratios = (key) =>
		runs[key].map((r, index) => seconds(r) / seconds(runs.healthyOnly[index]));
	const ratio = median(ratios('breaker'));
	const offRatio = median(ratios('noBreaker'));
	const met = (ok) => (ok ? 'yes' : '**no**');
	const loads = (values) => values.map((value) => value.toFixed(2)).join(', ');
	const limitS = (ITEMS * LATENCY_MS) / 1000 / CONCURRENCY;
	/** Iluma twice with the mean backoff between, then WideKYC. */
	const perItemS = (3 * LATENCY_MS + 375) / 1000;

	const summary = [
		`| measurement (${ITEMS} Verify NIK items, ${LATENCY_MS} ms latency, Concurrency ${CONCURRENCY}, Retries ${RETRIES}) | KYC (Any Vendor): Iluma answers every call 503, then WideKYC | the same node, only WideKYC picked | target | met |`,
		'|---|---|---|---|---|',
		`| completion (the lowest run) | breaker on: ${percent(completion('breaker'))} answered by WideKYC; off: ${percent(completion('noBreaker'))} | ${percent(completion('healthyOnly'))} | 100% | ${met(completion('breaker') === 1 && completion('noBreaker') === 1)} |`,
		`| time, circuit breaker on (Cool-Down 30 s, the default) | ${fixed(time('breaker'), 2)} s, ${fixed(failingCalls('breaker'), 0)} calls to Iluma | ${fixed(time('healthyOnly'), 2)} s | ≤ ${TARGET_RATIO}× (${fixed(ratio, 2)}×) | ${met(ratio <= TARGET_RATIO)} |`,
		`| time, circuit breaker off (Cool-Down 0) | ${fixed(time('noBreaker'), 2)} s, ${fixed(failingCalls('noBreaker'), 0)} calls to Iluma | ${fixed(time('healthyOnly'), 2)} s | (${fixed(offRatio, 2)}×) | |`,
	];

	const attemptLines = CASES.filter(([key]) => key !== 'healthyOnly').map(([key, label]) => {
		const each = runs[key].map(
			(r, index) =>
				`run ${index + 1}: ${Object.entries(r.answer?.attempts ?? {})
					.map(([line, count]) => `${count} × \`${line || 'none'}\``)
					.join(', ')}`,
		);
		return `- ${label}: ${each.join('; ')}`;
	});

	const minutes = (data.finishedAt - data.startedAt) / 60000;
	const section = [
		`Measured on ${data.finishedAt.toISOString()}${alone ? ' by `npm run bench -- --only failover` (this section only)' : ''}, ${fixed(minutes, 1)} min; load average (1, 5, 15 min) at the start ${loads(data.loadBefore)}, at the end ${loads(data.loadAfter)} (${m.cpu}, ${m.cores} cores); ${v.packageName} at commit ${v.commit}, n8n ${v.n8n}. ${repeats > 1 ? `Median of ${repeats} runs (cases interleaved), lowest and highest in brackets.` : 'One run of each case.'}`,
		'',
		`Step under test: **KYC (Any Vendor)**, Check Verify NIK, Mode Failover, Options Concurrency ${CONCURRENCY} and Retries ${RETRIES}, Continue On Fail on (a failed item comes out and is counted instead of stopping the run); every item NIK ${REGISTERED_PERSON.nik} with its registered name, no image (\`Webhook\` → \`Code\` → step → \`Code\`, no Read/Write Files). The sandbox answers after ${LATENCY_MS} ms, and every Iluma call to \`${FAULT.path}\` with HTTP 503 (a sandbox fault with a count of ${FAULT.count.toLocaleString('en')}, no \`Retry-After\`). Vendors Iluma then WideKYC with the default Cool-Down (30 s) and with Cool-Down 0 (the circuit breaker off), against the same node with only WideKYC picked. Step time as above (n8n’s run data of the step); calls are the sandbox’s request log. The ratios to WideKYC only are per repeat (each run ÷ the WideKYC-only run just before it, so a change in the machine’s load falls on both), then the median.`,
		'',
		...summary,
		'',
		`| run | step time (s) | ÷ WideKYC only, same repeat | items answered by WideKYC | calls to Iluma | of them answered 503 | calls to WideKYC | wall (s) |`,
		'|---|---|---|---|---|---|---|---|',
		...CASES.map(([key, label]) => {
			const list = runs[key];
			return `| ${label} | ${spread(list.map(seconds))} | ${spread(ratios(key))} | ${spread(
				list.map((r) => answeredBy(r, 'wideKyc')),
				0,
			)} | ${spread(
				list.map((r) => r.failingCalls),
				0,
			)} | ${spread(
				list.map((r) => r.failing503),
				0,
			)} | ${spread(
				list.map((r) => r.healthyCalls),
				0,
			)} | ${spread(list.map((r) => r.wallMs / 1000))} |`;
		}),
		'',
		'Items by their `attempts` (vendor and outcome, in order), each run:',
		'',
		...attemptLines,
		'',
		`Where the time goes: WideKYC alone is ${ITEMS} × ${LATENCY_MS} ms / ${CONCURRENCY} = ${fixed(limitS, 1)} s plus the node’s own time. An item that tries Iluma pays ${LATENCY_MS} ms, the backoff before its one retry (250–500 ms, nodes/shared/retry.ts), ${LATENCY_MS} ms again, then WideKYC’s ${LATENCY_MS} ms: about ${fixed(perItemS, 3)} s. With the breaker, ${fixed(paidIluma('breaker'), 0)} items (median) paid that and the others skipped Iluma (\`coolingDown\`)${time('breaker') < 30 ? '; the run is shorter than the cool-down, so Iluma was not tried again' : ''}. Without it every item pays that: about ${ITEMS} × ${fixed(perItemS, 3)} s / ${CONCURRENCY} = ${fixed((ITEMS * perItemS) / CONCURRENCY, 1)} s.`,
	];
	return { section: section.join('\n'), summary: summary.join('\n'), items: ITEMS };
}

module.exports = { measureFailover, failoverText, ITEMS };
