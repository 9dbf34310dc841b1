import type { IDataObject } from 'n8n-workflow';

import { InputProblem } from '../../../shared/errors';
import type { KycOperation } from '../../../shared/types';
import { optionalText } from '../../../shared/validation';
import { withFailureDescription } from '../../failureReasons';
import { withCaptureIdentity } from '../../identity';
import { referenceIdProperty, send } from '../../request';
import { settle, waitProperties } from '../../waitForResult';
import { CAPTURE_PATH, capturePath, requireTypes, typesProperty } from './paths';

export const createLink: KycOperation = {
	value: 'createLink',
	name: 'Create Capture Link',
	action: 'Create a document capture link',
	description:
		'Get a one-time link where the applicant uploads ID card, selfie or business registration; Iluma runs OCR, liveness and face match',
	properties: [
		typesProperty,
		{
			displayName: 'Country',
			name: 'country',
			type: 'string',
			default: 'PH',
			description:
				'ISO 3166 two-letter code of the country whose documents are captured. Iluma supports PH.',
		},
		referenceIdProperty(false),
		...waitProperties('capture', false),
	],
	async execute(ctx) {
		const types = requireTypes(ctx.param('types'));
		const country = (optionalText(ctx.param('country', 'PH')) ?? 'PH').toUpperCase();
		if (!/^[A-Z]{2}$/.test(country))
			throw new InputProblem('Country', 'must be a two-letter ISO 3166 country code, e.g. PH');
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
