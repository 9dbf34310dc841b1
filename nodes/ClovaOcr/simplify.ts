import type { IDataObject } from 'n8n-workflow';

import { buildIdentity, type Identity, type IdentityFields } from '../shared/identity';

/** CLOVA's recognised value: `{ text, formatted?, confidenceScore | confidence, boundingPoly… }`. */
function isValue(value: unknown): value is IDataObject {
	return (
		typeof value === 'object' &&
		value !== null &&
		!Array.isArray(value) &&
		typeof (value as IDataObject).text === 'string'
	);
}

/** Coordinates, which Simplify drops; `rois` is the ID card's outline on the image. */
const GEOMETRY = /^(boundingPolys?|subBoundingPolys|maskingPolys|vertices|boundingBox|rois)$/;

const pad = (value: unknown, length: number) => String(value).padStart(length, '0');

/** The value as a workflow wants it: CLOVA's formatted value when it has one, else the text read. */
export function valueOf(field: IDataObject): string {
	const formatted = (field.formatted ?? {}) as IDataObject;
	if (typeof formatted.value === 'string' && formatted.value !== '') return formatted.value;
	if (formatted.year && formatted.month && formatted.day) {
		return `${pad(formatted.year, 4)}-${pad(formatted.month, 2)}-${pad(formatted.day, 2)}`;
	}
	return String(field.text);
}

function confidenceOf(field: IDataObject): number | null {
	const score = field.confidenceScore ?? field.confidence;
	return typeof score === 'number' ? score : null;
}

/**
 * A model's result with coordinates dropped: each recognised value becomes its text, nested objects
 * become dotted keys ("storeInfo.name"), a list of values becomes one value or a list of them, and a
 * list of records (receipt items) stays a list of flattened records.
 */
export function flattenResult(result: unknown, prefix = '', out: IDataObject = {}): IDataObject {
	if (isValue(result)) {
		out[prefix || 'text'] = valueOf(result);
		return out;
	}
	if (Array.isArray(result)) {
		if (result.every(isValue)) {
			const values = result.map(valueOf);
			if (values.length > 0) out[prefix] = values.length === 1 ? values[0] : values;
		} else {
			out[prefix] = result.map((entry) =>
				entry && typeof entry === 'object' ? flattenResult(entry) : (entry as IDataObject),
			);
		}
		return out;
	}
	if (result && typeof result === 'object') {
		for (const [key, inner] of Object.entries(result as IDataObject)) {
			if (GEOMETRY.test(key)) continue;
			flattenResult(inner, prefix ? `${prefix}.${key}` : key, out);
		}
		return out;
	}
	if (result !== undefined && result !== null && prefix) out[prefix] = result as string;
	return out;
}

/**
 * The credit card's three fields as text, each with CLOVA's confidence beside it. The confidences are
 * flat keys (`numberConfidence`), not a `confidence.number`, which the Privacy option would mask.
 */
export function simplifyCard(result: IDataObject): IDataObject {
	const out: IDataObject = {};
	for (const key of ['name', 'number', 'validThru']) {
		const field = result[key];
		out[key] = isValue(field) ? field.text : null;
		out[`${key}Confidence`] = isValue(field) ? confidenceOf(field) : null;
	}
	return out;
}

/** The first recognised value under any of `keys` (CLOVA's spellings differ between models and versions). */
function pick(result: IDataObject, ...keys: string[]): string | undefined {
	for (const key of keys) {
		const value = result[key];
		const field = Array.isArray(value) ? value.find(isValue) : value;
		if (isValue(field)) return valueOf(field);
	}
	return undefined;
}

/** Birth date and sex from a Korean resident registration number (YYMMDD-G…), when readable. */
function fromResidentNumber(value: string | undefined): IdentityFields {
	const match = /^(\d{2})(\d{2})(\d{2})-?([0-9])/.exec(value?.replace(/\s+/g, '') ?? '');
	if (!match) return {};
	const centuries: Record<string, number> = {
		9: 1800,
		0: 1800,
		1: 1900,
		2: 1900,
		5: 1900,
		6: 1900,
	};
	const century = centuries[match[4]] ?? 2000;
	return {
		dateOfBirth: `${century + Number(match[1])}-${match[2]}-${match[3]}`,
		gender: Number(match[4]) % 2 === 1 ? 'M' : 'F',
	};
}

const KOREAN_SEX: Record<string, string> = { 남: 'M', 여: 'F' };

/** The shared identity from an ID card (resident card `ic`, driver's licence `dl`, passport `pp`, alien card `ac`) or passport result. */
export function identityOf(result: IDataObject): Identity {
	const kind = ['ic', 'dl', 'pp', 'ac'].find(
		(key) => result[key] && typeof result[key] === 'object',
	);
	const fields = (kind ? result[kind] : result) as IDataObject;
	const resident = fromResidentNumber(pick(fields, 'personalNum'));
	const sex = pick(fields, 'sex', 'gender');
	return buildIdentity({
		fullName: pick(fields, 'name', 'fullName', 'nameEng'),
		givenNames: pick(fields, 'givenName', 'givenNames'),
		surname: pick(fields, 'surname', 'surName'),
		idNumber: pick(
			fields,
			'num',
			'passportNum',
			'passportNo',
			'documentNumber',
			'alienRegNum',
			'personalNum',
		),
		dateOfBirth: pick(fields, 'birthDate', 'dateOfBirth') ?? resident.dateOfBirth,
		gender: sex ? (KOREAN_SEX[sex] ?? sex) : resident.gender,
		nationality: pick(fields, 'nationality', 'issuingCountry', 'issueCountry'),
		issueDate: pick(fields, 'issueDate', 'dateOfIssue'),
		expiryDate: pick(fields, 'expiryDate', 'dateOfExpiry', 'expireDate', 'renewEndDate'),
	});
}

/** General OCR: the text read (line breaks kept) and every field with its confidence. */
export function simplifyGeneral(image: IDataObject): IDataObject {
	const fields = Array.isArray(image.fields) ? (image.fields as IDataObject[]) : [];
	let text = '';
	for (const field of fields) {
		if (typeof field.inferText !== 'string') continue;
		text += field.inferText + (field.lineBreak === true ? '\n' : ' ');
	}
	return {
		text: text.trim(),
		fields: fields.map((field) => ({
			text: field.inferText ?? null,
			confidence: typeof field.inferConfidence === 'number' ? field.inferConfidence : null,
		})),
	};
}

/** Template OCR: each named template field's text and confidence, and which template matched. */
export function simplifyTemplate(image: IDataObject): IDataObject {
	const fields = Array.isArray(image.fields) ? (image.fields as IDataObject[]) : [];
	const values: IDataObject = {};
	const confidence: IDataObject = {};
	for (const field of fields) {
		const name = typeof field.name === 'string' ? field.name : undefined;
		if (!name) continue;
		values[name] = typeof field.inferText === 'string' ? field.inferText : null;
		confidence[name] = typeof field.inferConfidence === 'number' ? field.inferConfidence : null;
	}
	const template = (image.matchedTemplate ?? {}) as IDataObject;
	return {
		templateId: template.id ?? null,
		templateName: template.name ?? null,
		fields: values,
		confidence,
	};
}
