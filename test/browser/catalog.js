'use strict';

// What the browser test expects to meet in n8n, read from the built package (dist/), so that the
// expectations are the shipped descriptions themselves: each node's vendor entry in the nodes panel,
// its actions (resource/operation with their `action` text), trigger events, or (a node without
// resources, KYC (Any Vendor)) its one panel as added, the parameters n8n should show for each of
// them, and each credential's fields with their help text.

const path = require('node:path');
const { NodeHelpers } = require('n8n-workflow');

const PACKAGE_ROOT = path.resolve(__dirname, '..', '..');

function loadClass(file) {
	const exports = require(path.join(PACKAGE_ROOT, file));
	return Object.values(exports).find((value) => typeof value === 'function');
}

/** The node's parameter values as n8n resolves them (defaults filled in) from the ones set. */
function resolvedParameters(description, values) {
	const node = { typeVersion: 1, parameters: {} };
	const resolved = NodeHelpers.getNodeParameters(
		description.properties,
		values,
		true,
		false,
		node,
		description,
	);
	return { resolved, node: { ...node, parameters: resolved } };
}

/** The top-level parameters n8n shows for these parameter values (n8n's own display rules). */
function visibleParameters(description, values) {
	const { resolved, node } = resolvedParameters(description, values);
	return description.properties
		.filter((property) => property.type !== 'hidden')
		.filter((property) => NodeHelpers.displayParameter(resolved, property, node, description))
		.map((property) => ({
			name: property.name,
			label: property.displayName,
			type: property.type,
			required: Boolean(property.required),
			options: property.type === 'options' ? property.options : undefined,
		}));
}

/** The credential types whose selector the panel shows for these values (e.g. none for an unencrypted Argos trigger). */
function visibleCredentials(description, values) {
	const { resolved, node } = resolvedParameters(description, values);
	return (description.credentials || [])
		.filter((credential) => NodeHelpers.displayParameter(resolved, credential, node, description))
		.map((credential) => credential.name);
}

/** One panel visit: the values that select it and what the panel should show. */
function panel(description, values, title) {
	return {
		title,
		values,
		parameters: visibleParameters(description, values),
		credentials: visibleCredentials(description, values),
	};
}

function actionsOf(description) {
	const resource = description.properties.find((p) => p.name === 'resource');
	if (!resource) return [];
	return resource.options.flatMap((res) => {
		const operation = description.properties.find(
			(p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes(res.value),
		);
		return operation.options.map((op) => ({
			resource: res,
			operation: op,
			action: op.action,
			...panel(
				description,
				{ resource: res.value, operation: op.value },
				`${res.name} / ${op.name}`,
			),
		}));
	});
}

/** A node without resources (KYC (Any Vendor)): one panel, as the node is added (defaults). */
function singlePanelOf(description) {
	const check = description.properties.find((p) => p.name === 'check');
	const shown = check?.options.find((option) => option.value === check.default);
	return panel(description, {}, shown ? `${check.displayName}: ${shown.name}` : 'as added');
}

/** A multiOptions parameter as shown for these values: its options ({ name, value }) and default. */
function multiOptions(description, name, values) {
	const { resolved, node } = resolvedParameters(description, values);
	const property = description.properties.find(
		(p) =>
			p.name === name &&
			p.type === 'multiOptions' &&
			NodeHelpers.displayParameter(resolved, p, node, description),
	);
	return (
		property && { options: property.options, default: property.default, value: resolved[name] }
	);
}

function triggerEventsOf(description) {
	const events = description.properties.find((p) => p.name === 'events');
	return events ? events.options : [];
}

function nodes() {
	const { n8n, name: packageName } = require(path.join(PACKAGE_ROOT, 'package.json'));
	return n8n.nodes.map((file) => {
		const description = new (loadClass(file))().description;
		const trigger = description.group.includes('trigger');
		// No resource/operation: the nodes panel adds it at once (no actions to pick from).
		const single = !trigger && !description.properties.some((p) => p.name === 'resource');
		return {
			type: `${packageName}.${description.name}`,
			name: description.name,
			displayName: description.displayName,
			// n8n groups a node and its trigger under one entry named without " Trigger".
			vendor: description.displayName.replace(/ Trigger$/, ''),
			trigger,
			single,
			credentials: (description.credentials || []).map((credential) => credential.name),
			icon: description.icon,
			description,
			actions: trigger ? [] : actionsOf(description),
			events: trigger ? triggerEventsOf(description) : [],
			triggerPanel: trigger ? panel(description, {}, 'Trigger') : undefined,
			singlePanel: single ? singlePanelOf(description) : undefined,
		};
	});
}

function credentials() {
	const { n8n } = require(path.join(PACKAGE_ROOT, 'package.json'));
	return n8n.credentials.map((file) => {
		const credential = new (loadClass(file))();
		return {
			name: credential.name,
			displayName: credential.displayName,
			fields: credential.properties.map((property) => ({
				name: property.name,
				label: property.displayName,
				required: Boolean(property.required),
				description: property.description,
				placeholder: property.placeholder,
			})),
		};
	});
}

module.exports = {
	nodes,
	credentials,
	visibleParameters,
	visibleCredentials,
	multiOptions,
	PACKAGE_ROOT,
};
