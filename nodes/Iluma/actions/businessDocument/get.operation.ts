import type { KycOperation } from '../../../shared/types';
import { requireText } from '../../../shared/validation';
import { withFailureDescription } from '../../failureReasons';
import { idProperty, send } from '../../request';
import { settle, waitProperties } from '../../waitForResult';
import { documentPath } from './paths';
import { simplifyDocument, simplifyProperty } from './simplify';

export const get: KycOperation = {
	value: 'get',
	product: 'documentOcrLookup',
	name: 'Get',
	action: 'Get a business document OCR result',
	description: 'Get the state or result of a business document OCR request by its ID',
	properties: [
		idProperty('document OCR request', 'ocr-32e6e523-6046-4db9-99ea-35a4f852ee86'),
		simplifyProperty,
		...waitProperties('document OCR request', false),
	],
	async execute(ctx) {
		const path = documentPath(requireText(ctx.param('id'), 'ID'));
		const current = await send(ctx, { method: 'GET', path, repeatable: true });
		const json = withFailureDescription(await settle(ctx, current, path));
		return { json: ctx.param('simplify', false) ? simplifyDocument(json) : json };
	},
};
