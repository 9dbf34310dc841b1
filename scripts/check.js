'use strict';

// `npm run check` (what CI runs, .ci/run): every test stage, then one summary table (each stage's
// passed/failed counts and wall time) and a closing "N passed, N failed" line over all stages.
// Build and lint failing stop it (everything else needs them); after that every stage runs even
// when an earlier one failed, so one run shows all that is red. Exits non-zero when anything failed.
//
// The console shows one progress line per stage ending in its result; everything the stages print
// (npm's warnings, n8n's install, every check's line, spinner codes) goes to the log file the
// summary names (~/.cache/n8n-nodes-kyc/check.log). A stage that fails also shows its failed checks
// and the last lines of its output on the console, so that a red CI log says why.

const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { countsOf } = require('../test/testRun');
const { progressLine } = require('./progress');

const ROOT = path.resolve(__dirname, '..');
const CACHE = process.env.KYC_N8N_CACHE || path.join(os.homedir(), '.cache', 'n8n-nodes-kyc');
const LOG_FILE = path.join(CACHE, 'check.log');

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
/** `npm run <script>`; `gate`: a failure stops the check (the stages after it need it). */
const npmStage = (name, script, gate = false) => ({
	name,
	gate,
	command: [npm, 'run', script],
});

const STAGES = [
	npmStage('build', 'build', true),
	npmStage('lint', 'lint', true),
	npmStage('engine tests (jest)', 'test'),
	npmStage('e2e n8n 2.x', 'test:e2e'),
	npmStage('e2e n8n 1.x', 'test:e2e:n8n1'),
	npmStage('browser', 'test:browser'),
	npmStage('queue mode', 'test:queue'),
];

let current = null;
let interrupted = null;

const ESCAPES = new RegExp(`${String.fromCharCode(27)}\\[[0-9;?]*[A-Za-z]`, 'g');
/** A stage's output as plain lines: without terminal escape codes, a spinner's rewrites split. */
const plainLines = (text) =>
	text
		.replace(ESCAPES, '')
		.split(/\r?\n|\r/)
		.map((line) => line.trimEnd());

/** A line that reports a failed check: our frame's FAIL, jest's ✕ and FAIL, lint's ✖. */
const FAILED_LINE = /^\s*(FAIL\b|✕|✖|●)/;
const DETAIL_LINES = 12; // of each failed check
const FAILED_LINES = 60; // in all
const TAIL_LINES = 25;

/**
 * What the console shows of a failed stage's output: each failed check with the first lines of its
 * details, then the output's last lines (where a crash or a summary is).
 */
function failureDetails(output) {
	const lines = plainLines(output);
	const failed = [];
	const shown = new Set(); // jest repeats each failure in its closing summary
	for (let i = 0; i < lines.length && failed.length < FAILED_LINES; i += 1) {
		if (!FAILED_LINE.test(lines[i])) continue;
		const indent = /^\s*/.exec(lines[i])[0].length;
		const block = [lines[i]];
		let j = i + 1;
		for (; j < lines.length && j <= i + DETAIL_LINES; j += 1) {
			const line = lines[j];
			if (line.trim() && /^\s*/.exec(line)[0].length <= indent) break;
			if (line.trim()) block.push(line);
		}
		i = j - 1;
		const key = block.join('\n');
		if (!shown.has(key)) failed.push(...block);
		shown.add(key);
	}
	// With the failed checks shown, the end of the output needs fewer lines (its counts, a crash).
	const tail = lines.filter((line) => line.trim()).slice(failed.length ? -10 : -TAIL_LINES);
	return { failed: failed.slice(0, FAILED_LINES), tail };
}

/** How far the stage is, for its progress line: its checks ("ok"/"FAIL" lines) or jest's test files. */
function progressOf(output) {
	const checks = (output.match(/^ {2}(ok {4}|FAIL {2})\S/gm) || []).length;
	if (checks) return `${checks} checks so far`;
	const files = (output.match(/^(PASS|FAIL) \S/gm) || []).length;
	return files ? `${files} test files so far` : undefined;
}

