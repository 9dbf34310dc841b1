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
		// Also what n8n sends an AI agent as this node's tool description (it has no operations).
		description:
			'Run one Indonesian KYC check at Iluma, WideKYC or ekycpro, with failover across vendors or a cross-check: Verify NIK (a 16-digit NIK and the full name), Read KTP (a photo of the e-KTP), Liveness (a selfie), Compare Faces (a selfie and an ID photo). Billed per call by the vendor that answers (by every picked vendor in Cross-Check); a vendor that took nothing bills nothing.',
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
