'use strict';
/**
 * Every node run the engine tests make, recorded for the shared invariant checks that jest runs
 * after every test (test/invariants/afterEach.js): the harness (test/harness/n8n.js runNode,
 * test/harness/webhook.js) records each run here; the checks read and clear them.
 *
 * A record: { kind: 'node' | 'webhook' | 'hook', nodeType, parameters, credentials (type → fields),
 * items (input), settings, onError, startedAt, endedAt, result (what the harness returned, or
 * { thrown } when it threw) }.
 */

const runs = [];

function recordRun(run) {
	runs.push(run);
}

/** The runs recorded since the last call, oldest first. */
function takeRuns() {
	return runs.splice(0, runs.length);
}

module.exports = { recordRun, takeRuns };
