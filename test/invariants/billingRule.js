'use strict';
/**
 * The billing rule, shared by the engine tests (./ledger.js) and the e2e suites
 * (test/e2e/ledger.js): for one node run, what the node said about billing each input item
 * (its output items, Continue-On-Fail items, error-output items, or the run's error) compared
 * with the sandbox's ledger (test/sandbox/ledger.js) of the calls the vendors billed during it.
 *
 * For every item: the vendors that billed it per the ledger are exactly the vendors the node says
 * billed it; in KYC (Any Vendor) Failover no item is billed by two vendors; no item is billed twice
 * for the same product at one vendor in one run (Retry On Fail must not re-bill).
 *
 * What the node says, per item and vendor ('yes' | 'no' | 'maybe' | 'success'):
 * - a vendor node's success item: 'success' (billed when the operation is billable; a read is free);
 * - a failure (Continue-On-Fail item's `error`, the error output's `error`, the run's error):
 *   the message's last `[…]` says `billed` ('yes') or `not billed` ('no'); "may have been
 *   processed" or no billing fact is 'maybe';
 * - KYC (Any Vendor): the item's `attempts` (or `details.attempts`): `billed: true` is 'yes'
 *   ('maybe' when its message says "may have been processed"), `billed: false` or not tried is
 *   'no' (billing-semantics: billed true = billed, or may have been and then the message says so);
 *   a failure without attempts names the vendor that ended it (and "Tried first: …").
 * Items with no output (the node stopped on another item) are 'maybe'.
 */

const crypto = require('crypto');

const sha256 = (buffer) => `sha256:${crypto.createHash('sha256').update(buffer).digest('hex')}`;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const MAYBE = /may have been processed/i;

/** Vendor names as the nodes and the sandbox write them, to one form. */
const DISPLAY = { iluma: 'iluma', widekyc: 'widekyc', ekycpro: 'ekycpro', clova: 'clova' };
const vendorName = (name) => {
	const lower = String(name || '')
		.toLowerCase()
		.replace(/[^a-z]/g, '');
	if (lower.startsWith('naverclova') || lower.startsWith('clova')) return 'clova';
	if (lower.startsWith('argos')) return 'argos';
	return DISPLAY[lower] || lower;
};

/** The keys an input value can be found under in the ledger (see test/sandbox/ledger.js). */
function addKeys(value, keys, depth = 0) {
	if (depth > 6 || value === null || value === undefined) return;
	if (typeof value === 'number') keys.add(String(value));
	if (typeof value === 'string') {
		keys.add(value);
		keys.add(value.trim());
		if (/^[\d\s.\-/_]+$/.test(value)) keys.add(value.replace(/\D/g, ''));
		const compact = value.replace(/^data:[^,]*;base64,/, '').replace(/\s+/g, '');
		if (compact.length >= 16 && BASE64.test(compact))
			keys.add(sha256(Buffer.from(compact, 'base64')));
		return;
	}
	if (Buffer.isBuffer(value)) {
		keys.add(sha256(value));
		return;
	}
	if (typeof value === 'object') {
		for (const inner of Object.values(value)) addKeys(inner, keys, depth + 1);
	}
}

function itemKeys(item, parameters) {
	const keys = new Set();
	addKeys(item && item.json, keys);
	for (const file of Object.values((item && item.binary) || {})) {
		if (file && typeof file.data === 'string') keys.add(sha256(Buffer.from(file.data, 'base64')));
	}
	// Literal parameters (not expressions) are the same for every item.
	for (const value of Object.values(parameters || {})) {
		if (typeof value === 'string' && !value.startsWith('=')) addKeys(value, keys);
	}
	keys.delete('');
	return keys;
}

/** 'yes' | 'no' | 'maybe' from a failure's message. */
function claimOfMessage(message) {
	const text = String(message || '');
	if (MAYBE.test(text)) return 'maybe';
	const facts = /\[([^\]]*)\]\s*$/.exec(text);
	if (facts && /\bnot billed\b/.test(facts[1])) return 'no';
	if (facts && /\bbilled\b/.test(facts[1])) return 'yes';
	return 'maybe';
}

