'use strict';
/**
 * The billing-ledger check after every engine test: each node run is compared with the ledger of
 * the sandbox(es) its credentials point at (test/sandbox/registry.js), by the shared rule in
 * ./billingRule.js. A run's ledger entries are those its vendors made between its start and end;
 * when runs of one test overlap, an entry goes to the run whose input items carry its key (and is
 * left out when that does not decide). Iluma's jobs that complete in the background add nothing:
 * the ledger records the billable call when it is made.
 */
const registry = require('../sandbox/registry');
const { checkRun, itemKeys } = require('./billingRule');
const { checkAudit } = require('./auditRule');

/** The sandbox vendors a run's credentials reach: [{ record, vendor }]. */
function targetsOf(run) {
	const targets = [];
	for (const fields of Object.values(run.credentials || {})) {
		for (const value of Object.values(fields || {})) {
			const target = registry.vendorAt(value);
			if (target && !targets.some((t) => t.record === target.record && t.vendor === target.vendor))
				targets.push(target);
		}
	}
	return targets;
}

/** The run as the rule reads it. */
function describe(run, vendors) {
	const result = run.result || {};
	const error = result.thrown || result.error;
	const context = (error && error.context) || {};
	return {
		parameters: run.parameters,
		anyVendor: run.nodeType === 'kycAnyVendor',
		mode: (run.parameters && run.parameters.mode) || 'failover',
		vendors,
		itemCount: (run.items || []).length,
		outputs: [...(result.items || []), ...(result.errorItems || [])],
		error:
			error && Number.isInteger(context.itemIndex)
				? {
						itemIndex: context.itemIndex,
						message: error.message,
						description: error.description,
						errorResponse: error.errorResponse,
					}
				: error && (run.items || []).length === 1
					? {
							itemIndex: 0,
							message: error.message,
							description: error.description,
							errorResponse: error.errorResponse,
						}
					: null,
	};
}

function label(run, index) {
	const p = run.parameters || {};
	const what = [p.resource, p.operation, p.check, p.mode].filter(Boolean).join('/');
	const settings = run.settings && run.settings.retryOnFail ? ', Retry On Fail' : '';
	// The fault matrix names its cell in the input item.
	const first = run.items && run.items[0] && run.items[0].json;
	const cell = first && typeof first.cell === 'string' ? `, cell "${first.cell}"` : '';
	return `run ${index + 1} (${run.nodeType}${what ? ` ${what}` : ''}, ${(run.items || []).length} item(s)${settings}${cell})`;
}

async function ledgerCheck(runs) {
	const nodeRuns = runs.filter((run) => run.kind === 'node');
	const now = Date.now();
	const prepared = nodeRuns.map((run) => {
		const targets = targetsOf(run);
		return {
			run,
			targets,
			keys: (run.items || []).map((item) => itemKeys(item, run.parameters)),
			entries: [],
			unattributed: 0,
			endedAt: run.endedAt ?? now,
		};
	});
	// Every entry made during a run, to the run (or, for overlapping runs, the one with its key).
	const records = new Set(prepared.flatMap((p) => p.targets.map((t) => t.record)));
	for (const record of records) {
		for (const entry of record.entries) {
			const within = prepared.filter(
				(p) =>
					p.targets.some((t) => t.record === record && t.vendor === entry.vendor) &&
					entry.at >= p.run.startedAt &&
					entry.at <= p.endedAt,
			);
			let owners = within;
			if (owners.length > 1) owners = within.filter((p) => p.keys.some((k) => k.has(entry.key)));
			if (owners.length === 1)
				owners[0].entries.push({ ...entry, offset: entry.at - owners[0].run.startedAt });
			else if (entry.billed) for (const owner of within) owner.unattributed++;
		}
	}
	const violations = [];
	prepared.forEach((p, index) => {
		if (p.targets.length === 0) return;
		const vendors = p.targets.map((t) => t.vendor.toLowerCase());
		const described = describe(p.run, vendors);
		const found = [
			...checkRun(described, p.entries, p.keys),
			...checkAudit(described, p.entries, p.keys, p.unattributed).map((v) => `audit: ${v}`),
		];
		for (const violation of found)
			violations.push(`billing ledger, ${label(p.run, index)}: ${violation}`);
	});
	registry.forget(Date.now() + 1);
	return violations;
}

module.exports = ledgerCheck;
