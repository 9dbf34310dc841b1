import { randomUUID } from 'crypto';
import type { INodeProperties } from 'n8n-workflow';

import type { ImageSpec } from '../shared/image';
import { optionalText } from '../shared/validation';

/** WideKYC documents no size limit; its SDK sends JPEG photos, and PNG is accepted as base64 too. */
export const WIDEKYC_IMAGE: ImageSpec = { vendor: 'WideKYC', formats: ['jpeg', 'png'] };

export const customerReferenceProperty: INodeProperties = {
	displayName: 'Customer Reference Number',
	name: 'custRefNo',
	type: 'string',
	default: '',
	description: 'Your reference for this request (cust_ref_no); leave empty for a fresh unique ID',
};

export function customerReference(value: unknown): string {
	return optionalText(value) ?? randomUUID();
}
