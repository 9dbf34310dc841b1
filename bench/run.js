'use strict';
/**
 * `npm run bench`: our Iluma node against n8n's HTTP Request node configured by hand for the same
 * call, side by side in the same real n8n 2.41.1 (test/e2e/n8n.js) against the same vendor sandbox
 * (its own process), and the node's own time per item in process (bench/overhead.js). Writes
 * bench/RESULTS.md and the summary tables between the bench markers in docs/development.md. Also KYC
 * (Any Vendor)'s failover (bench/failover.js), which `npm run bench -- --only failover` runs alone,
 * rewriting only its section and table. Figures, not assertions. BENCH_REPEATS (default 3) sets the
 * repeats of each measurement.
 */
const { execFileSync, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
if (!require('../package.json').n8n.nodes.every((file) => fs.existsSync(path.join(root, file)))) {
	spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
}

const e2e = require('../test/e2e/n8n');
const images = require('../test/fixtures/images');
const { measureOverhead } = require('./overhead');
const { startSandboxProcess, runOnce, publish } = require('./harness');
const { REGISTERED_PERSON } = require('../test/sandbox/scenarios');
const { credentials, variants, failoverVariants, UNDER_TEST, OCR_PATH } = require('./workflows');
const { measureFailover, failoverText } = require('./failover');
const { measureBurst, burstText } = require('./burst');
const { measureAudit, measureAuditInProcess, auditText } = require('./audit');
const report = require('./report');

const REPEATS = Number(process.env.BENCH_REPEATS || 3);
const LATENCY_MS = 100;
const CONCURRENCY = 10;
const THROUGHPUT_ITEMS = 1000;
const RATE = { limit: 20, windowMs: 1000 };
const RATE_ITEMS = 1000;
const MEMORY_ITEMS = [300, 100];
const BIG_IMAGE_BYTES = 1.5 * 1024 * 1024;
const ASYNC_JOBS = 20;
const COMPLETE_AFTER_MS = 2000;

const log = (line) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}`);

/** Most requests the sandbox had in flight: arrivals within one latency of each other. */
function maxInFlight(requests, latencyMs) {
	const times = requests.map((r) => r.at).sort((a, b) => a - b);
	let most = 0;
	for (let end = 0, start = 0; end < times.length; end++) {
		while (times[end] - times[start] >= latencyMs) start++;
		most = Math.max(most, end - start + 1);
	}
	return most;
}

const ocrCalls = (requests) =>
	requests.filter((r) => r.vendor === 'iluma' && r.path.startsWith(`/iluma${OCR_PATH}`));

async function repeat(label, times, measure) {
	const results = [];
	for (let index = 0; index < times; index++) {
		const result = await measure();
		log(`${label} #${index + 1}: ${JSON.stringify(result)}`);
		results.push(result);
	}
	return results;
}

function versions(installFolder) {
	const pkg = require('../package.json');
	const n8nVersion = require(path.join(installFolder, 'node_modules/n8n/package.json')).version;
	const nodeForN8n = execFileSync(e2e.binaries(installFolder).node, ['--version'], {
		encoding: 'utf8',
	}).trim();
	const git = (...args) => execFileSync('git', args, { cwd: root, encoding: 'utf8' }).trim();
	const dirty = git('status', '--porcelain', '--untracked-files=no')
		? ' (with uncommitted changes)'
		: '';
	return {
		n8n: n8nVersion,
		nodeForN8n,
		nodeForBench: process.version,
		packageName: pkg.name,
		packageVersion: pkg.version,
		commit: `${git('rev-parse', '--short', 'HEAD')}${dirty}`,
	};
}

function machine() {
	const cpus = os.cpus();
	return {
		cpu: cpus[0].model,
		cores: cpus.length,
		ramGiB: Math.round(os.totalmem() / 2 ** 30),
		os: `${os.type()} ${os.release()}`,
		load: os.loadavg().map((value) => value.toFixed(2)),
	};
}

