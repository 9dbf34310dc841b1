'use strict';
/** The Iluma Trigger's checks as pure functions: which product a callback is, and its token. */
const crypto = require('crypto');
const {
	ALL_EVENTS,
	recogniseCallback,
	selectedEvents,
} = require('../../nodes/Iluma/callbacks/events');
const {
	readTokenHeader,
	tokenFromAnswer,
	tokenMatches,
} = require('../../nodes/Iluma/callbacks/token');

const SEED_SAMPLES = require('../fixtures/iluma-seed-samples');
const sample = (section, status) =>
	SEED_SAMPLES.find((s) => s.section.startsWith(section) && s.body.status === status).body;

describe('recogniseCallback', () => {
	test.each(SEED_SAMPLES.map((s) => [s.seedLine, s.section, s.heading, s.expected, s.body]))(
		'seed line %i (%s, %s) is %s',
		(_line, _section, _heading, expected, body) => {
			expect(recogniseCallback(body)?.value ?? null).toBe(expected);
		},
	);

	test('the seed covers every product, pending, finished and failed', () => {
		const products = new Set(SEED_SAMPLES.map((s) => s.expected).filter(Boolean));
		expect([...products].sort()).toEqual([
			'bankNameValidation',
			'businessDocumentOcr',
			'documentOcrCapture',
			'idCardOcr',
			'photoAuthentication',
		]);
		expect(SEED_SAMPLES.filter((s) => s.expected).length).toBeGreaterThanOrEqual(25);
	});

	test('the ID prefix alone is enough; an unknown shape is no product', () => {
		expect(recogniseCallback({ id: 'bknv_abc' }).value).toBe('bankNameValidation');
		expect(recogniseCallback({ id: 'idvr_abc' }).value).toBe('photoAuthentication');
		expect(recogniseCallback({ id: 'ocr-abc' }).value).toBe('businessDocumentOcr');
		expect(recogniseCallback({ id: 'x', type: 'npwp_card' }).value).toBe('idCardOcr');
		expect(recogniseCallback({ id: 'npwp_123', account_number: '1' })).toBeUndefined();
	});

	test('each product enriches its item as the Iluma node’s Get does', () => {
		const failed = sample('Bank Name Validator V1.1', 'FAILED');
		expect(recogniseCallback(failed).enrich(failed).failure_description).toBe(
			'a temporary network error at Iluma; the request was not charged',
		);
		const ocr = SEED_SAMPLES.find((s) => s.expected === 'idCardOcr' && s.body.data?.idNumber).body;
		expect(recogniseCallback(ocr).enrich(ocr).identity.idNumber).toBe(ocr.data.idNumber);
		const capture = sample('Document OCR Capture', 'COMPLETED');
		expect(recogniseCallback(capture).enrich(capture).identity).toBeDefined();
	});
});

describe('selectedEvents', () => {
	test('"All" stands for every product; otherwise exactly those selected', () => {
		expect(selectedEvents([ALL_EVENTS])).toHaveLength(5);
		expect(selectedEvents(['idCardOcr', 'bankNameValidation']).map((e) => e.value)).toEqual([
			'bankNameValidation',
			'idCardOcr',
		]);
		expect(selectedEvents([])).toEqual([]);
	});
});

describe('readTokenHeader', () => {
	test('finds x-callback-token whatever the case of its name', () => {
		expect(readTokenHeader({ 'x-callback-token': 'a' })).toBe('a');
		expect(readTokenHeader({ 'X-CALLBACK-TOKEN': 'b' })).toBe('b');
		expect(readTokenHeader({ 'X-Callback-Token': 'c', 'content-type': 'x' })).toBe('c');
	});

	test('missing, empty, repeated or not text counts as no token', () => {
		expect(readTokenHeader({})).toBeUndefined();
		expect(readTokenHeader({ 'x-callback-token': '' })).toBeUndefined();
		expect(readTokenHeader({ 'x-callback-token': ['a', 'a'] })).toBeUndefined();
		expect(readTokenHeader({ 'x-callback-token': 'a', 'X-Callback-Token': 'a' })).toBeUndefined();
		expect(readTokenHeader({ 'x-callback-token': 12 })).toBeUndefined();
		expect(readTokenHeader({ 'x-iluma-callback-token': 'a' })).toBeUndefined();
	});
});

describe('tokenMatches', () => {
	const digest = (value) => crypto.createHash('sha256').update(value).digest();

	test('only the exact token matches, whatever the lengths', () => {
		expect(tokenMatches(digest('secret-token'), 'secret-token')).toBe(true);
		expect(tokenMatches(digest('secret-token'), 'secret-tokeN')).toBe(false);
		expect(tokenMatches(digest('secret-token'), 'secret-token ')).toBe(false);
		expect(tokenMatches(digest('secret-token'), 's')).toBe(false);
		expect(tokenMatches(digest('secret-token'), 'x'.repeat(10000))).toBe(false);
	});

	test('compares with crypto.timingSafeEqual', () => {
		const spy = jest.spyOn(crypto, 'timingSafeEqual');
		tokenMatches(digest('a'), 'b');
		expect(spy).toHaveBeenCalledTimes(1);
		spy.mockRestore();
	});
});

describe('tokenFromAnswer', () => {
	test('reads the spellings Iluma might use, and nothing else', () => {
		expect(tokenFromAnswer({ token: 't1' })).toBe('t1');
		expect(tokenFromAnswer({ callback_token: 't2' })).toBe('t2');
		expect(tokenFromAnswer({ data: { authentication_token: ' t3 ' } })).toBe('t3');
		expect(tokenFromAnswer({ token: '' })).toBeUndefined();
		expect(tokenFromAnswer({ message: 'ok' })).toBeUndefined();
	});
});
