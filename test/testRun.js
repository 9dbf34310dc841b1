'use strict';

// The frame the real-n8n test scripts share (test/e2e/run.js, test/browser/run.js,
// test/queue/run.js): `check(name, fn)` runs one check and prints one "ok"/"FAIL" line (fn may
// return a note, printed under it); `run(main, { stop, report, what })` runs main, stops what it
// started (also on Ctrl-C or SIGTERM), prints `report(failed)`'s lines, the wall time and
// "N passed, N failed", and sets the exit code.

const INDENT = '\n        ';

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
			console.log(`  FAIL  setup: ${error.stack || error.message}`);
			if (error.logTail) console.log(`--- log ---\n${error.logTail}\n---`);
		}
		await stopOnce();
		summary(report);
	}

	return { check, run, seconds, results };
}

module.exports = { testRun };
