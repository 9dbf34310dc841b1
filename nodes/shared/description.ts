import { updateDisplayOptions } from 'n8n-workflow';
import type { INodeProperties } from 'n8n-workflow';

import { actionWithBilling, describeBilling } from './billing';
import { optionsProperty } from './options';
import type { KycResource, KycVendor } from './types';

/**
 * Resource and operation selectors, every operation's own parameters, and the shared options,
 * followed by `vendorOptions` (options only this vendor has).
 */
export function describeOperations(
	vendor: KycVendor,
	resources: KycResource[],
	vendorOptions: INodeProperties[] = [],
): INodeProperties[] {
	const resourceSelector: INodeProperties = {
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: resources.map((resource) => ({ name: resource.name, value: resource.value })),
		default: '',
	};
	resourceSelector.default = resources[0].value;
	const properties: INodeProperties[] = [resourceSelector];
	for (const resource of resources) {
		const operationSelector: INodeProperties = {
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: [resource.value] } },
			options: resource.operations.map(({ name, value, action, description, billing }) => ({
				name,
				value,
				action: actionWithBilling(action, billing),
				description: describeBilling(description, billing, vendor.displayName),
			})),
			default: '',
		};
		operationSelector.default = resource.operations[0].value;
		properties.push(operationSelector);
	}
	for (const resource of resources) {
		for (const operation of resource.operations) {
			const show = { show: { resource: [resource.value], operation: [operation.value] } };
			properties.push(...updateDisplayOptions(show, operation.properties));
		}
	}
	properties.push(
		vendorOptions.length
			? { ...optionsProperty, options: [...(optionsProperty.options ?? []), ...vendorOptions] }
			: optionsProperty,
	);
	return properties;
}
