import type { KycOperation } from '../../../shared/types';
import { requireText } from '../../../shared/validation';
import { withFailureDescription } from '../../failureReasons';
import { withCaptureIdentity } from '../../identity';
import { idProperty, send } from '../../request';
import { settle, waitProperties } from '../../waitForResult';
import { capturePath } from './paths';

export const get: KycOperation = {
	value: 'get',
	product: 'documentCaptureLookup',
	name: 'Get',
	action: 'Get a document capture',
	description: 'Get the state and results of a document capture by its ID',
	properties: [
		idProperty('capture', 'ocr-98cdecb2-84b0-477b-b0e6-c5aa2bbdba4f'),
		...waitProperties('capture', false),
	],
	async execute(ctx) {
		const path = capturePath(requireText(ctx.param('id'), 'ID'));
		const current = await send(ctx, { method: 'GET', path, repeatable: true });
		return { json: withCaptureIdentity(withFailureDescription(await settle(ctx, current, path))) };
	},
};