/** Our Iluma node against the HTTP Request node: throughput, rate limit, memory, asynchronous results. */
async function oursVsHttp({ sandbox, n8n, run, flows }) {
	// Warm-up: n8n's first run of each node type loads and compiles code.
	await sandbox.prepare({ latencyMs: LATENCY_MS });
	for (const flow of [flows.ours10, flows.httpLoop10, flows.httpPaced10]) {
		const warm = await run(flow, 20, []);
		if (warm.status !== 'success')
			throw new Error(`warm-up ${flow.id}: ${warm.error || warm.status}`);
	}

	log(`throughput: ${THROUGHPUT_ITEMS} items, ${LATENCY_MS} ms latency, ${CONCURRENCY} at a time`);
	const throughputCases = [
		['ours', flows.ours10, [UNDER_TEST]],
		['httpLoop', flows.httpLoop10, ['Loop', UNDER_TEST]],
		['httpPaced', flows.httpPaced10, [UNDER_TEST]],
		['httpBatch0', flows.httpBatch10, [UNDER_TEST]],
	];
	const throughput = Object.fromEntries(throughputCases.map(([key]) => [key, []]));
	for (let index = 0; index < REPEATS; index++) {
		// Interleaved, so a change in the machine's load falls on every variant alike.
		for (const [key, flow, spanNodes] of throughputCases) {
			await sandbox.prepare({ latencyMs: LATENCY_MS });
			const result = await run(flow, THROUGHPUT_ITEMS, spanNodes);
			const requests = ocrCalls(await sandbox.requests());
			result.calls = requests.length;
			result.ok = requests.filter((r) => r.status === 200).length;
			result.inFlight = maxInFlight(requests, LATENCY_MS);
			log(`throughput ${key} #${index + 1}: ${report.brief(result)}`);
			throughput[key].push(result);
		}
	}

	log(`rate limit: ${RATE.limit} requests/s, ${RATE_ITEMS} items`);
	const rateRun = async (flow) => {
		await sandbox.prepare({ latencyMs: LATENCY_MS, rateLimit: RATE });
		const result = await run(flow, RATE_ITEMS);
		const requests = ocrCalls(await sandbox.requests());
		result.calls = requests.length;
		result.ok = requests.filter((r) => r.status === 200).length;
		result.refused = requests.filter((r) => r.status === 429).length;
		return result;
	};
	const rate = {
		ours: await repeat('rate ours', REPEATS, () => rateRun(flows.ours10)),
		httpDefaults: await repeat('rate http defaults', REPEATS, () => rateRun(flows.httpDefaults)),
		httpTuned: await repeat('rate http tuned', 1, () => rateRun(flows.httpRateTuned)),
	};

	log('memory: 1.5 MB images, filesystem binary mode');
	const memoryCases = [
		['ours300', flows.oursBig, MEMORY_ITEMS[0], [UNDER_TEST]],
		['ours100', flows.oursBig, MEMORY_ITEMS[1], [UNDER_TEST]],
		['httpLoop300', flows.httpLoopBig, MEMORY_ITEMS[0], ['Loop', UNDER_TEST]],
	];
	const memory = Object.fromEntries(memoryCases.map(([key]) => [key, []]));
	// One n8n process for all runs, so its heap carries over from run to run: the order rotates,
	// each variant once after each other, after one unmeasured run of each.
	for (const [, flow, count] of memoryCases) await run(flow, count, []);
	for (let index = 0; index < REPEATS; index++) {
		const order = memoryCases.map((_, at) => memoryCases[(at + index) % memoryCases.length]);
		for (const [key, flow, count, spanNodes] of order) {
			await sandbox.prepare({ latencyMs: LATENCY_MS });
			const result = await run(flow, count, spanNodes, { memoryPid: n8n.pid });
			log(`memory ${key} #${index + 1}: ${report.brief(result)}`);
			memory[key].push(result);
		}
	}

	log(`asynchronous results: ${ASYNC_JOBS} jobs done ${COMPLETE_AFTER_MS / 1000} s after creation`);
	const asyncCases = [
		['ours', flows.oursWait, [UNDER_TEST]],
		['loop1', flows.waitLoop1, [UNDER_TEST, 'Wait', 'Get result', 'Pending?']],
		['loop5', flows.waitLoop5, [UNDER_TEST, 'Wait', 'Get result', 'Pending?']],
	];
	const asyncResults = Object.fromEntries(asyncCases.map(([key]) => [key, []]));
	for (let index = 0; index < REPEATS; index++) {
		for (const [key, flow, spanNodes] of asyncCases) {
			await sandbox.prepare({ latencyMs: LATENCY_MS }, { completeAfterMs: COMPLETE_AFTER_MS });
			const result = await run(flow, ASYNC_JOBS, spanNodes);
			const requests = ocrCalls(await sandbox.requests());
			result.creates = requests.filter((r) => r.method === 'POST').length;
			result.reads = requests.filter((r) => r.method === 'GET').length;
			log(`async ${key} #${index + 1}: ${report.brief(result)}`);
			asyncResults[key].push(result);
		}
	}
	return { throughput, rate, memory, asyncResults };
}

