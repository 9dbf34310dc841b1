'use strict';
/**
 * The forms a canary can travel in, for the secret-canary check (test/invariants/canary.js).
 * A minimal version: `canaryForms(value)` and `nikForms(nik)` are the whole interface.
 *
 * canaryForms: as typed, URL- and form-encoded, JSON-escaped (also with `\/`), Basic-auth base64
 * (`value:` and `value:other`), base64 and base64url of the value at each of the three alignments
 * it can have inside a longer base64 text (only the characters that do not depend on its
 * neighbours), each also broken by `\n` or `\r\n` at any position, and hex (lower and upper case).
 * Forms shorter than 8 characters are left out (they would match by chance), except the value as
 * typed.
 */

const MIN_FORM = 8;

const base64 = (buffer) => buffer.toString('base64');
const toUrl = (text) => text.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

/** The characters of `value`'s base64 that do not depend on its neighbours, per alignment 0–2. */
function base64Cores(value) {
	const bytes = Buffer.from(value, 'utf8');
	return [0, 1, 2].map((offset) => {
		const encoded = base64(Buffer.concat([Buffer.alloc(offset), bytes]));
		return encoded.slice(offset ? 4 : 0, Math.floor((offset + bytes.length) / 3) * 4);
	});
}

/** `text` broken once by `brk` at every inner position. */
function broken(text, brk) {
	const out = [];
	for (let at = 1; at < text.length; at++) out.push(text.slice(0, at) + brk + text.slice(at));
	return out;
}

/**
 * Every form of a credential value to search for: [{ form, text }], `form` naming the encoding
 * (never the value). `others` (the run's other credential values) add Basic `value:other`.
 */
function canaryForms(value, others = []) {
	const text = String(value);
	const forms = [];
	const add = (form, candidate, min = MIN_FORM) => {
		if (candidate.length >= min && !forms.some((f) => f.text === candidate))
			forms.push({ form, text: candidate });
	};
	add('as typed', text, 1);
	add('URL-encoded', encodeURIComponent(text));
	add('form-encoded', new URLSearchParams({ s: text }).toString().slice(2));
	const json = JSON.stringify(text).slice(1, -1);
	add('JSON-escaped', json);
	add('JSON-escaped with \\/', json.replace(/\//g, '\\/'));
	add('Basic base64 of "value:"', base64(Buffer.from(`${text}:`)));
	for (const other of others)
		if (other !== text)
			add('Basic base64 of "value:password"', base64(Buffer.from(`${text}:${other}`)));
	base64Cores(text).forEach((core, alignment) => {
		const url = toUrl(core);
		const kinds = [['base64', core], ...(url !== core ? [['base64url', url]] : [])];
		for (const [kind, encoded] of kinds) {
			add(`${kind} at alignment ${alignment}`, encoded);
			add(`${kind} at alignment ${alignment}, JSON-escaped`, encoded.replace(/\//g, '\\/'));
			for (const [brkName, brk] of [
				['\\n', '\n'],
				['\\r\\n', '\r\n'],
			]) {
				for (const form of broken(encoded, brk))
					add(`${kind} at alignment ${alignment} with a ${brkName} line break`, form);
			}
		}
	});
	const hex = Buffer.from(text, 'utf8').toString('hex');
	add('hex', hex);
	add('upper-case hex', hex.toUpperCase());
	return forms;
}

const FULL_WIDTH = (digits) =>
	digits.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));

/** How a 16-digit NIK is grouped: 4-4-4-4, 6-6-4, 2-2-2-6-4 (region, birth date, serial), by thousands. */
function groupings(nik) {
	const cut = (sizes) => {
		const out = [];
		let at = 0;
		for (const size of sizes) {
			out.push(nik.slice(at, at + size));
			at += size;
		}
		return out;
	};
	const thousands = [];
	for (let end = nik.length; end > 0; end -= 3)
		thousands.unshift(nik.slice(Math.max(0, end - 3), end));
	return [cut([4, 4, 4, 4]), cut([6, 6, 4]), cut([2, 2, 2, 6, 4]), thousands];
}

const SEPARATORS = ['', ' ', '  ', '-', '.', '/', '_', ' - ', ',', ', ', '\\/'];

/** The NIK in every separator form, in ASCII and full-width digits: [{ form, text }]. */
function nikForms(nik) {
	const digits = String(nik).replace(/\D/g, '');
	const forms = [];
	for (const [digitsName, convert] of [
		['', (x) => x],
		[' in full-width digits', FULL_WIDTH],
	]) {
		for (const groups of groupings(digits)) {
			for (const sep of SEPARATORS) {
				const candidate = convert(groups.join(sep));
				if (forms.some((f) => f.text === candidate)) continue;
				const how =
					sep === ''
						? 'as digits'
						: `grouped ${groups.map((g) => g.length).join('-')} by ${JSON.stringify(sep)}`;
				forms.push({ form: `NIK ${how}${digitsName}`, text: candidate });
			}
		}
	}
	return forms;
}

module.exports = { canaryForms, nikForms };
