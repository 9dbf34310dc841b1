import { InputProblem } from './errors';

export function requireText(value: unknown, field: string): string {
	const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
	if (text === '') throw new InputProblem(field, 'is required but empty');
	return text;
}

export function optionalText(value: unknown): string | undefined {
	const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
	return text === '' ? undefined : text;
}

function describeDigits(text: string): string {
	const digits = text.replace(/\D/g, '').length;
	const others = text.length - digits;
	return others > 0 ? `${text.length} characters, ${others} of them not digits` : `${digits} digits`;
}

/** Indonesian NIK: exactly 16 digits. The value itself never appears in the message. */
export function requireNik(value: unknown, field = 'NIK'): string {
	const text = requireText(value, field).replace(/\s+/g, '');
	if (!/^\d{16}$/.test(text)) {
		throw new InputProblem(field, `must be exactly 16 digits; got ${describeDigits(text)}`);
	}
	return text;
}

function isCalendarDate(year: number, month: number, day: number): boolean {
	const date = new Date(Date.UTC(year, month - 1, day));
	return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** A date written `DD-MM-YYYY` that exists in the calendar. */
export function requireDateDmy(value: unknown, field: string): string {
	const text = requireText(value, field);
	const match = /^(\d{2})-(\d{2})-(\d{4})$/.exec(text);
	if (!match) throw new InputProblem(field, 'must be a date written DD-MM-YYYY, e.g. 31-01-1981');
	if (!isCalendarDate(Number(match[3]), Number(match[2]), Number(match[1]))) {
		throw new InputProblem(field, 'is not a real calendar date (DD-MM-YYYY)');
	}
	return text;
}

/** A date written `YYYY-MM-DD` that exists in the calendar. */
export function requireDateIso(value: unknown, field: string): string {
	const text = requireText(value, field);
	const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
	if (!match) throw new InputProblem(field, 'must be a date written YYYY-MM-DD, e.g. 1981-01-31');
	if (!isCalendarDate(Number(match[1]), Number(match[2]), Number(match[3]))) {
		throw new InputProblem(field, 'is not a real calendar date (YYYY-MM-DD)');
	}
	return text;
}

export function requireEmail(value: unknown, field: string): string {
	const text = requireText(value, field);
	if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text)) {
		throw new InputProblem(field, 'is not a valid email address');
	}
	return text;
}

export function requireLength(text: string, field: string, min: number, max: number): string {
	if (text.length < min || text.length > max) {
		throw new InputProblem(field, `must be ${min} to ${max} characters long; got ${text.length}`);
	}
	return text;
}
