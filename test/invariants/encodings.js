'use strict';
/**
 * The forms a secret or an ID number can take in what a vendor echoes, written out for the tests.
 *
 * This is the test side of the scrubber's claim (nodes/shared/scrub.ts, `SECRET_ENCODINGS`):
 * the same encodings, written again here in plain JavaScript and independently of the code under
 * test, so that a check built on them does not trust that code. A "secret canary" check searches
 * everything a node produced for `canaryForms(value)` of every credential value, and for
 * `nikForms(nik)` of every NIK.
 *
 * - `canaryForms(value)` → `[{ form, text }]`: the value as typed, URL- and form-encoded,
 *   JSON-escaped (also with `/` written `\/`, as PHP does), as Basic auth (`value:` in base64),
 *   in base64 and base64url (with and without padding, at each of the three alignments it can have
 *   inside longer base64, with `/` written `\/`, split by a line break; base64 also URL-encoded),
 *   and in hex (either case).
 *   A line break can fall anywhere inside wrapped base64: besides the split forms listed, search
 *   the text with `withoutLineBreaks` too (see `LINE_BROKEN`).
 * - `nikForms(nik)` → `[{ form, text }]`: the NIK grouped 4-4-4-4, 6-6-4 and in thousands (3-digit
 *   groups from the right), with every separator a vendor or a user writes (space, double space,
 *   `-`, `.`, `/`, `\/`, `_`, `,`, ` - `, tab, newline, CRLF), ungrouped, and in full-width and
 *   other Unicode digits that NFKC maps to ASCII digits.
 */