function claimsOfAttempts(attempts, vendors) {
	const claims = new Map(vendors.map((vendor) => [vendor, 'no']));
	for (const attempt of attempts) {
		const vendor = vendorName(attempt.vendor);
		// billed true is billed for an answer; for a failure, as its message says: "[…, billed]" is
		// billed, "may have been processed" or no billing fact (the vendor does not document it) is maybe.
		const claim = !attempt.billed
			? 'no'
			: attempt.outcome === 'answered' || claimOfMessage(attempt.message) === 'yes'
				? 'yes'
				: 'maybe';
		const before = claims.get(vendor);
		// One vendor tried twice for an item (e.g. a cooling-down vendor tried last): the strongest wins.
		if (before === undefined || before === 'no' || (before === 'maybe' && claim === 'yes'))
			claims.set(vendor, claim);
	}
	return claims;
}

/** Claims of KYC (Any Vendor) when a failure carries no attempts (the run's thrown error). */
function claimsOfAnyVendorError({ message, description, errorResponse }, vendors, mode) {
	const claims = new Map(vendors.map((vendor) => [vendor, mode === 'crossCheck' ? 'maybe' : 'no']));
	const response = errorResponse || {};
	const ended = vendorName(response.vendor);
	const own =
		MAYBE.test(String(message)) || response.billed === undefined
			? 'maybe'
			: response.billed
				? 'yes'
				: 'no';
	if (claims.has(ended)) claims.set(ended, own);
	else if (own === 'no' && mode !== 'crossCheck')
		return claims; // nothing sent or no vendor took it
	else if (!claims.has(ended)) for (const vendor of vendors) claims.set(vendor, 'maybe');
	const tried = /Tried first: ([^.]*)\./.exec(String(description || ''));
	if (tried) {
		for (const part of tried[1].split(';')) {
			const words = part.trim().split(' ');
			const vendor = vendorName(words[0]);
			if (claims.has(vendor) && /\banswered\b/.test(part)) claims.set(vendor, 'yes');
		}
	}
	return claims;
}

/**
 * What the node said about each input item: Map itemIndex → Map vendor → claim.
 * `run`: { anyVendor, mode, vendors (names the run's credentials reach), itemCount,
 *   outputs: [{ json, pairedItem }], error: { itemIndex, message, description, errorResponse } }.
 */
function claimsOf(run) {
	const claims = new Map();
	const set = (index, perVendor) => {
		if (!claims.has(index)) claims.set(index, perVendor);
	};
	for (const output of run.outputs) {
		const paired = Array.isArray(output.pairedItem) ? output.pairedItem[0] : output.pairedItem;
		const index = paired && Number.isInteger(paired.item) ? paired.item : 0;
		const json = output.json || {};
		const attempts = Array.isArray(json.attempts)
			? json.attempts
			: json.details && Array.isArray(json.details.attempts)
				? json.details.attempts
				: null;
		if (run.anyVendor && attempts) set(index, claimsOfAttempts(attempts, run.vendors));
		else if (json.error !== undefined) {
			const claim = claimOfMessage(typeof json.error === 'string' ? json.error : json.message);
			set(index, new Map(run.vendors.map((vendor) => [vendor, claim])));
		} else set(index, new Map(run.vendors.map((vendor) => [vendor, 'success'])));
	}
	if (run.error && Number.isInteger(run.error.itemIndex)) {
		const perVendor = run.anyVendor
			? claimsOfAnyVendorError(run.error, run.vendors, run.mode)
			: new Map(
					run.vendors.map((vendor) => {
						const billed = run.error.errorResponse && run.error.errorResponse.billed;
						const claim = MAYBE.test(String(run.error.message))
							? 'maybe'
							: billed === true
								? 'yes'
								: billed === false
									? 'no'
									: claimOfMessage(run.error.message);
						return [vendor, claim];
					}),
				);
		set(run.error.itemIndex, perVendor);
	}
	for (let index = 0; index < run.itemCount; index++) {
		set(index, new Map(run.vendors.map((vendor) => [vendor, 'maybe'])));
	}
	return claims;
}

