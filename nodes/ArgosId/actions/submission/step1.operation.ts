import type { IDataObject } from 'n8n-workflow';

import { VendorFailure } from '../../../shared/errors';
import { imageParameters } from '../../../shared/image';
import { multipartBody } from '../../../shared/multipart';
import type { KycOperation } from '../../../shared/types';
import { optionalText, requireChoice, requireEmail } from '../../../shared/validation';
import {
	ARGOS_IMAGE,
	countryOptions,
	ID_TYPES,
	ocrIdentity,
	requireCountry,
	ID_TYPE_VALUES,
	retryFacts,
} from '../../fields';
import { customOptionsProperty, serialiseCustomOptions } from './customOptions';

export const step1: KycOperation = {
	value: 'step1',
	product: 'submissionStep1',
	name: 'Step 1: Submit ID',
	action: 'Submit an ID for reading (Step 1)',
	description:
		'Start or retry a KYC submission: Argos reads the ID (front and back) and returns what it read for the applicant to confirm',
	properties: [
		{
			displayName: 'Email',
			name: 'email',
			type: 'string',
			placeholder: 'name@email.com',
			default: '',
			required: true,
			description: 'The applicant’s email address',
		},
		{
			displayName: 'Issuing Country',
			name: 'issuingCountry',
			type: 'options',
			options: countryOptions,
			default: 'KOR',
			description: 'The country that issued the ID (ISO 3166 alpha-3)',
		},
		{
			displayName: 'ID Type',
			name: 'idType',
			type: 'options',
			options: ID_TYPES,
			default: 'passport',
		},
		...imageParameters('idImage', 'ID Front Image', {
			description: 'JPG or PNG, at most 2 MB (1 MB and 640×480 recommended)',
		}),
		{
			displayName: 'Include ID Back Image',
			name: 'includeBackImage',
			type: 'boolean',
			default: false,
			description:
				'Whether to send the back of the ID too (idBackImage), for IDs Argos reads on both sides',
		},
		...imageParameters('idBackImage', 'ID Back Image', {
			defaultBinaryField: 'back',
			description: 'JPG or PNG, at most 2 MB',
		}).map((property) => ({
			...property,
			displayOptions: {
				show: { ...property.displayOptions?.show, includeBackImage: [true] },
			},
		})),
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: [
				{ displayName: 'Custom Field 1', name: 'cf1', type: 'string', default: '' },
				{ displayName: 'Custom Field 2', name: 'cf2', type: 'string', default: '' },
				{ displayName: 'Custom Field 3', name: 'cf3', type: 'string', default: '' },
				{
					displayName: 'Submission ID (Retry)',
					name: 'submissionId',
					type: 'string',
					default: '',
					description:
						'To retry Step 1 after an incomplete answer: the submissionId of that submission (valid for 4 hours)',
				},
				{
					displayName: 'User ID',
					name: 'userid',
					type: 'string',
					default: '',
					description: 'Your own unique identifier of the applicant',
				},
			],
		},
		customOptionsProperty,
	],
	async execute(ctx) {
		const email = requireEmail(ctx.param('email'), 'Email');
		const issuingCountry = requireCountry(ctx.param('issuingCountry'), 'Issuing Country');
		const idType = requireChoice(ctx.param('idType'), 'ID Type', ID_TYPE_VALUES);
		const extra = ctx.param<IDataObject>('additionalFields', {});
		const customOptions = serialiseCustomOptions(ctx.param<IDataObject>('customOptions', {}));
		const idImage = await ctx.image('idImage', ARGOS_IMAGE);
		const idBackImage = ctx.param<boolean>('includeBackImage', false)
			? await ctx.image('idBackImage', ARGOS_IMAGE)
			: undefined;

		const body = await ctx.request({
			method: 'POST',
			path: '/v3/submission/step1',
			multipart: multipartBody({
				email,
				issuingCountry,
				idType,
				idImage,
				idBackImage,
				submissionId: optionalText(extra.submissionId),
				userid: optionalText(extra.userid),
				cf1: optionalText(extra.cf1),
				cf2: optionalText(extra.cf2),
				cf3: optionalText(extra.cf3),
				customOptions,
			}),
			repeatable: false,
		});
		const review = body.reviewOCRData as IDataObject | undefined;
		// The seed spells the output field "Submissionid" and "SubmissionId"; Step 2 takes submissionId.
		const submissionId = [body.submissionId, body.SubmissionId, body.Submissionid]
			.map(optionalText)
			.find(Boolean);
		if (!submissionId && typeof body.kycStatus !== 'string') {
			// Without a submission ID Step 2 cannot proceed: an answer without one is no result.
			throw new VendorFailure('Argos ID', {
				code: 'UNEXPECTED',
				meaning: 'Step 1 answered without a submissionId or kycStatus',
				httpStatus: 200,
				detail: typeof body.message === 'string' ? body.message : undefined,
				hint: 'Look the applicant up with Submission → Get Many before you send Step 1 again.',
			});
		}
		return {
			json: {
				...body,
				...(submissionId ? { submissionId } : {}),
				missing_fields: Array.isArray(body.missing_fields) ? body.missing_fields : [],
				identity: ocrIdentity(review),
				...retryFacts(body),
			},
		};
	},
};
