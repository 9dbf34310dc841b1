import type { IDataObject } from 'n8n-workflow';

import { referenceText } from '../shared/audit';
import type { VendorFault } from '../shared/errors';
import { describeBody } from '../shared/scrub';
import type { KycVendor } from '../shared/types';

type Meaning = Omit<VendorFault, 'code' | 'httpStatus' | 'detail'>;

const IP_DENIED = /explicit deny/i;

/** The Step API's documented messages (vendor-apis.md D.7), whatever HTTP status carries them. */
const STEP_MESSAGES: Array<[RegExp, Meaning]> = [
	[/failed to parse the input data/i, { meaning: 'Argos could not parse the submitted form data' }],
	[
		/invalid id image/i,
		{
			meaning: 'Argos could not use the ID image',
			hint: 'Send a JPG or PNG photo of the whole ID with a little padding around it.',
		},
	],
	[
		/missing required parameters for identity verification/i,
		{ meaning: 'a field Step 2 needs for identity verification is missing' },
	],
	[/missing required parameters/i, { meaning: 'a required field is missing' }],
	[/invalid email address format/i, { meaning: 'the email address is not valid' }],
	[
		/had submitted another KYC and is already approved/i,
		{
			meaning: 'this applicant’s email already has an approved KYC submission',
			hint: 'Look the applicant up with Submission → Get Many instead of submitting again.',
		},
	],
	[
		/failed to find the project/i,
		{ meaning: 'no Argos project belongs to this API key', hint: 'Check the API Key.' },
	],
	[/invalid api key/i, { meaning: 'Argos rejected the API key', hint: 'Check the API Key.' }],
	[
		/invalid face image/i,
		{ meaning: 'Argos could not use the face image', hint: 'Send a JPG or PNG with one face.' },
	],
	[
		/invalid or missing an address image/i,
		{
			meaning: 'the address image is missing or invalid',
			hint: 'The project collects addresses: turn on Include Address Image and send a JPG or PNG.',
		},
	],
	[
		/missing address data parameters/i,
		{
			meaning: 'the address fields are missing',
			hint: 'The project collects addresses: fill Address → Global Code, Compound Code or Formatted Address (from Argos’s Address_code API).',
		},
	],
	[
		/invalid submission id/i,
		{
			meaning: 'no open submission has this ID',
			hint: 'Use the submissionId Step 1 returned, within 4 hours.',
		},
	],
	[
		/this submission is already processed/i,
		{ meaning: 'this submission already has a final result' },
	],
];

/** Argos's HTTP error table (vendor-apis.md D.1). */
const HTTP: Record<number, Meaning> = {
	400: { meaning: 'invalid query string parameters' },
	413: {
		meaning: 'the request is too large',
		hint: 'Each image may be at most 2 MB; Argos recommends about 1 MB.',
	},
	500: { meaning: 'internal server error at Argos' },
	502: { meaning: 'bad gateway at Argos' },
};

function messageOf(body: unknown): string | undefined {
	if (typeof body === 'string') return body.trim() || undefined;
	if (!body || typeof body !== 'object') return undefined;
	const record = body as IDataObject;
	for (const key of ['message', 'errorMessage', 'error', 'msg']) {
		if (typeof record[key] === 'string' && record[key]) return record[key] as string;
	}
	return undefined;
}

export const argosId: KycVendor = {
	displayName: 'Argos ID',
	credentialType: 'argosIdApi',
	baseUrlField: 'baseUrl',
	auditName: 'argos',
	// Step 1 and Step 2 answer `submissionId`; a read names the submission `submission_id`.
	reference: (body) => referenceText(body.submissionId ?? body.submission_id),
	inspect(response, request) {
		const status = response.statusCode;
		const message = messageOf(response.body);
		// A text body is matched against the documented messages but never quoted whole: it may be
		// a proxy's page or an echo of the request. The core scrubs a JSON message.
		const detail =
			typeof response.body === 'string'
				? describeBody(response.body, response.headers['content-type'])
				: message;
		if (status === 403) {
			if (message && IP_DENIED.test(message)) {
				return {
					code: 'HTTP 403',
					meaning: 'the calling IP address is not on the project’s IP allow-list',
					httpStatus: status,
					detail,
					hint: 'Add the public IP address of your n8n server to the project’s IP whitelist in the Argos dashboard.',
				};
			}
			return {
				code: 'HTTP 403',
				meaning: 'Argos rejected the API key',
				httpStatus: status,
				detail,
				hint: 'Check the API Key in the Argos ID credential, and that its Base URL is the one of that key’s environment.',
			};
		}
		const step = message ? STEP_MESSAGES.find(([pattern]) => pattern.test(message)) : undefined;
		if (step) return { code: `HTTP ${status}`, httpStatus: status, detail, ...step[1] };
		if (status >= 200 && status < 300) return undefined;
		// D.1's 400 text is about query strings; a Step 1/2 form refused otherwise must not say so.
		const known =
			status === 400 && request.method !== 'GET' && !/query string/i.test(message ?? '')
				? { meaning: 'Argos refused the submitted form as invalid' }
				: HTTP[status];
		if (known) return { code: `HTTP ${status}`, httpStatus: status, detail, ...known };
		return undefined;
	},
};
