import { documentOperation } from './model';

export const nameCard = documentOperation({
	value: 'nameCard',
	name: 'Name Card',
	action: 'Read a name card',
	description: 'Read the name, company, position and contact details of a business (name) card',
	path: 'name-card',
	resultKey: 'nameCard',
	simplify: 'fields',
	noun: 'name card',
});
