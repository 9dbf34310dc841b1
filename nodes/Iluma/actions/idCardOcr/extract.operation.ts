import type { INodeProperties } from 'n8n-workflow';

import { imageParameters } from '../../../shared/image';
import { multipartBody } from '../../../shared/multipart';
import type { KycOperation } from '../../../shared/types';
import { optionalText, requireChoice } from '../../../shared/validation';
import { withFailureDescription } from '../../failureReasons';
import { withIdCardIdentity } from '../../identity';
import { ILUMA_LIMITS, referenceIdProperty, send } from '../../request';
import { settle, waitProperties } from '../../waitForResult';
import { ID_CARD_PATH, idCardPath } from './paths';

const CARD_TYPES = ['indonesia_ktp', 'npwp_card', 'passport'] as const;

const typeProperty: INodeProperties = {
	displayName: 'Card Type',
	name: 'cardType',
	type: 'options',
	options: [
		{ name: 'Indonesian KTP', value: 'indonesia_ktp' },
		{ name: 'NPWP Card', value: 'npwp_card' },
		{ name: 'Passport', value: 'passport' },
	],
	default: 'indonesia_ktp',
};

export const extract: KycOperation = {
	value: 'extract',
	product: 'idCardOcr',
	name: 'Extract',
	action: 'Extract ID card details with OCR',
	description: 'Read a KTP, NPWP card or passport photo into fields, plus a normalised identity',
	properties: [
		typeProperty,
		...imageParameters('image', 'ID Card Image', {
			description: 'PNG, BMP or JPEG, at most 2 MB and 4096×4096 px',
		}),
		referenceIdProperty(false),
		...waitProperties('OCR request'),
	],
	async execute(ctx) {
		const type = requireChoice(ctx.param('cardType', 'indonesia_ktp'), 'Card Type', CARD_TYPES);
		const referenceId = optionalText(ctx.param('referenceId', ''));
		const image = await ctx.image('image', ILUMA_LIMITS.idCard);
		const created = await send(ctx, {
			method: 'POST',
			path: ID_CARD_PATH,
			multipart: multipartBody({ type, image, reference_id: referenceId }),
			repeatable: false,
		});
		const final =
			typeof created.id === 'string' ? await settle(ctx, created, idCardPath(created.id)) : created;
		return { json: withIdCardIdentity(withFailureDescription(final)) };
	},
};
