import { updateDisplayOptions } from 'n8n-workflow';
import type { INodeCredentialDescription, INodeProperties } from 'n8n-workflow';

import { optionsProperty } from '../shared/options';
import { CHECKS, type Check } from './checks';
import { VENDORS, type VendorKey } from './vendors';

/** The vendors that offer a check, as Vendors options (sorted by name, as n8n lists options). */
export function offeringVendors(check: Check): VendorKey[] {
	return Object.values(VENDORS)
		.filter((vendor) => vendor.checks[check.value])
		.map((vendor) => vendor.key);
}

const checkProperty: INodeProperties = {
	displayName: 'Check',
	name: 'check',
	type: 'options',
	noDataExpression: true,
	options: [...CHECKS]
		.sort((a, b) => a.name.localeCompare(b.name))
		.map(({ name, value, description }) => ({
			name,
			value,
			description: `${description}. Billed per call by the vendor that answers.`,
			action: name,
		})),
	default: 'verifyNik',
};

const modeProperty: INodeProperties = {
	displayName: 'Mode',
	name: 'mode',
	type: 'options',
	noDataExpression: true,
	options: [
		{
			name: 'Cross-Check',
			value: 'crossCheck',
			description:
				'Run the check at every picked vendor at once and compare their answers. Bills every picked vendor.',
		},
		{
			name: 'Failover',
			value: 'failover',
			description:
				'Try the vendors in order; go to the next only when the call left nothing billed (vendor down, busy, out of quota, or the key refused)',
		},
	],
	default: 'failover',
};

function vendorsProperty(check: Check): INodeProperties {
	const property: INodeProperties = {
		displayName: 'Vendors',
		name: 'vendors',
		type: 'multiOptions',
		noDataExpression: true,
		required: true,
		options: offeringVendors(check)
			.map((key) => ({ name: VENDORS[key].vendor.displayName, value: key }))
			.sort((a, b) => a.name.toLowerCase().localeCompare(b.name.toLowerCase())),
		default: [],
		description:
			'The vendors to use, in the order you pick them: Failover tries the first one first. Each picked vendor needs its credential.',
		displayOptions: { show: { check: [check.value] } },
	};
	property.default = check.defaultVendors;
	return property;
}

const coolDownOption: INodeProperties = {
	displayName: 'Vendor Cool-Down (Seconds)',
	name: 'coolDown',
	type: 'number',
	default: 30,
	typeOptions: { minValue: 0, maxValue: 3600 },
	description:
		'After a vendor was busy or unreachable with its retries used up, how long later items of this run skip it and go straight to the next vendor. 0 tries it for every item.',
};

export const properties: INodeProperties[] = [
	checkProperty,
	modeProperty,
	...CHECKS.map(vendorsProperty),
	...CHECKS.flatMap((check) =>
		updateDisplayOptions({ show: { check: [check.value] } }, check.properties),
	),
	{ ...optionsProperty, options: [...(optionsProperty.options ?? []), coolDownOption] },
];

/**
 * Each vendor's existing credential, shown once that vendor is picked. By the root path '/vendors':
 * n8n's editor takes a property named in a credential's displayOptions for an authentication field
 * and hides it (and Check, which it depends on) from the panel.
 */
export const credentials: INodeCredentialDescription[] = Object.values(VENDORS).map(
	({ key, vendor }) => ({
		name: vendor.credentialType,
		required: true,
		displayOptions: { show: { '/vendors': [key] } },
	}),
);
