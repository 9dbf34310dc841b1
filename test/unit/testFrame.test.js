'use strict';

// The frame of the real-n8n tests: the one bounded poll (test/poll.js), the counts a test command
// prints (test/testRun.js countsOf), `--repeat N` (repeatIfAsked) and `npm run check`'s stages
// (scripts/check.js), each run for real: child processes, no mocks.

const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { poll, stays } = require('../poll');
const { countsOf, repeatCount } = require('../testRun');
const { runCheck: runCheckIn, failureDetails } = require('../../scripts/check');
const { unexpectedIssues } = require('../browser/checks');

describe('poll', () => {
	test('waits for state that arrives late instead of reading it once', async () => {
		const readyAt = Date.now() + 300;
		let reads = 0;
		const value = await poll(
			() => {
				reads += 1;
				return Date.now() >= readyAt ? 'selected' : 'not set';
			},
			{ what: 'the credential', until: (v) => v === 'selected', intervalMs: 20 },
		);
		expect(value).toBe('selected');
		expect(reads).toBeGreaterThan(1);
	});

	test('a read that throws is "not yet"; the timeout names what it waited for and what it last saw', async () => {
		let reads = 0;
		const read = () => {
			reads += 1;
			if (reads === 1) throw new Error('ECONNREFUSED');
			return ['Credentials for CLOVA OCR are not set.'];
		};
		await expect(
			poll(read, {
				what: 'no issues but empty required fields',
				until: (issues) => issues.length === 0,
				timeoutMs: 200,
				intervalMs: 20,
			}),
		).rejects.toThrow(
			/^timed out after 0\.2 s waiting for no issues but empty required fields; last saw: \["Credentials for CLOVA OCR are not set\."\]$/,
		);
		expect(reads).toBeGreaterThan(2);
	});

	test('a fatal error (the awaited process died) ends the wait at once', async () => {
		const started = Date.now();
		const dead = Object.assign(new Error('n8n exited while starting'), { fatal: true });
		await expect(
			poll(
				() => {
					throw dead;
				},
				{ what: 'n8n', timeoutMs: 10_000 },
			),
		).rejects.toBe(dead);
		expect(Date.now() - started).toBeLessThan(1000);
	});

	test('needs to be told what it waits for', async () => {
		await expect(poll(() => true, {})).rejects.toThrow(/needs `what`/);
	});

	test('stays: fails at the first read where the state changed, saying what it saw', async () => {
		let count = 0;
		setTimeout(() => (count = 1), 100);
		await expect(
			stays(() => count, {
				what: 'no new execution',
				ok: (n) => n === 0,
				forMs: 2000,
				intervalMs: 20,
			}),
		).rejects.toThrow(/expected no new execution for 2\.0 s, but after \d+ ms saw: 1/);
		await expect(
			stays(() => 0, { what: 'nothing', ok: (n) => n === 0, forMs: 100, intervalMs: 20 }),
		).resolves.toBe(0);
	});
});

describe('the browser test’s node issues', () => {
	const visit = { parameters: [{ label: 'Image', required: true }, { label: 'Name' }] };

	test('an unset credential is an issue; an empty required field is not', () => {
		expect(
			unexpectedIssues(
				['Parameter "Image" is required.', 'Credentials for CLOVA OCR are not set.'],
				visit,
			),
		).toEqual(['Credentials for CLOVA OCR are not set.']);
		expect(unexpectedIssues(['Parameter "Image" is required.'], visit)).toEqual([]);
		expect(unexpectedIssues(['Parameter "Name" is required.'], visit)).toEqual([
			'Parameter "Name" is required.',
		]);
	});
});

