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
