import type { IDataObject } from 'n8n-workflow';

import type { KycOperation } from '../../../shared/types';
import { optionalText, requireChoice } from '../../../shared/validation';
import { withFailureDescription } from '../../failureReasons';
import { withCaptureIdentity } from '../../identity';
import { referenceIdProperty, send } from '../../request';
import { settle, waitProperties } from '../../waitForResult';
import { CAPTURE_PATH, capturePath, requireTypes, typesProperty } from './paths';

export const createLink: KycOperation = {
	value: 'createLink',
	product: 'documentCapture',
	name: 'Create Capture Link',
	action: 'Create a document capture link',
	description:
		'Get a one-time link where the applicant uploads ID card, selfie or business registration; Iluma runs OCR, liveness and face match',
	properties: [
		typesProperty,
		{
			displayName: 'Country',
			name: 'country',
			type: 'options',
			options: [{ name: 'Philippines', value: 'PH' }],
			default: 'PH',
			description: 'The country whose documents are captured; Iluma supports the Philippines',
		},

		referenceIdProperty(false),
		...waitProperties('capture', false),
	],
	async execute(ctx) {
		const types = requireTypes(ctx.param('types'));
		const country = requireChoice(ctx.param('country', 'PH'), 'Country', ['PH']);
		const body: IDataObject = { types, country };
		const referenceId = optionalText(ctx.param('referenceId', ''));
		if (referenceId) body.reference_id = referenceId;
		const created = await send(ctx, {
			method: 'POST',
			path: CAPTURE_PATH,
			json: body,
			repeatable: false,
		});
		const final =
			typeof created.id === 'string'
				? await settle(ctx, created, capturePath(created.id))
				: created;
		return { json: withCaptureIdentity(withFailureDescription(final)) };
	},
};
