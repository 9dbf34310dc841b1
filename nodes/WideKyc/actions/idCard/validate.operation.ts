import type { IDataObject } from 'n8n-workflow';

import { imageParameters } from '../../../shared/image';
import { nikProperty } from '../../../shared/fields';
import type { KycOperation } from '../../../shared/types';
import { optionalText, requireDateDmy, requireNik } from '../../../shared/validation';
import {
	customerReferenceProperty,
	generatedReference,
	referenceFields,
	WIDEKYC_IMAGE,
} from '../../request';

export const validate: KycOperation = {
	value: 'validate',
	product: 'idValidation',
	name: 'Validate',
	action: 'Validate an identity with Dukcapil',
	description:
		'Check a NIK, and optionally name, birth date, birth place, address and selfie, against Dukcapil',
	properties: [
		nikProperty,
		customerReferenceProperty,
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: [
				{ displayName: 'Address', name: 'address', type: 'string', default: '' },
				{
					displayName: 'Birth Date',
					name: 'birthDate',
					type: 'string',
					default: '',
					placeholder: '31-01-1981',
					description: 'Written DD-MM-YYYY',
				},
				{
					displayName: 'Birth Place',
					name: 'birthPlace',
					type: 'string',
					default: '',
					placeholder: 'Jakarta',
				},
				{ displayName: 'Name', name: 'name', type: 'string', default: '' },
			],
		},
		{
			displayName: 'Include Selfie',
			name: 'includeSelfie',
			type: 'boolean',
			default: false,
			description: 'Whether to send a selfie for Dukcapil’s face match',
		},
		...imageParameters('selfie', 'Selfie Image', { defaultBinaryField: 'selfie' }).map(
			(property) => ({
				...property,
				displayOptions: { show: { ...property.displayOptions?.show, includeSelfie: [true] } },
			}),
		),
	],
	async execute(ctx) {
		const fields = ctx.param<IDataObject>('additionalFields', {});
		const body: IDataObject = {
			...referenceFields(ctx),
			nik: requireNik(ctx.param('nik')),
		};
		const name = optionalText(fields.name);
		if (name) body.name = name;
		if (optionalText(fields.birthDate))
			body.birth_date = requireDateDmy(fields.birthDate, 'Birth Date');
		const birthPlace = optionalText(fields.birthPlace);
		if (birthPlace) body.birth_place = birthPlace;
		const address = optionalText(fields.address);
		if (address) body.address = address;
		if (ctx.param<boolean>('includeSelfie', false)) {
			body.selfie_image = (await ctx.image('selfie', WIDEKYC_IMAGE)).data.toString('base64');
		}
		return {
			json: await ctx.request({
				method: 'POST',
				path: '/api/id-validation',
				json: body,
				repeatable: false,
				volatile: generatedReference(ctx, body),
			}),
		};
	},
};
