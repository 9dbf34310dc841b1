import type { IDataObject } from 'n8n-workflow';

import { InputProblem } from '../../../shared/errors';
import { imageParameters } from '../../../shared/image';
import { multipartBody } from '../../../shared/multipart';
import type { KycOperation } from '../../../shared/types';
import { optionalText, requireDateIso, requireText } from '../../../shared/validation';
import {
	ARGOS_IMAGE,
	countryOptions,
	requireCountry,
	retryFacts,
	submissionIdProperty,
} from '../../fields';
import { addressFields, addressProperties } from './address';

const optionalDate = (value: unknown, field: string) =>
	optionalText(value) === undefined ? undefined : requireDateIso(value, field);

function optionalGender(value: unknown): string | undefined {
	const text = optionalText(value)?.toLowerCase();
	if (text === undefined) return undefined;
	if (text !== 'male' && text !== 'female')
		throw new InputProblem('Additional Fields → Gender', 'must be male or female');
	return text;
}

export const step2: KycOperation = {
	value: 'step2',
	product: 'submissionStep2',
	name: 'Step 2: Submit Selfie',
	action: 'Submit a selfie and the confirmed data (Step 2)',
	description:
		'Finish a submission: the selfie is compared with the ID and the applicant’s confirmed name and date of birth are sent',
	properties: [
		submissionIdProperty,
		...imageParameters('faceImage', 'Face Image', {
			defaultBinaryField: 'selfie',
			description: 'A JPG or PNG selfie with one face, at most 2 MB (960×720 recommended)',
		}),
		{
			displayName: 'Full Name',
			name: 'name',
			type: 'string',
			default: '',
			required: true,
			placeholder: '={{ $json.identity.fullName }}',
			description: 'The applicant’s full name as confirmed after Step 1',
		},
		{
			displayName: 'Date of Birth',
			name: 'dateOfBirth',
			type: 'string',
			default: '',
			required: true,
			placeholder: '1990-01-31',
			description: 'YYYY-MM-DD, as confirmed after Step 1 (date_of_birth)',
		},
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: [
				{
					displayName: 'Date of Expiry',
					name: 'dateOfExpiry',
					type: 'string',
					default: '',
					placeholder: '2030-12-31',
					description: 'YYYY-MM-DD (date_of_expiry)',
				},
				{
					displayName: 'Date of Issue',
					name: 'dateOfIssue',
					type: 'string',
					default: '',
					placeholder: '2020-12-31',
					description: 'YYYY-MM-DD (date_of_issue)',
				},
				{ displayName: 'Document Number', name: 'documentNumber', type: 'string', default: '' },
				{
					displayName: 'Gender',
					name: 'gender',
					type: 'options',
					options: [
						{ name: 'Male', value: 'male' },
						{ name: 'Female', value: 'female' },
					],
					default: 'male',
				},
				{ displayName: 'Identity Number', name: 'identityNumber', type: 'string', default: '' },
				{
					displayName: 'License Number',
					name: 'licenseNumber',
					type: 'string',
					default: '',
					description: 'Korean driver’s license number',
				},
				{
					displayName: 'Nationality',
					name: 'nationality',
					type: 'options',
					options: countryOptions,
					default: 'KOR',
					description: 'ISO 3166 alpha-3',
				},
				{ displayName: 'Serial Number', name: 'serialNumber', type: 'string', default: '' },
			],
		},
		...addressProperties,
	],
	async execute(ctx) {
		const submissionId = requireText(ctx.param('submissionId'), 'Submission ID');
		const name = requireText(ctx.param('name'), 'Full Name');
		const dateOfBirth = requireDateIso(ctx.param('dateOfBirth'), 'Date of Birth');
		const extra = ctx.param<IDataObject>('additionalFields', {});
		const fields = {
			gender: optionalGender(extra.gender),
			nationality:
				optionalText(extra.nationality) === undefined
					? undefined
					: requireCountry(extra.nationality, 'Additional Fields → Nationality'),
			date_of_issue: optionalDate(extra.dateOfIssue, 'Additional Fields → Date of Issue'),
			date_of_expiry: optionalDate(extra.dateOfExpiry, 'Additional Fields → Date of Expiry'),
			identity_number: optionalText(extra.identityNumber),
			license_number: optionalText(extra.licenseNumber),
			document_number: optionalText(extra.documentNumber),
			serial_number: optionalText(extra.serialNumber),
		};
		const withAddressImage = ctx.param<boolean>('includeAddressImage', false);
		const address = addressFields(ctx.param<IDataObject>('address', {}), withAddressImage);
		const faceImage = await ctx.image('faceImage', ARGOS_IMAGE);
		const addressImage = withAddressImage
			? await ctx.image('addressImage', ARGOS_IMAGE)
			: undefined;
		const body = await ctx.request({
			method: 'POST',
			path: '/v3/submission/step2',
			multipart: multipartBody({
				submissionId,
				faceImage,
				name,
				date_of_birth: dateOfBirth,
				...fields,
				...address,
				addressImage,
			}),
			repeatable: false,
		});
		return { json: { submissionId, ...body, ...retryFacts(body) } };
	},
};
