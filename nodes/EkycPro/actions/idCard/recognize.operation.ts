import type { IDataObject } from 'n8n-workflow';

import { InputProblem } from '../../../shared/errors';
import { quoteInput } from '../../../shared/privacy';
import { buildIdentity } from '../../../shared/identity';
import { imageParameters } from '../../../shared/image';
import type { KycOperation } from '../../../shared/types';
import { EKYC_IMAGE } from '../../limits';
import { DOCUMENTS } from './documents';

export const recognize: KycOperation = {
	value: 'recognize',
	product: 'idCardOcr',
	name: 'Recognize',
	action: 'Recognize an ID card',
	description: 'Read the fields of an ID card image (OCR)',
	properties: [
		{
			displayName: 'Document Type',
			name: 'document',
			type: 'options',
			options: DOCUMENTS.map(({ name, value }) => ({ name, value })),
			default: 'pe',
			description: 'The country and card; each has its own ekycpro endpoint and fields',
		},
		...imageParameters('image', 'ID Card Image', {
			description: 'JPEG, PNG or BMP, at most 2 MB; under 200 KB answers within about 2 seconds',
		}),
	],
	async execute(ctx) {
		const value = ctx.param<string>('document');
		const document = DOCUMENTS.find((entry) => entry.value === value);
		if (!document)
			throw new InputProblem(
				'Document Type',
				`${quoteInput(value)} is not a document ekycpro reads`,
			);
		const image = await ctx.image('image', EKYC_IMAGE);
		const body = await ctx.request({
			method: 'POST',
			path: document.path,
			form: { img: image.data.toString('base64') },
			repeatable: false,
		});
		const message = (
			typeof body.message === 'object' && body.message ? body.message : {}
		) as IDataObject;
		return { json: { ...body, identity: buildIdentity(document.toIdentity(message)) } };
	},
};
