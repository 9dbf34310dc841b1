import type { KycOperation } from '../../../shared/types';
import { withIdCardIdentity } from '../../identity';
import { listByReference, listProperties } from '../../list';
import { ID_CARD_PATH } from './paths';

export const getMany: KycOperation = {
	value: 'getMany',
	product: 'idCardOcrList',
	name: 'Get Many',
	action: 'Get ID card OCR results by reference ID',
	description: 'Get every ID card OCR request made with one reference ID, one item each',
	properties: listProperties,
	async execute(ctx) {
		return await listByReference(ctx, ID_CARD_PATH, withIdCardIdentity);
	},
};
