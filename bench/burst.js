'use strict';

// Bursts (issue 25): N single-item executions started at once through a webhook, against the
// sandbox's rate limit (20 requests/s, 429 + Retry-After beyond it). Each case runs in a fresh n8n
// (a vendor account's pace lives as long as its process), regular mode with and without the
// credential's Requests per Second, and queue mode with two workers. Reports the share answered,
// the time to the last answer against the physical minimum (N ÷ rate) and the vendor calls against
// N. Run with the rest of `npm run bench`, or alone: `npm run bench -- --only burst`
// (`-- --only burst --regular` leaves the queue-mode run out). Figures, not assertions.

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const e2e = require('../test/e2e/n8n');
const { workflow, burstStep, credentials, OCR_PATH } = require('./workflows');
const { publish } = require('./harness');
const { fixed, percent } = require('./report');

const RATE = { limit: 20, windowMs: 1000 };
const LATENCY_MS = 100;
const SIZES = [100, 300];
const TARGET_TIME = 1.3;
const TARGET_CALLS = 1.1;

/** The same burst with no vendor limit: how long n8n itself takes to run N executions at once here. */
const BASELINE = 'baseline: regular mode, no vendor rate limit (n8n alone)';

const FLOW_IDS = { learn: 'bench-burst-learn', rps: 'bench-burst-rps', split: 'bench-burst-split' };

/** One workflow per credential: learn only, Requests per Second = the limit, = the limit ÷ 2. */
function burstFlows(imagePath) {
	return {
		learn: workflow({ id: FLOW_IDS.learn, imagePath, steps: [burstStep('learn')] }),
		rps: workflow({ id: FLOW_IDS.rps, imagePath, steps: [burstStep('rps')] }),
		split: workflow({ id: FLOW_IDS.split, imagePath, steps: [burstStep('split')] }),
	};
}

/** N webhook calls at once, each one item; what each answered and when. */
async function fire(url, count) {
	const started = Date.now();
	const one = async () => {
		try {
			const response = await fetch(url, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ count: 1 }),
				signal: AbortSignal.timeout(600_000),
			});
			const answer = await response.json().catch(() => ({}));
			const statuses = answer.statuses || {};
			const ok = response.ok && answer.count === 1 && !statuses.error && !statuses.none;
			return { ok, ms: Date.now() - started, status: response.status, answer };
		} catch (error) {
			return { ok: false, ms: Date.now() - started, error: String(error.message).slice(0, 100) };
		}
	};
	return await Promise.all(Array.from({ length: count }, one));
}

async function measureCase({ sandbox, url, count, log, label, limited = true }) {
	await sandbox.prepare({ latencyMs: LATENCY_MS, ...(limited ? { rateLimit: RATE } : {}) });
	const answers = await fire(url, count);
	const requests = (await sandbox.requests()).filter(
		(r) => r.vendor === 'iluma' && r.path.startsWith(`/iluma${OCR_PATH}`),
	);
	const answered = answers.filter((a) => a.ok).length;
	const result = {
		label,
		count,
		answered,
		lastS: Math.max(...answers.map((a) => a.ms)) / 1000,
		minimumS: count / RATE.limit,
		calls: requests.length,
		refused: requests.filter((r) => r.status === 429).length,
		failures: answers.filter((a) => !a.ok).map((a) => a.error || a.status),
	};
	log(
		`burst ${label}, N=${count}: ${answered}/${count} answered, last ${fixed(result.lastS, 2)} s, ${result.calls} calls (${result.refused} × 429)`,
	);
	return result;
}

/** A fresh n8n in regular mode for one case: the pace starts unknown, as after a restart. */
async function regularCase({
	sandbox,
	installFolder,
	work,
	flows,
	key,
	count,
	log,
	label,
	limited,
}) {
	const userFolder = fs.mkdtempSync(path.join(work, 'burst-'));
	const n8n = await e2e.startN8n({
		userFolder,
		installFolder,
		credentials: credentials(sandbox),
		workflows: Object.values(flows),
		publish: false,
		env: {
			N8N_RESTRICT_FILE_ACCESS_TO: path.dirname(flows.learn.nodes[2].parameters.fileSelector),
		},
	});
	try {
		const rest = await e2e.setupOwner(n8n.url);
		await publish(rest, [FLOW_IDS[key]]);
		const url = `${n8n.url}/webhook/${FLOW_IDS[key]}`;
		await e2e.waitForWebhook(url);
		// Warm-up without a rate limit: n8n's first run of a node type loads its code (no 429, so
		// nothing is learned).
		await sandbox.prepare({ latencyMs: LATENCY_MS });
		await fire(url, 2);
		return await measureCase({ sandbox, url, count, log, label, limited });
	} finally {
		await n8n.stop();
		fs.rmSync(userFolder, { recursive: true, force: true });
	}
}

