import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { InputProblem } from '../../../shared/errors';
import { imageParameters } from '../../../shared/image';
import { optionalText } from '../../../shared/validation';

/**
 * Step 2's address, for projects with Argos's collect-address option on (client guide, "POST/
 * Submission/Step 2"): one of `globalCode`, `compoundCode`, `formatted_address` (from Argos's
 * POST /Address_code), optionally `address_input` (as the applicant typed it) and `address_detail`,
 * plus an address image. The image's form field is `addressImage`, the name Argos uses for it in
 * GET /submission and PUT /image.
 */

export const addressProperties: INodeProperties[] = [
	{
		displayName: 'Address',
		name: 'address',
		type: 'collection',
		placeholder: 'Add Address Field',
		default: {},
		description:
			'Only for projects with the collect-address option on. Give at least one of Global Code, Compound Code or Formatted Address.',
		options: [
			{
				displayName: 'Address Detail',
				name: 'addressDetail',
				type: 'string',
				default: '',
				description: 'The detailed address, e.g. apartment and unit (address_detail)',
			},
			{
				displayName: 'Address Input',
				name: 'addressInput',
				type: 'string',
				default: '',
				description: 'The address as the applicant typed it (address_input)',
			},
			{
				displayName: 'Compound Code',
				name: 'compoundCode',
				type: 'string',
				default: '',
				placeholder: '33GV+HQ, Ramberg, Norway',
				description: 'The compound plus code from Argos’s Address_code API (compoundCode)',
			},
			{
				displayName: 'Formatted Address',
				name: 'formattedAddress',
				type: 'string',
				default: '',
				description: 'The formatted address from Argos’s Address_code API (formatted_address)',
			},
			{
				displayName: 'Global Code',
				name: 'globalCode',
				type: 'string',
				default: '',
				placeholder: '9FWM33GV+HQ',
				description: 'The global plus code from Argos’s Address_code API (globalCode)',
			},
		],
	},
	{
		displayName: 'Include Address Image',
		name: 'includeAddressImage',
		type: 'boolean',
		default: false,
		description:
			'Whether to send an address image (addressImage), for projects with the collect-address option on',
	},
	...imageParameters('addressImage', 'Address Image', {
		defaultBinaryField: 'address',
		description: 'A JPG or PNG proof of address, at most 2 MB',
	}).map((property) => ({
		...property,
		displayOptions: {
			show: { ...property.displayOptions?.show, includeAddressImage: [true] },
		},
	})),
];

/**
 * The address form fields that were given. Any address (input, detail or image) needs one of the
 * three codes: Argos requires one whenever it collects an address.
 */
export function addressFields(
	address: IDataObject,
	withImage: boolean,
): Record<string, string | undefined> {
	const fields = {
		globalCode: optionalText(address.globalCode),
		compoundCode: optionalText(address.compoundCode),
		formatted_address: optionalText(address.formattedAddress),
		address_input: optionalText(address.addressInput),
		address_detail: optionalText(address.addressDetail),
	};
	const located = fields.globalCode ?? fields.compoundCode ?? fields.formatted_address;
	if (!located && (fields.address_input || fields.address_detail || withImage)) {
		throw new InputProblem(
			'Address',
			'needs Global Code, Compound Code or Formatted Address as well (Argos requires one of them with any address)',
		);
	}
	return fields;
}
