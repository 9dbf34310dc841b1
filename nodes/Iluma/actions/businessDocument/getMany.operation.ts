import type { KycOperation } from '../../../shared/types';
import { listByReference, listProperties } from '../../list';
import { DOCUMENT_PATH } from './paths';
import { simplifyDocument, simplifyProperty } from './simplify';

export const getMany: KycOperation = {
	value: 'getMany',
	product: 'documentOcrList',
	name: 'Get Many',
	action: 'Get business document OCR results by reference ID',
	description: 'Get every business document OCR request made with one reference ID, one item each',
	properties: [...listProperties, simplifyProperty],
	async execute(ctx) {
		const simplify = ctx.param('simplify', false);
		return await listByReference(ctx, DOCUMENT_PATH, simplify ? simplifyDocument : undefined);
	},
};