/**
 * `--only failover` or `--only burst` runs that benchmark alone (`--only burst --regular` without
 * its queue-mode run); `--only rate` runs only the rate-limit measurement of our node and prints it
 * (for comparing two commits; nothing is written); `--only audit` the audit record's cost alone
 * (rewriting its section). Without arguments everything runs.
 */
function selected(args) {
	if (args.length === 0) return { only: undefined };
	const [flag, name, ...rest] = args;
	const known = ['failover', 'burst', 'rate', 'audit'];
	const extra =
		rest.length === 0 || (name === 'burst' && ['--regular', '--queue'].includes(rest[0]));
	if (flag === '--only' && known.includes(name) && extra && rest.length <= 1)
		return {
			only: name,
			queue: !rest.includes('--regular'),
			regularMode: !rest.includes('--queue'),
		};
	throw new Error(
		`unknown arguments ${args.join(' ')}: npm run bench [-- --only failover|burst [--regular]|rate|audit] (the other benchmarks run together)`,
	);
}

/** Our node alone against the 20 requests/s limit, 1000 items: `--only rate`. */
async function rateOnly({ sandbox, run, flows }) {
	await sandbox.prepare({ latencyMs: LATENCY_MS });
	await run(flows.ours10, 20, []);
	const results = await repeat('rate ours', REPEATS, async () => {
		await sandbox.prepare({ latencyMs: LATENCY_MS, rateLimit: RATE });
		const result = await run(flows.ours10, RATE_ITEMS);
		const requests = ocrCalls(await sandbox.requests());
		result.calls = requests.length;
		result.ok = requests.filter((r) => r.status === 200).length;
		result.refused = requests.filter((r) => r.status === 429).length;
		return result;
	});
	for (const r of results)
		console.log(
			`rate limit 20/s, ${RATE_ITEMS} items: ${r.status}, ${r.answer?.count ?? 0} items, step ${report.fixed(r.span?.ms / 1000, 2)} s, calls ${r.calls} (200: ${r.ok}, 429: ${r.refused})`,
		);
}

