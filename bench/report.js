'use strict';

// Turns the benchmark's measurements into bench/RESULTS.md and the summary table in docs/development.md.

const fs = require('node:fs');

/** A block that `npm run bench` rewrites, between these markers (e.g. `summary`, `failover`). */
const markers = (name) => [
	`<!-- bench:${name}:start (written by npm run bench) -->`,
	`<!-- bench:${name}:end -->`,
];
const block = (name, text) => [markers(name)[0], text, markers(name)[1]].join('\n');
const failoverHeading = (items) =>
	`## Failover: ${items.toLocaleString('en')} Verify NIK items, the first vendor answering every call 503`;

function stat(values) {
	const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
	if (!sorted.length) return { median: NaN, min: NaN, max: NaN };
	const middle = Math.floor(sorted.length / 2);
	const median = sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
	return { median, min: sorted[0], max: sorted[sorted.length - 1] };
}

const fixed = (value, digits) => (Number.isFinite(value) ? value.toFixed(digits) : '–');
/** "median (min–max)" when repeated, else the one value. */
function spread(values, digits = 2) {
	const { median, min, max } = stat(values);
	return values.length > 1
		? `${fixed(median, digits)} (${fixed(min, digits)}–${fixed(max, digits)})`
		: fixed(median, digits);
}
const percent = (value) => `${fixed(value * 100, 0)}%`;
const seconds = (result) => (result.span ? result.span.ms / 1000 : NaN);
const itemsOut = (result) => (result.status === 'success' ? (result.answer?.count ?? 0) : 0);

function brief(result) {
	const parts = [
		result.status,
		`${itemsOut(result)} items`,
		`step ${fixed(seconds(result), 2)} s`,
		`wall ${fixed(result.wallMs / 1000, 2)} s`,
	];
	if (result.calls !== undefined) parts.push(`${result.calls} calls, ${result.ok} ok`);
	if (result.inFlight !== undefined) parts.push(`≤${result.inFlight} in flight`);
	if (result.reads !== undefined) parts.push(`${result.creates} creates, ${result.reads} reads`);
	if (result.memory)
		parts.push(
			`RSS ${fixed(result.memory.baseline, 0)} → peak ${fixed(result.memory.peak, 0)} MiB`,
		);
	if (result.error) parts.push(`error: ${String(result.error).slice(0, 120)}`);
	return parts.join(', ');
}

