'use strict';
const { maskSensitive, maskValue } = require('../../nodes/shared/privacy');
const {
	backoffDelay,
	classifyTransportError,
	parseRetryAfter,
} = require('../../nodes/shared/retry');
const { describeFault } = require('../../nodes/shared/errors');

describe('privacy masking', () => {
	test('masks ID, card, account and phone numbers at any depth, keeps the last four', () => {
		const masked = maskSensitive({
			id: 'bknv_5c6ba591cf3c3867d75053d7',
			nik: '3201000000000001',
			content: { result: { data: { nik: 3671121401010004, nama: 'Yu' } } },
			creditCard: { result: { number: { text: '1234 5678 9012 3456', confidence: 0.99 } } },
			phone_number: '+6281234567890',
			identity: { idNumber: '41701152', fullName: 'A' },
		});
		expect(masked.id).toBe('bknv_5c6ba591cf3c3867d75053d7');
		expect(masked.nik).toBe('************0001');
		expect(masked.content.result.data).toEqual({ nik: '************0004', nama: 'Yu' });
		expect(masked.creditCard.result.number).toEqual({
			text: '***************3456',
			confidence: 0.99,
		});
		expect(masked.phone_number).toBe('**********7890');
		expect(masked.identity).toEqual({ idNumber: '****1152', fullName: 'A' });
		expect(maskValue('123')).toBe('**3');
	});

	test('a vendor’s extra keys are masked too, at any depth, and only when given', () => {
		// mrz2 and num are CLOVA's own keys, not in the shared list.
		const value = {
			ic: { mrz2: [{ text: '900101-1234567' }] },
			'a.b.num': '11-19-123456-01',
		};
		expect(maskSensitive(value)).toEqual(value);
		expect(maskSensitive(value, /(^|\.)(mrz2|num)$/)).toEqual({
			ic: { mrz2: [{ text: '**********4567' }] },
			'a.b.num': '***********6-01',
		});
	});
});

describe('retry policy', () => {
	test('Retry-After as seconds or an HTTP date', () => {
		expect(parseRetryAfter('3')).toBe(3000);
		expect(parseRetryAfter(['2'])).toBe(2000);
		expect(parseRetryAfter(new Date(10_000).toUTCString(), 4_000)).toBe(6000);
		expect(parseRetryAfter('soon')).toBeUndefined();
	});

	test('exponential backoff with jitter, never below Retry-After', () => {
		expect(backoffDelay(0, undefined, () => 0)).toBe(250);
		expect(backoffDelay(0, undefined, () => 1)).toBe(500);
		expect(backoffDelay(3, undefined, () => 1)).toBe(4000);
		expect(backoffDelay(20, undefined, () => 1)).toBe(30000);
		expect(backoffDelay(0, 5000, () => 0)).toBe(5000);
	});

	test('tells failures before sending from failures after', () => {
		expect(classifyTransportError({ message: 'x', cause: { code: 'ECONNREFUSED' } }).delivery).toBe(
			'not-sent',
		);
		expect(
			classifyTransportError({ message: 'timeout of 1000ms exceeded', code: 'ECONNABORTED' }),
		).toMatchObject({ delivery: 'maybe-processed', timedOut: true });
		expect(classifyTransportError(new Error('socket hang up')).delivery).toBe('maybe-processed');
		expect(classifyTransportError(new Error('odd')).delivery).toBe('unknown');
	});

	test('a broken answer came after sending: malformed or truncated, may have been processed', () => {
		const parse = { message: 'Parse Error: Expected HTTP/', code: 'HPE_INVALID_CONSTANT' };
		expect(classifyTransportError({ message: 'x', cause: parse })).toMatchObject({
			delivery: 'maybe-processed',
			badAnswer: 'malformed',
		});
		// n8n 1.x may keep only the words.
		expect(classifyTransportError(new Error('Parse Error: Expected HTTP/'))).toMatchObject({
			badAnswer: 'malformed',
		});
		expect(
			classifyTransportError({ message: 'stream has been aborted', code: 'ERR_BAD_RESPONSE' }),
		).toMatchObject({ delivery: 'maybe-processed', badAnswer: 'truncated' });
		// A time-out that also aborted the stream is a time-out.
		expect(
			classifyTransportError({
				message: 'timeout of 1000ms exceeded; stream has been aborted',
				code: 'ECONNABORTED',
			}),
		).not.toHaveProperty('badAnswer');
	});

	test('a TLS handshake that failed sent nothing', () => {
		for (const code of [
			'CERT_HAS_EXPIRED',
			'DEPTH_ZERO_SELF_SIGNED_CERT',
			'ERR_TLS_CERT_ALTNAME_INVALID',
		])
			expect(classifyTransportError({ message: 'x', code }).delivery).toBe('not-sent');
	});

	test('reads the code n8n 1.x keeps only in NodeApiError.httpCode (no cause, no code)', () => {
		// n8n-workflow 1.120's NodeApiError for a refused connection, as httpRequestWithAuthentication throws it.
		const refused = {
			message: 'The service refused the connection - perhaps it is offline',
			httpCode: 'ECONNREFUSED',
			messages: ['connect ECONNREFUSED 127.0.0.1:9'],
			cause: undefined,
		};
		expect(classifyTransportError(refused)).toMatchObject({
			delivery: 'not-sent',
			code: 'ECONNREFUSED',
		});
		expect(
			classifyTransportError({ message: 'The connection was aborted', httpCode: 'ECONNRESET' }),
		).toMatchObject({ delivery: 'maybe-processed', code: 'ECONNRESET' });
		// An HTTP status in httpCode is not a network code.
		expect(classifyTransportError({ message: 'x', httpCode: '503' }).delivery).toBe('unknown');
	});

	test('fault messages say code, meaning, status and billing in one line', () => {
		expect(
			describeFault('ekycpro', {
				code: 'FAIL',
				meaning: 'the image is not an identity card',
				detail: 'not identity card',
				httpStatus: 200,
				billed: true,
			}),
		).toBe(
			'ekycpro FAIL: the image is not an identity card ("not identity card") [HTTP 200, billed]',
		);
	});

	test('a vendor request ID is shown whole when it is a hex id or UUID, masked when it carries an ID number', () => {
		const fault = { code: 'FAILED', meaning: 'no face', httpStatus: 200 };
		for (const id of ['5f1234567890abcdef123456', '123e4567-e89b-12d3-a456-426614174000']) {
			expect(describeFault('Iluma', { ...fault, requestId: id })).toBe(
				`Iluma FAILED: no face [HTTP 200, request ${id}]`,
			);
		}
		for (const id of [
			'NIK 3275031210930027',
			'req-3275031210930027',
			'3275.0312.1093.0027',
			'3275031210930027abcdef12',
		]) {
			const message = describeFault('Iluma', { ...fault, requestId: id });
			expect(message).not.toMatch(/3275.?0312.?1093/);
			expect(message).toContain('0027');
		}
		// A code that carries one is masked too; short codes stay readable.
		expect(describeFault('X', { code: 'E3275031210930027', meaning: 'm' })).toBe(
			'X E************0027: m',
		);
		expect(describeFault('X', { code: '0002', meaning: 'm', httpStatus: 503 })).toBe(
			'X 0002: m [HTTP 503]',
		);
	});
});
