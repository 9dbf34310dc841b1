import type { IDataObject } from 'n8n-workflow';

/** The vendor-neutral identity every OCR operation outputs beside the vendor's own response. */
export interface Identity extends IDataObject {
	fullName?: string;
	givenNames?: string;
	surname?: string;
	idNumber?: string;
	dateOfBirth?: string;
	placeOfBirth?: string;
	gender?: 'M' | 'F';
	nationality?: string;
	issueDate?: string;
	expiryDate?: string;
}

export interface IdentityFields {
	fullName?: unknown;
	givenNames?: unknown;
	surname?: unknown;
	idNumber?: unknown;
	dateOfBirth?: unknown;
	placeOfBirth?: unknown;
	gender?: unknown;
	nationality?: unknown;
	issueDate?: unknown;
	expiryDate?: unknown;
}

function text(value: unknown): string | undefined {
	if (typeof value === 'number') return String(value);
	if (typeof value !== 'string') return undefined;
	const trimmed = value.replace(/\s+/g, ' ').trim();
	return trimmed === '' || trimmed === '-' ? undefined : trimmed;
}

function validDate(year: number, month: number, day: number): string | undefined {
	const date = new Date(Date.UTC(year, month - 1, day));
	if (
		date.getUTCFullYear() !== year ||
		date.getUTCMonth() !== month - 1 ||
		date.getUTCDate() !== day
	) {
		return undefined;
	}
	return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Reads the date layouts vendors use (YYYYMMDD, YYYY-MM-DD, DD-MM-YYYY, DD/MM/YYYY, DD.MM.YYYY, midnight timestamps) as YYYY-MM-DD. */
export function normaliseDate(value: unknown): string | undefined {
	// A midnight timestamp (1965-02-05T00:00:00.000Z) is a date sent as a timestamp.
	const raw = text(value)?.replace(/^(\d{4}-\d{2}-\d{2})T00:00(:00(\.0+)?)?(Z|[+-]00:?00)?$/, '$1');
	if (!raw) return undefined;
	let match =
		/^(\d{4})(\d{2})(\d{2})$/.exec(raw) ?? /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(raw);
	if (match) return validDate(Number(match[1]), Number(match[2]), Number(match[3]));
	match = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(raw);
	if (match) return validDate(Number(match[3]), Number(match[2]), Number(match[1]));
	return undefined;
}

const MALE = new Set([
	'M',
	'MALE',
	'L',
	'LAKI-LAKI',
	'LAKI LAKI',
	'H',
	'HOMBRE',
	'MASCULINO',
	'MASCULIN',
]);
const FEMALE = new Set(['F', 'FEMALE', 'P', 'PEREMPUAN', 'W', 'MUJER', 'FEMENINO', 'FEMININ']);

export function normaliseGender(value: unknown): 'M' | 'F' | undefined {
	const raw = text(value)?.toUpperCase();
	if (!raw) return undefined;
	if (MALE.has(raw)) return 'M';
	if (FEMALE.has(raw)) return 'F';
	return undefined;
}

/** Builds the identity object, dropping what is absent or cannot be read. */
export function buildIdentity(fields: IdentityFields): Identity {
	const givenNames = text(fields.givenNames);
	const surname = text(fields.surname);
	const identity: Identity = {
		fullName:
			text(fields.fullName) ?? ([givenNames, surname].filter(Boolean).join(' ') || undefined),
		givenNames,
		surname,
		idNumber: text(fields.idNumber)?.replace(/\s+/g, ''),
		dateOfBirth: normaliseDate(fields.dateOfBirth),
		placeOfBirth: text(fields.placeOfBirth),
		gender: normaliseGender(fields.gender),
		nationality: text(fields.nationality),
		issueDate: normaliseDate(fields.issueDate),
		expiryDate: normaliseDate(fields.expiryDate),
	};
	for (const key of Object.keys(identity)) {
		if (identity[key] === undefined) delete identity[key];
	}
	return identity;
}
