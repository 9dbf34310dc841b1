import type { IDataObject } from 'n8n-workflow';

import type { VendorFault } from '../shared/errors';
import { referenceText } from '../shared/audit';
import type { KycVendor } from '../shared/types';
import { describeFailureReason, isDefinitiveAnswer } from './failureReasons';

/** Iluma's documented error codes: what each means, and whether asking again later can help. */
const ERROR_CODES: Record<string, Omit<VendorFault, 'code' | 'httpStatus'>> = {
	API_VALIDATION_ERROR: {
		meaning: 'Iluma refused the request: a field is missing or invalid',
		billed: false,
	},
	INVALID_API_KEY: {
		meaning: 'the API key is invalid, or it is a development key where Iluma needs a live one',
		billed: false,
		unprocessed: 'credential',
		hint: 'Check the API Key in the Iluma credential. KTP name validation works with a live key only.',
	},
	API_KEY_IS_NOT_LIVE_ERROR: {
		meaning: 'the API key may not use this product (it is not a live key for it)',
		billed: false,
		unprocessed: 'credential',
		hint: 'Use a live API key that Iluma has enabled for this product.',
	},
	FILE_TOO_LARGE: { meaning: 'the file is larger than Iluma accepts', billed: false },
	FILE_TOO_SMALL: { meaning: 'the file is smaller than Iluma accepts', billed: false },
	UNSUPPORTED_CONTENT_TYPE: { meaning: 'Iluma does not accept this file type', billed: false },
	RATE_LIMIT_EXCEEDED: {
		meaning: 'rate limit reached; retries were used up',
		billed: false,
		transient: true,
		rateLimit: true,
		hint: 'Lower the Concurrency option or raise Retries.',
	},
	SERVER_ERROR: {
		meaning: 'Iluma had a server error',
		hint: 'Contact Iluma (help@iluma.ai) if it persists.',
	},
	UNSUPPORTED_BANK_CODE_ERROR: {
		meaning: 'Iluma does not support this bank code',
		billed: false,
		hint: 'Use one of Iluma’s bank codes, e.g. BCA, BNI, MANDIRI, BRI.',
	},
	BANK_ACCOUNT_NUMBER_VALIDATION_ERROR: {
		meaning: 'the bank account number is not valid for this bank',
		billed: false,
	},
	DATA_NOT_FOUND: {
		meaning: 'no request with this id exists',
		billed: false,
		hint: 'Check the ID; it is the id Iluma returned when the request was created.',
	},
};

const HTTP_MEANINGS: Record<number, string> = {
	503: 'all of Iluma’s upstream data suppliers are unavailable',
};

function text(value: unknown): string | undefined {
	return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/**
 * Iluma's own words for an error message. A validation message may quote the value it refused;
 * the core masks ID numbers and emails in every message, and an Iluma API key keeps only its prefix here.
 */
function vendorText(value: unknown): string | undefined {
	return text(value)?.replace(/iluma_(development|production|live)_\S+/gi, 'iluma_$1_…');
}

/** The fields an API_VALIDATION_ERROR names, in whichever shape the error lists them. */
function invalidFields(body: IDataObject): string | undefined {
	const list = body.errors ?? body.missing_fields ?? body.fields;
	if (!Array.isArray(list)) return undefined;
	const names = list
		.map((entry) => {
			if (typeof entry === 'string') return vendorText(entry);
			if (entry && typeof entry === 'object') {
				const e = entry as IDataObject;
				const field = text(e.field) ?? text(e.path) ?? text(e.param) ?? text(e.name);
				const message = vendorText(e.message) ?? vendorText(e.msg);
				return [field, message].filter(Boolean).join(': ') || undefined;
			}
			return undefined;
		})
		.filter((name): name is string => Boolean(name));
	return names.length ? names.join('; ') : undefined;
}

function errorFault(body: IDataObject, status: number): VendorFault | undefined {
	const code = text(body.error_code) ?? text(body.errorCode);
	if (!code) return undefined;
	const known = ERROR_CODES[code];
	const message = vendorText(body.message);
	const fields = code === 'API_VALIDATION_ERROR' ? invalidFields(body) : undefined;
	const meaning = known?.meaning ?? HTTP_MEANINGS[status] ?? message ?? 'an undocumented error';
	return {
		...known,
		code,
		meaning: fields ? `${meaning}: ${fields}` : meaning,
		detail: message,
		httpStatus: status,
	};
}

/** A FAILED job: Iluma processed the request but could not produce a result. */
function failedJobFault(body: IDataObject, status: number): VendorFault {
	const reason = vendorText(body.failure_reason);
	const temporary = reason === 'TEMPORARY_NETWORK_ERROR';
	const isCode = reason !== undefined && /^[A-Z0-9_]+$/.test(reason);
	const meaning = describeFailureReason(reason) ?? 'Iluma could not complete this request';
	return {
		code: isCode ? `FAILED ${reason}` : 'FAILED',
		meaning,
		httpStatus: status,
		...(temporary
			? {
					billed: false,
					unprocessed: 'busy' as const,
					hint: 'Iluma does not charge for this; run the item again later.',
				}
			: {}),
		...(reason && !isCode && reason !== meaning ? { detail: reason } : {}),
		...(typeof body.id === 'string' ? { requestId: body.id } : {}),
	};
}

export const iluma: KycVendor = {
	displayName: 'Iluma',
	credentialType: 'ilumaApi',
	baseUrlField: 'baseUrl',
	auditName: 'iluma',
	reference: (body) => referenceText(body.id),
	inspect(response) {
		const status = response.statusCode;
		const body =
			response.body && typeof response.body === 'object' && !Buffer.isBuffer(response.body)
				? (response.body as IDataObject)
				: {};
		const fault = errorFault(body, status);
		if (fault) return fault;
		if (status === 503) {
			return { code: 'HTTP 503', meaning: HTTP_MEANINGS[503], httpStatus: 503, billed: false };
		}
		if (status < 200 || status >= 300) return undefined;
		if (body.status === 'FAILED' && !isDefinitiveAnswer(body)) return failedJobFault(body, status);
		return undefined;
	},
};
