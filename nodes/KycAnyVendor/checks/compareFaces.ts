import { ILUMA_DEFAULT_THRESHOLD } from '../../Iluma/checks';
import { imageParameters } from '../../shared/image';
import { exact, type Check } from './check';
import { selfieProperties } from './images';

export const compareFaces: Check = {
	value: 'compareFaces',
	name: 'Compare Faces',
	description: 'Say whether the selfie and the ID card photo show the same person',
	resultKey: 'face',
	defaultVendors: ['iluma', 'ekycPro'],
	properties: [
		...selfieProperties('JPEG, PNG or BMP, at most 2 MB'),
		...imageParameters('idPhoto', 'ID Card Image', {
			defaultBinaryField: 'ktp',
			description: 'The ID card photo (e.g. the e-KTP). JPEG, PNG or BMP, at most 2 MB.',
		}),
		{
			displayName: 'Iluma Same-Person Threshold',
			name: 'ilumaThreshold',
			type: 'number',
			default: ILUMA_DEFAULT_THRESHOLD,
			typeOptions: { minValue: 0, maxValue: 100, numberPrecision: 1 },
			displayOptions: { show: { vendors: ['iluma'] } },
			description:
				'Iluma answers a similarity (0–100) and publishes no threshold: samePerson is true from this value. ekycpro uses its own verdict (SAME PERSON from 65).',
		},
	],
	compared: { samePerson: exact },
};