const utf8 = (value) => Buffer.from(value, 'utf8');
const base64 = (bytes) => Buffer.from(bytes).toString('base64');
const urlAlphabet = (text) => text.replace(/\+/g, '-').replace(/\//g, '_');
const unpadded = (text) => text.replace(/=+$/, '');
const jsonInner = (value) => JSON.stringify(value).slice(1, -1);
const slashEscaped = (text) => text.replace(/\//g, '\\/');

/**
 * The base64 characters of `bytes` that stay the same whatever bytes come before and after it, when
 * it starts `shift` bytes (0, 1, 2) into a 3-byte group of a longer base64 text: only the groups
 * that lie wholly inside it.
 */
function alignedCore(bytes, shift) {
	const encoded = base64(Buffer.concat([Buffer.alloc(shift, 0xff), bytes]));
	const firstGroup = Math.ceil(shift / 3);
	const endGroup = Math.floor((shift + bytes.length) / 3);
	return encoded.slice(firstGroup * 4, endGroup * 4);
}

/** `text` cut in two at its middle and joined by `lineBreak`, as a wrapped base64 line can be. */
function splitAtMiddle(text, lineBreak) {
	const middle = Math.floor(text.length / 2);
	return `${text.slice(0, middle)}${lineBreak}${text.slice(middle)}`;
}

/** The line breaks wrapped base64 comes with: as sent, and JSON-escaped inside a string. */
const LINE_BREAKS = [
	['LF', '\n'],
	['CRLF', '\r\n'],
	['JSON \\n', '\\n'],
	['JSON \\r\\n', '\\r\\n'],
];

/** The forms whose text may be split by a line break anywhere (wrapped at 76 or 64 characters). */
const LINE_BROKEN = /^base64/;

/** `text` with every line break, real or JSON-escaped, taken out: search it for the LINE_BROKEN forms. */
function withoutLineBreaks(text) {
	return String(text).replace(/\r\n|\r|\n|\\r\\n|\\r|\\n/g, '');
}

/** Base64 `text` wrapped in lines of `width` characters (76 as MIME, 64 as PEM), by `lineBreak`. */
function wrapLines(text, width = 76, lineBreak = '\n') {
	const lines = [];
	for (let at = 0; at < text.length; at += width) lines.push(text.slice(at, at + width));
	return lines.join(lineBreak);
}

/**
 * Every form of a canary `value`, each `{ form, text }`. Forms whose text equals the value's (e.g.
 * URL-encoding a value without special characters) are left out; so are texts shorter than 6
 * characters, which the scrubber does not search for.
 */
function canaryForms(value) {
	const bytes = utf8(value);
	const forms = [
		['as typed', value],
		['URL-encoded', encodeURIComponent(value)],
		['form-encoded', new URLSearchParams({ v: value }).toString().slice(2)],
		['JSON-escaped', jsonInner(value)],
		['JSON-escaped, \\/', slashEscaped(jsonInner(value))],
		['Basic auth (value:)', base64(utf8(`${value}:`))],
		['Basic auth (value:), \\/', slashEscaped(base64(utf8(`${value}:`)))],
	];
	const full = base64(bytes);
	for (const [name, text] of [
		['base64', full],
		['base64, no padding', unpadded(full)],
		['base64url', urlAlphabet(full)],
		['base64url, no padding', unpadded(urlAlphabet(full))],
	]) {
		forms.push([name, text]);
		if (text.includes('/')) forms.push([`${name}, \\/`, slashEscaped(text)]);
		if (name.startsWith('base64,') || name === 'base64')
			forms.push([`${name}, URL-encoded`, encodeURIComponent(text)]);
		for (const [breakName, lineBreak] of LINE_BREAKS)
			forms.push([`${name}, split by ${breakName}`, splitAtMiddle(text, lineBreak)]);
	}
	for (const shift of [0, 1, 2]) {
		const core = alignedCore(bytes, shift);
		forms.push([`base64 inside longer base64 (byte ${shift} of a group)`, core]);
		forms.push([`base64url inside longer base64url (byte ${shift} of a group)`, urlAlphabet(core)]);
		if (core.includes('/'))
			forms.push([
				`base64 inside longer base64 (byte ${shift} of a group), \\/`,
				slashEscaped(core),
			]);
	}
	forms.push(['hex', bytes.toString('hex')]);
	forms.push(['HEX', bytes.toString('hex').toUpperCase()]);

	const seen = new Set();
	return forms
		.filter(([, text]) => text.length >= 6)
		.filter(([, text]) => (seen.has(text) ? false : (seen.add(text), true)))
		.map(([form, text]) => ({ form, text }));
}

/** Digits from Unicode blocks whose NFKC form is the ASCII digit: full-width, mathematical bold. */
const DIGIT_SETS = [
	['full-width digits', 0xff10],
	['mathematical bold digits', 0x1d7ce],
	['mathematical monospace digits', 0x1d7f6],
];
const inDigits = (text, zero) =>
	text.replace(/\d/g, (digit) => String.fromCodePoint(zero + Number(digit)));

const GROUPINGS = [
	['4-4-4-4', (nik) => nik.match(/\d{1,4}/g)],
	['6-6-4', (nik) => [nik.slice(0, 6), nik.slice(6, 12), nik.slice(12)].filter(Boolean)],
	['thousands', (nik) => nik.replace(/\B(?=(\d{3})+$)/g, ' ').split(' ')],
];
const SEPARATORS = [
	['space', ' '],
	['double space', '  '],
	['-', '-'],
	['.', '.'],
	['/', '/'],
	['\\/', '\\/'],
	['_', '_'],
	[',', ','],
	[' - ', ' - '],
	['tab', '\t'],
	['newline', '\n'],
	['CRLF', '\r\n'],
	['newline and spaces', ' \n  '],
];

/** The NIK (or a card number) in every form, each `{ form, text }`. */
function nikForms(nik) {
	const digits = String(nik).replace(/\D/g, '');
	const forms = [['ungrouped', digits]];
	for (const [grouping, groups] of GROUPINGS)
		for (const [separator, text] of SEPARATORS)
			forms.push([`${grouping}, ${separator}`, groups(digits).join(text)]);
	for (const [set, zero] of DIGIT_SETS) {
		forms.push([set, inDigits(digits, zero)]);
		forms.push([`${set}, 4-4-4-4, space`, inDigits(digits.match(/\d{1,4}/g).join(' '), zero)]);
	}
	forms.push([
		'full-width digits, thousands, full-width comma',
		inDigits(GROUPINGS[2][1](digits).join('\uff0c'), 0xff10),
	]);
	forms.push([
		'full-width digits, 4-4-4-4, full-width hyphen',
		inDigits(digits.match(/\d{1,4}/g).join('\uff0d'), 0xff10),
	]);
	return forms.map(([form, text]) => ({ form, text }));
}

module.exports = { canaryForms, nikForms, withoutLineBreaks, wrapLines, LINE_BROKEN, LINE_BREAKS };
