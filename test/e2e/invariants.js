'use strict';

// e2e: the secret-canary check (test/invariants/canary.js) over every execution n8n SAVED, read
// back through its REST API after each suite (test/e2e/run.js) — each execution once.
//
// Canaries: every value of the credentials the suites import (every field but the URLs; see
// sandbox-credentials.js), every image and NIK the execution's own input carried (what n8n's
// Webhook, Set or HTTP Request nodes output, and our nodes' parameters).
// Searched: the whole saved execution for a credential value (our nodes' run data node by node), in every encoding of
// test/invariants/encodings.js; our nodes' run data (every output item, the node's error as n8n
// saved it) and the execution's error for 40 characters of an input image's base64 and a NIK in
// error text (and, with the node's Privacy option, anywhere in its json). A hit names the
// execution, the workflow, the node and the field.

const {
	byDesign,
	canariesOf,
	errorPlaces,
	imageBase64,
	placesOfValue,
	searchPlaces,
	taskPlaces,
} = require('../invariants/canary');

const PACKAGE_PREFIX = 'n8n-nodes-kyc.';
const checked = new Set();

/** Every execution of every workflow, as listed (100 a page, older pages by start time). */
async function listExecutions(rest) {
	const listed = await rest.get('/rest/workflows');
	const workflows = listed.data?.data ?? listed.data;
	const all = new Map();
	for (const { id: workflowId } of workflows) {
		let before;
		for (let page = 0; page < 50; page++) {
			const filter = { workflowId, ...(before ? { startedBefore: before } : {}) };
			const query = encodeURIComponent(JSON.stringify(filter));
			const { results = [] } = (await rest.get(`/rest/executions?filter=${query}&limit=100`)).data;
			const fresh = results.filter((execution) => !all.has(execution.id));
			for (const execution of fresh) all.set(execution.id, execution);
			if (results.length < 100 || fresh.length === 0) break;
			before = results.at(-1).startedAt;
		}
	}
	return [...all.values()];
}

/** The e2e credentials as the canary module takes them: type → fields (ids kept apart). */
function credentialCanaries(credentials) {
	return Object.fromEntries(credentials.map(({ id, type, data }) => [`${type} (${id})`, data]));
}

/** The names of the nodes that run after any of `start` (by the workflow's connections). */
function downstreamOf(start, connections = {}) {
	const found = new Set();
	const queue = [...start];
	while (queue.length) {
		const name = queue.shift();
		for (const outputs of Object.values(connections?.[name] ?? {})) {
			for (const targets of outputs ?? []) {
				for (const { node } of targets ?? []) {
					if (!found.has(node)) {
						found.add(node);
						queue.push(node);
					}
				}
			}
		}
	}
	return found;
}

/** What the execution's input carried: the items of nodes that are not ours, our nodes' parameters. */
function inputOf(workflowData, runData) {
	const ours = new Set(
		(workflowData?.nodes ?? [])
			.filter((node) => node.type.startsWith(PACKAGE_PREFIX))
			.map((node) => node.name),
	);
	const after = downstreamOf(ours, workflowData?.connections);
	const items = [];
	const upstreamItems = [];
	for (const [name, tasks] of Object.entries(runData ?? {})) {
		if (ours.has(name)) continue;
		for (const task of tasks ?? []) {
			for (const output of task?.data?.main ?? []) {
				for (const item of output ?? []) {
					const binary = Object.fromEntries(
						Object.entries(item?.binary ?? {}).filter(([, b]) => imageBase64(b?.data)),
					);
					items.push({ json: item?.json, binary });
					if (!after.has(name)) upstreamItems.push({ json: item?.json, binary });
				}
			}
		}
	}
	const parameters = (workflowData?.nodes ?? [])
		.filter((node) => ours.has(node.name))
		.map((node) => node.parameters);
	return { ours, items, upstreamItems, parameters };
}

/** The violations in one saved execution. */
function searchExecution(id, full, data, credentials) {
	const { workflowData } = full;
	const { resultData = {} } = data ?? {};
	const where = `execution ${id} (workflow "${workflowData?.name}")`;
	const { ours, items, upstreamItems, parameters } = inputOf(workflowData, resultData.runData);
	const canaries = canariesOf({ credentials, items, parameters });
	// The personal text an audit record must not hold is the input's: items of nodes that run after
	// ours carry our outputs, the vendors' own ids (an audit record's vendorReference) among them.
	canaries.personal = canariesOf({ items: upstreamItems, parameters }).personal;
	// A credential value: nowhere in the whole execution (our nodes' run data searched below).
	const othersRunData = Object.fromEntries(
		Object.entries(resultData.runData ?? {}).filter(([name]) => !ours.has(name)),
	);
	const rest = {
		...full,
		data: { ...data, resultData: { ...resultData, runData: othersRunData } },
	};
	const violations = searchPlaces(
		placesOfValue(rest, 'execution'),
		{ ...canaries, images: [], niks: [] },
		{ where },
	);
	for (const node of workflowData?.nodes ?? []) {
		if (!ours.has(node.name)) continue;
		const type = node.type.slice(PACKAGE_PREFIX.length);
		const places = (resultData.runData?.[node.name] ?? [])
			.flatMap((task, index) => taskPlaces(task, `runData[${index}].`))
			.filter((place) => !byDesign(type, node.parameters, place.path));
		if (resultData.error && resultData.lastNodeExecuted === node.name)
			places.push(...errorPlaces(resultData.error, 'resultData.error'));
		violations.push(
			...searchPlaces(places, canaries, {
				where: `${where}, node "${node.name}"`,
				privacy: node.parameters?.options?.privacy === true,
			}),
		);
	}
	return violations;
}

/**
 * One check: every saved execution not read before holds no canary. `label` names the suite.
 */
async function checkSavedExecutions({ check, rest, e2e, credentials, label }) {
	await check(
		`canary (${label}): no credential value, input image or NIK in error text in the saved executions`,
		async () => {
			const secrets = credentialCanaries(credentials);
			const violations = [];
			let read = 0;
			for (const execution of await listExecutions(rest)) {
				if (checked.has(execution.id) || !e2e.isFinished(execution)) continue;
				checked.add(execution.id);
				const full = (await rest.get(`/rest/executions/${execution.id}`)).data;
				const data = typeof full.data === 'string' ? e2e.unflatten(full.data) : full.data;
				violations.push(...searchExecution(execution.id, full, data, secrets));
				read++;
			}
			if (violations.length > 0)
				throw new Error(
					`${violations.length} canary hits:\n- ${violations.slice(0, 20).join('\n- ')}`,
				);
			return `${read} executions read`;
		},
	);
}

module.exports = { checkSavedExecutions, searchExecution };
