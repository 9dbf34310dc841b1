import { imageParameters } from '../../../shared/image';
import type { KycOperation } from '../../../shared/types';
import { customerReferenceProperty, postImage } from '../../request';

export const passive: KycOperation = {
	value: 'passive',
	product: 'passiveLiveness',
	name: 'Passive Liveness',
	action: 'Detect liveness in a selfie',
	description: 'Check from one selfie that a live person was in front of the camera',
	properties: [
		...imageParameters('selfie', 'Selfie Image', { description: 'JPEG or PNG selfie photo' }),
		customerReferenceProperty,
	],
	async execute(ctx) {
		return { json: await postImage(ctx, '/api/passive-liveness', 'selfie_image', 'selfie') };
	},
};
