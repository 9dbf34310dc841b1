'use strict';
/**
 * The audit record's cost (issue 23): the throughput run (1000 ID-OCR items through our Iluma node,
 * 100 ms latency, Concurrency 10) with the Audit Record option on (the default) and off, in the
 * same n8n, interleaved (the order alternates, so a change in load or heap falls on both alike).
 * Step time as in the throughput table; n8n's peak RSS during the run (reset before each run).
 * Goal: under 3% of the time, under 5% of the peak memory. `npm run bench -- --only audit`.
 */
const { fixed, spread, stat } = require('./report');

const ITEMS = 1000;
const LATENCY_MS = 100;

/** Runs both variants `repeats` times: { on: [result], off: [result] }. */
async function measureAudit({ sandbox, n8n, run, flows, repeats, log }) {
	const cases = [
		['on', flows.ours10],
		['off', flows.ours10NoAudit],
	];
	await sandbox.prepare({ latencyMs: LATENCY_MS });
	for (const [, flow] of cases) await run(flow, ITEMS, []);
	const runs = { on: [], off: [] };
	for (let index = 0; index < repeats; index++) {
		const order = index % 2 ? [...cases].reverse() : cases;
		for (const [key, flow] of order) {
			await sandbox.prepare({ latencyMs: LATENCY_MS });
			const result = await run(flow, ITEMS, undefined, { memoryPid: n8n.pid });
			log(
				`audit ${key} #${index + 1}: ${result.status}, ${result.answer?.count ?? 0} items, step ${fixed(result.span?.ms / 1000, 2)} s, peak ${fixed(result.memory?.peak, 0)} MiB`,
			);
			runs[key].push(result);
		}
	}
	return runs;
}

const seconds = (result) =>
	result.span && result.status === 'success' ? result.span.ms / 1000 : NaN;
const peak = (result) => result.memory?.peak ?? NaN;
const rise = (result) => (result.memory ? result.memory.peak - result.memory.baseline : NaN);
const change = (on, off) => `${on >= off ? '+' : ''}${fixed(((on - off) / off) * 100, 1)}%`;

/** The section for bench/RESULTS.md and a one-line summary. */
function auditText(runs, { repeats }) {
	const time = { on: stat(runs.on.map(seconds)).median, off: stat(runs.off.map(seconds)).median };
	const memory = { on: stat(runs.on.map(peak)).median, off: stat(runs.off.map(peak)).median };
	const row = (label, results) =>
		`| ${label} | ${spread(results.map(seconds))} | ${spread(results.map(peak), 0)} | ${spread(results.map(rise), 0)} | ${results.filter((r) => r.status === 'success').length} of ${results.length} |`;
	const summary = `Audit Record on vs off, ${ITEMS} items: step time ${change(time.on, time.off)} (goal under +3%), peak RSS ${change(memory.on, memory.off)} (goal under +5%)`;
	const section = [
		`The throughput run above (${ITEMS} ID-OCR items, ${LATENCY_MS} ms latency, Concurrency 10) with the node's *Audit Record* option on (the default: every item carries its \`audit\` record) and off, ${repeats} times each, interleaved with the order alternating, in one n8n. Peak RSS is n8n's, reset before each run; its rise is over the RSS before the run.`,
		'',
		'| Audit Record | step time (s) | peak RSS of n8n (MiB) | rise during the run (MiB) | successful runs |',
		'|---|---|---|---|---|',
		row('on', runs.on),
		row('off', runs.off),
		'',
		`${summary}.`,
	].join('\n');
	return { section, summary };
}

module.exports = { measureAudit, auditText };