function results(data) {
	const { settings: s, throughput, rate, memory, asyncResults: asyncs } = data;
	const limitS = (s.THROUGHPUT_ITEMS * s.LATENCY_MS) / 1000 / s.CONCURRENCY;
	const minRateS = s.RATE_ITEMS / s.RATE.limit;
	const rateOf = (runs) => runs.map((r) => itemsOut(r) / seconds(r));
	const median = (values) => stat(values).median;

	const oursRate = median(rateOf(throughput.ours));
	const httpRate = median(rateOf(throughput.httpLoop));
	const oursShare = limitS / median(throughput.ours.map(seconds));
	const completed = (runs) => median(runs.map((r) => itemsOut(r) / s.RATE_ITEMS));
	const oursRateTime = median(rate.ours.map(seconds));
	const peak = (runs) => median(runs.map((r) => r.memory.peak));
	const rise = (runs) => median(runs.map((r) => r.memory.peak - r.memory.baseline));
	const memRatio = peak(memory.ours300) / peak(memory.httpLoop300);
	const growth = peak(memory.ours300) - peak(memory.ours100);
	const windowMiB = (s.CONCURRENCY * s.BIG_IMAGE_BYTES * 3) / 2 ** 20;
	const perJob = (runs) => median(runs.map((r) => r.reads / s.ASYNC_JOBS));
	const asyncTime = (runs) => median(runs.map(seconds));
	const met = (ok) => (ok ? 'yes' : '**no**');

	const summary = [
		'| measurement | ours (Iluma node) | HTTP Request node | target | met |',
		'|---|---|---|---|---|',
		`| throughput, ${s.THROUGHPUT_ITEMS} ID-OCR items, ${s.LATENCY_MS} ms latency, ${s.CONCURRENCY} at a time | ${fixed(oursRate, 1)} items/s, ${percent(oursShare)} of the physical limit | ${fixed(httpRate, 1)} items/s (Loop Over Items, 10) | ours/HTTP ≥ 1.0 (${fixed(oursRate / httpRate, 2)}); ≥ 90% of the limit | ${met(oursRate / httpRate >= 1 && oursShare >= 0.9)} |`,
		`| rate limit ${s.RATE.limit}/s (429 + Retry-After), ${s.RATE_ITEMS} items | ${percent(completed(rate.ours))} completed in ${fixed(oursRateTime, 1)} s | defaults: ${percent(completed(rate.httpDefaults))} (the node fails on the first 429) | 100% in ≤ ${fixed(minRateS * 1.2, 0)} s | ${met(completed(rate.ours) === 1 && oursRateTime <= minRateS * 1.2)} |`,
		`| peak RSS of n8n, ${s.MEMORY_ITEMS[0]} items × 1.5 MB, filesystem mode | ${fixed(peak(memory.ours300), 0)} MiB | ${fixed(peak(memory.httpLoop300), 0)} MiB | ours/HTTP ≤ 1.0 (${fixed(memRatio, 2)}) | ${met(memRatio <= 1)} |`,
		`| memory growth, ${s.MEMORY_ITEMS[0]} vs ${s.MEMORY_ITEMS[1]} items | peak ${fixed(peak(memory.ours300), 0)} vs ${fixed(peak(memory.ours100), 0)} MiB (rise over the RSS before the run: ${fixed(rise(memory.ours300), 0)} vs ${fixed(rise(memory.ours100), 0)} MiB) | HTTP Request, ${s.MEMORY_ITEMS[0]}: rise ${fixed(rise(memory.httpLoop300), 0)} MiB | peak grows by less than the ${s.CONCURRENCY}-image window (${fixed(windowMiB, 0)} MiB: ${s.CONCURRENCY} images in flight, 3 copies each) | ${met(growth <= windowMiB)} |`,
		`| asynchronous result, ${s.ASYNC_JOBS} jobs done after ${s.COMPLETE_AFTER_MS / 1000} s | Wait for Result: ${fixed(asyncTime(asyncs.ours), 1)} s, ${fixed(perJob(asyncs.ours), 1)} Get calls per job | Wait 1 s loop: ${fixed(asyncTime(asyncs.loop1), 1)} s, ${fixed(perJob(asyncs.loop1), 1)} Gets; Wait 5 s loop: ${fixed(asyncTime(asyncs.loop5), 1)} s, ${fixed(perJob(asyncs.loop5), 1)} Gets | | |`,
	];

	const m = data.machine;
	const v = data.versions;
	const minutes = (data.finishedAt - data.startedAt) / 60000;
	const lines = [
		'# Benchmark results',
		'',
		`Written by \`npm run bench\` on ${data.finishedAt.toISOString()}; the whole run took ${fixed(minutes, 1)} min.`,
		'',
		`- Machine: ${m.cpu}, ${m.cores} cores, ${m.ramGiB} GiB RAM, ${m.os}; load average (1, 5, 15 min) at the end: ${m.load.join(', ')}, at the start: ${fixed(data.loadBefore, 2)}`,
		`- n8n ${v.n8n} on Node.js ${v.nodeForN8n} (regular mode, SQLite, \`N8N_DEFAULT_BINARY_DATA_MODE=filesystem\`); ${v.packageName} ${v.packageVersion} at commit ${v.commit}, built \`dist/\` loaded as an installed community package; the benchmark driver and the sandbox on Node.js ${v.nodeForBench}`,
		`- Every figure is the median of ${s.REPEATS} runs with the lowest and highest in brackets (variants interleaved, so load changes fall on all of them alike), unless a row says otherwise. A figure on a busy machine is slower, never faster, than on a quiet one.`,
		'',
		'## Summary',
		'',
		...summary,
		'',
		'KYC (Any Vendor)’s failover has its own table, in its section below.',
		'',
		'## How it runs',
		'',
		'One n8n 2.41.1 (test/e2e/n8n.js `startN8n`) with every benchmark workflow, and one vendor sandbox (test/sandbox, in its own process, so its work does not share n8n’s event loop). Each run is started through the workflow’s webhook (`responseMode: lastNode`) and every workflow has the same frame:',
		'',
		'`Webhook` → `Code` (makes N items) → `Read/Write Files from Disk` (reads the JPEG once per item: binary data the way users get it, stored by n8n in filesystem mode) → **step under test** → `Code` (counts the items by status and answers the webhook).',
		'',
		`Every step under test sends the same request for each item: Iluma ID Card OCR, \`POST /v1/identity/id_card_images\`, multipart \`type=indonesia_ktp\` + \`image\` (the item’s binary), Basic auth with the API key as user name. The sandbox answers after ${s.LATENCY_MS} ms. **Step time** is taken from n8n’s own execution data: from the first start to the last end of the step’s node runs (a loop runs its nodes many times), so making and reading the items is left out; **wall** is the webhook call timed from outside, everything included.`,
		'',
		'### The HTTP Request node’s settings',
		'',
		'HTTP Request v4.5 (the newest in n8n 2.41.1), Method POST, URL `<sandbox>/iluma/v1/identity/id_card_images`, Authentication: Generic Credential Type → Basic Auth (a Basic Auth credential with the Iluma key as user and an empty password: the same `Authorization` header our credential sends), Send Body on, Body Content Type Form-Data, parameters `type` = `indonesia_ktp` (Form Data) and `image` = binary field `data` (n8n Binary File). No other options, except:',
		'',
		'- **Loop Over Items, 10** (the baseline for “same concurrency”): a `Loop Over Items` node with Batch Size 10 in front of the HTTP Request node, its loop output back into it. This is n8n’s own way to hold a step to 10 items at a time: each batch of 10 is sent together and the next starts when the slowest has answered.',
		'- **Batching 10 / 100 ms**: the HTTP Request’s own Batching option, Items per Batch 10, Batch Interval 100 ms.',
		'- **Batching 10 / 0 ms**: Items per Batch 10, Batch Interval 0.',
		'- **defaults** (rate-limit test): no Batching, no Retry On Fail.',
		`- **tuned for the limit** (rate-limit test): Batching ${s.RATE.limit} items per 1,000 ms and the node setting Retry On Fail on (Max Tries 3, Wait Between Tries 1,000 ms): what a user who knows the vendor’s limit would set.`,
		'',
		'Why Loop Over Items and not “Batching, Batch Interval 0” for the same concurrency: in n8n 2.41.1 the HTTP Request node (V3/HttpRequestV3.node.js) starts every item’s request in one loop and awaits them all together at the end (`Promise.allSettled`); Batching only inserts a sleep of Batch Interval between batches and is skipped when the interval is 0. So Items per Batch 10 with interval 0 sends all items at once (the “most in flight” column shows it), and with an interval it paces the starts without bounding how many are in flight. Our Concurrency option is a sliding window: at most N calls in flight, the next item starts as soon as one answers.',
		'',
		`## Throughput: ${s.THROUGHPUT_ITEMS} items, ${s.LATENCY_MS} ms latency`,
		'',
		`Physical limit at ${s.CONCURRENCY} in flight: ${s.THROUGHPUT_ITEMS} × ${s.LATENCY_MS} ms / ${s.CONCURRENCY} = ${fixed(limitS, 1)} s (${fixed(s.THROUGHPUT_ITEMS / limitS, 0)} items/s). Target: ours/HTTP ≥ 1.0 and ours ≥ 90% of the limit. Image: 50 KB JPEG.`,
		'',
		'| step under test | step time (s) | items/s | share of the 10-in-flight limit | ours ÷ this | most calls in flight at the sandbox | wall (s) |',
		'|---|---|---|---|---|---|---|',
		...[
			['ours', `Iluma node, Concurrency ${s.CONCURRENCY}`],
			['httpLoop', 'HTTP Request, Loop Over Items 10'],
			['httpPaced', 'HTTP Request, Batching 10 / 100 ms'],
			['httpBatch0', 'HTTP Request, Batching 10 / 0 ms'],
		].map(([key, label]) => {
			const runs = throughput[key];
			const itemsPerS = rateOf(runs);
			return `| ${label} | ${spread(runs.map(seconds))} | ${spread(itemsPerS, 1)} | ${percent(limitS / median(runs.map(seconds)))} | ${fixed(oursRate / median(itemsPerS), 2)} | ${spread(
				runs.map((r) => r.inFlight),
				0,
			)} | ${spread(runs.map((r) => r.wallMs / 1000))} |`;
		}),
		'',
		'Runs with a failed execution or missing items count as 0 items/s. The two Batching rows are not the same concurrency (see above); they show what the HTTP Request node’s own option does.',
		'',
		`## Rate limit: ${s.RATE.limit} requests/s, ${s.RATE_ITEMS} items`,
		'',
		`The sandbox admits ${s.RATE.limit} requests in any ${s.RATE.windowMs} ms and answers the rest 429 with \`Retry-After\` (seconds until a slot frees, at least 1). Minimum time: ${s.RATE_ITEMS} / ${s.RATE.limit} per s = ${fixed(minRateS, 0)} s; target: ours 100% in ≤ 1.2 × that = ${fixed(minRateS * 1.2, 0)} s. Latency ${s.LATENCY_MS} ms; ours with Concurrency ${s.CONCURRENCY} and its default Retries (3).`,
		'',
		'| step under test | runs | completed items (share) | execution | step time (s) | calls answered 200 / 429 |',
		'|---|---|---|---|---|---|',
		...[
			['ours', `Iluma node, Concurrency ${s.CONCURRENCY}, defaults otherwise`],
			['httpDefaults', 'HTTP Request, defaults'],
			[
				'httpTuned',
				`HTTP Request, tuned for the limit (Batching ${s.RATE.limit} / 1,000 ms, Retry On Fail 3 × 1 s)`,
			],
		].map(([key, label]) => {
			const runs = rate[key];
			const statuses = [...new Set(runs.map((r) => r.status))].join(', ');
			return `| ${label} | ${runs.length} | ${spread(runs.map(itemsOut), 0)} (${percent(completed(runs))}) | ${statuses} | ${spread(runs.map(seconds))} | ${spread(
				runs.map((r) => r.ok),
				0,
			)} / ${spread(
				runs.map((r) => r.refused),
				0,
			)} |`;
		}),
		'',
		...(rate.httpDefaults[0]?.error
			? [
					`The HTTP Request node with its defaults stops the execution: “${String(rate.httpDefaults[0].error).slice(0, 160)}”; the webhook gets an error, no item comes out.`,
					'',
				]
			: []),
		`## Memory: ${s.MEMORY_ITEMS.join(' and ')} items with a 1.5 MB image each`,
		'',
		`n8n in filesystem binary mode; ${s.LATENCY_MS} ms latency; ours with Concurrency ${s.CONCURRENCY}, the HTTP Request node in Loop Over Items of 10 (the same number of images in flight). Peak RSS is the n8n main process’s \`VmHWM\` from \`/proc/<pid>/status\`, reset to the current RSS before every run by writing \`5\` to \`/proc/<pid>/clear_refs\` (one n8n process for all runs: after one unmeasured run of each variant, the order rotates from repeat to repeat, so each variant runs once after each other). “Rise” is the peak minus the RSS just before the run: what the run itself added. The Code nodes run in n8n’s task runner, a separate process that is not counted; the Read/Write Files node and the execution’s saving are counted, and are the same for both.`,
		'',
		'| step under test | items | RSS before (MiB) | peak RSS (MiB) | rise (MiB) | step time (s) |',
		'|---|---|---|---|---|---|',
		...[
			['ours300', `Iluma node, Concurrency ${s.CONCURRENCY}`, s.MEMORY_ITEMS[0]],
			['ours100', `Iluma node, Concurrency ${s.CONCURRENCY}`, s.MEMORY_ITEMS[1]],
			['httpLoop300', 'HTTP Request, Loop Over Items 10', s.MEMORY_ITEMS[0]],
		].map(([key, label, count]) => {
			const runs = memory[key];
			return `| ${label} | ${count} | ${spread(
				runs.map((r) => r.memory.baseline),
				0,
			)} | ${spread(
				runs.map((r) => r.memory.peak),
				0,
			)} | ${spread(
				runs.map((r) => r.memory.peak - r.memory.baseline),
				0,
			)} | ${spread(runs.map(seconds))} |`;
		}),
		'',
		`## Asynchronous results: ${s.ASYNC_JOBS} ID-OCR jobs the sandbox completes ${s.COMPLETE_AFTER_MS / 1000} s after creating them`,
		'',
		`Ours: the Iluma node with Wait for Result on (Concurrency ${s.ASYNC_JOBS}, so all jobs wait side by side as in the loop). The loop a user builds: HTTP Request create (as above, no Batching) → Wait n s → HTTP Request GET \`…/id_card_images/{{ $json.id }}\` → IF \`status\` = PENDING → back to Wait, else on. Time to result = step time from the first create to the last read that saw COMPLETED; the least possible is ${s.LATENCY_MS} ms + ${s.COMPLETE_AFTER_MS / 1000} s + ${s.LATENCY_MS} ms = ${fixed((s.COMPLETE_AFTER_MS + 2 * s.LATENCY_MS) / 1000, 1)} s.`,
		'',
		'| approach | time to result (s) | creates | Get calls per job | wall (s) |',
		'|---|---|---|---|---|',
		...[
			['ours', 'Iluma node, Wait for Result'],
			['loop1', 'HTTP Request + Wait 1 s loop'],
			['loop5', 'HTTP Request + Wait 5 s loop'],
		].map(([key, label]) => {
			const runs = asyncs[key];
			return `| ${label} | ${spread(runs.map(seconds))} | ${spread(
				runs.map((r) => r.creates),
				0,
			)} | ${spread(
				runs.map((r) => r.reads / s.ASYNC_JOBS),
				1,
			)} | ${spread(runs.map((r) => r.wallMs / 1000))} |`;
		}),
		'',
		'Wait for Result reads after 0.5 s, 0.75 s, 1.1 s, … (× 1.5, at most 5 s apart, until its Wait Time-Out): early reads for quick jobs, few for slow ones, and no loop to build.',
		'',
		failoverHeading(data.failover.items),
		'',
		block('failover', data.failover.section),
		'',
		'## Node overhead per item (in process)',
		'',
		'1,000 items through n8n-core’s execution engine in this process (test/harness, no server), sandbox in process with zero latency, Concurrency 1. Own time = the operation’s time minus the HTTP round trip inside it (reading and checking the image, base64, building the request, judging and mapping the answer); the item loop’s share (options, output items) is a mean over the run. Target: median and p95 ≤ 1 ms.',
		'',
		'| operation | median (ms) | p95 (ms) | item loop, mean (ms) | whole run (s) |',
		'|---|---|---|---|---|',
		...data.overheadRows.map(
			(row) =>
				`| ${row.name} | ${row.median.toFixed(3)} | ${row.p95.toFixed(3)} | ${row.loopMean.toFixed(3)} | ${(row.wall / 1000).toFixed(2)} |`,
		),
		'',
	];
	return { results: lines.join('\n'), summary: summary.join('\n') };
}

