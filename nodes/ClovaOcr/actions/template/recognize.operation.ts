import { InputProblem } from '../../../shared/errors';
import { formatBytes } from '../../../shared/image';
import { quoteInput } from '../../../shared/privacy';
import type { KycOperation } from '../../../shared/types';
import { requireText } from '../../../shared/validation';
import { languageField, languagesProperty } from '../../languages';
import {
	firstImage,
	recognise,
	simplifyProperty,
	TEMPLATE_IMAGE,
	TEMPLATE_PICTURE_MAX_BYTES,
	uploadProperties,
} from '../../request';
import { simplifyTemplate } from '../../simplify';

/** "390, 391" (or [390, 391] from an expression) → [390, 391]; every id a positive whole number. */
function templateIds(value: unknown): number[] {
	const field = 'Template IDs';
	const parts = requireText(Array.isArray(value) ? value.join(',') : value, field)
		.split(/[\s,]+/)
		.filter(Boolean);
	const wrong = parts.filter((part) => !/^[1-9]\d{0,9}$/.test(part));
	if (wrong.length) {
		throw new InputProblem(
			field,
			`must be template ids (whole numbers) separated by commas; not an id: ${wrong.slice(0, 3).map(quoteInput).join(', ')}`,
		);
	}
	return parts.map(Number);
}

export const recognize: KycOperation = {
	value: 'recognize',
	product: 'templateOcr',
	name: 'Recognize',
	action: 'Read a document with a template',
	description:
		'Read the fields you defined in CLOVA OCR Builder templates from a document (Template OCR)',
	properties: [
		{
			displayName: 'Template IDs',
			name: 'templateIds',
			type: 'string',
			default: '',
			required: true,
			placeholder: '390, 391',
			description:
				'The IDs of the released templates to match, separated by commas (CLOVA OCR Builder shows them)',
		},
		...uploadProperties('A JPEG or PNG image up to 20 MB, or a PDF or TIFF up to 50 MB'),
		languagesProperty,
		simplifyProperty,
	],
	async execute(ctx) {
		const ids = templateIds(ctx.param('templateIds'));
		const body = await recognise(ctx, {
			path: '/infer',
			spec: TEMPLATE_IMAGE,
			message: languageField(ctx),
			image: { templateIds: ids },
			checkImage(image) {
				const picture = image.format === 'jpeg' || image.format === 'png';
				if (picture && image.data.length > TEMPLATE_PICTURE_MAX_BYTES) {
					throw new InputProblem(
						'Document Image',
						`the file is ${formatBytes(image.data.length)}; CLOVA Template OCR accepts JPEG and PNG up to ${formatBytes(TEMPLATE_PICTURE_MAX_BYTES)}`,
					);
				}
			},
		});
		if (!ctx.param<boolean>('simplify', false)) return { json: body };
		return { json: simplifyTemplate(firstImage(body)) };
	},
};
