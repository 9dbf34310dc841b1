'use strict';
/**
 * The invariant checks run after every engine test, each `(runs) => violations`, where a
 * violation is one line naming the run, the field and what was found there. One violation fails
 * the test that produced it.
 */

module.exports = [
	require('./ledger'), // billing ledger: what the node says billed = what the sandbox billed
];
