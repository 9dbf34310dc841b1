'use strict';
/**
 * Runs one of our nodes as an AI tool (usableAsTool) through n8n-core's real tool path: a caller
 * node (standing in for the AI Agent or the MCP Server Trigger, which both get their tools this
 * way) runs in WorkflowExecute and asks for its `ai_tool` input with getInputConnectionData;
 * n8n-core turns our node into a LangChain tool (createNodeAsTool) whose calls run
 * makeHandleToolInvocation, n8n's own Retry On Fail loop for tools. Each call is recorded for the
 * shared invariants (test/invariants/runs.js) as a run with the tool's arguments as its input item.
 */
const { WorkflowExecute } = require('n8n-core');
const { createRunExecutionData, NodeConnectionTypes, Workflow } = require('n8n-workflow');

const { PACKAGE, NodeTypes, credentialRefs, engineData } = require('./n8n');
const { recordRun } = require('../invariants/runs');

const TOOL_NAME = 'KYC Tool';
const CALLER_NAME = 'Tool Caller';

/**
 * The node type n8n makes of a usableAsTool node (convertNodeToAiTool in the n8n package, which
 * is not a dependency here): the same node, named `<name>Tool`, with no inputs and one `ai_tool`
 * output. Its execute() is the node's own.
 */
function asToolType(nodeType) {
	const base = nodeType.description;
	const description = {
		...base,
		name: `${base.name}Tool`,
		displayName: `${base.displayName} Tool`,
		inputs: [],
		outputs: [NodeConnectionTypes.AiTool],
	};
	delete description.usableAsTool;
	return Object.create(nodeType, { description: { value: description } });
}

/** A node with one `ai_tool` input that calls its tool once per entry of `calls` (tool arguments). */
function callerType(calls, concurrent, outcomes) {
	return {
		description: {
			displayName: 'Tool Caller',
			name: 'toolCaller',
			group: ['transform'],
			version: 1,
			description: 'Calls its tool as an agent would',
			defaults: { name: CALLER_NAME },
			inputs: [NodeConnectionTypes.Main, { type: NodeConnectionTypes.AiTool, required: true }],
			outputs: [NodeConnectionTypes.Main],
			properties: [],
		},
		async execute() {
			const tools = await this.getInputConnectionData(NodeConnectionTypes.AiTool, 0);
			const tool = Array.isArray(tools) ? tools[0] : tools;
			const call = async (args, index) => {
				const record = outcomes[index].record;
				record.startedAt = Date.now();
				try {
					const response = await tool.invoke(args);
					const json = JSON.parse(response);
					outcomes[index].response = json;
					record.result = {
						items: (Array.isArray(json) ? json : [json]).map((item) => ({
							json: item,
							pairedItem: { item: 0 },
						})),
						errorItems: [],
					};
				} catch (error) {
					outcomes[index].error = error;
					record.result = { thrown: error };
				} finally {
					record.endedAt = Date.now();
				}
			};
			if (concurrent) await Promise.all(calls.map(call));
			else for (const [index, args] of calls.entries()) await call(args, index);
			return [[{ json: {} }]];
		},
	};
}

/**
 * Runs the node as a tool called with each of `calls` (its arguments), one after the other or
 * all at once. `settings` are the tool node's (e.g. { retryOnFail: true, maxTries: 3 }).
 * @returns {Promise<{ outcomes: Array<{ response?: unknown, error?: Error }>, run: object }>}
 */
async function runAsTool({
	nodeClass,
	credentialClasses = [],
	credentials = {},
	parameters,
	calls,
	concurrent = false,
	executionId = 'test-execution',
	settings = {},
}) {
	const nodeType = new nodeClass();
	const toolType = asToolType(nodeType);
	const typeName = `${PACKAGE}.${toolType.description.name}`;
	const outcomes = calls.map((args) => ({
		record: {
			kind: 'node',
			nodeType: nodeType.description.name,
			parameters,
			credentials,
			items: [{ json: args }],
			settings,
		},
	}));
	const caller = {
		id: 'a1b2c3d4-0000-4000-8000-000000000002',
		name: CALLER_NAME,
		type: 'test.toolCaller',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	const toolNode = {
		id: 'a1b2c3d4-0000-4000-8000-000000000003',
		name: TOOL_NAME,
		type: typeName,
		typeVersion: 1,
		position: [0, 200],
		parameters,
		credentials: credentialRefs(credentials),
		...settings,
	};
	const workflowData = {
		id: 'test-tool-workflow',
		name: 'tool test',
		nodes: [caller, toolNode],
		connections: {
			[TOOL_NAME]: {
				[NodeConnectionTypes.AiTool]: [
					[{ node: CALLER_NAME, type: NodeConnectionTypes.AiTool, index: 0 }],
				],
			},
		},
		active: false,
		settings: {},
		createdAt: new Date(),
		updatedAt: new Date(),
	};
	const workflow = new Workflow({
		...workflowData,
		nodeTypes: new NodeTypes({
			[typeName]: toolType,
			'test.toolCaller': callerType(calls, concurrent, outcomes),
		}),
	});
	const additionalData = {
		...engineData({ executionId, workflowData, credentialClasses, credentials }),
		currentNodeExecutionIndex: 0,
	};
	const runData = createRunExecutionData({
		executionData: {
			nodeExecutionStack: [{ node: caller, data: { main: [[{ json: {} }]] }, source: null }],
		},
	});
	for (const outcome of outcomes) recordRun(outcome.record);
	const run = await new WorkflowExecute(additionalData, 'manual', runData).processRunExecutionData(
		workflow,
	);
	const callerError = run.data.resultData.error;
	if (callerError) throw callerError;
	return {
		outcomes: outcomes.map(({ response, error }) => ({ response, error })),
		run,
		toolRuns: run.data.resultData.runData[TOOL_NAME] || [],
	};
}

module.exports = { runAsTool, TOOL_NAME };
