'use strict';

// n8n's execution list through its REST API (GET /rest/executions, at most 100 a page), and one
// execution's run data.

const { executionData, isFinished } = require('../e2e/n8n');
const { poll } = require('../poll');

const OTHER_STATUSES = ['new', 'running', 'waiting', 'error', 'crashed', 'canceled'];

/**
 * Executions of a workflow with the given statuses, checked against the exact count n8n gives with
 * the first page. n8n 2.41.1's own paging (`nextCursor`) orders a page by start time but cuts the
 * next one by id (`id < last row's id`, @n8n/db execution.repository.js), which repeats and skips
 * executions whenever ids and start times are in different orders, as they are with several
 * workers. So this pages by start time instead (`startedBefore`, inclusive: repeats are dropped by
 * id); that misses executions that never started, hence the count check.
 */
async function executionsWithStatus(rest, workflowId, status) {
	const byId = new Map();
	let expected;
	let startedBefore;
	for (;;) {
		const filter = { workflowId, status, ...(startedBefore && { startedBefore }) };
		const page = (
			await rest.get(
				`/rest/executions?filter=${encodeURIComponent(JSON.stringify(filter))}&limit=100`,
			)
		).data;
		expected ??= page.count;
		const before = byId.size;
		for (const execution of page.results) byId.set(execution.id, execution);
		if (page.results.length < 100 || byId.size === before) break;
		startedBefore = page.results.reduce(
			(oldest, e) => (e.startedAt && e.startedAt < oldest ? e.startedAt : oldest),
			page.results[0].startedAt,
		);
	}
	if (byId.size !== expected) {
		throw new Error(
			`execution list (${status}): n8n counts ${expected}, paging found ${byId.size}`,
		);
	}
	return [...byId.values()];
}

/**
 * Every execution of a workflow, any status: [{ id, status, startedAt, stoppedAt, ... }]. Successes
 * (always started) and the rest (few; some may never have started) are listed apart.
 */
async function listExecutions(rest, workflowId) {
	return [
		...(await executionsWithStatus(rest, workflowId, ['success'])),
		...(await executionsWithStatus(rest, workflowId, OTHER_STATUSES)),
	];
}

/** Waits until the workflow has at least `atLeast` executions and none is new or running. */
async function settledExecutions(rest, workflowId, { atLeast = 0, timeoutMs = 120_000 } = {}) {
	// A list read while executions start or end may not add up (listExecutions throws): read it again.
	return await poll(() => listExecutions(rest, workflowId), {
		what: `at least ${atLeast} executions of workflow ${workflowId}, none new or running`,
		until: (found) => found.length >= atLeast && found.every(isFinished),
		show: (found) => `${found.length} executions ${JSON.stringify(countBy(found))}`,
		timeoutMs,
		intervalMs: 1000,
	});
}

const countBy = (found) => {
	const counts = {};
	for (const { status } of found) counts[status] = (counts[status] || 0) + 1;
	return counts;
};

/** One execution's parsed run data (`resultData.runData`). */
async function runDataOf(rest, executionId) {
	return (await executionData(rest, executionId)).resultData.runData ?? {};
}

/** Runs `fn` over `items`, `limit` at a time; resolves with the results in order. */
async function mapLimit(items, limit, fn) {
	const results = new Array(items.length);
	let next = 0;
	const lane = async () => {
		while (next < items.length) {
			const index = next++;
			results[index] = await fn(items[index], index);
		}
	};
	await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
	return results;
}

module.exports = { listExecutions, settledExecutions, runDataOf, mapLimit };
