'use strict';
/**
 * Runs our nodes inside n8n's real execution engine (n8n-core's WorkflowExecute), the way n8n's
 * own node tests do, with a credentials helper that applies our declarative credentials.
 * HTTP is real: it goes to the vendor sandbox over loopback.
 */
const fs = require('fs');
const os = require('os');
const path = require('path');

if (!process.env.N8N_USER_FOLDER) {
	process.env.N8N_USER_FOLDER = fs.mkdtempSync(path.join(os.tmpdir(), 'kyc-n8n-core-'));
}
process.env.N8N_LOG_LEVEL = process.env.N8N_LOG_LEVEL || 'silent';

const { ExecutionLifecycleHooks, WorkflowExecute } = require('n8n-core');
const {
	createRunExecutionData,
	ICredentialsHelper,
	NodeHelpers,
	Workflow,
} = require('n8n-workflow');

const { recordRun } = require('../invariants/runs');

const PACKAGE = 'n8n-nodes-kyc';
const NODE_NAME = 'Under Test';

class NodeTypes {
	constructor(types) {
		this.types = types;
	}
	getByName(name) {
		return this.types[name];
	}
	getByNameAndVersion(name, version) {
		const type = this.types[name];
		if (!type) throw new Error(`Unknown node type ${name}`);
		return NodeHelpers.getVersionedNodeType(type, version);
	}
	getKnownTypes() {
		return {};
	}
}

/** Resolves `={{$credentials.x}}` (and `={{ $credentials.x }}`) as n8n does for declarative credentials. */
function resolveCredentialExpression(value, credentials) {
	if (typeof value !== 'string' || !value.startsWith('=')) return value;
	const whole = /^=\{\{\s*\$credentials\.(\w+)\s*\}\}$/.exec(value);
	if (whole) return credentials[whole[1]];
	return value
		.slice(1)
		.replace(/\{\{\s*\$credentials\.(\w+)\s*\}\}/g, (_, key) => String(credentials[key] ?? ''));
}

function resolveAll(object, credentials) {
	return Object.fromEntries(
		Object.entries(object ?? {}).map(([key, value]) => [
			key,
			resolveCredentialExpression(value, credentials),
		]),
	);
}

class CredentialsHelper extends ICredentialsHelper {
	constructor(credentialTypes, data) {
		super();
		this.credentialTypes = credentialTypes;
		this.data = data;
	}
	getParentTypes() {
		return [];
	}
	isCredentialUsableByNode() {
		return true;
	}
	async authenticate(credentials, typeName, requestOptions) {
		const type = this.credentialTypes[typeName];
		const auth = type && type.authenticate;
		if (typeof auth === 'function') return await auth(credentials, requestOptions);
		if (!auth || auth.type !== 'generic') return requestOptions;
		const { headers, qs, body, auth: basic } = auth.properties;
		const options = { ...requestOptions };
		if (headers) options.headers = { ...options.headers, ...resolveAll(headers, credentials) };
		if (qs) options.qs = { ...options.qs, ...resolveAll(qs, credentials) };
		if (body) options.body = { ...options.body, ...resolveAll(body, credentials) };
		if (basic) options.auth = resolveAll(basic, credentials);
		return options;
	}
	async preAuthentication() {
		return undefined;
	}
	async runPreAuthentication() {
		return undefined;
	}
	async getCredentials() {
		throw new Error('not used by the harness');
	}
	async getDecrypted(_additionalData, _nodeCredentials, type) {
		if (!this.data[type]) throw new Error(`No test credentials of type ${type}`);
		return { ...this.data[type] };
	}
	async updateCredentials() {}
	async updateCredentialsOauthTokenData() {}
	getCredentialsProperties(type) {
		return this.credentialTypes[type].properties;
	}
}

/** n8n 2.x needs absolute URLs here, or every getNodeParameter fails with "Invalid URL". */
const harnessUrls = {
	restApiUrl: 'http://localhost:5678/rest',
	instanceBaseUrl: 'http://localhost:5678/',
	webhookBaseUrl: 'http://localhost:5678/webhook',
	webhookTestBaseUrl: 'http://localhost:5678/webhook-test',
	webhookWaitingBaseUrl: 'http://localhost:5678/webhook-waiting',
	formWaitingBaseUrl: 'http://localhost:5678/form-waiting',
};

