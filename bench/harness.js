'use strict';

// What the in-n8n benchmarks need around a run: the vendor sandbox in its own process (its work does
// not share n8n's event loop, as a real vendor's does not), its control API, one webhook-started run
// timed from outside and from n8n's own run data, and the n8n process's peak memory.

const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const e2e = require('../test/e2e/n8n');

const root = path.resolve(__dirname, '..');

/** The sandbox as a child process: { url, baseUrls, keys, control(method, route, body), stop() }. */
function startSandboxProcess(latencyMs) {
	const child = spawn(
		process.execPath,
		[path.join(root, 'test/sandbox/cli.js'), '--port', '0', '--latency', String(latencyMs)],
		{ stdio: ['ignore', 'pipe', 'inherit'] },
	);
	return new Promise((resolve, reject) => {
		let output = '';
		child.once('exit', (code) => reject(new Error(`sandbox exited with ${code}`)));
		child.stdout.on('data', (chunk) => {
			output += chunk;
			const match = /listening on (http:\/\/[\d.:]+)/.exec(output);
			if (!match) return;
			child.stdout.removeAllListeners('data');
			child.stdout.resume();
			const url = match[1];
			const control = async (method, route, body) => {
				const response = await fetch(`${url}/__sandbox${route}`, {
					method,
					headers: body ? { 'content-type': 'application/json' } : {},
					body: body ? JSON.stringify(body) : undefined,
				});
				const answer = await response.json();
				if (!response.ok) throw new Error(`sandbox ${route}: ${JSON.stringify(answer)}`);
				return answer;
			};
			const iluma = require('../test/sandbox/vendors/iluma');
			const wideKyc = require('../test/sandbox/vendors/widekyc');
			resolve({
				url,
				baseUrls: { iluma: `${url}${iluma.prefix}`, wideKyc: `${url}${wideKyc.prefix}` },
				keys: { iluma: { ...iluma.credentials }, wideKyc: { ...wideKyc.credentials } },
				control,
				/** Back to the start settings, a clean request log, then `config` on top. */
				async prepare(config = {}, ilumaConfig) {
					await control('POST', '/reset');
					await control('POST', '/config', config);
					if (ilumaConfig) await control('POST', '/vendors/iluma/configure', ilumaConfig);
				},
				/** A fault as test/sandbox's injectFault takes it (no function bodies over HTTP). */
				injectFault: (fault) => control('POST', '/faults', fault),
				requests: async () => (await control('GET', '/requests')).requests,
				stop: () => child.kill('SIGTERM'),
			});
		});
	});
}

/** VmRSS and VmHWM (peak RSS) of a process, in MiB. */
function memoryOf(pid) {
	const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
	const read = (key) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)[1]) / 1024;
	return { rss: read('VmRSS'), peak: read('VmHWM') };
}

/** Resets the peak RSS to the current RSS (Linux ≥ 4.0, proc(5) clear_refs "5"). */
function resetPeak(pid) {
	fs.writeFileSync(`/proc/${pid}/clear_refs`, '5');
}

/** First start to last end of a node's runs (loops run a node many times), and its output items. */
function nodeSpan(runData, name) {
	const runs = runData[name] || [];
	if (!runs.length) return undefined;
	const start = Math.min(...runs.map((run) => run.startTime));
	const end = Math.max(...runs.map((run) => run.startTime + run.executionTime));
	const items = runs.reduce((sum, run) => sum + (run.data?.main?.[0]?.length ?? 0), 0);
	return { start, end, items, runs: runs.length };
}

/**
 * Starts one run through the workflow's webhook and waits for its answer. Returns the outside wall
 * time, the webhook answer, the execution's status and times, and the named nodes' combined span.
 */
async function runOnce({ n8n, rest, workflow, count, spanNodes, memoryPid }) {
	if (memoryPid) resetPeak(memoryPid);
	const before = memoryPid ? memoryOf(memoryPid) : undefined;
	const started = Date.now();
	const response = await fetch(`${n8n.url}/webhook/${workflow.id}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ count }),
		signal: AbortSignal.timeout(600_000),
	});
	const text = await response.text();
	const wallMs = Date.now() - started;
	const after = memoryPid ? memoryOf(memoryPid) : undefined;
	let answer;
	try {
		answer = JSON.parse(text);
	} catch {
		answer = { text: text.slice(0, 300) };
	}
	// The execution is saved just after the answer; wait for it to be there and finished.
	let run;
	for (let tries = 0; tries < 100; tries++) {
		run = await e2e.lastExecution(rest, workflow.id);
		if (run && run.status !== 'running' && run.status !== 'new' && run.stoppedAt) break;
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
	const spans = spanNodes.map((name) => nodeSpan(run.runData ?? {}, name)).filter(Boolean);
	const span = spans.length
		? {
				ms: Math.max(...spans.map((s) => s.end)) - Math.min(...spans.map((s) => s.start)),
				items: spans[spans.length - 1].items,
			}
		: undefined;
	return {
		httpStatus: response.status,
		wallMs,
		answer,
		status: run.status,
		executionMs: Date.parse(run.stoppedAt) - Date.parse(run.startedAt),
		error: run.error?.message,
		span,
		memory: memoryPid ? { baseline: before.rss, peak: after.peak } : undefined,
	};
}

/**
 * Publishes imported workflows through the REST API of the running n8n: one CLI start per workflow
 * (publish:workflow) would cost about 10 s each. Activation takes effect asynchronously, so it polls.
 */
async function publish(rest, workflowIds) {
	for (const id of workflowIds) {
		const { versionId } = (await rest.get(`/rest/workflows/${id}`)).data;
		await rest.post(`/rest/workflows/${id}/activate`, { versionId });
	}
	for (const id of workflowIds) {
		for (let tries = 0; ; tries++) {
			const { active } = (await rest.get(`/rest/workflows/${id}`)).data;
			if (active) break;
			if (tries > 150) throw new Error(`workflow ${id} did not become active`);
			await new Promise((resolve) => setTimeout(resolve, 200));
		}
	}
}

module.exports = { startSandboxProcess, memoryOf, resetPeak, runOnce, publish };
