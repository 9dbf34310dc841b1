import type { IDataObject } from 'n8n-workflow';

import { maskValue, scrub } from './scrub';

export { maskValue } from './scrub';

/** Keys whose values are ID, document, licence, passport, card, account, phone, tax or registration
 * numbers, as the vendors' documents name them, compared without case, `_`/`-`/`.` and Argos's `ocr_`
 * prefix: so `phone_number`, `phoneNumber` and `PhoneNumber` are one key, and `ocr_identityNumber`
 * is `identityNumber`. test/fixtures/seed-identifiers.js lists the documents' fields. */
const SENSITIVE_KEYS = new Set([
	'nik',
	'id',
	'idnumber',
	'idno',
	'idcardnumber',
	'identitynumber',
	'identificationnumber',
	'personalid',
	'personalnum',
	'alienregnum',
	'socialnumber',
	'corepsocialnum',
	'cardnumber',
	'number',
	'documentnumber',
	'documentno',
	'serialnumber',
	'crn',
	'vin',
	'licenseno',
	'licensenumber',
	'licenceno',
	'licencenumber',
	'passportnumber',
	'passportno',
	'passportnum',
	'bankaccountnumber',
	'accountnumber',
	'accountno',
	'npwp',
	'npwpid',
	'npwpnumber',
	'registrationnumber',
	'skmenkehnumber',
	'aktanumber',
	'phone',
	'phonenumber',
	'phoneno',
	'mobile',
	'mobilenumber',
	'mobileno',
	'msisdn',
]);

const canonicalKey = (key: string) =>
	key
		.toLowerCase()
		.replace(/[^a-z0-9]/g, '')
		.replace(/^ocr(?=.)/, '');

function isSensitiveKey(key: string, extraKeys?: RegExp): boolean {
	return SENSITIVE_KEYS.has(canonicalKey(key)) || (extraKeys?.test(key) ?? false);
}

function maskDeep(value: unknown, top: boolean): unknown {
	if (typeof value === 'string') return /\d{3,}/.test(value) ? maskValue(value) : value;
	if (typeof value === 'number' && top) return maskValue(String(value));
	if (Array.isArray(value)) return value.map((inner) => maskDeep(inner, top));
	if (value && typeof value === 'object') {
		return Object.fromEntries(
			Object.entries(value).map(([key, inner]) => [key, maskDeep(inner, false)]),
		);
	}
	return value;
}

/** Masks every ID, card, account and phone number in a result, at any depth. A record `id`
 * is masked only when it is all digits, so vendor record ids stay usable for look-ups.
 * `extraKeys` adds a vendor's own spellings to the keys that are masked. */
export function maskSensitive<T>(value: T, extraKeys?: RegExp): T {
	if (Array.isArray(value)) return value.map((entry) => maskSensitive(entry, extraKeys)) as T;
	if (!value || typeof value !== 'object') return value;
	const out: IDataObject = {};
	const record = value as IDataObject;
	// A {name, value(s)} entry of a list (Iluma's business document OCR) names its field in `name`.
	const namedSensitive =
		typeof record.name === 'string' &&
		record.name.toLowerCase() !== 'id' &&
		isSensitiveKey(record.name, extraKeys);
	for (const [key, inner] of Object.entries(record)) {
		const isRecordId = key.toLowerCase() === 'id' && !/^[\d\s-]+$/.test(String(inner));
		const sensitive = isSensitiveKey(key, extraKeys) && !isRecordId;
		const namedValue = namedSensitive && (key === 'value' || key === 'values');
		out[key] = (
			sensitive
				? maskDeep(inner, true)
				: namedValue
					? maskDeep(inner, false)
					: maskSensitive(inner, extraKeys)
		) as IDataObject[string];
	}
	return out as T;
}

/** A user's value quoted in an input error: short, and with ID numbers masked, so no ID number or image lands in a log. */
export function quoteInput(value: unknown): string {
	const text = scrub(String(value ?? ''));
	return `"${text.length > 24 ? `${text.slice(0, 24)}…` : text}"`;
}