async function main() {
	const { only, queue, regularMode } = selected(process.argv.slice(2));
	const startedAt = new Date();
	const loadBefore = os.loadavg()[0];
	let overheadRows;
	if (!only) {
		log('node overhead, in process');
		overheadRows = await measureOverhead();
	}
	let auditInProcess;
	if (!only || only === 'audit') {
		log('audit record, in process');
		auditInProcess = await measureAuditInProcess({ repeats: Math.max(REPEATS, 5), log });
	}

	const work = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-nodes-kyc-bench-'));
	const files = path.join(work, 'files');
	fs.mkdirSync(files);
	const imagePath = path.join(files, 'ktp.jpg');
	const bigImagePath = path.join(files, 'ktp-1.5mb.jpg');
	fs.writeFileSync(imagePath, images.jpeg({ padTo: 50 * 1024 }));
	fs.writeFileSync(bigImagePath, images.jpeg({ padTo: BIG_IMAGE_BYTES }));

	const sandbox = await startSandboxProcess(LATENCY_MS);
	const flows =
		only && only !== 'rate' && only !== 'audit'
			? {}
			: variants({ ilumaUrl: sandbox.baseUrls.iluma, imagePath, bigImagePath });
	const failoverFlows = only && only !== 'failover' ? {} : failoverVariants(REGISTERED_PERSON);
	const allFlows = [...Object.values(flows), ...Object.values(failoverFlows)];
	let n8n;
	try {
		const installFolder = e2e.installN8n();
		if (only === 'burst') {
			// Each burst case starts its own n8n.
			const burstRuns = await measureBurst({
				...{ sandbox, installFolder, work, imagePath, log },
				...{ queue, regularMode },
			});
			const about = { machine: machine(), versions: versions(installFolder), repeats: 1 };
			const burst = burstText(burstRuns, about);
			const resultsFile = path.join(__dirname, 'RESULTS.md');
			// `--queue` alone: its own block after the regular-mode one, and queue-mode.md's table.
			if (regularMode) {
				report.updateBurstSection(resultsFile, burst);
				report.updateReadme(path.join(root, 'README.md'), { burst: `  ${burst.summary}` });
			} else {
				report.updateBurstSection(resultsFile, burst, 'burstqueue');
			}
			if (queue)
				report.updateReadme(path.join(root, 'docs', 'queue-mode.md'), { burstqueue: burst.table });
			console.log(burst.section);
			return;
		}
		log('starting n8n');
		n8n = await e2e.startN8n({
			userFolder: path.join(work, 'n8n'),
			installFolder,
			credentials: credentials(sandbox),
			workflows: allFlows,
			publish: false,
			env: {
				N8N_DEFAULT_BINARY_DATA_MODE: 'filesystem',
				N8N_RESTRICT_FILE_ACCESS_TO: files,
			},
		});
		const rest = await e2e.setupOwner(n8n.url);
		await publish(
			rest,
			allFlows.map((flow) => flow.id),
		);
		const run = (workflow, count, spanNodes = [UNDER_TEST], extra = {}) =>
			runOnce({ n8n, rest, workflow, count, spanNodes, ...extra });

		if (only === 'rate') {
			await rateOnly({ sandbox, run, flows });
			return;
		}
		const measureAuditCost = async () => {
			log(`audit record: Audit Record on vs off, ${THROUGHPUT_ITEMS} items`);
			return await measureAudit({ sandbox, n8n, run, flows, repeats: REPEATS, log });
		};
		if (only === 'audit') {
			const runs = await measureAuditCost();
			const about = { machine: machine(), versions: versions(installFolder), repeats: REPEATS };
			const audit = auditText(runs, { ...about, alone: true }, auditInProcess);
			report.updateAuditSection(path.join(__dirname, 'RESULTS.md'), audit);
			console.log(audit.section);
			return;
		}
		const measured = only ? undefined : await oursVsHttp({ sandbox, n8n, run, flows });
		const auditRuns = only ? undefined : await measureAuditCost();
		const failoverRuns =
			only === 'burst'
				? undefined
				: await measureFailover({ sandbox, run, flows: failoverFlows, repeats: REPEATS, log });
		// The burst cases start n8n afresh each (a vendor account's pace lives as long as its process).
		await n8n.stop();
		n8n = undefined;
		const burstRuns = only
			? undefined
			: await measureBurst({ sandbox, installFolder, work, imagePath, log, queue });

		const finishedAt = new Date();
		const about = { machine: machine(), versions: versions(installFolder), repeats: REPEATS };
		const resultsFile = path.join(__dirname, 'RESULTS.md');
		const readme = path.join(root, 'docs', 'development.md');
		if (burstRuns) {
			const burst = burstText(burstRuns, about);
			report.updateReadme(path.join(root, 'README.md'), { burst: `  ${burst.summary}` });
			report.updateReadme(path.join(root, 'docs', 'queue-mode.md'), { burstqueue: burst.table });
		}
		const failover = failoverText(failoverRuns, { ...about, alone: Boolean(only) });
		if (only) {
			report.updateFailoverSection(resultsFile, failover);
			report.updateReadme(readme, { failover: failover.summary });
			console.log(failover.section);
		} else {
			const text = report.results({
				startedAt,
				finishedAt,
				loadBefore,
				machine: about.machine,
				versions: about.versions,
				settings: {
					LATENCY_MS,
					CONCURRENCY,
					THROUGHPUT_ITEMS,
					RATE,
					RATE_ITEMS,
					MEMORY_ITEMS,
					BIG_IMAGE_BYTES,
					ASYNC_JOBS,
					COMPLETE_AFTER_MS,
					REPEATS,
				},
				overheadRows,
				...measured,
				failover,
			});
			fs.writeFileSync(resultsFile, text.results);
			if (burstRuns) report.updateBurstSection(resultsFile, burstText(burstRuns, about));
			if (auditRuns)
				report.updateAuditSection(resultsFile, auditText(auditRuns, about, auditInProcess));
			report.updateReadme(readme, { summary: text.summary, failover: failover.summary });
			console.log(text.results);
		}
		log(`done in ${Math.round((finishedAt - startedAt) / 1000)} s`);
	} finally {
		if (n8n) await n8n.stop();
		sandbox.stop();
		fs.rmSync(work, { recursive: true, force: true });
	}
}

main().catch((error) => {
	console.error(error);
	if (error.logTail) console.error(error.logTail);
	process.exit(1);
});
