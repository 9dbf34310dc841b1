import { documentOperation } from './model';

export const creditCard = documentOperation({
	value: 'creditCard',
	name: 'Credit Card',
	action: 'Read a credit card',
	description:
		'Read the card holder name, card number and expiry date (valid thru) of a credit card',
	path: 'credit-card',
	resultKey: 'creditCard',
	simplify: 'card',
	noun: 'credit card',
});
