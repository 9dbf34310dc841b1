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

/**
 * An email in a message keeps its first character and the domain: a***@example.com. A match starts
 * only where a word does, so that a long text without an email is read once, not once per character.
 */
export function maskEmails(text: string): string {
	return text.replace(
		/(?<![^\s@"'<>(){}])([^\s@"'<>(){}]+)@([^\s@"'<>(){}]+\.[^\s@"'<>(){},;]+)/g,
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

/** A line break inside wrapped base64 (MIME wraps at 76, PEM at 64), as sent or JSON-escaped. */
const LINE_BREAK = String.raw`(?:\r?\n|\\r\\n|\\n)`;
/** A base64 character, also as JSON (`\/`) or URL encoding (`%2B %2F %3D`) writes it. */
const BASE64_CHAR = String.raw`(?:[A-Za-z0-9+]|\\?\/|%2[BbFf]|%3[Dd])`;
const BASE64URL_CHAR = '[A-Za-z0-9_-]';
const EITHER_CHAR = String.raw`(?:[A-Za-z0-9+_-]|\\?\/|%2[BbFf]|%3[Dd])`;
const PADDING = String.raw`(?:=|%3[Dd]){0,2}`;
/** Characters of `char`, with padding, in lines: the first at least `first` long. */
const lines = (char: string, first: string) =>
	`${char}${first}${PADDING}(?:${LINE_BREAK}${char}+${PADDING})*`;
/** A candidate run: 40+ characters of either alphabet, in lines or not. */
const BASE64_RUN = new RegExp(lines(EITHER_CHAR, '{40,}'), 'g');
const BASE64_PART = new RegExp(lines(BASE64_CHAR, '+'), 'g');
const BASE64URL_PART = new RegExp(lines(BASE64URL_CHAR, '+'), 'g');
const LINE_BREAKS = new RegExp(LINE_BREAK, 'g');
const HEX_ONLY = /^[0-9a-fA-F]{1,64}$/;

/** Base64 (in lines or not): 40+ characters, not a hex id. */
function isBase64(part: string): boolean {
	const text = part.replace(LINE_BREAKS, '');
	return text.length >= 40 && !HEX_ONLY.test(text);
}

/**
 * Base64url: 40+ characters with upper and lower case letters and digits, as random bytes have;
 * words joined by `_` or `-` (`BANK_ACCOUNT_NUMBER`, `x-request-id-…`) are no base64url.
 */
function isBase64url(part: string): boolean {
	const text = part.replace(LINE_BREAKS, '');
	return isBase64(text) && /[a-z]/.test(text) && /[A-Z]/.test(text) && /\d/.test(text);
}

/**
 * A candidate run with its base64 and base64url parts removed, each stretch removed (also where
 * the two meet, e.g. base64url after a `/`) replaced by one `[base64 removed]`.
 */
function removeBase64(run: string): string {
	const removed: Array<[number, number]> = [];
	for (const [pattern, test] of [
		[BASE64_PART, isBase64],
		[BASE64URL_PART, isBase64url],
	] as const) {
		for (const match of run.matchAll(pattern))
			if (test(match[0])) removed.push([match.index, match.index + match[0].length]);
	}
	if (removed.length === 0) return run;
	removed.sort((a, b) => a[0] - b[0]);
	const merged: Array<[number, number]> = [];
	for (const [start, end] of removed) {
		const last = merged[merged.length - 1];
		if (last && start <= last[1]) last[1] = Math.max(last[1], end);
		else merged.push([start, end]);
	}
	let out = '';
	let at = 0;
	for (const [start, end] of merged) {
		out += `${run.slice(at, start)}[base64 removed]`;
		at = end;
	}
	return out + run.slice(at);
}

/**
 * Unicode digits that NFKC maps to ASCII ones (full-width `３`, mathematical `𝟑`…), and the
 * full-width `，－．／＿` before a digit, as ASCII: an ID number in them is masked like any other.
 */
function asciiDigits(text: string): string {
	return text.replace(/(?!\p{ASCII})\p{N}|[\uff0c-\uff0f\uff3f](?=\p{N})/gu, (char) => {
		const ascii = char.normalize('NFKC');
		return /^[0-9,\-./_]$/.test(ascii) ? ascii : char;
	});
}

/** White space, also JSON-escaped (`\n`, `\t`): one run of it separates like one space. */
const SPACE = String.raw`(?:\s|\\[nrt])+`;
/**
 * Between two digits of one number: punctuation (also `\/` and any dash) with white space around
 * it or not, white space, or a comma before a group of three or more digits (`3,201,000`; a list
 * like `1,2,3` is no number).
 */
const SEPARATOR = String.raw`(?:(?:${SPACE})?(?:[./_\p{Pd}]|\\\/)(?:${SPACE})?|${SPACE}|,(?=\d{3}))`;
/**
 * Tokens that look like numbers but are kept: UUIDs, hex ids, IPv4 addresses, ISO dates; not when
 * a number goes on after them (`3.171.012.345,678,901` is one number).
 */
const KEPT_TOKEN = String.raw`(?<![\w-])(?:[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|[0-9a-fA-F]{24}(?:[0-9a-fA-F]{8}){0,2}|\d{1,3}(?:\.\d{1,3}){3}|\d{4}-\d\d-\d\d)(?![\w-]|[./]\d|,\d{3}(?!\.))`;
/** An ID, card, account or phone number: 8+ digits, with any common separator between them. */
const DIGIT_RUN = String.raw`\+?\d(?:${SEPARATOR}?\d){7,}`;
const NUMBERS = new RegExp(`(${KEPT_TOKEN})|${DIGIT_RUN}`, 'gu');
const DIGITS_ONLY = new RegExp(DIGIT_RUN, 'gu');

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

/**
 * A count for a message: `2,268`, and from 10 million on `12 million`, never eight digits or more,
 * which the scrubber would take for an ID number when the message is scrubbed again.
 */
const count = (n: number) =>
	n < 10_000_000 ? thousands(n) : `${thousands(Math.floor(n / 1_000_000))} million`;

function cap(text: string, originalLength: number): string {
	if (text.length <= QUOTE_LIMIT) return text;
	const suffix = `… (${count(originalLength)} characters)`;
	return text.slice(0, QUOTE_LIMIT - suffix.length) + suffix;
}

const base64 = (bytes: string | Buffer) =>
	(typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes).toString('base64');
const toBase64url = (text: string) => text.replace(/\+/g, '-').replace(/\//g, '_');
const unpadded = (text: string) => text.replace(/=+$/, '');

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

/** The encodings of a credential value that the scrubber finds and removes. */
export type SecretEncoding =
	| 'typed'
	| 'url'
	| 'form'
	| 'json'
	| 'basic'
	| 'base64'
	| 'base64url'
	| 'hex';

/**
 * What the scrubber claims: the encodings of a credential value it finds and removes, each also
 * found with `/` written `\/` (JSON as PHP writes it) and split by line breaks anywhere (`\n`,
 * `\r\n`, `\r`, or their JSON escapes), as wrapped base64 is (MIME at 76 characters, PEM at 64).
 * A test-side mirror (test/invariants/encodings.js) searches every output for canaries in each.
 */
export const SECRET_ENCODINGS: ReadonlyArray<{ name: SecretEncoding; description: string }> = [
	{ name: 'typed', description: 'as typed (without surrounding white space)' },
	{ name: 'url', description: 'URL-encoded (encodeURIComponent)' },
	{ name: 'form', description: 'form-encoded (application/x-www-form-urlencoded)' },
	{ name: 'json', description: 'JSON-escaped, as inside a JSON string' },
	{
		name: 'basic',
		description:
			'Basic auth in base64: `value:` and `value:other` for every other value of the credential',
	},
	{
		name: 'base64',
		description:
			'base64 with or without padding, and inside longer base64 at each of the three alignments; also URL-encoded',
	},
	{
		name: 'base64url',
		description:
			'base64url (`-` and `_`) with or without padding, and inside longer base64url at each alignment',
	},
	{ name: 'hex', description: 'hex of its UTF-8 bytes, lower or upper case' },
];

/**
 * `value` in each of `SECRET_ENCODINGS`; `others` are the credential's other values, for the
 * Basic-auth `user:password` pairs. Line breaks and `\/` need no form of their own: see
 * `removeSecrets`.
 */
export function encodeSecret(
	value: string,
	others: readonly string[] = [],
): Array<{ encoding: SecretEncoding; text: string }> {
	const forms: Array<{ encoding: SecretEncoding; text: string }> = [];
	const add = (encoding: SecretEncoding, ...texts: string[]) => {
		for (const text of texts) forms.push({ encoding, text });
	};
	add('typed', value);
	add('url', encodeURIComponent(value));
	add('form', new URLSearchParams({ s: value }).toString().slice(2));
	add('json', JSON.stringify(value).slice(1, -1));
	for (const password of ['', ...others.filter((other) => other !== value)])
		add('basic', base64(`${value}:${password}`));
	const plain = [base64(value), unpadded(base64(value)), ...base64Cores(value)];
	add('base64', ...plain, ...plain.map((text) => encodeURIComponent(text)));
	add('base64url', ...plain.map(toBase64url));
	const hex = Buffer.from(value, 'utf8').toString('hex');
	add('hex', hex, hex.toUpperCase());
	return forms;
}

/**
 * The forms a credential's values travel in (every one of `SECRET_ENCODINGS`), longest first,
 * for `removeSecrets`.
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
	for (const secret of secrets)
		for (const { text } of encodeSecret(secret, secrets)) forms.add(text);
	return [...forms]
		.filter((form) => searchable(form).view.length >= MIN_SECRET_LENGTH)
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

/**
 * `text` as `removeSecrets` searches it: without line breaks (also JSON-escaped `\n` and `\r`),
 * with `\/` read as `/`. `at[i]` is where `view[i]` is in `text`.
 */
function searchable(text: string): { view: string; at: number[] } {
	const chars: string[] = [];
	const at: number[] = [];
	for (let i = 0; i < text.length; i++) {
		const char = text[i];
		if (char === '\r' || char === '\n') continue;
		if (char === '\\' && (text[i + 1] === 'r' || text[i + 1] === 'n')) {
			i++;
			continue;
		}
		at.push(i);
		if (char === '\\' && text[i + 1] === '/') {
			chars.push('/');
			i++;
		} else {
			chars.push(char);
		}
	}
	return { view: chars.join(''), at };
}

/**
 * `text` with every form of the credential's values (from `credentialSecrets`) replaced by
 * `[secret]`, also where line breaks split it (wrapped base64) or JSON writes its `/` as `\/`.
 */
export function removeSecrets(text: string, secrets: readonly string[]): string {
	if (secrets.length === 0) return text;
	let out = text;
	let { view, at } = searchable(out);
	for (const secret of secrets) {
		const key = searchable(secret).view;
		if (key.length < MIN_SECRET_LENGTH || !view.includes(key)) continue;
		let kept = '';
		let from = 0;
		for (
			let found = view.indexOf(key);
			found !== -1;
			found = view.indexOf(key, found + key.length)
		) {
			const last = at[found + key.length - 1];
			kept += `${out.slice(from, at[found])}[secret]`;
			from = last + (out[last] === '\\' ? 2 : 1);
		}
		out = kept + out.slice(from);
		({ view, at } = searchable(out));
	}
	return out;
}

/**
 * What `scrub` does after the credential's values are gone, in one pass that leaves nothing for a
 * second: digits made ASCII, credential headers, base64 runs (also in lines), then white space
 * collapsed before emails and numbers are masked, so that a number split by a run of white space
 * is one number.
 */
function scrubPass(text: string): string {
	const out = asciiDigits(text)
		.replace(SECRET_HEADER, (match: string, name: string, separator: string, value: string) =>
			value.trim() === '' ? match : `${name}${separator}[removed]`,
		)
		.replace(AUTH_SCHEME, '$1 [removed]')
		.replace(BASE64_RUN, removeBase64)
		.replace(/\s+/g, ' ');
	return maskNumbers(maskEmails(out)).trim();
}

/**
 * Vendor text made fit for a message: the credential's own values (`secrets`, from
 * `credentialSecrets`, in every one of `SECRET_ENCODINGS`), credential headers, base64 and
 * base64url runs (also wrapped in lines), emails and ID, card, account and phone numbers (also in
 * full-width digits, grouped by commas or split by runs of white space) removed or masked; white
 * space collapsed; at most `QUOTE_LIMIT` characters. Scrubbing the result again changes nothing.
 */
export function scrub(text: string, secrets: readonly string[] = []): string {
	const out = scrubPass(removeSecrets(text, secrets));
	if (out.length <= QUOTE_LIMIT) return out;
	// The cut can end inside what the pass kept whole (a hex id, now too short to be one): settle it.
	let capped = cap(out, text.length);
	for (let round = 0; round < 3; round++) {
		const again = scrubPass(capped);
		if (again === capped) break;
		capped = again;
	}
	return capped;
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
	return `${kind} (${type ? `${type}, ` : ''}${count(bytes)} bytes)`;
}