describe('countsOf and repeatCount', () => {
	test('reads the frame’s last "N passed, N failed" line, else jest’s Tests line', () => {
		expect(countsOf('1 passed, 0 failed\n  ok x\n100 passed, 2 failed\n')).toEqual({
			passed: 100,
			failed: 2,
		});
		expect(countsOf('Tests:       1 failed, 3 skipped, 662 passed, 666 total\n')).toEqual({
			passed: 662,
			failed: 1,
		});
		expect(
			countsOf('\u001b[1mTests:\u001b[22m       \u001b[32m663 passed\u001b[39m, 663 total'),
		).toEqual({ passed: 663, failed: 0 });
		expect(countsOf('lint passed')).toBeUndefined();
	});

	test('--repeat N, --repeat=N or KYC_REPEAT=N; anything else is refused', () => {
		expect(repeatCount([], {})).toBe(1);
		expect(repeatCount(['--repeat', '5'], {})).toBe(5);
		expect(repeatCount(['--repeat=3'], { KYC_REPEAT: '9' })).toBe(3);
		expect(repeatCount([], { KYC_REPEAT: '2' })).toBe(2);
		for (const bad of ['0', '-1', '1.5', 'five'])
			expect(() => repeatCount(['--repeat', bad], {})).toThrow(/whole number/);
	});
});

describe('--repeat N', () => {
	let dir;
	beforeAll(() => {
		dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kyc-repeat-'));
	});
	afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

	/** A suite script that passes, except in the rounds listed in FAIL_ROUNDS (counted in a file). */
	function suiteScript() {
		const file = path.join(dir, 'suite.js');
		fs.writeFileSync(
			file,
			`const fs = require('fs');
const { repeatIfAsked } = require(${JSON.stringify(require.resolve('../testRun'))});
if (!repeatIfAsked(__filename)) {
	const counter = ${JSON.stringify(path.join(dir, 'round'))};
	const round = fs.existsSync(counter) ? Number(fs.readFileSync(counter, 'utf8')) + 1 : 1;
	fs.writeFileSync(counter, String(round));
	const fails = (process.env.FAIL_ROUNDS || '').split(',').includes(String(round));
	console.log(fails ? '2 passed, 1 failed' : '3 passed, 0 failed');
	process.exitCode = fails ? 1 : 0;
}
`,
		);
		fs.rmSync(path.join(dir, 'round'), { force: true });
		return file;
	}

	test('runs the suite N times and reports each round and the sum', () => {
		const run = spawnSync(process.execPath, [suiteScript(), '--repeat', '3'], {
			encoding: 'utf8',
			env: { ...process.env, KYC_REPEAT: '' },
		});
		expect(run.stdout).toMatch(/round 1: green: 3 passed, 0 failed, exit code 0/);
		expect(run.stdout).toMatch(/round 3: green: 3 passed, 0 failed, exit code 0/);
		expect(run.stdout).toMatch(/3 rounds green, 0 red/);
		expect(run.stdout.trim().split('\n').pop()).toBe('9 passed, 0 failed');
		expect(run.status).toBe(0);
	});

	test('one red round fails the whole command', () => {
		const run = spawnSync(process.execPath, [suiteScript()], {
			encoding: 'utf8',
			env: { ...process.env, KYC_REPEAT: '3', FAIL_ROUNDS: '2' },
		});
		expect(run.stdout).toMatch(/round 2: RED: 2 passed, 1 failed, exit code 1/);
		expect(run.stdout).toMatch(/2 rounds green, 1 red/);
		expect(run.stdout.trim().split('\n').pop()).toBe('8 passed, 1 failed');
		expect(run.status).toBe(1);
	});
});