/** Queue mode: main, Redis, PostgreSQL and two workers (as `npm run test:queue` starts them). */
async function queueCases({ sandbox, installFolder, flows, log, cases }) {
	const { startRedis, startPostgres } = require('../test/queue/services');
	const { queueEnv, startWorker } = require('../test/queue/cluster');
	// Not inside `work` (0700): as root, PostgreSQL runs as `postgres` and must reach its folder.
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-nodes-kyc-burst-queue-'));
	fs.chmodSync(dir, 0o711);
	const services = [];
	const workers = [];
	let main;
	const results = [];
	try {
		const redis = await startRedis({ dir: path.join(dir, 'redis'), port: await e2e.freePort() });
		services.push(redis);
		const postgres = await startPostgres({
			dir: path.join(dir, 'postgres'),
			port: await e2e.freePort(),
		});
		services.push(postgres);
		const shared = queueEnv({ redis, postgres });
		const mainPort = await e2e.freePort();
		const imageDir = path.dirname(flows.learn.nodes[2].parameters.fileSelector);
		main = await e2e.startN8n({
			installFolder,
			userFolder: path.join(dir, 'main'),
			port: mainPort,
			credentials: credentials(sandbox),
			workflows: Object.values(flows),
			publish: false,
			env: { ...shared, N8N_RESTRICT_FILE_ACCESS_TO: imageDir },
		});
		for (const name of ['worker-1', 'worker-2']) {
			workers.push(
				await startWorker({
					installFolder,
					dir,
					shared: { ...shared, N8N_RESTRICT_FILE_ACCESS_TO: imageDir },
					mainPort,
					name,
				}),
			);
		}
		const rest = await e2e.setupOwner(main.url);
		for (const [key, count, label] of cases) {
			await publish(rest, [FLOW_IDS[key]]);
			const url = `${main.url}/webhook/${FLOW_IDS[key]}`;
			await e2e.waitForWebhook(url);
			await sandbox.prepare({ latencyMs: LATENCY_MS });
			await fire(url, 4);
			results.push(await measureCase({ sandbox, url, count, log, label }));
		}
	} finally {
		for (const worker of workers) await worker.stop();
		if (main) await main.stop();
		for (const service of services.reverse()) await service.stop();
		fs.rmSync(dir, { recursive: true, force: true });
	}
	return results;
}

async function measureBurst({
	sandbox,
	installFolder,
	work,
	imagePath,
	log,
	queue = true,
	regularMode = true,
}) {
	const startedAt = new Date();
	const loadBefore = os.loadavg();
	const flows = burstFlows(imagePath);
	const regular = [];
	const regularCases = [
		['learn', BASELINE, false],
		['learn', 'regular mode, Requests per Second empty (learned from 429s)', true],
		['rps', 'regular mode, Requests per Second 20', true],
	];
	for (const [key, label, limited] of regularMode ? regularCases : []) {
		for (const count of SIZES) {
			const settings = { sandbox, installFolder, work, flows, key, count, log, label, limited };
			regular.push(await regularCase(settings));
		}
	}
	let queued = [];
	let queueError;
	if (queue) {
		try {
			queued = await queueCases({
				sandbox,
				installFolder,
				work,
				flows,
				log,
				cases: [
					...SIZES.map((count) => [
						'split',
						count,
						'queue mode, 2 workers, Requests per Second 10 on each (20 ÷ 2)',
					]),
					...SIZES.map((count) => [
						'learn',
						count,
						'queue mode, 2 workers, Requests per Second empty (each learns from 429s)',
					]),
					[
						'rps',
						Math.max(...SIZES),
						'queue mode, 2 workers, Requests per Second 20 on each (not split)',
					],
				],
			});
		} catch (error) {
			queueError = String(error.message || error).split('\n')[0];
			log(`burst queue mode: not measured: ${queueError}`);
		}
	}
	return {
		runs: [...regular, ...queued],
		queueError,
		startedAt,
		finishedAt: new Date(),
		loadBefore,
		loadAfter: os.loadavg(),
	};
}

