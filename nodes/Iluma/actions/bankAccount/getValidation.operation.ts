import type { KycOperation } from '../../../shared/types';
import { requireText } from '../../../shared/validation';
import { withFailureDescription } from '../../failureReasons';
import { idProperty, send } from '../../request';
import { settle, waitProperties } from '../../waitForResult';
import { apiVersionProperty, readVersion, validationPath } from './version';

export const getValidation: KycOperation = {
	value: 'getValidation',
	product: 'bankNameValidationLookup',
	name: 'Get Validation',
	action: 'Get a bank account name validation',
	description: 'Get the state or result of a bank account name validation by its ID',
	properties: [
		apiVersionProperty,
		idProperty('validation', 'bknv_5c6ba591cf3c3867d75053d7'),
		...waitProperties('validation', false),
	],
	async execute(ctx) {
		const id = requireText(ctx.param('id'), 'ID');
		const path = validationPath(readVersion(ctx), id);
		const current = await send(ctx, { method: 'GET', path, repeatable: true });
		return { json: withFailureDescription(await settle(ctx, current, path)) };
	},
};
