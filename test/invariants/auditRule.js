'use strict';
/**
 * The audit rule (issue 23): for one node run with the Audit Record option on, the `audit` records
 * its items carry (on the output items, Continue-On-Fail items and error-output items, where the
 * record sits under `details`) agree with the sandbox's billing ledger, per vendor and product:
 * - every billed ledger entry has exactly one audit record with `billed` true or 'maybe';
 * - every record with `billed: true` has its ledger entry;
 * - a record with `billed: false` never has one (an entry whose key names one input item must be
 *   matched by a true or 'maybe' record of that item);
 * - an input item's records sit on one output item only, and each record names its own item.
 * A run that failed as a whole (no items, so no records) is judged by the billing rule alone.
 * Shared by the engine tests (./ledger.js, after every test) and the e2e suites (test/e2e/ledger.js).
 */

const { vendorName } = require('./billingRule');

/** Whether the run's items carry audit records: the option is on unless set to false. */
function auditOn(parameters) {
	const value = parameters && parameters.options ? parameters.options.auditRecord : undefined;
	return value === undefined || value === true;
}

/**
 * The audit records an output item carries: `audit`, or on the error output `details.audit` (there
 * n8n merges the input item's json in, which may hold an earlier node's `audit`).
 */
function recordsOf(json) {
	if (!json) return undefined;
	const onErrorOutput =
		json.error !== undefined && json.details && typeof json.details === 'object';
	const records = onErrorOutput ? json.details.audit : json.audit;
	return Array.isArray(records) ? records : undefined;
}

const pairedIndex = (output) => {
	const paired = Array.isArray(output.pairedItem) ? output.pairedItem[0] : output.pairedItem;
	return paired && Number.isInteger(paired.item) ? paired.item : 0;
};

const groupKey = (vendor, product) => `${vendorName(vendor)} ${product}`;

/**
 * Violations of the audit rule for one run. `run`: as the billing rule reads it (outputs, error,
 * itemCount) plus `parameters`; `entries`: the ledger entries attributed to the run; `keysOfItems`:
 * one Set of ledger keys per input item; `unattributed`: entries made during the run that could
 * not be told apart from an overlapping run's (they may be this run's).
 */
function checkAudit(run, entries, keysOfItems, unattributed = 0) {
	if (!auditOn(run.parameters) || run.error || run.outputs.length === 0) return [];
	const violations = [];
	const records = [];
	const carriers = new Map(); // input item → output items that carry its records
	for (const output of run.outputs) {
		const found = recordsOf(output.json);
		if (!found) continue;
		const index = pairedIndex(output);
		carriers.set(index, (carriers.get(index) || 0) + 1);
		for (const record of found) {
			if (record.itemIndex !== index)
				violations.push(
					`item ${index}: an audit record names item ${record.itemIndex} (${record.product})`,
				);
			records.push({ ...record, index });
		}
	}
	for (const [index, count] of carriers) {
		if (count > 1)
			violations.push(`item ${index}: ${count} output items carry its audit, not only the first`);
	}

	const billedEntries = entries.filter((entry) => entry.billed);
	const groups = new Map();
	const group = (key) => {
		if (!groups.has(key)) groups.set(key, { ledger: 0, yes: 0, maybe: 0, no: 0 });
		return groups.get(key);
	};
	for (const entry of billedEntries) group(groupKey(entry.vendor, entry.product)).ledger++;
	for (const record of records) {
		const counts = group(groupKey(record.vendor, record.product));
		if (record.billed === true) counts.yes++;
		else if (record.billed === 'maybe') counts.maybe++;
		else counts.no++;
	}
	for (const [key, { ledger, yes, maybe, no }] of groups) {
		const says = `audit records say ${yes} billed, ${maybe} maybe, ${no} not billed`;
		if (ledger > yes + maybe)
			violations.push(
				`${key}: the ledger has ${ledger} billed call(s), ${says}: a billed call lacks its audit record`,
			);
		if (yes > ledger + unattributed)
			violations.push(
				`${key}: the ledger has ${ledger} billed call(s), ${says}: a record says billed without a billed call`,
			);
	}

	// An entry that names one input item: that item has a billed or maybe record for it.
	const items = [...Array(run.itemCount).keys()];
	for (const entry of billedEntries) {
		const owners = items.filter((index) => keysOfItems[index] && keysOfItems[index].has(entry.key));
		if (owners.length !== 1) continue;
		const [index] = owners;
		const own = records.filter(
			(record) =>
				record.index === index &&
				groupKey(record.vendor, record.product) === groupKey(entry.vendor, entry.product),
		);
		if (!own.some((record) => record.billed === true || record.billed === 'maybe'))
			violations.push(
				`item ${index}: ${entry.product} billed per the ledger (HTTP ${entry.status}), its audit ${
					own.length ? 'says not billed' : 'has no record for it'
				}`,
			);
	}
	return violations;
}

module.exports = { checkAudit, recordsOf, auditOn };
