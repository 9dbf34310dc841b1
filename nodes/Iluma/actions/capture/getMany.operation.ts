import type { KycOperation } from '../../../shared/types';
import { withCaptureIdentity } from '../../identity';
import { listByReference, listProperties } from '../../list';
import { CAPTURE_PATH } from './paths';

export const getMany: KycOperation = {
	value: 'getMany',
	product: 'documentCaptureList',
	name: 'Get Many',
	action: 'Get document captures by reference ID',
	description: 'Get every document capture made with one reference ID, one item each',
	properties: listProperties,
	async execute(ctx) {
		return await listByReference(ctx, CAPTURE_PATH, withCaptureIdentity);
	},
};
