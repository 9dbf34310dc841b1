'use strict';
/**
 * Runs a credential's declarative `test` the way n8n's CredentialsTester does (packages/cli,
 * credentials-tester.service.ts, the same in 1.x and 2.x): the test request becomes the
 * `routing.request` of a one-property temporary node, n8n-core's RoutingNode runs it through an
 * ExecuteContext in `internal` mode (so the request goes through httpRequestWithAuthentication and
 * the credential's `authenticate`), and the outcome is read as the tester reads it: a failed
 * request's status against the `responseCode` rules, then any non-2xx status as an error; a
 * successful answer against the `responseSuccessBody` rules.
 */
const { CredentialsHelper, harnessUrls } = require('./n8n'); // sets N8N_USER_FOLDER first
const { ExecuteContext, RoutingNode } = require('n8n-core');
const { createRunExecutionData, Workflow } = require('n8n-workflow');

const valueAt = (object, path) =>
	path.split('.').reduce((value, key) => (value == null ? undefined : value[key]), object);

/**
 * @param {Function} CredentialClass e.g. EkycProApi
 * @param {object} data the credential's fields
 * @returns {Promise<{ status: 'OK' | 'Error', message: string }>}
 */
async function testCredential(CredentialClass, data) {
	const credential = new CredentialClass();
	const type = credential.name;
	const { request, rules = [] } = credential.test;
	const nodeType = {
		description: {
			displayName: 'Temp',
			name: 'credentialTestTemp',
			group: ['transform'],
			version: 1,
			description: 'Runs a credential test request',
			defaults: { name: 'Temp' },
			inputs: ['main'],
			outputs: ['main'],
			credentials: [{ name: type, required: true }],
			properties: [
				{ displayName: 'Temp', name: 'temp', type: 'string', default: '', routing: { request } },
			],
		},
	};
	const node = {
		id: 'temp',
		name: 'Temp-Node',
		type: nodeType.description.name,
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
		credentials: { [type]: { id: '1', name: type } },
	};
	const workflow = new Workflow({
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: {
			getByName: () => nodeType,
			getByNameAndVersion: () => nodeType,
			getKnownTypes: () => ({}),
		},
	});
	const additionalData = {
		...harnessUrls,
		credentialsHelper: new CredentialsHelper({ [type]: credential }, { [type]: data }),
		variables: {},
		currentNodeParameters: node.parameters,
	};
	const context = new ExecuteContext(
		workflow,
		node,
		additionalData,
		'internal',
		createRunExecutionData(),
		0,
		[],
		{ main: [[{ json: {} }]] },
		{ node, data: {}, source: null },
		[],
	);
	const credentialsDecrypted = { id: '1', name: type, type, data };
	let response;
	try {
		response = await new RoutingNode(context, nodeType, credentialsDecrypted).runNode();
	} catch (error) {
		const answer = error.cause && error.cause.response;
		if (answer) {
			const rule = rules.find(
				(r) => r.type === 'responseCode' && r.properties.value === answer.status,
			);
			if (rule) return { status: 'Error', message: rule.properties.message };
			if (answer.status < 199 || answer.status > 299) {
				return {
					status: 'Error',
					message: answer.statusText || `Received HTTP status code: ${answer.status}`,
				};
			}
		} else if (error.cause && error.cause.code) {
			return { status: 'Error', message: error.cause.code };
		}
		return { status: 'Error', message: String(error.message) };
	}
	for (const rule of rules) {
		if (rule.type !== 'responseSuccessBody') continue;
		if (valueAt(response[0][0].json, rule.properties.key) === rule.properties.value) {
			return { status: 'Error', message: rule.properties.message };
		}
	}
	return { status: 'OK', message: 'Connection successful!' };
}

module.exports = { testCredential };
