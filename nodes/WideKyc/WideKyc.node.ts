import { NodeConnectionTypes } from 'n8n-workflow';
import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { describeOperations, executeKyc } from '../shared/node';
import { resources } from './actions';
import { wideKyc } from './vendor';

export class WideKyc implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'WideKYC',
		name: 'wideKyc',
		icon: { light: 'file:wideKyc.svg', dark: 'file:wideKyc.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Read e-KTPs, validate identities with Dukcapil and detect liveness with WideKYC',
		defaults: { name: 'WideKYC' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'wideKycApi', required: true }],
		properties: describeOperations(wideKyc, resources),
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeKyc(this, wideKyc, resources);
	}
}
