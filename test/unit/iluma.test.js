'use strict';
const { pollDelays } = require('../../nodes/shared/poll');
const {
	describeFailureReason,
	isDefinitiveAnswer,
	withFailureDescription,
} = require('../../nodes/Iluma/failureReasons');
const { splitBirthPlaceBirthday, idCardIdentity } = require('../../nodes/Iluma/identity');
const { simplifyDocument } = require('../../nodes/Iluma/actions/businessDocument/simplify');
const { iluma } = require('../../nodes/Iluma/vendor');
const { describeFault } = require('../../nodes/shared/errors');

describe('pollDelays', () => {
	test('grows by half each time from 0.5 s, capped at 5 s, and stops at the deadline', () => {
		const delays = pollDelays({ timeoutMs: 20_000 });
		expect(delays.slice(0, 6)).toEqual([500, 750, 1125, 1688, 2532, 3798]);
		expect(Math.max(...delays)).toBe(5000);
		expect(delays.reduce((a, b) => a + b, 0)).toBe(20_000);
	});

	test('a job done after 2 s is seen by the third read, 0.4 s later', () => {
		const times = pollDelays({ timeoutMs: 60_000 }).reduce(
			(acc, delay) => [...acc, (acc[acc.length - 1] ?? 0) + delay],
			[],
		);
		const firstAfter = times.find((t) => t >= 2000);
		expect(times.indexOf(firstAfter) + 1).toBe(3);
		expect(firstAfter - 2000).toBeLessThan(1500);
	});

	test('a short time-out gets one short wait', () => {
		expect(pollDelays({ timeoutMs: 300 })).toEqual([300]);
	});
});

describe('Iluma failure reasons', () => {
	test.each([
		['TEMPORARY_NETWORK_ERROR', 'a temporary network error at Iluma; the request was not charged'],
		['NIK not found', 'the NIK is not in the Dukcapil population register'],
		[
			'Full Name Not Match & DOB Not Match & Selfie Not Match',
			'the name and the date of birth and the selfie do not match the Dukcapil record',
		],
		['Something new', 'Something new'],
	])('%s', (reason, words) => {
		expect(describeFailureReason(reason)).toBe(words);
	});

	test('only "no such account" is a FAILED that answers the question', () => {
		expect(isDefinitiveAnswer({ failure_reason: 'BANK_ACCOUNT_NOT_FOUND_ERROR' })).toBe(true);
		expect(isDefinitiveAnswer({ failure_reason: 'TEMPORARY_NETWORK_ERROR' })).toBe(false);
	});

	test('the description is added beside the code, and only when it says more', () => {
		expect(withFailureDescription({ failure_reason: 'DOB Not Match' }).failure_description).toBe(
			'the date of birth does not match the Dukcapil record',
		);
		expect(withFailureDescription({ failure_reason: 'Odd' })).toEqual({ failure_reason: 'Odd' });
		expect(withFailureDescription({ status: 'COMPLETED' })).toEqual({ status: 'COMPLETED' });
	});
});

describe('Iluma identity', () => {
	test.each([
		['JAKARTA,17-10-1975', { place: 'JAKARTA', date: '17-10-1975' }],
		['KOTA BANDUNG, 01-02-1990', { place: 'KOTA BANDUNG', date: '01-02-1990' }],
		['17-10-1975', { date: '17-10-1975' }],
		[undefined, {}],
	])('birthPlaceBirthday %j', (value, expected) => {
		expect(splitBirthPlaceBirthday(value)).toEqual(expected);
	});

	test('a lifetime KTP (SEUMUR HIDUP) has no expiry date', () => {
		const identity = idCardIdentity('indonesia_ktp', {
			idNumber: '1234567890123456',
			name: 'FIRA DIYANKA',
			gender: 'PEREMPUAN',
			expiryDate: 'SEUMUR HIDUP',
		});
		expect(identity).toEqual({
			fullName: 'FIRA DIYANKA',
			idNumber: '1234567890123456',
			gender: 'F',
		});
	});
});

describe('Iluma business document Simplify', () => {
	test('unreadable values become null, lists stay lists', () => {
		const out = simplifyDocument({
			status: 'COMPLETED',
			result: {
				pages: 1,
				data: [
					{ name: 'director_names', values: [] },
					{ name: 'notary', values: { value: null, confidence_level: 0 } },
				],
			},
		});
		expect(out.fields).toEqual({ director_names: [], notary: null });
		expect(out.confidence).toEqual({ director_names: [], notary: 0 });
		expect(out.result).toEqual({ pages: 1 });
	});

	test('a pending document is left as it is', () => {
		const pending = { status: 'PENDING', result: {} };
		expect(simplifyDocument(pending)).toBe(pending);
	});
});

describe('Iluma error bodies', () => {
	const inspect = (statusCode, body) => iluma.inspect({ statusCode, headers: {}, body }, {});

	test('API_VALIDATION_ERROR names the fields, in either list shape', () => {
		expect(
			inspect(400, {
				error_code: 'API_VALIDATION_ERROR',
				message: 'Invalid request',
				errors: [{ field: 'country', message: 'must be PH' }, 'type is required'],
			}).meaning,
		).toBe(
			'Iluma refused the request: a field is missing or invalid: country: must be PH; type is required',
		);
	});

	test('an undocumented code keeps Iluma’s message', () => {
		expect(inspect(418, { error_code: 'TEAPOT', message: 'short and stout' })).toEqual(
			expect.objectContaining({ code: 'TEAPOT', meaning: 'short and stout', httpStatus: 418 }),
		);
	});

	test('a 503 without a body is the upstream-suppliers outage', () => {
		expect(inspect(503, '')).toEqual(
			expect.objectContaining({ code: 'HTTP 503', meaning: expect.stringMatching(/upstream/) }),
		);
	});

	test('numbers, emails and API keys that Iluma quotes are masked in the message', () => {
		const fault = inspect(400, {
			error_code: 'API_VALIDATION_ERROR',
			message: 'account 1234567890 refused for iluma_production_AbC123xyz',
			errors: [
				'bank_account_number 1234567890 is invalid',
				{ field: 'phone', msg: '081234567890' },
				{ field: 'email', message: '"penito.k@test.com" is not registered' },
			],
		});
		expect(JSON.stringify(fault)).not.toMatch(/AbC123xyz/);
		const message = describeFault('Iluma', fault);
		expect(message).not.toMatch(/1234567890|AbC123xyz|penito/);
		expect(message).toBe(
			'Iluma API_VALIDATION_ERROR: Iluma refused the request: a field is missing or invalid: bank_account_number ******7890 is invalid; phone: ********7890; email: "p***@test.com" is not registered ("account ******7890 refused for iluma_production_…") [HTTP 400, not billed]',
		);
		// Short numbers (a page count, an HTTP status) stay as they are.
		const teapot = inspect(418, { error_code: 'TEAPOT', message: 'try 12345 later' });
		expect(describeFault('Iluma', teapot)).toBe('Iluma TEAPOT: try 12345 later [HTTP 418]');
	});

	test('results pass', () => {
		expect(inspect(200, { status: 'COMPLETED' })).toBeUndefined();
		expect(inspect(200, { status: 'PENDING' })).toBeUndefined();
		expect(inspect(200, { data: [], has_more: false })).toBeUndefined();
	});
});
