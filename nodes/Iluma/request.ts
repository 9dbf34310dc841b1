import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { InputProblem } from '../shared/errors';
import type { ImageSpec } from '../shared/image';
import type { KycRequest } from '../shared/transport';
import type { KycItemContext } from '../shared/types';
import { optionalText } from '../shared/validation';

const MB = 1024 * 1024;

export const ILUMA_LIMITS = {
	/** ID card OCR: PNG, BMP, JPEG up to 2 MB and 4096×4096 px. */
	idCard: {
		vendor: 'Iluma',
		formats: ['jpeg', 'png', 'bmp'],
		maxBytes: 2 * MB,
		maxWidth: 4096,
		maxHeight: 4096,
	},
	/** Face comparison v2: JPEG, PNG, BMP up to 2 MB. */
	face: { vendor: 'Iluma', formats: ['jpeg', 'png', 'bmp'], maxBytes: 2 * MB },
	/** Photo authentication: JPEG or PNG, 100 KB to 2 MB, at least 500×500 px. */
	photo: {
		vendor: 'Iluma',
		formats: ['jpeg', 'png'],
		maxBytes: 2 * MB,
		minBytes: 100 * 1024,
		minWidth: 500,
		minHeight: 500,
	},
	/** Business document OCR: PNG, JPEG or PDF up to 500 MB. */
	businessDocument: { vendor: 'Iluma', formats: ['jpeg', 'png', 'pdf'], maxBytes: 500 * MB },
} satisfies Record<string, ImageSpec>;

/** Iluma answers a request carrying this header with the simulated outcome it names. */
export const magicReplyOption: INodeProperties = {
	displayName: 'Magic Reply',
	name: 'magicReply',
	type: 'string',
	default: '',
	placeholder: 'COMPLETED_FOUND',
	description:
		'Development keys only: sends the x-magic-reply header so Iluma simulates an outcome. Bank Name Validator v1.1: PENDING, COMPLETED_FOUND, COMPLETED_NOT_FOUND, WAITING_ON_BANK; v1: PENDING, SUCCESS, FAILED, WAITING_ON_BANK. See docs.iluma.ai/magic-replies for the other products.',
};

/** Sends one Iluma call, with the Magic Reply header when the option is set. */
export async function send(ctx: KycItemContext, request: KycRequest): Promise<IDataObject> {
	const magicReply = optionalText(ctx.param('options.magicReply', ''));
	const headers = magicReply
		? { ...request.headers, 'x-magic-reply': magicReply }
		: request.headers;
	return await ctx.request({ ...request, headers });
}

export function referenceIdProperty(required: boolean): INodeProperties {
	const property: INodeProperties = {
		displayName: 'Reference ID',
		name: 'referenceId',
		type: 'string',
		default: '',
		description:
			'Your identifier for this request (reference_id), to find it again with Get Many and to match callbacks',
	};
	if (required) property.required = true;
	return property;
}

export function idProperty(what: string, placeholder: string): INodeProperties {
	return {
		displayName: 'ID',
		name: 'id',
		type: 'string',
		default: '',
		required: true,
		placeholder,
		description: `The ID Iluma returned when the ${what} was created`,
	};
}

/**
 * Path segment from user input: slashes are encoded, and "." or ".." (which URLs resolve to
 * this or the parent path, another endpoint) is refused.
 */
export function pathSegment(value: string, field = 'ID'): string {
	if (/^\.{1,2}$/.test(value)) throw new InputProblem(field, `"${value}" is not a valid ${field}`);
	return encodeURIComponent(value);
}
