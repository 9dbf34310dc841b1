'use strict';
/**
 * The invariant checks run after every engine test, each `(runs) => violations`, where a
 * violation is one line naming the run, the field and what was found there. One violation fails
 * the test that produced it.
 */
const { checkCanaries } = require('./canary');

module.exports = [
	checkCanaries, // secret canary: no credential, image or NIK in anything the node produced
	require('./ledger'), // billing ledger: what the node says billed = what the sandbox billed
	require('./triggerAudit'), // triggers' audit record: its five fields only, true to the item
];
