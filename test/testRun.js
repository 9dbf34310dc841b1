'use strict';

// The frame the real-n8n test scripts share (test/e2e/run.js, test/browser/run.js,
// test/queue/run.js): `check(name, fn)` runs one check and prints one "ok"/"FAIL" line (fn may
// return a note, printed under it); `run(main, { stop, report, what })` runs main, stops what it
// started (also on Ctrl-C or SIGTERM), prints `report(failed)`'s lines, the wall time and
// "N passed, N failed", and sets the exit code. `repeatIfAsked(script)` runs such a script N times
// (`--repeat N` or KYC_REPEAT=N); `countsOf(output)` reads the counts a test command printed.

const { spawn } = require('node:child_process');

const INDENT = '\n        ';
const ANSI_COLOR = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

function testRun() {
	const started = Date.now();
	const results = [];
	const seconds = (from = started) => `${((Date.now() - from) / 1000).toFixed(1)} s`;

	/** Runs one check; resolves true when it passed. */
	async function check(name, fn) {
		const t0 = Date.now();
		try {
			const note = await fn();
			results.push({ name, ok: true });
			console.log(`  ok    ${name} (${Date.now() - t0} ms)`);
			if (note) console.log(`        ${String(note).split('\n').join(INDENT)}`);
			return true;
		} catch (error) {
			results.push({ name, ok: false, error });
			console.log(
				`  FAIL  ${name}${INDENT}${String(error.stack || error)
					.split('\n')
					.join(INDENT)}`,
			);
			return false;
		}
	}

	function summary(report) {
		const passed = results.filter((r) => r.ok).length;
		const failed = results.length - passed;
		report(failed);
		console.log(`\nwall time ${seconds()}`);
		console.log(`${passed} passed, ${failed} failed`);
		process.exitCode = failed ? 1 : 0;
	}

	/**
	 * @param {() => Promise<void>} main
	 * @param {{ stop?: () => Promise<void>, report?: (failed: number) => void, what?: string }} options
	 */
	async function run(main, { stop = async () => {}, report = () => {}, what = 'everything' } = {}) {
		let stopping = null;
		const stopOnce = () => (stopping ??= Promise.resolve().then(stop));
		for (const signal of ['SIGINT', 'SIGTERM']) {
			process.once(signal, () => {
				console.log(`\n${signal}: stopping ${what}`);
				results.push({ name: `interrupted by ${signal}`, ok: false });
				stopOnce().finally(() => {
					summary(report);
					process.exit(130);
				});
			});
		}
		try {
			await main();
		} catch (error) {
			results.push({ name: 'setup', ok: false, error });
			// A missing tool (test/systemTools.js) is one line: what is missing and how to get it.
			console.log(`  FAIL  setup: ${error.oneLine ? error.message : error.stack || error.message}`);
			if (error.logTail) console.log(`--- log ---\n${error.logTail}\n---`);
		}
		await stopOnce();
		summary(report);
	}

	return { check, run, seconds, results };
}

/**
 * The passed/failed counts a test command printed: this file's closing "N passed, N failed" line
 * (the last one), or jest's "Tests: … N failed, … N passed" line; undefined when there is neither.
 */
function countsOf(output) {
	const text = String(output).replace(ANSI_COLOR, '');
	const ours = [...text.matchAll(/^(\d+) passed, (\d+) failed$/gm)].pop();
	if (ours) return { passed: Number(ours[1]), failed: Number(ours[2]) };
	const jest = [...text.matchAll(/^Tests:\s+(.*\d+ total)\s*$/gm)].pop();
	if (jest) {
		const count = (word) => Number(new RegExp(`(\\d+) ${word}`).exec(jest[1])?.[1] ?? 0);
		return { passed: count('passed'), failed: count('failed') };
	}
	return undefined;
}

/** How many rounds were asked for: `--repeat N`, `--repeat=N` or KYC_REPEAT=N (default 1). */
function repeatCount(argv = process.argv.slice(2), env = process.env) {
	const at = argv.indexOf('--repeat');
	const raw =
		at >= 0
			? argv[at + 1]
			: (argv.find((arg) => arg.startsWith('--repeat='))?.slice('--repeat='.length) ??
				env.KYC_REPEAT);
	if (raw === undefined || raw === '') return 1;
	const rounds = Number(raw);
	if (!Number.isInteger(rounds) || rounds < 1)
		throw new Error(
			`--repeat / KYC_REPEAT wants a whole number of rounds, 1 or more; got "${raw}"`,
		);
	return rounds;
}

/** Runs `script` once as a child process (KYC_REPEAT=1), its output streamed; resolves with its result. */
function runRound(script, onChild) {
	return new Promise((resolve) => {
		const started = Date.now();
		const child = spawn(process.execPath, [script], {
			env: { ...process.env, KYC_REPEAT: '1' },
			stdio: ['ignore', 'pipe', 'inherit'],
		});
		onChild(child);
		let output = '';
		child.stdout.on('data', (chunk) => {
			process.stdout.write(chunk);
			output += chunk;
		});
		child.once('close', (code, signal) =>
			resolve({ code: code ?? 1, signal, ms: Date.now() - started, counts: countsOf(output) }),
		);
	});
}

/**
 * With `--repeat N` (N > 1) or KYC_REPEAT=N: runs `script` N times in a row, each a fresh process
 * (its own n8n), prints each round's result and a summary whose last line is "N passed, N failed"
 * over all rounds, and exits non-zero when any round failed. Returns false (the caller runs once
 * itself) when no repeat was asked for.
 */
function repeatIfAsked(script) {
	const rounds = repeatCount();
	if (rounds === 1) return false;
	let current = null;
	let interrupted = null;
	for (const signal of ['SIGINT', 'SIGTERM']) {
		process.once(signal, () => {
			interrupted = signal;
			current?.kill(signal);
		});
	}
	(async () => {
		const results = [];
		const started = Date.now();
		for (let round = 1; round <= rounds && !interrupted; round += 1) {
			console.log(`\n===== round ${round} of ${rounds} =====`);
			const result = await runRound(script, (child) => (current = child));
			results.push(result);
			console.log(`===== round ${round} of ${rounds}: ${roundLine(result)} =====`);
		}
		console.log(`\nrepeat: ${results.length} of ${rounds} rounds run`);
		results.forEach((result, index) => console.log(`  round ${index + 1}: ${roundLine(result)}`));
		const red = results.filter(roundFailed).length;
		const passed = results.reduce((sum, r) => sum + (r.counts?.passed ?? 0), 0);
		const failed = results.reduce(
			(sum, r) => sum + (r.counts?.failed || (roundFailed(r) ? 1 : 0)),
			0,
		);
		console.log(
			`${results.length - red} rounds green, ${red} red${interrupted ? `, stopped by ${interrupted}` : ''}; ` +
				`wall time ${((Date.now() - started) / 1000).toFixed(1)} s`,
		);
		console.log(`${passed} passed, ${failed} failed`);
		process.exitCode = red || interrupted || results.length < rounds ? 1 : 0;
	})();
	return true;
}

const roundFailed = (result) => result.code !== 0 || !result.counts || result.counts.failed > 0;

function roundLine(result) {
	const counts = result.counts
		? `${result.counts.passed} passed, ${result.counts.failed} failed`
		: 'no summary line';
	const exit = result.signal ? `killed by ${result.signal}` : `exit code ${result.code}`;
	return `${roundFailed(result) ? 'RED' : 'green'}: ${counts}, ${exit}, ${(result.ms / 1000).toFixed(1)} s`;
}

module.exports = { testRun, countsOf, repeatCount, repeatIfAsked };
