'use strict';
/**
 * A vendor that echoes the request in its error, and the check that nothing it echoed comes back
 * through an error: shared by the n8n-core test (test/nodes/echo.test.js) and the real-n8n suite
 * (test/e2e/suites/echo.js).
 */

/** The NIK the echoing vendor writes back, in every separator form. */
const NIK = '3171012345678901';
const NIK_FORMS = ['', ' ', '-', '.', '/', '_', ' - '].map((sep) => NIK.match(/\d{4}/g).join(sep));

/** Headers every client sends; the others (the credential's among them) are what `values` echoes. */
const PLAIN_HEADERS = new Set([
	'host',
	'accept',
	'accept-encoding',
	'connection',
	'content-type',
	'content-length',
	'user-agent',
	'transfer-encoding',
]);

/**
 * The echo as text, in one of four shapes, each leading with a different part so that no part
 * hides behind the others when the message is cut short (at about 200 characters):
 * `headers` the request's header lines, then its body; `body` the body, then the headers;
 * `values` the credential headers' values without their names, the Basic-auth user and the same
 * values URL-encoded; `niks` the NIK in every separator form.
 */
function echoText(request, shape) {
	if (ENCODED_SHAPES.includes(shape)) return encodedEcho(request, shape);
	const headers = Object.entries(request.headers).map(([name, value]) => `${name}: ${value}`);
	const body = Buffer.isBuffer(request.body) ? request.body.toString('utf8') : String(request.body);
	if (shape === 'headers')
		return `${request.method} ${request.path}\n${headers.join('\n')}\n\n${body}`;
	if (shape === 'body') return `${body}\n\n${headers.join('\n')}`;
	if (shape === 'niks') return `refused for ${NIK_FORMS.join(' and ')}`;
	const values = Object.entries(request.headers)
		.filter(([name]) => !PLAIN_HEADERS.has(name))
		.map(([, value]) => String(value).replace(/^Basic\s+/i, ''));
	const basic = /^Basic\s+(\S+)/i.exec(request.headers.authorization ?? '')?.[1];
	const user = basic ? Buffer.from(basic, 'base64').toString('utf8') : '';
	return [
		`keys ${values.join(' ')}`,
		user ? `user ${user}` : '',
		`encoded ${encodeURIComponent(values.join(' '))}`,
		`refused for ${NIK_FORMS.join(' and ')}`,
	].join('; ');
}

const SHAPES = ['headers', 'body', 'values', 'niks'];

/** The NIK as the scrubber long missed it (issue 21 item 3): double spaces, commas, full-width. */
const NIK_ODD_FORMS = [
	NIK.match(/\d{4}/g).join('  '),
	NIK.match(/\d{4}/g).join(','),
	NIK.replace(/\B(?=(\d{3})+(?!\d))/g, ','),
	NIK.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d))),
];

/**
 * Echo shapes that write the credential's values (the credential headers' values, the Basic-auth
 * user) in the encodings the scrubber long missed (issue 21 item 4), one encoding each: `hex`,
 * `base64url`, `slashes` (JSON-escaped `\/`, as PHP writes it), `wrapped` (base64 broken by `\n` and
 * by `\r\n`); `nik-forms` writes the NIK as in NIK_ODD_FORMS.
 */
const ENCODED_SHAPES = ['hex', 'base64url', 'slashes', 'wrapped', 'nik-forms'];

/** The request's credential values: the credential headers' values, the Basic-auth user. */
function credentialValues(request) {
	return Object.entries(request.headers)
		.filter(([name]) => !PLAIN_HEADERS.has(name))
		.map(([, value]) => {
			const basic = /^Basic\s+(\S+)/i.exec(String(value))?.[1];
			return basic
				? Buffer.from(basic, 'base64').toString('utf8').replace(/:$/, '')
				: String(value);
		});
}

