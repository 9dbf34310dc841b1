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

// Callback bodies as the seed's samples show them (each product's GET/callback body).
const SEED = {
	bankV11: {
		id: 'bknv_5c6ba591cf3c3867d75053d7',
		bank_account_number: '1234567890',
		bank_code: 'BCA',
		status: 'COMPLETED',
		result: { is_found: true, is_virtual_account: false, account_holder_name: 'FIRA DIYANKA' },
	},
	bankV1: {
		status: 'SUCCESS',
		bank_account_number: '1234567890',
		bank_code: 'BCA',
		bank_account_holder_name: 'FIRA DIYANKA',
		is_normal_account: true,
		id: '59e608887eb26d005d44aeb8',
	},
	bankV1Failed: {
		status: 'FAILED',
		bank_account_number: '0000000000',
		bank_code: 'BCA',
		failure_reason: 'BANK_ACCOUNT_NOT_FOUND_ERROR',
		id: '5ba359137f94918d2b0cb8bb',
	},
	idCardOcr: {
		id: 'f95ae802-4d96-4066-ada7-fe9487d4ca5e',
		status: 'COMPLETED',
		type: 'indonesia_ktp',
		data: { idNumber: '1234567890123456', name: 'FIRA DIYANKA' },
	},
	idCardOcrFailed: {
		id: 'e07193c3-8660-4ddf-91ed-addf86ea17f5',
		status: 'FAILED',
		type: 'passport',
		failure_reason: 'IMAGE_RECOGNIZE_ERROR',
	},
	businessDocument: {
		reference_id: 'foo123',
		type: 'BUSINESS_REGISTRATION',
		country: 'ID',
		document_name: 'SK_MENKEH',
		id: 'ocr-98cdecb2-84b0-477b-b0e6-c5aa2bbdba4f',
		status: 'COMPLETED',
		result: {},
	},
	capture: {
		types: ['IDENTITY_CARD', 'BUSINESS_REGISTRATION'],
		country: 'PH',
		id: 'ocr-d49d6f9f-b419-4875-aa24-57888c2e9854',
		capture_link: 'https://capture.iluma.ai/ocr-d49d6f9f',
		status: 'COMPLETED',
		result: {},
	},
	captureFailed: {
		types: ['SELFIE'],
		id: 'ocr-22bad02a-bbe9-4844-8959-6c50da197e60',
		status: 'FAILED',
		failure_reason: 'TEMPORARY_NETWORK_ERROR',
	},
	photoAuthentication: {
		id: 'idvr_c2b7a96a-9dc2-491e-b274-71c84b6e25d1',
		id_card_number: '3275031210930027',
		name: 'penito kristian',
		status: 'COMPLETED',
		is_verified: false,
		failure_reason: 'Selfie Not Match',
	},
};

describe('recogniseCallback', () => {
	test.each([
		['bankV11', 'bankNameValidation'],
		['bankV1', 'bankNameValidation'],
		['bankV1Failed', 'bankNameValidation'],
		['idCardOcr', 'idCardOcr'],
		['idCardOcrFailed', 'idCardOcr'],
		['businessDocument', 'businessDocumentOcr'],
		['capture', 'documentOcrCapture'],
		['captureFailed', 'documentOcrCapture'],
		['photoAuthentication', 'photoAuthentication'],
	])('%s is %s', (sample, event) => {
		expect(recogniseCallback(SEED[sample]).value).toBe(event);
	});

	test('the ID prefix alone is enough; an unknown shape is no product', () => {
		expect(recogniseCallback({ id: 'bknv_abc' }).value).toBe('bankNameValidation');
		expect(recogniseCallback({ id: 'idvr_abc' }).value).toBe('photoAuthentication');
		expect(recogniseCallback({ id: 'ocr-abc' }).value).toBe('businessDocumentOcr');
		expect(recogniseCallback({ id: 'x', type: 'npwp_card' }).value).toBe('idCardOcr');
		expect(recogniseCallback({ id: 'npwp_123', account_number: '1' })).toBeUndefined();
	});

	test('each product enriches its item as the Iluma node’s Get does', () => {
		const bank = recogniseCallback(SEED.bankV1Failed).enrich(SEED.bankV1Failed);
		expect(bank.failure_description).toBe('the bank has no account with this number');
		const ocr = recogniseCallback(SEED.idCardOcr).enrich(SEED.idCardOcr);
		expect(ocr.identity).toMatchObject({ idNumber: '1234567890123456', fullName: 'FIRA DIYANKA' });
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
