import type { IDataObject } from 'n8n-workflow';

import { VendorFailure } from '../../../shared/errors';
import type { KycOperation } from '../../../shared/types';
import { requireText } from '../../../shared/validation';
import { submissionIdProperty } from '../../fields';

export const get: KycOperation = {
	value: 'get',
	product: 'submissionLookup',
	name: 'Get',
	action: 'Get a submission',
	description: 'Read one submission by its ID: status, OCR data, images, KYC result and attempts',
	properties: [{ ...submissionIdProperty, description: 'The ID of the submission to read' }],
	async execute(ctx) {
		const submissionId = requireText(ctx.param('submissionId'), 'Submission ID');
		const body = await ctx.request({
			method: 'GET',
			path: '/v3/submission',
			qs: { submission_id: submissionId },
			repeatable: true,
		});
		const items = Array.isArray(body.Items) ? (body.Items as IDataObject[]) : [];
		if (items.length === 0) {
			throw new VendorFailure('Argos ID', {
				code: 'NOT FOUND',
				meaning: 'no submission has this ID',
				hint: 'Check the Submission ID; it is the submissionId Step 1 returned.',
			});
		}
		return { json: items[0] };
	},
};