/** The node's references to its credentials, one per credential type (the helper resolves them). */
const credentialRefs = (credentials) =>
	Object.fromEntries(Object.keys(credentials).map((type) => [type, { id: '1', name: type }]));

/** What WorkflowExecute needs besides the workflow: hooks, credentials, URLs, the execution's id. */
function engineData({ executionId, workflowData, credentialClasses, credentials }) {
	const credentialTypes = Object.fromEntries(
		credentialClasses.map((Class) => {
			const instance = new Class();
			return [instance.name, instance];
		}),
	);
	return {
		hooks: new ExecutionLifecycleHooks('manual', executionId, workflowData),
		credentialsHelper: new CredentialsHelper(credentialTypes, credentials),
		executionId,
		...harnessUrls,
		variables: {},
		userId: 'test-user',
		currentNodeParameters: undefined,
	};
}

/** An input item carrying files as n8n binary data (inline base64, n8n 2.x's default mode). */
function binaryItem(files, json = {}) {
	const binary = {};
	for (const [field, file] of Object.entries(files)) {
		const data = Buffer.isBuffer(file) ? file : file.data;
		binary[field] = {
			data: data.toString('base64'),
			mimeType: file.mimeType || 'application/octet-stream',
			fileName: file.fileName || `${field}.bin`,
			fileSize: String(data.length),
		};
	}
	return { json, binary };
}

/**
 * Runs one node over the given input items.
 * @returns {{ items: object[], error?: Error, run: object }} items are the node's first output.
 */
async function runNode({
	nodeClass,
	credentialClasses = [],
	credentials = {},
	parameters,
	items = [{ json: {} }],
	onError,
	cancelAfterMs,
	executionId = 'test-execution',
	settings = {},
}) {
	const nodeType = new nodeClass();
	const typeName = `${PACKAGE}.${nodeType.description.name}`;
	const node = {
		id: 'a1b2c3d4-0000-4000-8000-000000000001',
		name: NODE_NAME,
		type: typeName,
		typeVersion: 1,
		position: [0, 0],
		parameters,
		credentials: credentialRefs(credentials),
		...(onError ? { onError } : {}),
		// Node settings n8n's engine reads itself, e.g. { retryOnFail: true, maxTries: 3, waitBetweenTries: 0 }.
		...settings,
	};
	const workflowData = {
		id: 'test-workflow',
		name: 'test',
		nodes: [node],
		connections: {},
		active: false,
		settings: {},
		createdAt: new Date(),
		updatedAt: new Date(),
	};
	const workflow = new Workflow({
		...workflowData,
		nodeTypes: new NodeTypes({ [typeName]: nodeType }),
	});
	const additionalData = engineData({ executionId, workflowData, credentialClasses, credentials });
	const runData = createRunExecutionData({
		executionData: { nodeExecutionStack: [{ node, data: { main: [items] }, source: null }] },
	});
	const execution = new WorkflowExecute(additionalData, 'manual', runData).processRunExecutionData(
		workflow,
	);
	let timer;
	if (cancelAfterMs !== undefined) timer = setTimeout(() => execution.cancel(), cancelAfterMs);
	const record = {
		kind: 'node',
		nodeType: nodeType.description.name,
		parameters,
		credentials,
		items,
		settings,
		onError,
		startedAt: Date.now(),
	};
	recordRun(record);
	let run;
	try {
		run = await execution;
	} catch (thrown) {
		record.result = { thrown };
		throw thrown;
	} finally {
		clearTimeout(timer);
		record.endedAt = Date.now();
	}
	const task = run.data.resultData.runData[NODE_NAME] && run.data.resultData.runData[NODE_NAME][0];
	const outputs = (task && task.data && task.data.main) || [];
	record.result = {
		run,
		items: outputs[0] || [],
		errorItems: outputs[1] || [],
		error: (task && task.error) || run.data.resultData.error,
	};
	return record.result;
}

module.exports = {
	runNode,
	binaryItem,
	NODE_NAME,
	PACKAGE,
	NodeTypes,
	CredentialsHelper,
	harnessUrls,
	credentialRefs,
	engineData,
};
