'use strict';

// The one way the real-n8n, browser and queue tests wait for state that n8n reaches on its own
// time (a credential filled in by the editor, a webhook registered, a workflow (un)published
// through the outbox, an execution saved, a job picked up by a worker): read it again until it is
// there, for a bounded time, and on failure say what was awaited and what was last seen. A busy
// 2-core CI machine is slow, not wrong; a single read would make the check fail by chance.

const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_INTERVAL_MS = 250;

const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** A short, one-line picture of a value for a failure message. */
function describe(value) {
	if (value instanceof Error) return `error: ${value.message}`;
	let text;
	try {
		text = typeof value === 'string' ? value : JSON.stringify(value);
	} catch {
		text = String(value);
	}
	if (text === undefined) text = String(value);
	return text.length > 600 ? `${text.slice(0, 600)}…` : text;
}

class PollTimeout extends Error {
	constructor(what, ms, last) {
		super(`timed out after ${(ms / 1000).toFixed(1)} s waiting for ${what}; last saw: ${last}`);
		this.name = 'PollTimeout';
	}
}

/**
 * Calls `read()` until `until(value)` holds and resolves with that value. A read that throws counts
 * as "not yet" (its error is what was last seen) unless the error has `fatal: true` (say, the
 * process being waited for has exited), which rejects at once. Rejects with a PollTimeout naming `what` and the
 * last value (or `show(value)`) once `timeoutMs` has passed.
 * @template T
 * @param {() => Promise<T> | T} read
 * @param {{ what: string, until?: (value: T) => boolean, timeoutMs?: number, intervalMs?: number,
 *           show?: (value: T) => string }} options
 * @returns {Promise<T>}
 */
async function poll(read, options) {
	const {
		what,
		until = (value) => Boolean(value),
		timeoutMs = DEFAULT_TIMEOUT_MS,
		intervalMs = DEFAULT_INTERVAL_MS,
		show = describe,
	} = options;
	if (!what) throw new Error('poll needs `what` (said when it times out)');
	const started = Date.now();
	let last = 'nothing (no read finished)';
	for (;;) {
		try {
			const value = await read();
			if (until(value)) return value;
			last = show(value);
		} catch (error) {
			if (error?.fatal) throw error;
			last = describe(error);
		}
		if (Date.now() - started >= timeoutMs) throw new PollTimeout(what, timeoutMs, last);
		await pause(intervalMs);
	}
}

/**
 * The other half: checks that `ok(read())` keeps holding for `forMs` (something that must NOT
 * happen, such as an execution after a refused webhook), failing at the first read where it does
 * not, with `what` and the value seen. Resolves with the last value.
 * @template T
 * @param {() => Promise<T> | T} read
 * @param {{ what: string, ok: (value: T) => boolean, forMs?: number, intervalMs?: number,
 *           show?: (value: T) => string }} options
 */
async function stays(read, options) {
	const { what, ok, forMs = 2000, intervalMs = DEFAULT_INTERVAL_MS, show = describe } = options;
	const started = Date.now();
	for (;;) {
		const value = await read();
		if (!ok(value)) {
			throw new Error(
				`expected ${what} for ${(forMs / 1000).toFixed(1)} s, but after ${Date.now() - started} ms saw: ${show(value)}`,
			);
		}
		if (Date.now() - started >= forMs) return value;
		await pause(intervalMs);
	}
}

module.exports = { poll, stays, describe, PollTimeout, DEFAULT_TIMEOUT_MS };
