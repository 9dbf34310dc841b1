import type { INodeProperties } from 'n8n-workflow';

import { InputProblem } from '../../../shared/errors';
import { quoteInput } from '../../../shared/privacy';
import { pathSegment } from '../../request';

export const CAPTURE_PATH = '/v1/identity/document_ocr_captures';

export const capturePath = (id: string) => `${CAPTURE_PATH}/${pathSegment(id)}`;

export const CAPTURE_TYPES = ['IDENTITY_CARD', 'BUSINESS_REGISTRATION', 'SELFIE'];

export const typesProperty: INodeProperties = {
	displayName: 'Document Types',
	name: 'types',
	type: 'multiOptions',
	options: [
		{ name: 'Identity Card', value: 'IDENTITY_CARD' },
		{ name: 'Business Registration', value: 'BUSINESS_REGISTRATION' },
		{ name: 'Selfie', value: 'SELFIE' },
	],
	default: [],
	required: true,
	description:
		'What the applicant is asked to capture. With Identity Card and Selfie, Iluma also compares the faces.',
};

export function requireTypes(value: unknown): string[] {
	const types = (Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [])
		.map((type) => String(type).trim())
		.filter(Boolean);
	if (types.length === 0)
		throw new InputProblem('Document Types', 'choose at least one document type');
	const unknown = types.filter((type) => !CAPTURE_TYPES.includes(type));
	if (unknown.length) {
		throw new InputProblem(
			'Document Types',
			`${unknown.map(quoteInput).join(', ')} is not one of ${CAPTURE_TYPES.join(', ')}`,
		);
	}
	return [...new Set(types)];
}
