'use strict';

// Every sandbox started in this process, by URL, and every ledger entry each made: what the
// ledger check (test/invariants/ledger.js) reads after each test. The entries are kept here as
// they are made, so a test's own reset() or close() (which run before the check) loses none.
// A front (e.g. the fault matrix's TCP gate) is registered under its own URL as an alias.

const sandboxes = new Map(); // url -> { url, vendors: [{ name, prefix }], entries: [] }

function register(sandbox, core) {
	const record = {
		url: sandbox.url,
		vendors: core.vendors.map(({ name, prefix }) => ({ name, prefix })),
		entries: [],
	};
	core.onLedger((entry) => record.entries.push(entry));
	sandboxes.set(sandbox.url, record);
	return record;
}

/** Registers `url` (another loopback server in front of the sandbox) as reaching `sandbox`. */
function alias(url, sandbox) {
	const record = sandboxes.get(sandbox.url);
	if (record) sandboxes.set(url, record);
}

function unalias(url) {
	sandboxes.delete(url);
}

/**
 * The sandbox vendor a base URL reaches, { record, vendor } or null: the URL must be a registered
 * URL followed by the vendor's prefix.
 */
function vendorAt(baseUrl) {
	if (typeof baseUrl !== 'string') return null;
	for (const [url, record] of sandboxes) {
		if (!baseUrl.startsWith(url)) continue;
		const rest = baseUrl.slice(url.length);
		const vendor = record.vendors.find(
			({ prefix }) => rest === prefix || rest.startsWith(`${prefix}/`),
		);
		if (vendor) return { record, vendor: vendor.name };
	}
	return null;
}

/** Drops the entries made before `before` (ms epoch): the checks have read them. */
function forget(before) {
	for (const record of new Set(sandboxes.values())) {
		record.entries = record.entries.filter((entry) => entry.at >= before);
	}
}

module.exports = { register, alias, unalias, vendorAt, forget, sandboxes };
