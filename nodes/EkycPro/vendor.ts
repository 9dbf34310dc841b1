import type { IDataObject } from 'n8n-workflow';

import type { VendorFault } from '../shared/errors';
import { referenceText } from '../shared/audit';
import type { KycVendor } from '../shared/types';

/** Statuses that carry a result. `NOT` is the identity check's billed "name differs" answer. */
const RESULT_STATUSES = new Set(['OK', 'NOT']);

/** ekycpro's documented statuses: what each means and whether ekycpro charges for it. */
const STATUSES: Record<string, Omit<VendorFault, 'code'>> = {
	FAIL: {
		meaning: 'the image could not be recognised; check the input image and retry',
		billed: true,
	},
	INVALID_REQUEST: { meaning: 'invalid request parameters', billed: false },
	IMAGE_INVALID_FORMAT: {
		meaning: 'image format not supported; it must be JPEG, PNG or BMP',
		billed: false,
	},
	IMAGE_INVALID_SIZE: { meaning: 'image larger than 2 MB', billed: false },
	INNER_ERROR: { meaning: 'ekycpro server error; retry later', billed: false, transient: true },
	PERSON_NOT_FOUND: {
		meaning: 'no person with this NIK in the population registry',
		billed: false,
	},
	INVALID_ID_NUMBER: { meaning: 'the NIK is not a valid ID number', billed: false },
	RETRY_LATER: {
		meaning: 'the registry could not answer now; retry later',
		billed: false,
		transient: true,
	},
};

/** FAIL is one status with several documented messages, each its own cause. */
const FAIL_MESSAGES: Record<string, string> = {
	'check input image and retry':
		'the image could not be recognised; check the input image and retry',
	'not identity card': 'the image is not an identity card',
	'card not recognized': 'the card type was not recognised; check the Document Type',
};

function statusFault(status: string, message: unknown, path: string): VendorFault {
	const detail = typeof message === 'string' ? message : undefined;
	if (status === 'RETRY_LATER' && path.endsWith('/facecompare')) {
		// Face comparison documents RETRY_LATER as "image detect face fail", and charges for it.
		return { code: status, meaning: 'no face was detected in an image', billed: true, detail };
	}
	if (status === 'FAIL' && detail && FAIL_MESSAGES[detail]) {
		return { code: status, ...STATUSES.FAIL, meaning: FAIL_MESSAGES[detail], detail };
	}
	const known = STATUSES[status];
	if (known) return { code: status, ...known, detail };
	return { code: status, meaning: 'an undocumented status', detail };
}

export const ekycPro: KycVendor = {
	displayName: 'ekycpro',
	credentialType: 'ekycProApi',
	baseUrlField: 'baseUrl',
	auditName: 'ekycpro',
	// Only some ekycpro products give one (e.g. its checker APIs); its OCR and face answers do not.
	reference: (body) => referenceText(body.transactionId),
	inspect(response, request) {
		const body = (response.body ?? {}) as IDataObject;
		const status = typeof body.status === 'string' ? body.status : undefined;
		if (response.statusCode === 401 || response.statusCode === 403) {
			return {
				code: `HTTP ${response.statusCode}`,
				meaning: 'ekycpro rejected the API key',
				httpStatus: response.statusCode,
				billed: false,
				unprocessed: 'credential',
				hint: 'Check the API Key in the ekycpro credential.',
			};
		}
		if (response.statusCode !== 200 || status === undefined) return undefined;
		if (RESULT_STATUSES.has(status)) return undefined;
		return { ...statusFault(status, body.message, request.path), httpStatus: response.statusCode };
	},
};