/** The section for bench/RESULTS.md, the line for the README and the table for docs/queue-mode.md. */
function burstText(data, { machine: m, versions: v }) {
	const met = (ok) => (ok ? 'yes' : '**no**');
	const loads = (values) => values.map((value) => value.toFixed(2)).join(', ');
	const rows = data.runs.map((r) => {
		if (r.label === BASELINE)
			return `| ${r.label} | ${r.count} | ${percent(r.answered / r.count)} (${r.answered}) | ${fixed(r.lastS, 2)} s | – | ${r.calls} | |`;
		const share = r.answered / r.count;
		const timeRatio = r.lastS / r.minimumS;
		const callRatio = r.calls / r.count;
		const paced = !/empty/.test(r.label);
		const ok = share === 1 && timeRatio <= TARGET_TIME && (!paced || callRatio < TARGET_CALLS);
		return `| ${r.label} | ${r.count} | ${percent(share)} (${r.answered}) | ${fixed(r.lastS, 2)} s | ${fixed(r.minimumS, 1)} s (${fixed(timeRatio, 2)}×) | ${r.calls} (${fixed(callRatio, 2)}× N, ${r.refused} × 429) | ${met(ok)} |`;
	});
	const table = [
		`| burst: N single-item executions at once, vendor limit ${RATE.limit} requests/s (429 + Retry-After), ${LATENCY_MS} ms latency | N | answered | last answer | physical minimum N ÷ rate | vendor calls | target met |`,
		'|---|---|---|---|---|---|---|',
		...rows,
	];
	const minutes = (data.finishedAt - data.startedAt) / 60000;
	const section = [
		`Measured on ${data.finishedAt.toISOString()}, ${fixed(minutes, 1)} min; load average (1, 5, 15 min) at the start ${loads(data.loadBefore)}, at the end ${loads(data.loadAfter)} (${m.cpu}, ${m.cores} cores); ${v.packageName} at commit ${v.commit}, n8n ${v.n8n}. One run of each case, each in a fresh n8n (a vendor account's pace lives as long as its process).`,
		'',
		`Each execution: \`Webhook\` → \`Code\` (one item) → \`Read/Write Files from Disk\` (a 50 KB JPEG) → **Iluma ID Card OCR** (Wait for Result off, default options: Rate-Limit Wait 120 s) → \`Code\` (answers the webhook). N webhook calls are sent at once; an applicant is answered when its call returns the item without an error. The sandbox admits ${RATE.limit} requests in any ${RATE.windowMs} ms and answers the others 429 with \`Retry-After\` (seconds until a slot frees, at least 1). Target (issue 25): 100% answered, the last answer within ${TARGET_TIME}× N ÷ rate, and with Requests per Second set fewer than ${TARGET_CALLS} × N vendor calls. The time includes n8n starting N executions at once on ${m.cores} cores: the baseline rows are the same burst with no vendor limit, the time n8n itself needs for N executions here, which no pacing can beat.`,
		'',
		...table,
		...(data.queueError ? ['', `Queue mode was not measured: ${data.queueError}`] : []),
	];
	const last = data.runs.filter((r) => r.count === Math.max(...SIZES) && r.label !== BASELINE);
	const baseline = data.runs.find((r) => r.label === BASELINE && r.count === Math.max(...SIZES));
	const alone = baseline
		? `; n8n alone, without a vendor limit: the last after ${fixed(baseline.lastS, 1)} s`
		: '';
	const summary = `${last
		.map(
			(r) =>
				`${r.label}: ${percent(r.answered / r.count)} of ${r.count} answered, the last after ${fixed(r.lastS, 1)} s (${fixed(r.lastS / r.minimumS, 2)}× N ÷ rate), ${r.calls} vendor calls`,
		)
		.join('; ')}${alone}`;
	return { section: section.join('\n'), table: table.join('\n'), summary };
}

module.exports = { measureBurst, burstText, burstFlows };
