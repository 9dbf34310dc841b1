import { InputProblem } from './errors';
import { quoteInput } from './privacy';

export function requireText(value: unknown, field: string): string {
	const text =
		typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
	if (text === '') throw new InputProblem(field, 'is required but empty');
	return text;
}

export function optionalText(value: unknown): string | undefined {
	const text =
		typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
	return text === '' ? undefined : text;
}

function describeDigits(text: string): string {
	const digits = text.replace(/\D/g, '').length;
	const others = text.length - digits;
	return others > 0
		? `${text.length} characters, ${others} of them not digits`
		: `${digits} digits`;
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
	return (
		date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
	);
}

const DATE_LAYOUTS = {
	'DD-MM-YYYY': { pattern: /^(\d{2})-(\d{2})-(\d{4})$/, order: [3, 2, 1], example: '31-01-1981' },
	'YYYY-MM-DD': { pattern: /^(\d{4})-(\d{2})-(\d{2})$/, order: [1, 2, 3], example: '1981-01-31' },
} as const;

/** A date in the vendor's layout that exists in the calendar. */
export function requireDate(
	value: unknown,
	field: string,
	layout: keyof typeof DATE_LAYOUTS,
): string {
	const text = requireText(value, field);
	const { pattern, order, example } = DATE_LAYOUTS[layout];
	const match = pattern.exec(text);
	if (!match) throw new InputProblem(field, `must be a date written ${layout}, e.g. ${example}`);
	const [year, month, day] = order.map((index) => Number(match[index]));
	if (!isCalendarDate(year, month, day))
		throw new InputProblem(field, `is not a real calendar date (${layout})`);
	return text;
}

export const requireDateDmy = (value: unknown, field: string) =>
	requireDate(value, field, 'DD-MM-YYYY');
export const requireDateIso = (value: unknown, field: string) =>
	requireDate(value, field, 'YYYY-MM-DD');

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

/** One of a parameter's options; an expression can set anything, so the value is checked. */
export function requireChoice<T extends string>(
	value: unknown,
	field: string,
	allowed: readonly T[],
): T {
	const text = typeof value === 'string' ? value.trim() : '';
	if (!(allowed as readonly string[]).includes(text))
		throw new InputProblem(field, `${quoteInput(value)} is not one of ${allowed.join(', ')}`);
	return text as T;
}

/** An optional http(s) URL, e.g. a callback the vendor should call. */
export function optionalUrl(value: unknown, field: string): string | undefined {
	const text = optionalText(value);
	if (text === undefined) return undefined;
	const url = URL.canParse(text) ? new URL(text) : undefined;
	if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:'))
		throw new InputProblem(field, 'must be a URL starting with https:// or http://');
	return text;
}
