'use strict';
/** Jest set-up (setupFilesAfterEach): after every test, every invariant check over its node runs. */
const checks = require('./checks');
const { takeRuns } = require('./runs');

afterEach(async () => {
	const runs = takeRuns();
	if (runs.length === 0) return;
	const violations = [];
	for (const check of checks) violations.push(...(await check(runs)));
	if (violations.length > 0) {
		throw new Error(
			`invariant violated in this test (${violations.length}):\n- ${violations.slice(0, 20).join('\n- ')}`,
		);
	}
});
