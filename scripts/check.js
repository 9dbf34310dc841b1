'use strict';

// `npm run check` (what CI runs, .ci/run): every test stage, its output streamed live, then one
// summary table (each stage's passed/failed counts and wall time) and a closing "N passed,
// N failed" line over all stages. Build and lint failing stop it (everything else needs them);
// after that every stage runs even when an earlier one failed, so one run shows all that is red.
// Exits non-zero when anything failed.

const { spawn } = require('node:child_process');
const path = require('node:path');

const { countsOf } = require('../test/testRun');

const ROOT = path.resolve(__dirname, '..');

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

/** Runs one stage with its output streamed and kept (for its counts); resolves with its result. */
function runStage(stage) {
	return new Promise((resolve) => {
		const started = Date.now();
		const [command, ...args] = stage.command;
		console.log(`\n===== check: ${stage.name} (${path.basename(command)} ${args.join(' ')}) =====`);
		const child = spawn(command, args, {
			cwd: ROOT,
			stdio: ['ignore', 'pipe', 'pipe'],
			// KYC_REPEAT is for running a suite by hand; the check runs each stage once.
			env: { ...process.env, KYC_REPEAT: '1' },
		});
		current = child;
		let output = '';
		const keep = (stream) => (chunk) => {
			stream.write(chunk);
			output += chunk;
		};
		child.stdout.on('data', keep(process.stdout));
		child.stderr.on('data', keep(process.stderr));
		child.once('error', (error) => (output += `\n${error.message}`));
		child.once('close', (code, signal) => {
			current = null;
			resolve(result(stage, { code, signal, ms: Date.now() - started, output }));
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

function summary(stages, results, started) {
	const rows = stages.map((stage) => {
		const r = results.find((x) => x.stage === stage);
		if (!r) return [stage.name, 'not run', '', '', '', ''];
		return [stage.name, r.ok ? 'ok' : 'FAILED', r.passed, r.failed, seconds(r.ms), r.note];
	});
	const width = Math.max(...stages.map((s) => s.name.length), 'stage'.length);
	console.log(`\n===== check summary =====`);
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

/** Runs the stages (default: the check's), prints the summary; resolves true when all passed. */
async function runCheck(stages = STAGES) {
	const started = Date.now();
	const results = [];
	for (const stage of stages) {
		if (interrupted) break;
		const outcome = await runStage(stage);
		results.push(outcome);
		if (stage.gate && !outcome.ok) {
			console.log(`\ncheck: ${stage.name} failed; the stages after it need it and are not run`);
			break;
		}
	}
	return summary(stages, results, started);
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

module.exports = { runCheck, STAGES };
