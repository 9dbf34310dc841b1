import { NodeConnectionTypes } from 'n8n-workflow';
import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { describeOperations, executeKyc } from '../shared/node';
import { resources } from './actions';
import { clovaOcr } from './vendor';

export class ClovaOcr implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'CLOVA OCR',
		name: 'clovaOcr',
		icon: { light: 'file:clovaOcr.svg', dark: 'file:clovaOcr.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Read credit cards, receipts, name cards, business licenses, Korean ID cards, passports and any text with NAVER CLOVA OCR',
		defaults: { name: 'CLOVA OCR' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'clovaOcrApi', required: true }],
		properties: describeOperations(clovaOcr, resources),
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeKyc(this, clovaOcr, resources);
	}
}
