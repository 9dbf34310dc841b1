import { imageParameters } from '../../../shared/image';
import type { KycOperation } from '../../../shared/types';
import { customerReference, customerReferenceProperty, WIDEKYC_IMAGE } from '../../limits';

export const passive: KycOperation = {
	value: 'passive',
	name: 'Passive Liveness',
	action: 'Detect liveness in a selfie',
	description: 'Check from one selfie that a live person was in front of the camera',
	properties: [
		...imageParameters('selfie', 'Selfie Image', { description: 'JPEG or PNG selfie photo' }),
		customerReferenceProperty,
	],
	async execute(ctx) {
		const selfie = await ctx.image('selfie', WIDEKYC_IMAGE);
		const body = await ctx.request({
			method: 'POST',
			path: '/api/passive-liveness',
			json: { cust_ref_no: customerReference(ctx.param('custRefNo', '')), selfie_image: selfie.data.toString('base64') },
			repeatable: false,
		});
		return { json: body };
	},
};
