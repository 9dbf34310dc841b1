import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { InputProblem } from '../shared/errors';
import { buildIdentity } from '../shared/identity';
import type { ImageSpec } from '../shared/image';
import { quoteInput } from '../shared/privacy';
import { COUNTRIES, COUNTRY_CODES } from './countries';

/** Step 1 and Step 2 images: JPG/JPEG/PNG, at most 2 MB (the seed's limit; 1 MB recommended). */
export const ARGOS_IMAGE: ImageSpec = {
	vendor: 'Argos ID',
	formats: ['jpeg', 'png'],
	maxBytes: 2 * 1024 * 1024,
};

/** The seed's `idType` values. */
export const ID_TYPES: Array<{ name: string; value: string }> = [
	{ name: 'Aadhaar', value: 'aadhaar' },
	{ name: 'Driver’s License', value: 'drivers_license' },
	{ name: 'Government ID', value: 'government_id' },
	{ name: 'PAN Card', value: 'pancard' },
	{ name: 'Passport', value: 'passport' },
	{ name: 'Residence Permit', value: 'residence_permit' },
	{ name: 'Universal', value: 'universal' },
	{ name: 'Vehicle Registration Certificate', value: 'vehicle_registration_certificate' },
	{ name: 'Visa', value: 'visa' },
];

export const countryOptions = COUNTRIES.map(([code, name]) => ({
	name: `${name} (${code})`,
	value: code,
}));

/** An ISO 3166 alpha-3 code; expressions may give lower case. */
export function requireCountry(value: unknown, field: string): string {
	const code = typeof value === 'string' ? value.trim().toUpperCase() : '';
	if (code === '') throw new InputProblem(field, 'is required but empty');
	if (!COUNTRY_CODES.has(code)) {
		throw new InputProblem(
			field,
			`${quoteInput(code)} is not an ISO 3166 alpha-3 country code (e.g. KOR, USA, IDN)`,
		);
	}
	return code;
}

export const ID_TYPE_VALUES = ID_TYPES.map((type) => type.value);

export const submissionIdProperty: INodeProperties = {
	displayName: 'Submission ID',
	name: 'submissionId',
	type: 'string',
	default: '',
	required: true,
	placeholder: '={{ $json.submissionId }}',
	description: 'The submissionId that Step 1 returned (valid for 4 hours)',
};

/** Step 1's `reviewOCRData` as the vendor-neutral identity every OCR operation outputs. */
export function ocrIdentity(review: IDataObject | undefined) {
	const data = review ?? {};
	return buildIdentity({
		fullName: data.ocr_name,
		givenNames: data.ocr_firstName,
		surname: data.ocr_lastName,
		idNumber: data.ocr_identityNumber,
		dateOfBirth: data.ocr_birthDate,
		gender: data.ocr_gender,
		nationality: data.ocr_nationality,
		issueDate: data.ocr_issueDate,
		expiryDate: data.ocr_expireDate,
	});
}

/** Attempts per submission: Step 1 and Step 2 retries together (vendor-apis.md D.3). */
export const MAX_ATTEMPTS = 3;

interface RetryEntry {
	retryCode?: unknown;
	retryMsg?: unknown;
}

/**
 * `kycStatus: incomplete` with retry codes is an answer, not an error: the applicant must retry.
 * Adds what a workflow branches on: whether a retry is needed, its codes, and the attempts left.
 */
export function retryFacts(body: IDataObject): IDataObject {
	const retries = (Array.isArray(body.retry) ? body.retry : body.retry ? [body.retry] : []) as
		| RetryEntry[]
		| string[];
	const codes = retries
		.map((entry) => (typeof entry === 'string' ? entry : entry?.retryCode))
		.filter((code): code is string => typeof code === 'string' && code !== '');
	// `incomplete` alone is also the state of any submission still between Step 1 and Step 2 (the
	// `created` webhook reports it without a retry); a retry is needed when Argos says why.
	const retryNeeded = body.kycStatus === 'incomplete' && retries.length > 0;
	const count = Number(body.retryCount);
	const facts: IDataObject = { retryNeeded, retryCodes: codes };
	if (Number.isFinite(count)) facts.attemptsRemaining = Math.max(0, MAX_ATTEMPTS - count);
	return facts;
}
