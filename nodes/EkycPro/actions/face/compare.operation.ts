import { imageParameters } from '../../../shared/image';
import type { KycOperation } from '../../../shared/types';
import { EKYC_IMAGE } from '../../limits';

export const compare: KycOperation = {
	value: 'compare',
	product: 'faceComparison',
	name: 'Compare',
	action: 'Compare two faces',
	description:
		'Say whether two photos show the same person: similarity 0–100, SAME PERSON from 65, NOT SURE from 45',
	properties: [
		...imageParameters('image1', 'First Image', { description: 'For example the ID card photo' }),
		...imageParameters('image2', 'Second Image', {
			defaultBinaryField: 'selfie',
			description: 'For example the selfie',
		}),
	],
	async execute(ctx) {
		const first = await ctx.image('image1', EKYC_IMAGE);
		const second = await ctx.image('image2', EKYC_IMAGE);
		const body = await ctx.request({
			method: 'POST',
			path: '/v1/facecompare',
			form: { img1: first.data.toString('base64'), img2: second.data.toString('base64') },
			repeatable: false,
		});
		return { json: body };
	},
};
