import type { KycOperation } from '../../../shared/types';
import { languageField, languagesProperty } from '../../languages';
import {
	firstImage,
	GENERAL_IMAGE,
	recognise,
	simplifyProperty,
	uploadProperties,
} from '../../request';
import { simplifyGeneral } from '../../simplify';

export const recognize: KycOperation = {
	value: 'recognize',
	product: 'generalOcr',
	name: 'Recognize',
	action: 'Read all text in an image',
	description:
		'Read every text field in an image or document (General OCR), optionally with tables',
	properties: [
		...uploadProperties('A JPEG or PNG image, or a PDF or TIFF, at most 50 MB'),
		languagesProperty,
		{
			displayName: 'Table Detection',
			name: 'tableDetection',
			type: 'boolean',
			default: false,
			description:
				'Whether to also return the tables in the image with their structure; the domain’s table extraction must be on in CLOVA OCR Builder',
		},
		simplifyProperty,
	],
	async execute(ctx) {
		const body = await recognise(ctx, {
			path: '/general',
			spec: GENERAL_IMAGE,
			message: {
				...languageField(ctx),
				...(ctx.param<boolean>('tableDetection', false) ? { enableTableDetection: true } : {}),
			},
		});
		if (!ctx.param<boolean>('simplify', false)) return { json: body };
		return { json: simplifyGeneral(firstImage(body)) };
	},
};