const masked = (key) =>
	key === null || key === undefined
		? 'no key'
		: key.startsWith('sha256:')
			? key.slice(0, 15)
			: `${String(key).slice(0, 4)}…(${String(key).length})`;

const describeEntries = (entries) =>
	entries.length === 0
		? 'nothing billed'
		: entries
				.map((e) => `${e.product} billed (${masked(e.key)}, HTTP ${e.status}, at +${e.offset}ms)`)
				.join(', ');

const SAYS = {
	yes: 'billed',
	no: 'not billed',
	maybe: 'maybe billed',
	success: 'a success (billed)',
};

/**
 * Violations of the billing rule for one run. `entries`: the ledger entries attributed to this run
 * (`{ vendor, product, billed, key, status, at }`), `itemKeys`: one Set of keys per input item.
 */
function checkRun(run, entries, keysOfItems) {
	const claims = claimsOf(run);
	const violations = [];
	const assigned = new Map(); // item → vendor → entries
	const slot = (index, vendor) => {
		if (!assigned.has(index)) assigned.set(index, new Map());
		const byVendor = assigned.get(index);
		if (!byVendor.has(vendor)) byVendor.set(vendor, []);
		return byVendor.get(vendor);
	};
	const claimAt = (index, vendor) => (claims.get(index) || new Map()).get(vendor) || 'maybe';
	const allItems = [...Array(run.itemCount).keys()];

	for (const entry of entries.filter((e) => e.billed)) {
		const vendor = vendorName(entry.vendor);
		let candidates = allItems.filter((index) => keysOfItems[index].has(entry.key));
		if (candidates.length === 0) candidates = allItems;
		if (candidates.length === 0) {
			violations.push(`${vendor}: ${describeEntries([entry])} for a run with no input items`);
			continue;
		}
		// Among items with the same key: the one that says billed and has no such entry yet first.
		const sameProduct = (index) =>
			slot(index, vendor).filter((e) => e.product === entry.product && e.key === entry.key).length;
		const rank = (index) => {
			const claim = claimAt(index, vendor);
			const order = { yes: 0, success: 1, maybe: 2, no: 3 }[claim];
			return sameProduct(index) * 10 + order;
		};
		const chosen = candidates.reduce((best, index) => (rank(index) < rank(best) ? index : best));
		slot(chosen, vendor).push(entry);
	}

	for (const index of allItems) {
		const billedBy = [];
		for (const vendor of run.vendors) {
			const claim = claimAt(index, vendor);
			const got = slot(index, vendor);
			const where = `item ${index}: ${vendor}`;
			if (got.length > 0) billedBy.push(vendor);
			if (claim === 'yes' && got.length === 0)
				violations.push(`${where}: the node says billed, the ledger says nothing billed`);
			if (claim === 'no' && got.length > 0)
				violations.push(
					`${where}: the node says not billed, the ledger says ${describeEntries(got)}`,
				);
			// The same product for the same subject twice (a subject that changed between tries is a new call).
			const bySubject = new Map();
			for (const entry of got) {
				const subject = `${entry.product}\u0000${entry.key}`;
				bySubject.set(subject, [...(bySubject.get(subject) || []), entry]);
			}
			for (const same of bySubject.values()) {
				if (same.length > 1)
					violations.push(
						`${where}: billed ${same.length} times for ${same[0].product} (${masked(same[0].key)}) in one run (the node says ${SAYS[claim]}): ${describeEntries(same)}`,
					);
			}
		}
		if (run.anyVendor && run.mode !== 'crossCheck' && billedBy.length > 1) {
			violations.push(
				`item ${index}: Failover billed by ${billedBy.length} vendors (${billedBy.join(', ')}); the node says ${run.vendors
					.map((vendor) => `${vendor} ${SAYS[claimAt(index, vendor)]}`)
					.join(', ')}`,
			);
		}
	}
	return violations;
}

module.exports = { checkRun, claimsOf, itemKeys, vendorName, claimOfMessage };
