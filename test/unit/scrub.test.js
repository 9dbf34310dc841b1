'use strict';
/** The one scrubber for vendor text: what it removes, masks and keeps. */
const {
	scrub,
	credentialSecrets,
	secretForms,
	describeBody,
	QUOTE_LIMIT,
} = require('../../nodes/shared/scrub');
const { VendorFailure, toNodeError, withoutSecrets } = require('../../nodes/shared/errors');

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
