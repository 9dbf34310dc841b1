import { exact, type Check } from './check';
import { selfieProperties } from './images';

export const liveness: Check = {
	value: 'liveness',
	name: 'Liveness',
	description: 'Check from one selfie that a live person was in front of the camera',
	resultKey: 'liveness',
	defaultVendors: ['wideKyc', 'ekycPro'],
	properties: selfieProperties(
		'JPEG or PNG (BMP too when only ekycpro is picked); ekycpro takes at most 2 MB',
	),
	compared: { live: exact },
};