/** `text` with the block `name` replaced by `content`; undefined when `text` has no such block. */
function replaceBlock(text, name, content) {
	const [startMarker, endMarker] = markers(name);
	const start = text.indexOf(startMarker);
	const end = text.indexOf(endMarker);
	if (start < 0 || end < start) return undefined;
	return `${text.slice(0, start)}${block(name, content)}${text.slice(end + endMarker.length)}`;
}

/** Replaces each block of `blocks` ({ name: content }) in `file`; nothing else is touched. */
function updateReadme(file, blocks) {
	let text = fs.readFileSync(file, 'utf8');
	for (const [name, content] of Object.entries(blocks)) {
		const next = replaceBlock(text, name, content);
		if (next === undefined) console.warn(`${file} has no bench:${name} markers; not updated`);
		else text = next;
	}
	fs.writeFileSync(file, text);
}

/**
 * Writes the failover section alone into bench/RESULTS.md (`--only failover`): in place of its
 * block, or, in a file written before the section existed, before the overhead section.
 */
function updateFailoverSection(file, failover) {
	const text = fs.readFileSync(file, 'utf8');
	let next = replaceBlock(text, 'failover', failover.section);
	if (next === undefined) {
		const added = `${failoverHeading(failover.items)}\n\n${block('failover', failover.section)}\n\n`;
		const at = text.indexOf('## Node overhead per item');
		next = at < 0 ? `${text}\n${added}` : `${text.slice(0, at)}${added}${text.slice(at)}`;
	}
	fs.writeFileSync(file, next);
}

