import { documentOperation } from './model';

export const receipt = documentOperation({
	value: 'receipt',
	name: 'Receipt',
	action: 'Read a receipt',
	description: 'Read the store, payment details, items and totals of a receipt',
	path: 'receipt',
	resultKey: 'receipt',
	simplify: 'fields',
	noun: 'receipt',
});
