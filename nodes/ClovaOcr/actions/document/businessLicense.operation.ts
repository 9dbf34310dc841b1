import { documentOperation } from './model';

export const businessLicense = documentOperation({
	value: 'businessLicense',
	name: 'Business License',
	action: 'Read a business license',
	description:
		'Read the registration number, company, representative and address of a Korean business registration certificate',
	path: 'biz-license',
	resultKey: 'bizLicense',
	simplify: 'fields',
	noun: 'business registration certificate',
});
