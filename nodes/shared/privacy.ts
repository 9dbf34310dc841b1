import type { IDataObject } from 'n8n-workflow';

import { maskValue, scrub } from './scrub';

export { maskValue } from './scrub';

/** Keys whose values are ID, card, account or phone numbers, in any vendor's spelling
 * (Argos prefixes what its OCR read with `ocr_`, e.g. `ocr_identityNumber`). */
const SENSITIVE_KEY =
	/^(?:ocr_)?(nik|id|idnumber|id_number|id_card_number|identity_?number|cardnumber|card_number|number|personalid|documentnumber|document_number|crn|vin|licenseno|licensenumber|license_number|bank_account_number|account_number|npwp|phone|phone_number|mobile_number|msisdn)$/i;

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
	for (const [key, inner] of Object.entries(value as IDataObject)) {
		const isRecordId = key.toLowerCase() === 'id' && !/^[\d\s-]+$/.test(String(inner));
		const sensitive = SENSITIVE_KEY.test(key) || (extraKeys?.test(key) ?? false);
		out[key] = (
			sensitive && !isRecordId ? maskDeep(inner, true) : maskSensitive(inner, extraKeys)
		) as IDataObject[string];
	}
	return out as T;
}

/** A user's value quoted in an input error: short, and with ID numbers masked, so no ID number or image lands in a log. */
export function quoteInput(value: unknown): string {
	const text = scrub(String(value ?? ''));
	return `"${text.length > 24 ? `${text.slice(0, 24)}…` : text}"`;
}
