/**
 * The one filter for vendor-supplied text on its way into a message, description, error item or
 * log line. A vendor (or a proxy in front of it) may echo the request in its error: the
 * credential, the image and the ID number it carried must not come back through the error.
 */

/** Keeps the last four characters: enough to tell records apart, too little to reuse. */
export function maskValue(value: string): string {
	const visible = value.length > 4 ? 4 : Math.max(0, value.length - 2);
	return '*'.repeat(value.length - visible) + value.slice(value.length - visible);
}

/** An email in a message keeps its first character and the domain: a***@example.com. */
export function maskEmails(text: string): string {
	return text.replace(
		/([^\s@"'<>(){}]+)@([^\s@"'<>(){}]+\.[^\s@"'<>(){},;]+)/g,
		(_, local: string, domain: string) => `${local.slice(0, 1)}***@${domain}`,
	);
}

/** How much vendor text a message quotes. */
export const QUOTE_LIMIT = 200;

/** A credential value shorter than this is not searched for: it would blank ordinary words. */
const MIN_SECRET_LENGTH = 6;

/** Headers that carry credentials, whatever the vendor. */
const SECRET_HEADERS = [
	'proxy-authorization',
	'authorization',
	'x-api-key',
	'x-ocr-secret',
	'x-callback-token',
	'token',
	'cookie',
	'set-cookie',
];

/**
 * `Name: value`, `"name":"value"`, `'name': 'value'` and `name=value`. The value runs to its closing
 * quote, or unquoted to the end of the line or the next `&`, `,`, `;` or bracket.
 */
const SECRET_HEADER = new RegExp(
	String.raw`(?<![\w-])(${SECRET_HEADERS.join('|')})(\\?["']?\s*[:=]\s*)(\\"(?:[^\\]|\\[^"])*?\\"|"(?:[^"\\]|\\.)*"|'[^']*'|[^\r\n&,;"'{}[\]]*)`,
	'gi',
);
const AUTH_SCHEME = /\b(Basic|Bearer|Digest)\s+[A-Za-z0-9+/=._~%-]{6,}/gi;

/** 40+ base64 characters, also with `\/` (JSON) or `%2B %2F %3D` (URL encoding). */
const BASE64_RUN = /(?:[A-Za-z0-9+]|\\?\/|%2[BbFf]|%3[Dd]){40,}(?:=|%3[Dd]){0,2}/g;
const HEX_ONLY = /^[0-9a-fA-F]{1,64}$/;

const SEPARATOR = String.raw`(?:\s?[.\-/_]\s?|\s)`;
/** Tokens that look like numbers but are kept: UUIDs, hex ids, IPv4 addresses, ISO dates. */
const KEPT_TOKEN = String.raw`(?<![\w-])(?:[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|[0-9a-fA-F]{24}(?:[0-9a-fA-F]{8}){0,2}|\d{1,3}(?:\.\d{1,3}){3}|\d{4}-\d\d-\d\d)(?![\w-]|[./]\d)`;
/** An ID, card, account or phone number: 8+ digits, with any common separator between them. */
const DIGIT_RUN = String.raw`\+?\d(?:${SEPARATOR}?\d){7,}`;
const NUMBERS = new RegExp(`(${KEPT_TOKEN})|${DIGIT_RUN}`, 'g');
const DIGITS_ONLY = new RegExp(DIGIT_RUN, 'g');

function maskDigits(run: string): string {
	return maskValue(run.replace(/\D/g, ''));
}

/**
 * A kept token still hides no ID number: a UUID or hex id needs a letter (all digits is a number),
 * and no 16-digit run (an ID or card number inside an id).
 */
function keepOrMask(token: string): string {
	const isHexId = /^[0-9a-fA-F-]+$/.test(token) && /[a-fA-F]/.test(token);
	const isAddressOrDate = /^[\d.-]+$/.test(token) && !/\d{5}/.test(token);
	if ((isHexId && !/\d{16}/.test(token)) || isAddressOrDate) return token;
	return token.replace(DIGITS_ONLY, maskDigits);
}

function maskNumbers(text: string): string {
	return text.replace(NUMBERS, (match: string, kept?: string) =>
		kept ? keepOrMask(kept) : maskDigits(match),
	);
}

const thousands = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

function cap(text: string, originalLength: number): string {
	if (text.length <= QUOTE_LIMIT) return text;
	const suffix = `… (${thousands(originalLength)} characters)`;
	return text.slice(0, QUOTE_LIMIT - suffix.length) + suffix;
}

