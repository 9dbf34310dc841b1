'use strict';

// One progress line per long step of the demo: the step, its elapsed time and, where it can be
// measured, how far it is. On a terminal the line is rewritten in place; otherwise (CI, a pipe, a
// file) it is printed when the step starts, when its phase changes, every `everyMs` (a minute by
// default) and when it ends, so a log shows a few lines instead of a stream.
//
// The raw output of the step goes to a log file, not here: `expectedNoise` knows which of its
// lines are expected (npm's engine and peer warnings, n8n's calls to n8n.io without internet) and
// `unexpectedLines` picks the others that look like errors, for the demo to show.

const fs = require('node:fs');

const seconds = (ms) => {
	const s = Math.round(ms / 1000);
	return s < 60 ? `${s} s` : `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
};

const megabytes = (bytes) =>
	bytes >= 1e9 ? `${(bytes / 1e9).toFixed(2)} GB` : `${Math.round(bytes / 1e6)} MB`;

/**
 * Starts a progress line. `label` is text or a function giving it (called for every line).
 * `measure()` (optional) returns `{ phase?, detail? }` for the line: called once a second on a
 * terminal, every 5 s otherwise (a new phase is printed then, at most one line per 15 s).
 * @returns {{ done(text?: string): void, fail(text?: string): void }}
 */
function progressLine(
	label,
	{ stream = process.stdout, measure = () => ({}), everyMs = 60_000 } = {},
) {
	const tty = Boolean(stream.isTTY);
	const name = typeof label === 'function' ? label : () => label;
	const started = Date.now();
	let lastPrinted = 0;
	let lastPhase;
	let ended = false;

	const render = () => {
		let facts = {};
		try {
			facts = measure() || {};
		} catch {
			// a measurement that fails leaves the line without it
		}
		const parts = [seconds(Date.now() - started)];
		if (facts.phase) parts.push(facts.phase);
		if (facts.detail) parts.push(facts.detail);
		return { text: `${name()}: ${parts.join(', ')}`, phase: facts.phase };
	};

	const print = (text, final = false) => {
		if (tty) stream.write(`\r\x1b[K${text}${final ? '\n' : ''}`);
		else stream.write(`${text}\n`);
		lastPrinted = Date.now();
	};

	const tick = () => {
		if (ended) return;
		if (tty) return print(render().text);
		// Not a terminal: measure only when a line may be due (measuring can cost a disk walk).
		const since = Date.now() - lastPrinted;
		const { text, phase } = render();
		if (since >= everyMs || (phase !== lastPhase && since >= 15_000)) {
			lastPhase = phase;
			print(text);
		}
	};

	const first = render();
	lastPhase = first.phase;
	print(first.text);
	const timer = setInterval(tick, tty ? 1000 : 5000);
	timer.unref();

	const end = (text) => {
		if (ended) return;
		ended = true;
		clearInterval(timer);
		print(`${name()}: ${text} (${seconds(Date.now() - started)})`, true);
	};
	return { done: (text = 'done') => end(text), fail: (text = 'failed') => end(text) };
}

/** Runs `task()` (a promise) under a progress line; the line ends with `done` or `failed`. */
async function withProgress(label, task, options = {}) {
	const line = progressLine(label, options);
	try {
		const result = await task();
		line.done(typeof options.doneText === 'function' ? options.doneText(result) : options.doneText);
		return result;
	} catch (error) {
		line.fail();
		throw error;
	}
}

/** Lines of an npm install or n8n log that are expected and say nothing about a failure. */
const EXPECTED = [
	/^npm warn/i, // EBADENGINE, ERESOLVE overriding peer dependencies, deprecations, …
	/\b(EBADENGINE|ERESOLVE|deprecated)\b/,
	/n8n\.io|n8n\.cloud|getaddrinfo|ENOTFOUND|EAI_AGAIN/, // n8n's own services, without internet
	/^gyp info/,
];

const expectedNoise = (line) => EXPECTED.some((pattern) => pattern.test(line));

const LOOKS_LIKE_ERROR = /(^npm (error|ERR!)|gyp ERR!|\bError:|\bERROR\b|\bfailed\b)/i;

/** A log's text as lines, without terminal control codes (npm's and n8n-node's spinners write them). */
const ESCAPES = new RegExp(`${String.fromCharCode(27)}\\[[0-9;?]*[A-Za-z]`, 'g');
const logLines = (text) =>
	text
		.replace(ESCAPES, '')
		.split(/\r?\n|\r/)
		.map((line) => line.trimEnd());

/** The log's lines from `fromByte` on that look like errors and are not expected noise. */
function unexpectedLines(file, fromByte = 0) {
	if (!fs.existsSync(file)) return [];
	return logLines(fs.readFileSync(file).subarray(fromByte).toString('utf8')).filter(
		(line) => LOOKS_LIKE_ERROR.test(line) && !expectedNoise(line),
	);
}

/** The last `count` lines of the log that are not expected noise, for a failure report. */
function lastLines(file, count = 30) {
	if (!fs.existsSync(file)) return '';
	return logLines(fs.readFileSync(file, 'utf8'))
		.filter((line) => line.trim() && !expectedNoise(line))
		.slice(-count)
		.join('\n');
}

module.exports = {
	progressLine,
	withProgress,
	expectedNoise,
	unexpectedLines,
	lastLines,
	seconds,
	megabytes,
};
