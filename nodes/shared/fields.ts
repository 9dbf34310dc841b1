import type { INodeProperties } from 'n8n-workflow';

/** The Indonesian identity number, as every vendor that checks one asks for it. */
export const nikProperty: INodeProperties = {
	displayName: 'NIK',
	name: 'nik',
	type: 'string',
	default: '',
	required: true,
	placeholder: '3201000000000001',
	description: 'The 16-digit Indonesian identity number (Nomor Induk Kependudukan)',
};

/** The name a NIK's record is checked against. */
export const nikNameProperty: INodeProperties = {
	displayName: 'Name',
	name: 'name',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'BUDI SANTOSO',
	description: 'The full name to check against the NIK’s record',
};

/** Return All, and Limit when not all: the pair every Get Many operation starts with. */
export const returnAllProperties: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { returnAll: [false] } },
	},
];