const burstHeading = '## Bursts: N single-item executions at once against a 20 requests/s limit';

/**
 * Writes the burst section into bench/RESULTS.md (`--only burst`, or the whole run): in place of
 * its block, or, in a file written before the section existed, before the overhead section.
 */
function updateBurstSection(file, burst, name = 'burst') {
	const text = fs.readFileSync(file, 'utf8');
	let next = replaceBlock(text, name, burst.section);
	if (next === undefined) {
		const heading = name === 'burst' ? burstHeading : '### Bursts in queue mode';
		const added = `${heading}\n\n${block(name, burst.section)}\n\n`;
		const at = text.indexOf('## Node overhead per item');
		next = at < 0 ? `${text}\n${added}` : `${text.slice(0, at)}${added}${text.slice(at)}`;
	}
	fs.writeFileSync(file, next);
}

/**
 * Writes the audit record's cost into bench/RESULTS.md (`--only audit`, or the whole run): in place
 * of its block, or before the rate-limit section (after the throughput run it measures again).
 */
function updateAuditSection(file, audit) {
	const text = fs.readFileSync(file, 'utf8');
	let next = replaceBlock(text, 'audit', audit.section);
	if (next === undefined) {
		const added = `## Audit record: its cost on the 1000-item run\n\n${block('audit', audit.section)}\n\n`;
		const at = text.indexOf('## Rate limit');
		next = at < 0 ? `${text}\n${added}` : `${text.slice(0, at)}${added}${text.slice(at)}`;
	}
	fs.writeFileSync(file, next);
}

module.exports = {
	updateAuditSection,
	updateBurstSection,
	brief,
	results,
	updateReadme,
	updateFailoverSection,
	stat,
	fixed,
	spread,
	percent,
};
