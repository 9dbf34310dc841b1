import type { IDataObject } from 'n8n-workflow';

import { referenceText } from '../shared/audit';
import type { VendorFault } from '../shared/errors';
import type { KycVendor } from '../shared/types';

const VENDOR = 'CLOVA OCR';
const CREDENTIAL = 'the CLOVA OCR credential';

/** CLOVA OCR's common response status table (vendor-apis.md C.2): what each code means and what to do. */
const CODES: Record<string, Omit<VendorFault, 'code' | 'detail' | 'httpStatus'>> = {
	'0001': {
		meaning: 'the URL is invalid',
		hint: `Check the Invoke URL in ${CREDENTIAL}: it is the API Gateway invoke URL of your CLOVA OCR domain, without the model path.`,
	},
	'0002': {
		meaning: 'the secret key was not accepted',
		hint: `Check the Secret Key in ${CREDENTIAL}; it must be the one created with this domain's API Gateway link.`,
	},
	'0011': { meaning: 'CLOVA refused the request body as invalid' },
	'0021': { meaning: 'the protocol version is not supported' },
	'0022': {
		meaning: 'the request domain is invalid',
		hint: `Check that the Invoke URL in ${CREDENTIAL} belongs to a domain that serves this model.`,
	},
	'0023': {
		meaning: 'the domain has reached its API request limit (quota)',
		hint: 'Raise the call limit of the domain in the NAVER Cloud console, or wait for the next period.',
	},
	'0025': {
		meaning: 'calls to this API exceeded the rate limit; retries were used up',
		hint: 'CLOVA limits concurrent calls per domain: lower the Concurrency option or raise Retries.',
		transient: true,
		rateLimit: true,
	},
	'0028': {
		meaning: 'table detection is disabled for this domain',
		hint: 'Turn on table extraction for the domain in CLOVA OCR Builder, or switch off Table Detection.',
	},
	'0500': { meaning: 'unknown CLOVA service error' },
	'0501': { meaning: 'CLOVA OCR service error' },
	'1021': {
		meaning: 'no deployed template was found',
		hint: 'Check the Template IDs, and that the templates are released (deployed) in CLOVA OCR Builder.',
	},
};

/** CLOVA's code as the four-digit string its table uses, whether it came as "0002" or 2. */
function vendorCode(body: IDataObject): string | undefined {
	const code = body.code;
	if (typeof code === 'number' && Number.isInteger(code)) return String(code).padStart(4, '0');
	if (typeof code === 'string' && /^\d{1,4}$/.test(code.trim()))
		return code.trim().padStart(4, '0');
	return undefined;
}

function statusFault(code: string, body: IDataObject, httpStatus: number): VendorFault {
	const detail = typeof body.message === 'string' ? body.message : undefined;
	const known = CODES[code];
	if (known) return { code, ...known, detail, httpStatus };
	return { code, meaning: detail ?? 'an undocumented CLOVA status code', httpStatus };
}

/** Why the first image of a 200 answer is not a result: CLOVA reports per-image failures inside it. */
function imageFault(body: IDataObject, httpStatus: number): VendorFault | undefined {
	const images = Array.isArray(body.images) ? (body.images as IDataObject[]) : [];
	if (images.length === 0) {
		return { code: 'UNEXPECTED', meaning: 'the answer holds no images[] result', httpStatus };
	}
	const image = images[0] ?? {};
	const message = typeof image.message === 'string' ? image.message : undefined;
	if (image.inferResult === 'ERROR' || image.inferResult === 'FAILURE') {
		return {
			code: String(image.inferResult),
			meaning: 'CLOVA could not read the image',
			detail: message,
			httpStatus,
			hint: 'Check that the image shows the document this model reads, sharp and whole.',
		};
	}
	const validation = (image.validationResult ?? {}) as IDataObject;
	if (validation.result === 'INVALID') {
		return {
			code: 'INVALID',
			meaning: 'CLOVA’s validity check rejected the image',
			detail: typeof validation.message === 'string' ? validation.message : undefined,
			httpStatus,
		};
	}
	return undefined;
}

const MODEL_PATH = /\/(general|infer|document(\/[\w-]+)?)$/;

/** CLOVA has no fixed host; its invoke URL stops before the model path, which the node adds. */
function invokeUrlProblem(url: URL): string | undefined {
	const model = MODEL_PATH.exec(url.pathname.replace(/\/+$/, ''));
	if (!model) return undefined;
	return `ends with the model path "${model[0]}"; enter the invoke URL without it, the node adds the path`;
}

export const clovaOcr: KycVendor = {
	displayName: VENDOR,
	credentialType: 'clovaOcrApi',
	baseUrlField: 'invokeUrl',
	baseUrlLabel: 'Invoke URL',
	baseUrlProblem: invokeUrlProblem,
	auditName: 'clova',
	// The request ID the node sends, which CLOVA's answer repeats.
	reference: (body) => referenceText(body.requestId),
	// Korean ID numbers (personalNum, the alien card's alienRegNum, a business licence's socialNumber and
	// coRepSocialNum), licence and passport numbers as CLOVA spells them, the passport's machine-readable
	// lines (mrz2 repeats the passport number and birth date), and the phone numbers of name cards and
	// receipts (tel, mobile, fax); also as the last segment of a Simplify output's dotted key
	// ("paymentInfo.cardInfo.number", "mrz.mrz2").
	sensitiveKeys:
		/(^|\.)(personalNum|alienRegNum|socialNumber|coRepSocialNum|num|passportNum|passportNo|number|idNumber|mrz\d?|tel|mobile|fax)$/i,
	inspect(response) {
		const status = response.statusCode;
		const body = (
			response.body && typeof response.body === 'object' ? response.body : {}
		) as IDataObject;
		const code = vendorCode(body);
		if (status < 200 || status >= 300) {
			return code ? statusFault(code, body, status) : undefined;
		}
		// Not JSON (a proxy's page): the core describes it by content type and size.
		if (typeof response.body === 'string') return undefined;
		if (code && !Array.isArray(body.images)) return statusFault(code, body, status);
		return imageFault(body, status);
	},
};