function base64(text: string): string {
	return Buffer.from(text, 'utf8').toString('base64');
}

/**
 * The characters of `secret`'s base64 that do not depend on its neighbours, at each of the three
 * alignments it can have inside a longer base64 text (e.g. a Basic-auth `user:password`).
 */
function base64Cores(secret: string): string[] {
	const size = Buffer.byteLength(secret, 'utf8');
	return [0, 1, 2].map((offset) => {
		const encoded = base64('\0'.repeat(offset) + secret);
		return encoded.slice(offset ? 4 : 0, Math.floor((offset + size) / 3) * 4);
	});
}

/**
 * The forms a credential's values travel in, longest first: as typed, URL- and form-encoded,
 * JSON-escaped, as Basic-auth `user:password` in base64, and base64 at any alignment.
 */
export function secretForms(values: readonly unknown[]): string[] {
	const secrets = [
		...new Set(
			values
				.filter((value): value is string => typeof value === 'string')
				.map((value) => value.trim())
				.filter((value) => value.length >= MIN_SECRET_LENGTH),
		),
	];
	const forms = new Set<string>();
	for (const secret of secrets) {
		forms.add(secret);
		forms.add(encodeURIComponent(secret));
		forms.add(new URLSearchParams({ s: secret }).toString().slice(2));
		forms.add(JSON.stringify(secret).slice(1, -1));
		for (const password of ['', ...secrets]) forms.add(base64(`${secret}:${password}`));
		for (const core of base64Cores(secret)) forms.add(core);
	}
	return [...forms]
		.filter((form) => form.length >= MIN_SECRET_LENGTH)
		.sort((a, b) => b.length - a.length);
}

/**
 * The secret values of a credential: every text field but the base URL, which says where a call
 * went and is no secret. A field added later (a token, a second key) is covered without a list.
 */
export function credentialSecrets(
	credentials: Record<string, unknown>,
	baseUrlField: string,
): string[] {
	return secretForms(
		Object.entries(credentials)
			.filter(([field]) => field !== baseUrlField)
			.map(([, value]) => value),
	);
}

/** `text` with every form of the credential's values (from `credentialSecrets`) replaced. */
export function removeSecrets(text: string, secrets: readonly string[]): string {
	let out = text;
	for (const secret of secrets) if (out.includes(secret)) out = out.split(secret).join('[secret]');
	return out;
}

/**
 * Vendor text made fit for a message: the credential's own values (`secrets`, from
 * `credentialSecrets`), credential headers, base64 runs, emails and ID, card, account and phone
 * numbers removed or masked; white space collapsed; at most `QUOTE_LIMIT` characters.
 */
export function scrub(text: string, secrets: readonly string[] = []): string {
	let out = removeSecrets(text, secrets)
		.replace(SECRET_HEADER, (match: string, name: string, separator: string, value: string) =>
			value.trim() === '' ? match : `${name}${separator}[removed]`,
		)
		.replace(AUTH_SCHEME, '$1 [removed]')
		.replace(BASE64_RUN, (run) => (HEX_ONLY.test(run) ? run : '[base64 removed]'));
	out = maskNumbers(maskEmails(out)).replace(/\s+/g, ' ').trim();
	return cap(out, text.length);
}

/** Like `scrub`, for optional vendor text. */
export function scrubOptional(
	text: string | undefined,
	secrets?: readonly string[],
): string | undefined {
	return text === undefined ? undefined : scrub(text, secrets);
}

/**
 * A body that is not JSON, described instead of quoted: `an HTML page (text/html, 2,268 bytes)`.
 * A proxy's page or a vendor's echo can be any size and carry anything.
 */
export function describeBody(body: unknown, contentType: unknown): string {
	const type =
		typeof contentType === 'string'
			? /^\s*([\w.+-]{1,40}\/[\w.+-]{1,60})/.exec(contentType)?.[1]?.toLowerCase()
			: undefined;
	const bytes = Buffer.isBuffer(body)
		? body.length
		: Buffer.byteLength(typeof body === 'string' ? body : '', 'utf8');
	const kind = !type
		? 'an answer without a content type'
		: /html/.test(type)
			? 'an HTML page'
			: /xml/.test(type)
				? 'an XML document'
				: type.startsWith('text/')
					? 'a text answer'
					: 'a non-JSON answer';
	return `${kind} (${type ? `${type}, ` : ''}${thousands(bytes)} bytes)`;
}
