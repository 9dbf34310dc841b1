import { documentOperation } from './model';

export const idCard = documentOperation({
	value: 'idCard',
	name: 'ID Card',
	action: 'Read a Korean ID card',
	description:
		'Read a Korean resident registration card, driver’s license, passport or alien registration card',
	path: 'id-card',
	resultKey: 'idCard',
	simplify: 'identity',
	noun: 'ID card',
});
