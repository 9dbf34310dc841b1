import type { KycOperation } from '../../../shared/types';
import { requireText } from '../../../shared/validation';
import { idProperty, pathSegment } from '../../request';

/** Iluma names captured files "<uuid>.jpeg" / ".pdf"; the type follows from the name when no header says it. */
const TYPES: Record<string, string> = {
	jpeg: 'image/jpeg',
	jpg: 'image/jpeg',
	png: 'image/png',
	pdf: 'application/pdf',
};

export const download: KycOperation = {
	value: 'download',
	product: 'documentCaptureDownload',
	name: 'Download Captured Document',
	action: 'Download a captured document',
	description:
		'Download a document the applicant captured (the link field of a capture result) as binary data',
	properties: [
		idProperty('capture', 'ocr-98cdecb2-84b0-477b-b0e6-c5aa2bbdba4f'),
		{
			displayName: 'Document Link',
			name: 'link',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'a70daa99-f031-4d43-903e-81226c41761a.jpeg',
			description:
				'The link of the captured document in the capture result, e.g. result.id_card_ocr.link',
		},
		{
			displayName: 'Put Output File in Field',
			name: 'binaryPropertyName',
			type: 'string',
			default: 'data',
			required: true,
			hint: 'The name of the output binary field to put the file in',
		},
	],
	async execute(ctx) {
		const id = requireText(ctx.param('id'), 'ID');
		const link = requireText(ctx.param('link'), 'Document Link');
		const field = requireText(ctx.param('binaryPropertyName', 'data'), 'Put Output File in Field');
		const file = await ctx.requestFile({
			method: 'GET',
			path: `/v1/identity/captures/${pathSegment(id)}/results/${pathSegment(link, 'Document Link')}/download`,
			repeatable: true,
		});
		const extension = /\.([a-z0-9]+)$/i.exec(link)?.[1]?.toLowerCase() ?? '';
		const mimeType =
			file.mimeType && file.mimeType !== 'application/octet-stream'
				? file.mimeType
				: (TYPES[extension] ?? 'application/octet-stream');
		const binary = await ctx.fn.helpers.prepareBinaryData(
			file.data,
			file.fileName ?? link,
			mimeType,
		);
		return {
			json: { id, link, fileName: binary.fileName, mimeType, fileSize: file.data.length },
			binary: { [field]: binary },
		};
	},
};
