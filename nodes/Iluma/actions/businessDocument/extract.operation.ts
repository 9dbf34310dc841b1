import { imageParameters } from '../../../shared/image';
import { multipartBody } from '../../../shared/multipart';
import type { KycOperation } from '../../../shared/types';
import { requireChoice, requireText } from '../../../shared/validation';
import { withFailureDescription } from '../../failureReasons';
import { ILUMA_LIMITS, referenceIdProperty, send } from '../../request';
import { settle, waitProperties } from '../../waitForResult';
import { DOCUMENT_PATH, documentPath } from './paths';
import { simplifyDocument, simplifyProperty } from './simplify';

export const extract: KycOperation = {
	value: 'extract',
	product: 'documentOcr',
	name: 'Extract',
	action: 'Extract business document details with OCR',
	description:
		'Read an Indonesian deed of establishment approval (SK Menkeh): directors, commissioners, shareholders, registration',
	properties: [
		{
			displayName: 'Document Type',
			name: 'documentType',
			type: 'options',
			options: [{ name: 'Business Registration', value: 'BUSINESS_REGISTRATION' }],
			default: 'BUSINESS_REGISTRATION',
		},
		{
			displayName: 'Country',
			name: 'country',
			type: 'options',
			options: [{ name: 'Indonesia', value: 'ID' }],
			default: 'ID',
		},
		{
			displayName: 'Document Name',
			name: 'documentName',
			type: 'options',
			options: [{ name: 'SK Menkeh', value: 'SK_MENKEH' }],
			default: 'SK_MENKEH',
		},
		...imageParameters('document', 'Document', {
			description: 'PNG, JPEG or PDF, at most 500 MB',
		}),
		referenceIdProperty(true),
		simplifyProperty,
		...waitProperties('document OCR request'),
	],
	async execute(ctx) {
		const referenceId = requireText(ctx.param('referenceId'), 'Reference ID');
		const image = await ctx.image('document', ILUMA_LIMITS.businessDocument);
		const created = await send(ctx, {
			method: 'POST',
			path: DOCUMENT_PATH,
			multipart: multipartBody({
				image,
				reference_id: referenceId,
				type: requireChoice(ctx.param('documentType'), 'Document Type', ['BUSINESS_REGISTRATION']),
				country: requireChoice(ctx.param('country'), 'Country', ['ID']),
				document_name: requireChoice(ctx.param('documentName'), 'Document Name', ['SK_MENKEH']),
			}),
			repeatable: false,
		});
		const final =
			typeof created.id === 'string'
				? await settle(ctx, created, documentPath(created.id))
				: created;
		const json = withFailureDescription(final);
		return { json: ctx.param('simplify', false) ? simplifyDocument(json) : json };
	},
};
