'use strict';

// e2e coverage check: fails when any resource/operation of our action nodes (and every ekycpro
// Document Type), any check of KYC (Any Vendor), or any of our triggers, did not run successfully
// in this e2e run. What should run comes from the built node descriptions (dist/); what did run
// comes from n8n's own execution history: each execution's workflowData (the node's type and
// parameters) and its runData (the node ran, with no error). Runs after all suites; skipped when
// KYC_E2E_SUITES keeps only some of them, unless KYC_E2E_COVERAGE=1 (then it fails, which shows
// that it can).

const assert = require('node:assert/strict');
const path = require('node:path');

/** Option parameters whose every value counts as one more thing to cover (ekycpro's document). */
const SELECTORS = ['document'];
/** What a node without resources (KYC (Any Vendor)) does is chosen by this option parameter. */
const CHECK = 'check';

const optionsOf = (property) => property.options.map((option) => option.value);
const shownFor = (property, values) =>
	Object.entries(values).every(([key, value]) => {
		const shown = property.displayOptions?.show?.[key];
		return shown === undefined || shown.includes(value);
	});

function descriptions(e2e) {
	const { n8n } = require(path.join(e2e.PACKAGE_ROOT, 'package.json'));
	return n8n.nodes.map((file) => {
		const exports = require(path.join(e2e.PACKAGE_ROOT, file));
		const Class = Object.values(exports).find((value) => typeof value === 'function');
		return new Class().description;
	});
}

/** The parameter's value as n8n runs it: the one set, else the default of the property shown. */
function parameter(description, parameters, name, shownWith) {
	if (parameters[name] !== undefined) return parameters[name];
	const property = description.properties.find((p) => p.name === name && shownFor(p, shownWith));
	return property?.default;
}

const hasResources = (description) => description.properties.some((p) => p.name === 'resource');

/** `<node> <resource>/<operation>[ <selector>=<value>]` for what a node with these parameters does. */
function keysOf(description, parameters) {
	const type = description.name;
	if (description.group.includes('trigger')) return [`${type} (trigger)`];
	if (!hasResources(description))
		return [`${type} ${CHECK}=${parameter(description, parameters, CHECK, {})}`];
	const resource = parameter(description, parameters, 'resource', {});
	const operation = parameter(description, parameters, 'operation', { resource });
	const base = `${type} ${resource}/${operation}`;
	const keys = [base];
	for (const name of SELECTORS) {
		const shown = description.properties.some(
			(p) => p.name === name && p.type === 'options' && shownFor(p, { resource, operation }),
		);
		if (shown)
			keys.push(
				`${base} ${name}=${parameter(description, parameters, name, { resource, operation })}`,
			);
	}
	return keys;
}

/** Everything the package offers, as keys. */
function expectedKeys(all) {
	const keys = [];
	for (const description of all) {
		if (description.group.includes('trigger')) {
			keys.push(...keysOf(description, {}));
			continue;
		}
		if (!hasResources(description)) {
			const checks = description.properties.find((p) => p.name === CHECK);
			for (const value of optionsOf(checks)) keys.push(`${description.name} ${CHECK}=${value}`);
			continue;
		}
		const resources = description.properties.find((p) => p.name === 'resource');
		for (const resource of optionsOf(resources)) {
			const operations = description.properties.find(
				(p) => p.name === 'operation' && shownFor(p, { resource }),
			);
			for (const operation of optionsOf(operations)) {
				keys.push(`${description.name} ${resource}/${operation}`);
				for (const name of SELECTORS) {
					const selector = description.properties.find(
						(p) => p.name === name && p.type === 'options' && shownFor(p, { resource, operation }),
					);
					for (const value of selector ? optionsOf(selector) : []) {
						keys.push(`${description.name} ${resource}/${operation} ${name}=${value}`);
					}
				}
			}
		}
	}
	return keys;
}

/** Keys of our nodes that ran without error in the executions n8n lists (newest 100 per workflow). */
async function ranKeys(rest, e2e, all) {
	const prefix = `${e2e.PACKAGE_NAME}.`;
	const byType = new Map(all.map((d) => [`${prefix}${d.name}`, d]));
	const listed = await rest.get('/rest/workflows');
	const workflows = listed.data?.data ?? listed.data;
	const ran = new Set();
	let executionsRead = 0;
	for (const { id } of workflows) {
		const { nodes = [] } = (await rest.get(`/rest/workflows/${id}`)).data;
		if (!nodes.some((node) => byType.has(node.type))) continue;
		const filter = encodeURIComponent(JSON.stringify({ workflowId: id }));
		const list = await rest.get(`/rest/executions?filter=${filter}&limit=100`);
		for (const { id: executionId } of list.data.results) {
			const { workflowData, resultData } = await e2e.executionData(rest, executionId);
			executionsRead += 1;
			const runData = resultData.runData ?? {};
			for (const node of workflowData?.nodes ?? []) {
				const description = byType.get(node.type);
				const runs = runData[node.name] ?? [];
				if (!description || !runs.some((run) => run && !run.error)) continue;
				for (const key of keysOf(description, node.parameters ?? {})) ran.add(key);
			}
		}
	}
	return { ran, executionsRead };
}

async function checkCoverage({ check, rest, e2e }) {
	if (process.env.KYC_E2E_SUITES && process.env.KYC_E2E_COVERAGE !== '1') {
		console.log('  note  coverage check skipped: KYC_E2E_SUITES runs only some suites');
		return;
	}
	await check(
		'coverage: every resource/operation (and ekycpro document type) of every node, every KYC (Any Vendor) check, and each trigger, ran without error in this run',
		async () => {
			const all = descriptions(e2e);
			const expected = expectedKeys(all);
			const { ran, executionsRead } = await ranKeys(rest, e2e, all);
			const missing = expected.filter((key) => !ran.has(key));
			assert.deepEqual(
				missing,
				[],
				`not run successfully (${missing.length} of ${expected.length})`,
			);
			return `${expected.length} of ${expected.length} covered, from ${executionsRead} executions`;
		},
	);
}

module.exports = { checkCoverage, expectedKeys, keysOf };
