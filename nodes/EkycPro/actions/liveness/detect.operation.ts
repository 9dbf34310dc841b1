import { imageParameters } from '../../../shared/image';
import type { KycOperation } from '../../../shared/types';
import { optionalText } from '../../../shared/validation';
import { EKYC_IMAGE } from '../../limits';

export const detect: KycOperation = {
	value: 'detect',
	product: 'liveness',
	name: 'Detect',
	action: 'Detect liveness in a photo',
	description: 'Score whether a frame from a live video shows a live person',
	properties: [
		...imageParameters('image', 'Photo', {
			description: 'A frame taken from the applicant’s live video',
		}),
		{
			displayName: 'Country',
			name: 'country',
			type: 'string',
			default: '',
			placeholder: 'ID',
			description: 'Country abbreviation of the applicant, as ekycpro expects it (optional)',
		},
		{
			displayName: 'Detailed Result',
			name: 'detail',
			type: 'boolean',
			default: true,
			description:
				'Whether to also get is_liveness and the reason (multiple faces, no liveness face, eyes closed, age dissatisfaction)',
		},
	],
	async execute(ctx) {
		const image = await ctx.image('image', EKYC_IMAGE);
		const form: Record<string, string> = { img: image.data.toString('base64') };
		const country = optionalText(ctx.param('country', ''));
		if (country) form.country = country;
		if (ctx.param<boolean>('detail', true)) form.detail = '1';
		const body = await ctx.request({
			method: 'POST',
			path: '/v1/picturelive',
			form,
			repeatable: false,
		});
		return { json: body };
	},
};