/** Runs one stage, its output into the log; resolves with its result. */
function runStage(stage, log) {
	return new Promise((resolve) => {
		const started = Date.now();
		const [command, ...args] = stage.command;
		const title = `${stage.name} (${path.basename(command)} ${args.join(' ')})`;
		fs.appendFileSync(log, `\n===== check: ${title} =====\n`);
		let output = '';
		const line = progressLine(`check: ${stage.name}`, {
			measure: () => ({ detail: progressOf(output) }),
		});
		const child = spawn(command, args, {
			cwd: ROOT,
			stdio: ['ignore', 'pipe', 'pipe'],
			// KYC_REPEAT is for running a suite by hand; the check runs each stage once.
			env: { ...process.env, KYC_REPEAT: '1' },
		});
		current = child;
		const keep = (chunk) => {
			const text = chunk.toString();
			output += text;
			fs.appendFileSync(log, text.replace(ESCAPES, ''));
		};
		child.stdout.on('data', keep);
		child.stderr.on('data', keep);
		child.once('error', (error) => keep(`\n${error.message}\n`));
		child.once('close', (code, signal) => {
			current = null;
			const outcome = result(stage, { code, signal, ms: Date.now() - started, output });
			const counts = `${outcome.passed} passed, ${outcome.failed} failed`;
			if (outcome.ok) line.done(counts);
			else {
				line.fail(`FAILED: ${counts}${outcome.note ? ` (${outcome.note})` : ''}`);
				const { failed, tail } = failureDetails(output);
				if (failed.length) {
					console.log(`  failed checks:`);
					for (const text of failed) console.log(`  | ${text}`);
				}
				console.log(`  last lines of its output (all of it: ${log}):`);
				for (const text of tail) console.log(`  | ${text}`);
			}
			resolve(outcome);
		});
	});
}

/**
 * A stage's counts: the ones it printed (jest's "Tests:" line, the real-n8n tests' "N passed,
 * N failed"); a stage that prints none (build, lint) counts as one. A stage that exited non-zero
 * without a failed count (it crashed, or jest failed a test file before its tests ran) counts one
 * failure more, so that it is never green.
 */
function result(stage, { code, signal, ms, output }) {
	const printed = countsOf(output);
	const ok = code === 0 && !signal;
	let { passed, failed } = printed ?? { passed: ok ? 1 : 0, failed: ok ? 0 : 1 };
	let note = printed ? '' : 'no counts printed: counted as one';
	if (!ok && failed === 0) {
		failed = 1;
		note = `exited ${signal ? `on ${signal}` : `with code ${code}`} without a failed count`;
	}
	return { stage, ran: true, ok: ok && failed === 0, passed, failed, ms, note };
}

const pad = (text, width) => String(text).padEnd(width);
const padLeft = (text, width) => String(text).padStart(width);
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

function summary(stages, results, started, log) {
	const rows = stages.map((stage) => {
		const r = results.find((x) => x.stage === stage);
		if (!r) return [stage.name, 'not run', '', '', '', ''];
		return [stage.name, r.ok ? 'ok' : 'FAILED', r.passed, r.failed, seconds(r.ms), r.note];
	});
	const width = Math.max(...stages.map((s) => s.name.length), 'stage'.length);
	console.log(`\n===== check summary (every stage's output: ${log}) =====`);
	console.log(
		`${pad('stage', width)}  ${pad('result', 7)}  ${padLeft('passed', 6)}  ${padLeft('failed', 6)}  ${padLeft('time', 8)}`,
	);
	for (const [name, state, passed, failed, time, note] of rows) {
		console.log(
			`${pad(name, width)}  ${pad(state, 7)}  ${padLeft(passed, 6)}  ${padLeft(failed, 6)}  ${padLeft(time, 8)}${note ? `  (${note})` : ''}`,
		);
	}
	const passed = results.reduce((sum, r) => sum + r.passed, 0);
	const failed = results.reduce((sum, r) => sum + r.failed, 0);
	const red = results.filter((r) => !r.ok).map((r) => r.stage.name);
	const skipped = stages.length - results.length;
	console.log(
		`wall time ${seconds(Date.now() - started)}; ` +
			(red.length ? `failed: ${red.join(', ')}` : 'every stage that ran passed') +
			(skipped ? `; ${skipped} stages not run` : '') +
			(interrupted ? `; stopped by ${interrupted}` : ''),
	);
	console.log(`${passed} passed, ${failed} failed`);
	return red.length === 0 && skipped === 0 && !interrupted;
}

/**
 * Runs the stages (default: the check's), their output into `log` (started afresh), prints the
 * summary; resolves true when all passed.
 */
async function runCheck(stages = STAGES, { log = LOG_FILE } = {}) {
	const started = Date.now();
	fs.mkdirSync(path.dirname(log), { recursive: true });
	fs.writeFileSync(log, `npm run check, ${new Date().toISOString()}\n`);
	console.log(`check: ${stages.length} stages; their output goes to ${log}`);
	const results = [];
	for (const stage of stages) {
		if (interrupted) break;
		const outcome = await runStage(stage, log);
		results.push(outcome);
		if (stage.gate && !outcome.ok) {
			console.log(`\ncheck: ${stage.name} failed; the stages after it need it and are not run`);
			break;
		}
	}
	return summary(stages, results, started, log);
}

if (require.main === module) {
	for (const signal of ['SIGINT', 'SIGTERM']) {
		process.once(signal, () => {
			interrupted = signal;
			current?.kill(signal);
		});
	}
	runCheck().then((ok) => (process.exitCode = ok ? 0 : 1));
}

module.exports = { runCheck, failureDetails, STAGES, LOG_FILE };
