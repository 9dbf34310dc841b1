'use strict';
/** The one scrubber for vendor text: what it removes, masks and keeps. */
const {
	scrub,
	credentialSecrets,
	secretForms,
	describeBody,
	removeSecrets,
	QUOTE_LIMIT,
	SECRET_ENCODINGS,
} = require('../../nodes/shared/scrub');
const {
	VendorFailure,
	scrubFault,
	toNodeError,
	withoutSecrets,
} = require('../../nodes/shared/errors');
const {
	canaryForms,
	nikForms,
	withoutLineBreaks,
	wrapLines,
	LINE_BREAKS,
} = require('../invariants/encodings');

const NIK = '3171012345678901';
const NIK_FORMS = [
	'3171012345678901',
	'3171 0123 4567 8901',
	'3171-0123-4567-8901',
	'3171.0123.4567.8901',
	'3171/0123/4567/8901',
	'3171_0123_4567_8901',
	'3171 - 0123 - 4567 - 8901',
];
const KEY = 'iluma_development_Zx81kQ';
const node = {
	id: '1',
	name: 'Under Test',
	type: 't',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

describe('scrub: numbers', () => {
	test.each(NIK_FORMS)('a NIK written %s is masked to its last four digits', (form) => {
		const out = scrub(`registry says ${form} is unknown`);
		expect(out).toBe('registry says ************8901 is unknown');
	});

	test.each([
		['+62 812-3456-7890', '*********7890'],
		['0812.3456.7890', '********7890'],
		['card 4111 1111 1111 1111', 'card ************1111'],
		['account 1234567890', 'account ******7890'],
		['NIK3171012345678901', 'NIK************8901'],
		['req-3171012345678901', 'req-************8901'],
	])('%s is masked', (text, expected) => {
		expect(scrub(text)).toBe(expected);
	});

	test.each([
		'0002',
		'FAIL',
		'HTTP 503',
		'try 12345 later',
		'5f1234567890abcdef123456',
		'123e4567-e89b-12d3-a456-426614174000',
		'2026-12-06',
		'from 127.0.0.1 and 203.0.113.250',
		'1,234,567 bytes',
	])('%s stays readable', (text) => {
		expect(scrub(text)).toBe(text);
	});

	test('a hex id or UUID made of an ID number is masked', () => {
		expect(scrub('31710123-4567-8901-2345-678901234567')).not.toMatch(/3171/);
		expect(scrub('3171012345678901abcdef12')).toBe('************8901abcdef12');
	});
});

describe('scrub: credentials, headers, base64', () => {
	const secrets = credentialSecrets(
		{ apiKey: KEY, baseUrl: 'http://127.0.0.1:9', callbackToken: 'cb-token-77', flag: true },
		'baseUrl',
	);
	const basic = Buffer.from(`${KEY}:`).toString('base64');

	test('the credential’s own values are removed in every form they travel in', () => {
		const text = [
			`key ${KEY}`,
			`encoded ${encodeURIComponent(KEY)}`,
			`basic ${basic}`,
			`inside ${Buffer.from(`xy${KEY}:pw`).toString('base64')}`,
			`token cb-token-77`,
		].join(' | ');
		const out = scrub(text, secrets);
		expect(out).not.toContain(KEY);
		expect(out).not.toContain('Zx81kQ');
		expect(out).not.toContain(basic.slice(0, 20));
		expect(out).not.toContain('cb-token-77');
		expect(out).toContain('[secret]');
	});

	test('a key with digits or base64 characters goes whole: the credential is removed before anything is masked', () => {
		const key = 'AKIA1234567890123456';
		const long = 'k'.repeat(10) + 'Q9aZ'.repeat(10);
		const out = scrub(`a ${key} b ${long} c`, secretForms([key, long]));
		expect(out).toBe('a [secret] b [secret] c');
	});

	test('only text values count: a toggle is no secret', () => {
		expect(credentialSecrets({ token: 'tok-123456', allowHttp: true, n: 12345678 }, 'url')).toEqual(
			expect.arrayContaining(['tok-123456']),
		);
		expect(credentialSecrets({ allowHttp: true, n: 12345678 }, 'url')).toEqual([]);
	});

	test('the base URL is no secret', () => {
		expect(secrets.some((form) => form.includes('127.0.0.1'))).toBe(false);
	});

	test('a secret shorter than 6 characters is not searched for', () => {
		expect(secretForms(['abc'])).toEqual([]);
	});

	test.each([
		['Authorization: Basic dXNlcjpwYXNz\nx: 1', 'Authorization: [removed] x: 1'],
		['authorization: Bearer abc.def.ghi', 'authorization: [removed]'],
		['X-API-Key: k-123', 'X-API-Key: [removed]'],
		['{"x-ocr-secret":"s3cr3t","ok":1}', '{"x-ocr-secret":[removed],"ok":1}'],
		["{ token: 'tkn-1', other: 2 }", '{ token: [removed], other: 2 }'],
		['a=1&token=tkn-1&b=2', 'a=1&token=[removed]&b=2'],
		['{\\"x-callback-token\\":\\"cb\\"}', '{\\"x-callback-token\\":[removed]}'],
		['sent Basic dXNlcjpwYXNzd29yZA== to it', 'sent Basic [removed] to it'],
	])('credential header %j is removed', (text, expected) => {
		expect(scrub(text)).toBe(expected);
	});

	test('base64 runs of 40+ characters go, also JSON- or URL-encoded', () => {
		const image = Buffer.from(Array.from({ length: 300 }, (_, i) => (i * 37) % 256)).toString(
			'base64',
		);
		for (const form of [
			image,
			image.replace(/\//g, '\\/'),
			encodeURIComponent(image),
			new URLSearchParams({ i: image }).toString(),
		]) {
			const out = scrub(`body ${form} end`);
			expect(out).toContain('[base64 removed]');
			for (let i = 0; i + 40 <= image.length; i += 7)
				expect(out).not.toContain(image.slice(i, i + 40));
		}
		// Words joined by underscores are no base64.
		expect(scrub('BANK_ACCOUNT_NUMBER_VALIDATION_ERROR_AND_MORE')).toBe(
			'BANK_ACCOUNT_NUMBER_VALIDATION_ERROR_AND_MORE',
		);
	});
});

describe('scrub: length', () => {
	test('vendor text is cut at about 200 characters, with the original length', () => {
		const out = scrub(`${'word '.repeat(600)}`);
		expect(out.length).toBeLessThanOrEqual(QUOTE_LIMIT);
		expect(out).toMatch(/… \(3,000 characters\)$/);
	});

	test('a long text without white space is read in linear time (100,000 characters in under 2 s)', () => {
		for (const text of ['word_word-'.repeat(10_000), `1${'\\n'.repeat(50_000)}x`]) {
			const started = Date.now();
			scrub(text);
			expect(Date.now() - started).toBeLessThan(2000);
		}
	});

	test('scrubbing twice changes nothing', () => {
		const once = scrub(`Authorization: Basic abcdefgh ${NIK} ${'x '.repeat(300)}`);
		expect(scrub(once)).toBe(once);
	});

	test('a body that is not JSON is described, not quoted', () => {
		expect(describeBody('<html>'.padEnd(2268, ' '), 'text/html; charset=utf-8')).toBe(
			'an HTML page (text/html, 2,268 bytes)',
		);
		expect(describeBody('oops', 'text/plain')).toBe('a text answer (text/plain, 4 bytes)');
		expect(describeBody('x', undefined)).toBe('an answer without a content type (1 bytes)');
		expect(describeBody('x', '<script>alert(1)</script>')).toBe(
			'an answer without a content type (1 bytes)',
		);
	});
});

describe('vendor failures', () => {
	const echo = `Authorization: Basic ${Buffer.from(`${KEY}:`).toString('base64')} key=${KEY} nik ${NIK}`;
	const fault = {
		code: `E-${NIK}`,
		meaning: echo,
		detail: echo,
		requestId: `r-${NIK}`,
		hint: `h ${KEY}`,
	};

	test('every field of the fault, the message and the n8n error are scrubbed', () => {
		const failure = new VendorFailure('Iluma', fault).withoutSecrets(secretForms([KEY]));
		const error = toNodeError(node, failure, 0);
		const everything = [
			failure.message,
			JSON.stringify(failure.fault),
			JSON.stringify(error),
			JSON.stringify({ ...error }),
			error.description ?? '',
			JSON.stringify(error.messages),
		].join('\n');
		expect(everything).not.toContain(KEY);
		expect(everything).not.toContain('Zx81kQ');
		expect(everything).not.toMatch(/3171.?0123/);
		expect(everything).not.toContain(Buffer.from(`${KEY}:`).toString('base64').slice(0, 12));
	});

	test('the node’s own note follows the vendor text and is never cut', () => {
		const failure = new VendorFailure('WideKYC', {
			code: 'HTTP 504',
			meaning: 'word '.repeat(100),
			note: 'the call may have been processed and billed, so it was not sent again',
		});
		expect(failure.message).toMatch(/characters\); the call may have been processed and billed/);
	});

	test('other errors lose the credential’s values from their message', () => {
		const error = withoutSecrets(new Error(`bad ${KEY}`), secretForms([KEY]));
		expect(error.message).toBe('bad [secret]');
	});
});

/** `text` as a reader would search it: line breaks (real or JSON-escaped) and white space taken out. */
const squeezed = (text) => withoutLineBreaks(text).replace(/\s+/g, '');

/** The forms of `value` (from the test-side mirror) that `text` still holds, by name. */
function formsLeft(text, value) {
	return canaryForms(value)
		.filter(({ text: form }) => text.includes(form) || squeezed(text).includes(squeezed(form)))
		.map(({ form }) => form);
}

/** Whether the digits of `nik` are still in `text`, whatever separates them. */
function holdsNik(text, nik) {
	const digitsOnly = text.normalize('NFKC').replace(/\\[nrt]|[\s.\-/_,\\]/g, '');
	return digitsOnly.includes(nik);
}

describe('scrub: a NIK or card number in any form (issue 21, item 3)', () => {
	test.each(nikForms(NIK).map(({ form, text }) => [form, text]))(
		'the NIK written %s is masked to its last four digits',
		(_form, text) => {
			const out = scrub(`registry says ${text} is unknown`);
			expect(out).toBe('registry says ************8901 is unknown');
		},
	);

	test.each(nikForms('4111111111111111').map(({ form, text }) => [form, text]))(
		'a card number written %s is masked',
		(_form, text) => {
			expect(scrub(`card ${text}`)).toBe('card ************1111');
		},
	);

	test.each([
		'amount 1,000 IDR',
		'1,234,567 bytes',
		'Rp 1.234.567',
		'statuses 400, 401, 403 and 404',
		'HTTP 503',
		'at 2026-12-06, from 10.0.0.1,203.0.113.250',
		'id 123e4567-e89b-12d3-a456-426614174000, 5f1234567890abcdef123456',
		'사진을 다시 찍어 주세요，ＯＫ／ＮＧ',
	])('%s stays readable', (text) => {
		expect(scrub(text)).toBe(text);
	});

	test('a NIK that starts like an IPv4 address and goes on in comma groups is masked whole', () => {
		expect(scrub('id 3.171.012.345,678,901')).toBe('id ************8901');
		expect(scrub('from 10.0.0.1,10.0.0.2')).toBe('from 10.0.0.1,10.0.0.2');
	});

	test('eight digits or more grouped by commas are an identifier, seven are an amount', () => {
		expect(scrub('1,234,567')).toBe('1,234,567');
		expect(scrub('12,345,678')).toBe('****5678');
	});
});

describe('scrub: one pass is complete (issue 21, item 3)', () => {
	const echo = [
		'refused for 3171  0123  4567  8901',
		'3171,0123,4567,8901',
		'３１７１０１２３４５６７８９０１',
		'3,171,012,345,678,901',
		'317101\t\t234567\n8901',
	];

	test.each(echo)('%j is masked by one pass, and a second pass changes nothing', (text) => {
		const once = scrub(text);
		expect(holdsNik(once, NIK)).toBe(false);
		expect(scrub(once)).toBe(once);
	});

	test('every NIK and key form of the test mirror: scrubbed once is scrubbed for good', () => {
		const key = 'kX9/3fA+W>>?echo??Token~7';
		const secrets = secretForms([key]);
		const texts = [
			...nikForms(NIK).map(({ text }) => `refused for ${text}, try again`),
			...canaryForms(key).map(({ text }) => `token ${text} with ${nikForms(NIK)[2].text}`),
		];
		const unsettled = texts.filter((text) => {
			const once = scrub(text, secrets);
			return scrub(once) !== once || scrub(once, secrets) !== once;
		});
		expect(unsettled).toEqual([]);
	});

	test('every field of a fault is as clean scrubbed once as scrubbed twice', () => {
		const fault = {
			code: `E ${echo[2]}`,
			meaning: echo.join(' | '),
			detail: echo.slice().reverse().join(' | '),
			requestId: `r ${echo[0]}`,
			hint: 'h',
		};
		const once = scrubFault(fault);
		expect(scrubFault(once)).toEqual(once);
		for (const field of ['code', 'meaning', 'detail', 'requestId'])
			expect([field, holdsNik(once[field], NIK)]).toEqual([field, false]);
	});

	test('the n8n error’s errorResponse.meaning is masked like its message', () => {
		for (const text of echo) {
			const failure = new VendorFailure('WideKYC', { code: 'ERROR', meaning: text });
			const error = toNodeError(node, failure, 0);
			expect(holdsNik(error.message, NIK)).toBe(false);
			expect(holdsNik(JSON.stringify(error.errorResponse), NIK)).toBe(false);
			expect(error.errorResponse.meaning).toBe(scrub(error.errorResponse.meaning));
		}
	});

	test('a body of 10 MB or more is described without an 8-digit number, which a second scrub would mask', () => {
		const detail = describeBody(Buffer.alloc(12_345_678), 'text/html');
		expect(detail).toBe('an HTML page (text/html, 12 million bytes)');
		expect(scrub(detail)).toBe(detail);
	});

	test('text cut short says how long it was without writing an 8-digit number', () => {
		const out = scrub('word '.repeat(2_100_000));
		expect(out).toMatch(/… \(10 million characters\)$/);
		expect(scrub(out)).toBe(out);
	});
});

describe('scrub: every form of a credential value (issue 21, item 4)', () => {
	const KEYS = [
		// `/` and `+` typed, and in its base64: the forms PHP's `\/` and base64url change.
		'kX9/3fA+Wq?secret-Token~7',
		KEY,
		'sk_live_4eC39HqLyjWDarjtT1zdp7dc',
	];
	const other = 'cb-token-77-other';

	test('SECRET_ENCODINGS names each encoding the scrubber claims', () => {
		const names = SECRET_ENCODINGS.map((encoding) => encoding.name);
		for (const name of ['typed', 'url', 'form', 'json', 'basic', 'base64', 'base64url', 'hex'])
			expect(names).toContain(name);
		for (const encoding of SECRET_ENCODINGS) expect(encoding.description).toMatch(/\w/);
	});

	describe.each(KEYS)('key %s', (key) => {
		const secrets = secretForms([key, other]);

		test.each(canaryForms(key).map(({ form, text }) => [form, text]))(
			'written %s, it is removed',
			(_form, text) => {
				for (const out of [
					scrub(`vendor said ${text} end`, secrets),
					removeSecrets(`vendor said ${text} end`, secrets),
				]) {
					expect(formsLeft(out, key)).toEqual([]);
					expect(out).toContain('[secret]');
				}
			},
		);

		test.each(
			[0, 1, 2].flatMap((shift) =>
				[76, 64].flatMap((width) =>
					LINE_BREAKS.map(([name, lineBreak]) => [shift, width, name, lineBreak]),
				),
			),
		)(
			'inside longer base64 at byte %i, wrapped at %i by %s, it is removed',
			(shift, width, _name, lineBreak) => {
				const around = Buffer.from(Array.from({ length: 90 }, (_, i) => (i * 53 + 7) % 256));
				const bytes = Buffer.concat([
					around.subarray(0, 60 + shift),
					Buffer.from(`${key}:${other}`),
					around,
				]);
				for (const encoded of [
					bytes.toString('base64'),
					bytes.toString('base64url'),
					bytes.toString('base64').replace(/\//g, '\\/'),
				]) {
					const wrapped = wrapLines(encoded, width, lineBreak);
					const out = removeSecrets(`{"image":"${wrapped}"}`, secrets);
					expect(formsLeft(out, key)).toEqual([]);
				}
			},
		);
	});

	test('hex of a value is not taken for a hex id once it is the credential’s', () => {
		const hex = Buffer.from('sandbox-key-12').toString('hex');
		expect(scrub(`id ${hex}`)).toBe(`id ${hex}`);
		expect(scrub(`id ${hex}`, secretForms(['sandbox-key-12']))).toBe('id [secret]');
	});
});

describe('scrub: base64 runs in any form (issue 21, item 4)', () => {
	const image = Buffer.from(Array.from({ length: 600 }, (_, i) => (i * 37 + (i >> 3)) % 256));
	const plain = image.toString('base64');
	const urlSafe = image.toString('base64url');
	const windowsOf = (text) =>
		Array.from({ length: text.length - 39 }, (_, i) => text.slice(i, i + 40));
	const leftWindows = (out) => {
		const flat = squeezed(out);
		return [...windowsOf(plain), ...windowsOf(urlSafe)].filter((w) => flat.includes(w)).length;
	};

	const forms = [
		['base64url', urlSafe],
		['base64url, padded', image.toString('base64url') + '=='],
		...[76, 64].flatMap((width) =>
			LINE_BREAKS.flatMap(([name, lineBreak]) => [
				[`base64 wrapped at ${width} by ${name}`, wrapLines(plain, width, lineBreak)],
				[`base64url wrapped at ${width} by ${name}`, wrapLines(urlSafe, width, lineBreak)],
				[
					`base64 with \\/ wrapped at ${width} by ${name}`,
					wrapLines(plain, width, lineBreak).replace(/\//g, '\\/'),
				],
			]),
		),
		['base64url after a path', `/v1/files/${urlSafe}`],
	];

	test.each(forms)('%s leaves no 40-character window', (_name, text) => {
		const out = scrub(`body {"image":"${text}"} end`);
		expect(out).toContain('[base64 removed]');
		expect(leftWindows(out)).toBe(0);
		expect(scrub(out)).toBe(out);
	});

	test.each([
		'BANK_ACCOUNT_NUMBER_VALIDATION_ERROR_AND_MORE',
		'the_field_selfie_image_is_required_for_product_2',
		'see /v1/identity/id_card_images/ID-5fab12cd34ef56',
		'x-request-id-3a9f8b7c6d5e4f3a2b1c0d9e8f7a6b5c',
		'----------------------------------------------',
	])('%s stays readable', (text) => {
		expect(scrub(text)).toBe(text);
	});
});
