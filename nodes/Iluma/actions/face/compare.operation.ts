import { imageParameters } from '../../../shared/image';
import { multipartBody } from '../../../shared/multipart';
import type { KycOperation } from '../../../shared/types';
import { ILUMA_LIMITS, send } from '../../request';

export const compare: KycOperation = {
	value: 'compare',
	product: 'faceComparison',
	name: 'Compare',
	action: 'Compare two faces',
	description:
		'Say how similar the faces in two photos are (match_percentage), e.g. a selfie and an ID card',
	properties: [
		...imageParameters('imageOne', 'First Image', {
			defaultBinaryField: 'selfie',
			description: 'For example the selfie. JPEG, PNG or BMP, at most 2 MB.',
		}),
		...imageParameters('imageTwo', 'Second Image', {
			defaultBinaryField: 'ktp',
			description: 'For example the ID card photo. JPEG, PNG or BMP, at most 2 MB.',
		}),
	],
	async execute(ctx) {
		const imageOne = await ctx.image('imageOne', ILUMA_LIMITS.face);
		const imageTwo = await ctx.image('imageTwo', ILUMA_LIMITS.face);
		const body = await send(ctx, {
			method: 'POST',
			path: '/v2/identity/face_comparisons',
			multipart: multipartBody({ image_one: imageOne, image_two: imageTwo }),
			repeatable: false,
		});
		return { json: body };
	},
};
