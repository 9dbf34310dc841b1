import { imageParameters } from '../../shared/image';
import { exact, looseText, type Check } from './check';

export const readKtp: Check = {
	value: 'readKtp',
	name: 'Read KTP',
	description: 'Read an Indonesian e-KTP photo into a normalised identity (OCR)',
	resultKey: 'identity',
	defaultVendors: ['wideKyc', 'iluma'],
	properties: [
		...imageParameters('ktpImage', 'e-KTP Image', {
			defaultBinaryField: 'ktp',
			description:
				'JPEG or PNG (BMP too when only Iluma and ekycpro are picked); Iluma and ekycpro take at most 2 MB',
		}),
		{
			displayName: 'Iluma Wait Time-Out (Seconds)',
			name: 'waitTimeout',
			type: 'number',
			default: 60,
			typeOptions: { minValue: 1, maxValue: 3600 },
			displayOptions: { show: { vendors: ['iluma'] } },
			description:
				'Iluma reads the card in the background; how long to wait for its result. Iluma has then been billed, so a time-out fails the item instead of trying the next vendor.',
		},
	],
	compared: {
		fullName: looseText,
		idNumber: looseText,
		dateOfBirth: exact,
		gender: exact,
	},
};
