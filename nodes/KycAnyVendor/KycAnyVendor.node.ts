import { NodeConnectionTypes } from 'n8n-workflow';
import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { credentials, properties } from './description';
import { executeAnyVendor } from './execute';

export class KycAnyVendor implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'KYC (Any Vendor)',
		name: 'kycAnyVendor',
		icon: { light: 'file:kycAnyVendor.svg', dark: 'file:kycAnyVendor.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["check"] + " · " + $parameter["mode"]}}',
		description:
			'Run one Indonesian KYC check (read KTP, verify NIK, liveness, compare faces) at Iluma, WideKYC or ekycpro, with failover across vendors or a cross-check',
		defaults: { name: 'KYC (Any Vendor)' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials,
		properties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeAnyVendor(this);
	}
}
