import { NodeConnectionTypes } from 'n8n-workflow';
import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { describeOperations, executeKyc } from '../shared/node';
import { resources } from './actions';
import { magicReplyOption } from './request';
import { iluma } from './vendor';

export class Iluma implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Iluma',
		name: 'iluma',
		icon: { light: 'file:iluma.svg', dark: 'file:iluma.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Validate bank account names, KTPs and ID photos, read ID and business documents, compare faces and screen CFT watchlists with Iluma',
		defaults: { name: 'Iluma' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'ilumaApi', required: true }],
		properties: describeOperations(iluma, resources, [magicReplyOption]),
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeKyc(this, iluma, resources);
	}
}
