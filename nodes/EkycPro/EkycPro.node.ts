import { NodeConnectionTypes } from 'n8n-workflow';
import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { describeOperations, executeKyc } from '../shared/node';
import { resources } from './actions';
import { ekycPro } from './vendor';

export class EkycPro implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'ekycpro',
		name: 'ekycPro',
		icon: { light: 'file:ekycpro.svg', dark: 'file:ekycpro.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Read ID cards, compare faces, detect liveness and check Indonesian identities with ekycpro',
		defaults: { name: 'ekycpro' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'ekycProApi', required: true }],
		properties: describeOperations(ekycPro, resources),
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeKyc(this, ekycPro, resources);
	}
}
