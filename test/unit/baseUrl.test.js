'use strict';
/** The one base URL rule (nodes/shared/baseUrl.ts) and the credentials' guard built on it. No traffic. */
const {
	isLoopbackHost,
	parseBaseUrl,
	requestTargetProblem,
} = require('../../nodes/shared/baseUrl');
const { guardRequest } = require('../../credentials/common');

describe('parseBaseUrl', () => {
	test.each([
		['https://api.example.com/', 'https://api.example.com'],
		['  https://api.example.com/v1// ', 'https://api.example.com/v1'],
		['http://localhost:8787/ekycpro', 'http://localhost:8787/ekycpro'],
		['http://LOCALHOST./x', 'http://localhost./x'],
		['http://127.0.0.1:8787', 'http://127.0.0.1:8787'],
		['http://127.8.9.10/x', 'http://127.8.9.10/x'],
		['http://0x7f.1/x', 'http://127.0.0.1/x'], // the URL parser's own spelling of 127.0.0.1
		['http://[::1]:8787/x', 'http://[::1]:8787/x'],
		['http://[0:0:0:0:0:0:0:1]/x', 'http://[::1]/x'],
	])('%s is accepted as %s', (value, expected) => {
		expect(parseBaseUrl(value, false)).toEqual({ url: expected });
	});

	test.each([
		'http://kyc.invalid',
		'HTTP://KYC.INVALID/api',
		'http://127.0.0.1.kyc.invalid',
		'http://localhost.kyc.invalid',
		'http://kyc.invalid#@localhost',
		'http://[::ffff:127.0.0.1]/x',
		'http://[::2]/x',
		'http://128.0.0.1',
	])('%s (http to another machine) is refused, naming the risk and the toggle', (value) => {
		const result = parseBaseUrl(value, false);
		expect(result.problem).toMatch(
			/^must use https:\/\/ \(http:\/\/ only to this machine: localhost, 127\.0\.0\.0\/8, ::1\): over http:\/\/ to \S+ the key and the ID images would travel unencrypted\. Turn on Allow Insecure HTTP/,
		);
	});

	test('Allow Insecure HTTP lets http:// to another machine through', () => {
		expect(parseBaseUrl('http://kyc.invalid/api/', true)).toEqual({
			url: 'http://kyc.invalid/api',
		});
	});

	test.each([
		['https://kyc.invalid/api?key=1', false],
		['https://kyc.invalid/api?', false],
		['https://kyc.invalid/api#x', false],
		['https://kyc.invalid/#', false],
		['http://localhost:8787/x?y', false],
		['http://kyc.invalid/x?y', true],
	])('%s is refused: a query or fragment would cut the path off', (value, allow) => {
		expect(parseBaseUrl(value, allow)).toEqual({
			problem:
				'must not contain "?" or "#": a query string or fragment would cut off the path of every call; remove it',
		});
	});

	test.each([
		[undefined, 'is empty'],
		['   ', 'is empty'],
		['kyc.invalid/api', 'is not a valid URL; it must start with https://'],
		['ftp://kyc.invalid', 'must use https://, not ftp://'],
		['file:///etc/passwd', 'must use https://, not file://'],
		['javascript:alert(1)', 'must use https://, not javascript://'],
	])('%s: %s', (value, problem) => {
		expect(parseBaseUrl(value, true)).toEqual({ problem });
	});

	test('the message names the host only, never a user or password in the URL', () => {
		expect(parseBaseUrl('http://user:pa55word@kyc.invalid:8080/x', false).problem).toMatch(
			/over http:\/\/ to kyc\.invalid:8080 the key/,
		);
		expect(parseBaseUrl('http://user:pa55word@kyc.invalid:8080/x', false).problem).not.toMatch(
			/pa55word|user/,
		);
	});
});

test.each([
	['localhost', true],
	['127.255.255.254', true],
	['[::1]', true],
	['127.0.0.1.nip.io', false],
	['localhost.example', false],
	['0.0.0.0', false],
	['[::]', false],
])('isLoopbackHost(%s) is %s', (host, expected) => {
	expect(isLoopbackHost(host)).toBe(expected);
});

describe('requestTargetProblem (the credential guard)', () => {
	test('a full URL with no base URL is held to the same transport rule', () => {
		expect(requestTargetProblem(undefined, 'http://kyc.invalid/x', false)).toMatchObject({
			field: 'request',
		});
		expect(requestTargetProblem(undefined, 'https://kyc.invalid/x?q=1', false)).toBeUndefined();
		expect(requestTargetProblem(undefined, '/relative', false)).toEqual({
			field: 'request',
			problem: 'is not a valid URL',
		});
	});

	test('an absolute URL cannot escape a safe base URL to plain http', () => {
		expect(
			requestTargetProblem('https://kyc.invalid', 'http://other.invalid/x', false),
		).toMatchObject({ field: 'request' });
	});
});

describe('guardRequest', () => {
	const guard = { vendor: 'ekycpro', urlLabel: 'Base URL', secret: 'API key' };
	const credentials = { apiKey: 'secret-key-1234', baseUrl: 'unused' };

	test('a safe request goes out with redirects disabled', () => {
		const options = guardRequest(
			credentials,
			{ baseURL: 'https://kyc.invalid', url: '/v1/balance' },
			guard,
		);
		expect(options).toEqual({
			baseURL: 'https://kyc.invalid',
			url: '/v1/balance',
			disableFollowRedirect: true,
		});
	});

	test('http to another machine is refused before sending, unless the toggle is on', () => {
		const request = { baseURL: 'http://kyc.invalid', url: '/v1/balance' };
		expect(() => guardRequest(credentials, request, guard)).toThrow(
			/^ekycpro: the Base URL must use https:\/\/ .*; the API key was not sent$/,
		);
		expect(() => guardRequest(credentials, request, guard)).not.toThrow(/secret-key-1234/);
		expect(guardRequest({ ...credentials, allowInsecureHttp: true }, request, guard)).toMatchObject(
			{
				disableFollowRedirect: true,
			},
		);
	});

	test('a base URL with ? is refused', () => {
		expect(() =>
			guardRequest(credentials, { baseURL: 'https://kyc.invalid/?a=1', url: '/v1/balance' }, guard),
		).toThrow(/^ekycpro: the Base URL must not contain "\?" or "#"/);
	});
});
