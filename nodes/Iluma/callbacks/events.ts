import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { withFailureDescription } from '../failureReasons';
import { withCaptureIdentity, withIdCardIdentity } from '../identity';

/** One kind of Iluma callback: how to recognise it, where Iluma is told to send it, what it adds. */
export interface CallbackEvent {
	value: string;
	name: string;
	description: string;
	/**
	 * The parameter that holds the type name Iluma files this product's callback URL under at
	 * /v1/callback/urls; its default is the name Iluma's documents give, empty when they give none.
	 */
	typeProperty: INodeProperties;
	/** Whether a callback body is this product's, recognised by its ID prefix or its fields. */
	matches(body: IDataObject): boolean;
	/** The same additions the Iluma node's Get operation makes, so both give the same item. */
	enrich(body: IDataObject): IDataObject;
}

const idOf = (body: IDataObject) => (typeof body.id === 'string' ? body.id : '');
const has = (body: IDataObject, ...keys: string[]) => keys.every((key) => key in body);
const ID_CARD_TYPES = ['indonesia_ktp', 'npwp_card', 'passport'];

// Order matters: capture and business document OCR share the `ocr-` prefix, so the capture
// (which alone has `types` and a capture link) is tried first.
export const CALLBACK_EVENTS: CallbackEvent[] = [
	{
		value: 'bankNameValidation',
		name: 'Bank Name Validation',
		description: 'A Bank Name Validator v1 or v1.1 request finished (IDs bknv_…)',
		typeProperty: {
			displayName: 'Bank Name Validation Callback Type',
			name: 'bankNameValidationType',
			type: 'string',
			default: 'NAME_VALIDATOR_REQUEST',
			displayOptions: { show: { registerCallbackUrl: [true] } },
			description:
				'The type name under which Iluma keeps the Bank Name Validation callback URL (NAME_VALIDATOR_REQUEST in Iluma’s docs). Change it only if Iluma names it differently for your account.',
		},
		matches: (body) =>
			idOf(body).startsWith('bknv_') || has(body, 'bank_account_number', 'bank_code'),
		enrich: withFailureDescription,
	},
	{
		value: 'photoAuthentication',
		name: 'Photo Authentication',
		description: 'An individual photo authentication (ID card verification) finished (IDs idvr_…)',
		typeProperty: {
			displayName: 'Photo Authentication Callback Type',
			name: 'photoAuthenticationType',
			type: 'string',
			default: '',
			displayOptions: { show: { registerCallbackUrl: [true] } },
			description:
				'Iluma’s docs name no callback type for Photo Authentication. If Iluma gives you one, enter it to register this product too; empty registers none.',
		},
		matches: (body) => idOf(body).startsWith('idvr_') || has(body, 'id_card_number', 'is_verified'),
		enrich: withFailureDescription,
	},
	{
		value: 'documentOcrCapture',
		name: 'Document OCR Capture',
		description: 'An applicant’s document OCR capture finished (IDs ocr-…, with types and a link)',
		typeProperty: {
			displayName: 'Document OCR Capture Callback Type',
			name: 'documentOcrCaptureType',
			type: 'string',
			default: 'DOCUMENT_OCR_CAPTURE_REQUEST',
			displayOptions: { show: { registerCallbackUrl: [true] } },
			description:
				'The type name under which Iluma keeps the Document OCR Capture callback URL (DOCUMENT_OCR_CAPTURE_REQUEST in Iluma’s docs). Change it only if Iluma names it differently for your account.',
		},
		matches: (body) => Array.isArray(body.types) || has(body, 'capture_link'),
		enrich: (body) => withCaptureIdentity(withFailureDescription(body)),
	},
	{
		value: 'businessDocumentOcr',
		name: 'Business Document OCR',
		description: 'A business document OCR request finished (IDs ocr-…)',
		typeProperty: {
			displayName: 'Business Document OCR Callback Type',
			name: 'businessDocumentOcrType',
			type: 'string',
			default: 'BUSINESS_DOCUMENT_OCR_REQUEST',
			displayOptions: { show: { registerCallbackUrl: [true] } },
			description:
				'The type name under which Iluma keeps the Business Document OCR callback URL (BUSINESS_DOCUMENT_OCR_REQUEST in Iluma’s docs). Change it only if Iluma names it differently for your account.',
		},
		matches: (body) =>
			idOf(body).startsWith('ocr-') ||
			has(body, 'document_name') ||
			body.type === 'BUSINESS_REGISTRATION',
		enrich: withFailureDescription,
	},
	{
		value: 'idCardOcr',
		name: 'ID Card OCR',
		description: 'An ID card OCR request (KTP, NPWP card or passport) finished',
		typeProperty: {
			displayName: 'ID Card OCR Callback Type',
			name: 'idCardOcrType',
			type: 'string',
			default: 'ID_IMAGE_OCR_REQUEST',
			displayOptions: { show: { registerCallbackUrl: [true] } },
			description:
				'The type name under which Iluma keeps the ID Card OCR callback URL (ID_IMAGE_OCR_REQUEST in Iluma’s docs). Change it only if Iluma names it differently for your account.',
		},
		// A card type the documents list, or any typed record with OCR `data` (a newer card type).
		matches: (body) =>
			typeof body.type === 'string' &&
			(ID_CARD_TYPES.includes(body.type) || (has(body, 'data') && typeof body.data === 'object')),
		enrich: (body) => withIdCardIdentity(withFailureDescription(body)),
	},
];

export const ALL_EVENTS = '*';

/** The parameter holding an event's callback type name, and the name Iluma's documents give. */
export const typeParameterOf = (event: CallbackEvent) => event.typeProperty.name;
export const defaultTypeOf = (event: CallbackEvent) => String(event.typeProperty.default);

/** The product a callback body belongs to, or undefined for a shape Iluma's documents do not show. */
export function recogniseCallback(body: IDataObject): CallbackEvent | undefined {
	return CALLBACK_EVENTS.find((event) => event.matches(body));
}

/** The events the user selected; "All" stands for every one. */
export function selectedEvents(values: string[]): CallbackEvent[] {
	if (values.includes(ALL_EVENTS)) return CALLBACK_EVENTS;
	return CALLBACK_EVENTS.filter((event) => values.includes(event.value));
}
