'use strict';
/**
 * The audit record's cost (issue 23): the throughput run (1000 ID-OCR items through our Iluma node,
 * 100 ms latency, Concurrency 10) with the Audit Record option on (the default) and off, in the
 * same n8n, interleaved (the order alternates, so a change in load or heap falls on both alike).
 * Step time as in the throughput table; n8n's peak RSS during the run (reset before each run).
 * Goal: under 3% of the time, under 5% of the peak memory. `npm run bench -- --only audit`.
 * Also in process, where nothing hides the node's own work: 1000 ekycpro Identity → Check items at
 * no latency through n8n-core's engine (test/harness), on vs off, and the output's size.
 */
const { performance } = require('perf_hooks');

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

/** In process: { on: [{ ms, bytes }], off: [...] } for 1000 Identity → Check items at no latency. */
async function measureAuditInProcess({ repeats, log }) {
	const { runNode } = require('../test/harness/n8n');
	const { takeRuns } = require('../test/invariants/runs');
	const { startSandbox, scenarios } = require('../test/sandbox');
	const { EkycPro } = require('../dist/nodes/EkycPro/EkycPro.node');
	const { EkycProApi } = require('../dist/credentials/EkycProApi.credentials');
	const sandbox = await startSandbox();
	try {
		const credentials = {
			ekycProApi: { apiKey: scenarios.EKYCPRO_API_KEY, baseUrl: sandbox.baseUrls.ekycpro },
		};
		const items = Array.from({ length: ITEMS }, (_, index) => ({
			json: { nik: `3201${String(100000000000 + index)}` },
		}));
		const once = async (auditRecord, count = ITEMS) => {
			sandbox.reset();
			const cpu = process.cpuUsage();
			const start = performance.now();
			const { items: out, error } = await runNode({
				nodeClass: EkycPro,
				credentialClasses: [EkycProApi],
				credentials,
				parameters: {
					resource: 'identity',
					operation: 'check',
					nik: '={{ $json.nik }}',
					name: 'BUDI SANTOSO',
					options: { auditRecord },
				},
				items: items.slice(0, count),
			});
			const ms = performance.now() - start;
			const used = process.cpuUsage(cpu);
			const cpuMs = (used.user + used.system) / 1000;
			takeRuns(); // the harness keeps every run for the jest invariants; nothing reads them here
			if (error || out.length !== count) throw new Error(`in process: ${error?.message}`);
			return {
				ms,
				cpuMs,
				bytes: Buffer.byteLength(JSON.stringify(out.map((item) => item.json))),
			};
		};
		await once(true, 50);
		await once(false, 50);
		const runs = { on: [], off: [] };
		for (let index = 0; index < repeats; index++) {
			for (const on of index % 2 ? [false, true] : [true, false]) {
				const result = await once(on);
				log(`audit in process ${on ? 'on' : 'off'} #${index + 1}: ${fixed(result.ms, 0)} ms`);
				runs[on ? 'on' : 'off'].push(result);
			}
		}
		return runs;
	} finally {
		await sandbox.close();
	}
}

const seconds = (result) =>
	result.span && result.status === 'success' ? result.span.ms / 1000 : NaN;
const peak = (result) => result.memory?.peak ?? NaN;
const rise = (result) => (result.memory ? result.memory.peak - result.memory.baseline : NaN);
const change = (on, off) => `${on >= off ? '+' : ''}${fixed(((on - off) / off) * 100, 1)}%`;

/** The section for bench/RESULTS.md and a one-line summary. */
function auditText(runs, { machine: m, versions: v, repeats, alone }, inProcess) {
	const time = { on: stat(runs.on.map(seconds)).median, off: stat(runs.off.map(seconds)).median };
	const memory = { on: stat(runs.on.map(peak)).median, off: stat(runs.off.map(peak)).median };
	const row = (label, results) =>
		`| ${label} | ${spread(results.map(seconds))} | ${spread(results.map(peak), 0)} | ${spread(results.map(rise), 0)} | ${results.filter((r) => r.status === 'success').length} of ${results.length} |`;
	const summary = `Audit Record on vs off, ${ITEMS} items: step time ${change(time.on, time.off)} (goal under +3%), peak RSS ${change(memory.on, memory.off)} (goal under +5%)`;
	const section = [
		`Measured on ${new Date().toISOString()}${alone ? ' by `npm run bench -- --only audit` (this section only)' : ''}; load average (1, 5, 15 min) at the end ${m.load.join(', ')} (${m.cpu}, ${m.cores} cores); ${v.packageName} at commit ${v.commit}, n8n ${v.n8n}. Median of the runs, lowest and highest in brackets.`,
		'',
		`The throughput run above (${ITEMS} ID-OCR items, ${LATENCY_MS} ms latency, Concurrency 10) with the node's *Audit Record* option on (the default: every item carries its \`audit\` record) and off, ${repeats} times each, interleaved with the order alternating, in one n8n. Peak RSS is n8n's, reset before each run; its rise is over the RSS before the run.`,
		'',
		'| Audit Record | step time (s) | peak RSS of n8n (MiB) | rise during the run (MiB) | successful runs |',
		'|---|---|---|---|---|',
		row('on', runs.on),
		row('off', runs.off),
		'',
		`${summary}.`,
		...(inProcess ? ['', ...inProcessText(inProcess)] : []),
	].join('\n');
	return { section, summary };
}

function inProcessText(runs) {
	const median = (key, field) => stat(runs[key].map((r) => r[field])).median;
	const perItem = (key, field) =>
		spread(
			runs[key].map((r) => r[field] / ITEMS),
			3,
		);
	const row = (label, key) =>
		`| ${label} | ${perItem(key, 'cpuMs')} | ${perItem(key, 'ms')} | ${fixed(median(key, 'bytes') / ITEMS, 0)} |`;
	const added = (median('on', 'bytes') - median('off', 'bytes')) / ITEMS;
	return [
		`In process, where no vendor latency hides the node's own work: ${ITEMS} ekycpro Identity → Check items (NIK and name, no image), the sandbox in the same process answering at once, Concurrency 1, through n8n-core's engine (test/harness), ${runs.on.length} times each, interleaved. CPU time is the process's (node, engine and sandbox): other load on the machine disturbs it less than the run time.`,
		'',
		'| Audit Record | CPU ms per item | run time ms per item | output json per item (bytes) |',
		'|---|---|---|---|',
		row('on', 'on'),
		row('off', 'off'),
		'',
		`In process: CPU time ${change(median('on', 'cpuMs'), median('off', 'cpuMs'))}, run time ${change(median('on', 'ms'), median('off', 'ms'))}; the record adds ${fixed(added, 0)} bytes of json per item (${change(median('on', 'bytes'), median('off', 'bytes'))} of this output).`,
	];
}

module.exports = { measureAudit, measureAuditInProcess, auditText };