describe('npm run check (scripts/check.js)', () => {
	const stage = (name, code, gate = false) => ({
		name,
		gate,
		command: [process.execPath, '-e', code],
	});
	let output;
	let log;
	let logFile;
	const runCheck = (stages) => runCheckIn(stages, { log: logFile });
	beforeEach(() => {
		logFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kyc-check-')), 'check.log');
		output = [];
		log = jest.spyOn(console, 'log').mockImplementation((line) => output.push(String(line)));
		jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
		jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
	});
	afterEach(() => jest.restoreAllMocks());

	test('a failed stage does not stop the stages after it; the summary names it and sums up', async () => {
		const ok = await runCheck([
			stage('build', '', true),
			stage('jest', 'console.error("Tests:       1 failed, 9 passed, 10 total"); process.exit(1)'),
			stage('e2e', 'console.log("100 passed, 0 failed")'),
			stage('crashes', 'process.exit(3)'),
		]);
		expect(ok).toBe(false);
		const text = output.join('\n');
		expect(text).toMatch(/^jest +FAILED +9 +1 /m);
		expect(text).toMatch(/^e2e +ok +100 +0 /m);
		expect(text).toMatch(/^crashes +FAILED +0 +1 /m);
		expect(text).toMatch(/failed: jest, crashes/);
		expect(output[output.length - 1]).toBe('110 passed, 2 failed');
		expect(log).toHaveBeenCalled();
	});

	test('a failed gate (build, lint) stops the check; the rest shows as not run', async () => {
		const ok = await runCheck([stage('build', 'process.exit(1)', true), stage('jest', '')]);
		expect(ok).toBe(false);
		const text = output.join('\n');
		expect(text).toMatch(/^jest +not run/m);
		expect(output[output.length - 1]).toBe('0 passed, 1 failed');
	});

	test("a stage's own output goes to the log the summary names, not to the console", async () => {
		const ok = await runCheck([
			stage(
				'build',
				'console.error("npm warn ERESOLVE overriding peer dependency"); ' +
					'process.stdout.write("\\x1b[?25l\\x1b[2K\\rbuilding\\x1b[?25h\\n"); console.log("  ok    the build")',
				true,
			),
			stage(
				'e2e',
				'for (let i = 0; i < 50; i++) console.log(`  ok    check ${i}`); console.log("50 passed, 0 failed")',
			),
		]);
		expect(ok).toBe(true);
		const text = output.join('\n');
		expect(text).not.toMatch(/npm warn|building|ok {4}check/);
		expect(text).toContain(logFile);
		const logged = fs.readFileSync(logFile, 'utf8');
		expect(logged).toContain('npm warn ERESOLVE overriding peer dependency');
		expect(logged).toContain('ok    check 49');
		expect(logged).not.toContain('\x1b');
		expect(output[output.length - 1]).toBe('51 passed, 0 failed');
	});

	test('a failed stage shows its failed checks with their details and its last lines', async () => {
		const ok = await runCheck([
			stage(
				'e2e',
				'for (let i = 0; i < 40; i++) console.log(`  ok    check ${i}`); ' +
					'console.log("  FAIL  the Iluma Trigger registers its URL\\n        AssertionError: expected 1, got 0\\n        at suite.js:10"); ' +
					'for (let i = 40; i < 80; i++) console.log(`  ok    check ${i}`); ' +
					'console.log("\\nwall time 1 s\\n79 passed, 1 failed"); process.exit(1)',
			),
		]);
		expect(ok).toBe(false);
		const text = output.join('\n');
		expect(text).toMatch(/FAIL {2}the Iluma Trigger registers its URL/);
		expect(text).toMatch(/AssertionError: expected 1, got 0/);
		expect(text).toMatch(/\| 79 passed, 1 failed/);
		expect(text).not.toMatch(/ok {4}check 10\b/);
		expect(output[output.length - 1]).toBe('79 passed, 1 failed');
	});

	test('a failure jest prints twice (as it happens and in its closing summary) is shown once', () => {
		const failure = [
			'FAIL test/unit/x.test.js',
			'  ● x › fails',
			'    expect(received).toBe(expected)',
		];
		const output = [
			...failure,
			'PASS test/unit/y.test.js',
			'Summary of all failing tests',
			...failure,
			'Tests:       1 failed, 9 passed, 10 total',
		];
		const { failed, tail } = failureDetails(output.join('\n'));
		expect(failed).toEqual(failure);
		expect(tail[tail.length - 1]).toMatch(/^Tests: +1 failed/);
	});

	test('all green: true, and the closing line counts every stage', async () => {
		const ok = await runCheck([
			stage('build', '', true),
			stage('e2e', 'console.log("5 passed, 0 failed")'),
		]);
		expect(ok).toBe(true);
		expect(output[output.length - 1]).toBe('6 passed, 0 failed');
	});
});
