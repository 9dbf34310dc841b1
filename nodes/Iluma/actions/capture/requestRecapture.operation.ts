import type { KycOperation } from '../../../shared/types';
import { requireText } from '../../../shared/validation';
import { withFailureDescription } from '../../failureReasons';
import { withCaptureIdentity } from '../../identity';
import { idProperty, send } from '../../request';
import { settle, waitProperties } from '../../waitForResult';
import { capturePath, requireTypes, typesProperty } from './paths';

export const requestRecapture: KycOperation = {
	value: 'requestRecapture',
	product: 'documentRecapture',
	name: 'Request Recapture',
	action: 'Request a recapture of documents',
	description:
		'Ask the applicant to capture some documents again through the same capture link (status RECAPTURE_PENDING)',
	properties: [
		idProperty('capture', 'ocr-98cdecb2-84b0-477b-b0e6-c5aa2bbdba4f'),
		{ ...typesProperty, description: 'The documents to capture again' },
		...waitProperties('capture', false),
	],
	async execute(ctx) {
		const id = requireText(ctx.param('id'), 'ID');
		const types = requireTypes(ctx.param('types'));
		const body = await send(ctx, {
			method: 'POST',
			path: `${capturePath(id)}/recapture`,
			json: { types },
			repeatable: false,
			// Iluma bills the capture link, not asking for a document again.
			billable: false,
		});
		const final = await settle(ctx, body, capturePath(id));
		return { json: withCaptureIdentity(withFailureDescription(final)) };
	},
};
