import { randomUUID } from 'crypto';

import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { ImageSpec } from '../shared/image';
import type { KycItemContext } from '../shared/types';
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

/**
 * The request's reference. WideKYC's API wiki names it `cust_ref_no`; WideKYC's own Postman
 * collection sends `transactionRefNo`. Both carry the same value, so either server version finds it.
 */
export function referenceFields(ctx: KycItemContext): IDataObject {
	const reference = optionalText(ctx.param('custRefNo', '')) ?? randomUUID();
	return { cust_ref_no: reference, transactionRefNo: reference };
}

/** A reference made up by the node is new on every call: it does not make the call another one. */
export function generatedReference(ctx: KycItemContext, body: IDataObject): string[] {
	return optionalText(ctx.param('custRefNo', '')) ? [] : [String(body.cust_ref_no)];
}

/** Liveness and OCR share one call shape: a reference number and one base64 image. */
export async function postImage(
	ctx: KycItemContext,
	path: string,
	field: string,
	prefix: string,
): Promise<IDataObject> {
	const image = await ctx.image(prefix, WIDEKYC_IMAGE);
	const json = { ...referenceFields(ctx), [field]: image.data.toString('base64') };
	return await ctx.request({
		method: 'POST',
		path,
		json,
		repeatable: false,
		volatile: generatedReference(ctx, json),
	});
}
