import { NodeConnectionTypes } from 'n8n-workflow';
import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { describeOperations, executeKyc } from '../shared/node';
import { resources } from './actions';
import { argosId } from './vendor';

export class ArgosId implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Argos ID',
		name: 'argosId',
		icon: { light: 'file:argosId.svg', dark: 'file:argosId.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Run Argos Identity’s two-step KYC submission (ID, then selfie) and look submissions up',
		defaults: { name: 'Argos ID' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'argosIdApi', required: true }],
		properties: describeOperations(argosId, resources),
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeKyc(this, argosId, resources);
	}
}