function encodedEcho(request, shape) {
	if (shape === 'nik-forms') return `refused for ${NIK_ODD_FORMS.join(' and ')}`;
	const encode = {
		hex: (value) => Buffer.from(value).toString('hex'),
		base64url: (value) => Buffer.from(value).toString('base64url'),
		slashes: (value) => JSON.stringify(value).slice(1, -1).replace(/\//g, '\\/'),
		wrapped: (value) => {
			const b = Buffer.from(value).toString('base64');
			const third = Math.ceil(b.length / 3);
			return `${b.slice(0, third)}\n${b.slice(third, 2 * third)}\r\n${b.slice(2 * third)}`;
		},
	}[shape];
	return `key ${credentialValues(request).map(encode).join(' key ')}`;
}

/**
 * Every vendor's error shapes, each with the body it answers: `text500` a plain-text 500, `json`
 * the vendor's JSON error, `in200` the vendor's error inside HTTP 200 (as it reports failures).
 */
const ERRORS = {
	ekycpro: {
		text500: (text) => ({ status: 500, body: text }),
		json: (text) => ({ status: 400, body: { status: `INVALID_${NIK}`, message: text } }),
		in200: (text) => ({ status: 200, body: { status: 'FAIL', message: text } }),
	},
	wideKyc: {
		text500: (text) => ({ status: 500, body: text }),
		json: (text) => ({
			status: 400,
			body: { statusCode: 'ERROR', responseStatusDetails: [{ description: text }] },
		}),
		in200: (text) => ({
			status: 200,
			body: {
				statusCode: 'ERROR',
				responseStatusDetails: [{ description: text }],
				transactionId: `tx-${NIK}`,
			},
		}),
	},
	clova: {
		text500: (text) => ({ status: 500, body: text }),
		json: (text) => ({ status: 400, body: { code: '0099', message: text } }),
		in200: (text) => ({
			status: 200,
			body: { version: 'V2', images: [{ inferResult: 'ERROR', message: text }] },
		}),
	},
	iluma: {
		text500: (text) => ({ status: 500, body: text }),
		json: (text) => ({
			status: 400,
			body: { error_code: 'API_VALIDATION_ERROR', message: text, errors: [text] },
		}),
		in200: (text) => ({
			status: 200,
			body: { id: `job-${NIK}`, status: 'FAILED', failure_reason: text },
		}),
	},
	argos: {
		text500: (text) => ({ status: 500, body: text }),
		json: (text) => ({ status: 400, body: { message: text } }),
		in200: (text) => ({ status: 200, body: { message: `Invalid ID image: ${text}` } }),
	},
};

/** Faults for the sandbox (`sandbox.injectFault`) that answer every call of `vendor` with the echo. */
function echoFault(vendor, kind, shape) {
	const answer = (request) => ERRORS[vendor][kind](echoText(request, shape));
	return {
		vendor,
		count: 20,
		status: ERRORS[vendor][kind]('').status,
		headers: kind === 'text500' ? { 'Content-Type': 'text/html; charset=utf-8' } : undefined,
		body: (request) => answer(request).body,
	};
}

/** The control API's names for the error kinds (`text` is the plain-text HTTP 500). */
const ECHO_KINDS = { text: 'text500', text500: 'text500', json: 'json', in200: 'in200' };

/**
 * A fault as the control API takes it (POST /__sandbox/faults, JSON), turned into one the sandbox
 * runs: `{ vendor, echo: "text" | "json" | "in200", shape: "headers" | "body" | "values" | "niks",
 * count?, path?, bodyIncludes? }` answers those calls of `vendor` with the request echoed in its
 * error (see `echoText`, `ERRORS`). A fault without `echo` is returned as it is. TypeError when
 * the vendor, the echo or the shape is unknown.
 */
function withEcho(spec) {
	if (!spec || typeof spec !== 'object' || spec.echo === undefined) return spec;
	const { echo, shape = 'headers', vendor, ...rest } = spec;
	const kind = ECHO_KINDS[echo];
	if (!kind) throw new TypeError('fault.echo must be "text", "json" or "in200"');
	if (![...SHAPES, ...ENCODED_SHAPES].includes(shape))
		throw new TypeError(
			`fault.shape must be one of ${[...SHAPES, ...ENCODED_SHAPES].map((s) => `"${s}"`).join(', ')}`,
		);
	const name = Object.keys(ERRORS).find(
		(key) => typeof vendor === 'string' && key.toLowerCase() === vendor.toLowerCase(),
	);
	if (!name) throw new TypeError(`an echo fault needs a vendor: ${Object.keys(ERRORS).join(', ')}`);
	const { count: _always, ...fault } = echoFault(name, kind, shape);
	return { ...rest, ...fault, headers: { ...fault.headers, ...rest.headers } };
}

/** All 40-character windows of `text`, for a fast "contains any window" look-up. */
function windows(text, size = 40) {
	const set = new Set();
	for (let i = 0; i + size <= text.length; i++) set.add(text.slice(i, i + size));
	return set;
}

/**
 * What `haystack` must not contain: `secrets` (credential values; their Basic-auth, URL-encoded
 * and JSON-escaped forms are added here), any 40-character window of `images` (base64), the NIK in
 * any separator form. Returns the list of leaks found, empty when clean.
 */
function findLeaks(haystack, { secrets = [], images = [] }) {
	const leaks = [];
	const forms = secrets.flatMap((secret) => [
		secret,
		encodeURIComponent(secret),
		Buffer.from(`${secret}:`).toString('base64'),
		Buffer.from(secret).toString('base64').slice(0, 12),
	]);
	for (const form of forms) if (haystack.includes(form)) leaks.push(`secret form ${form}`);
	const imageWindows = new Set(images.flatMap((image) => [...windows(image)]));
	for (let i = 0; i + 40 <= haystack.length; i++) {
		if (imageWindows.has(haystack.slice(i, i + 40))) {
			leaks.push(`image base64 at ${i}`);
			break;
		}
	}
	if (haystack.replace(/[\s.\-/_\\]/g, '').includes(NIK))
		leaks.push('the NIK (separators removed)');
	return leaks;
}

/** Every string reachable from `value` (own properties, enumerable or not: `cause`, `stack`…). */
function allText(value, seen = new Set()) {
	if (typeof value === 'string') return [value];
	if (!value || typeof value !== 'object' || seen.has(value)) return [];
	seen.add(value);
	return Object.getOwnPropertyNames(value).flatMap((key) => {
		let inner;
		try {
			inner = value[key];
		} catch {
			return [];
		}
		return [key, ...allText(inner, seen)];
	});
}

module.exports = {
	NIK,
	NIK_FORMS,
	SHAPES,
	ENCODED_SHAPES,
	NIK_ODD_FORMS,
	ERRORS,
	ECHO_KINDS,
	echoText,
	echoFault,
	withEcho,
	findLeaks,
	allText,
};
