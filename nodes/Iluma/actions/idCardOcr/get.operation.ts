import type { KycOperation } from '../../../shared/types';
import { requireText } from '../../../shared/validation';
import { withFailureDescription } from '../../failureReasons';
import { withIdCardIdentity } from '../../identity';
import { idProperty, send } from '../../request';
import { settle, waitProperties } from '../../waitForResult';
import { idCardPath } from './paths';

export const get: KycOperation = {
	value: 'get',
	product: 'idCardOcrLookup',
	name: 'Get',
	action: 'Get an ID card OCR result',
	description: 'Get the state or result of an ID card OCR request by its ID',
	properties: [
		idProperty('OCR request', 'f95ae802-4d96-4066-ada7-fe9487d4ca5e'),
		...waitProperties('OCR request', false),
	],
	async execute(ctx) {
		const path = idCardPath(requireText(ctx.param('id'), 'ID'));
		const current = await send(ctx, { method: 'GET', path, repeatable: true });
		return { json: withIdCardIdentity(withFailureDescription(await settle(ctx, current, path))) };
	},
};
