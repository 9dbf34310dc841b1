'use strict';
/** The Argos ID Trigger's checks as pure functions: decryption, source IP, event filter. */
const crypto = require('crypto');
const { decryptPayload } = require('../../nodes/ArgosId/webhookDecryption');
const {
	clientIp,
	eventSelected,
	ipAllowed,
	normaliseIp,
} = require('../../nodes/ArgosId/webhookVerification');
const argos = require('../sandbox/vendors/argos');

const SECRET = argos.credentials.secretKey;
const payload = {
	webhook_trigger: 'approved',
	submission_id: 'sbx1',
	kyc_result: { status: 'approved' },
};
const body = (options) => JSON.parse(argos.webhookBody(payload, options));

describe('decryptPayload', () => {
	test('ECB exactly as Argos documents it: key = SHA-256(API key) digest, no IV, base64', () => {
		// Written out here, independent of the sandbox: Argos's client-guide example.
		const apiKey = 'documented-api-key';
		const hashedKey = crypto.createHash('sha256').update(apiKey).digest();
		const cipher = crypto.createCipheriv('aes-256-ecb', hashedKey, null);
		const data = cipher.update(JSON.stringify(payload), 'utf8', 'base64') + cipher.final('base64');
		expect(decryptPayload({ data }, 'ecb', ['', apiKey])).toEqual({ ok: true, payload });
		expect(decryptPayload({ data }, 'ecb', ['a-secret-key', apiKey])).toEqual({
			ok: true,
			payload,
		});
		expect(decryptPayload({ data }, 'ecb', 'another-key').ok).toBe(false);
	});

	test.each(['ecb', 'gcm'])('%s: decrypts what Argos encrypts with the secret key', (mode) => {
		expect(decryptPayload(body({ encryption: mode }), mode, SECRET)).toEqual({ ok: true, payload });
	});

	test.each([
		['iv-tag-ct', 'base64'],
		['iv16-ct-tag', 'base64'],
		['fields', 'base64'],
		['iv-ct-tag', 'hex'],
		['fields', 'hex'],
	])('gcm: the undocumented layout %s in %s is accepted too', (gcmLayout, encoding) => {
		const encrypted = body({ encryption: 'gcm', gcmLayout, encoding });
		expect(decryptPayload(encrypted, 'gcm', SECRET)).toEqual({ ok: true, payload });
		const tampered = body({ encryption: 'gcm', gcmLayout, encoding, tamper: true });
		expect(decryptPayload(tampered, 'gcm', SECRET).ok).toBe(false);
	});

	test('ecb: hex and URL-safe base64 are accepted', () => {
		expect(decryptPayload(body({ encryption: 'ecb', encoding: 'hex' }), 'ecb', SECRET).ok).toBe(
			true,
		);
		const { data } = body({ encryption: 'ecb' });
		const urlSafe = data.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
		expect(decryptPayload({ data: urlSafe }, 'ecb', SECRET).ok).toBe(true);
	});

	test('a raw body string is read as the encrypted data', () => {
		const { data } = body({ encryption: 'gcm' });
		expect(decryptPayload(data, 'gcm', SECRET)).toEqual({ ok: true, payload });
	});

	test.each(['ecb', 'gcm'])('%s: a tampered payload is refused', (mode) => {
		const result = decryptPayload(body({ encryption: mode, tamper: true }), mode, SECRET);
		expect(result.ok).toBe(false);
	});

	test.each(['ecb', 'gcm'])('%s: the wrong key is refused', (mode) => {
		expect(decryptPayload(body({ encryption: mode }), mode, 'another-key').ok).toBe(false);
	});

	test('the other mode is refused', () => {
		expect(decryptPayload(body({ encryption: 'gcm' }), 'ecb', SECRET).ok).toBe(false);
		expect(decryptPayload(body({ encryption: 'ecb' }), 'gcm', SECRET).ok).toBe(false);
	});

	test.each([
		['a plain payload', payload, 'the body has no encrypted data'],
		['no body', undefined, 'the body has no encrypted data'],
		[
			'data that is not base64',
			{ data: 'not base64!' },
			'the encrypted data is neither base64 nor hex',
		],
		['an empty key', null, 'no key to decrypt with'],
	])('%s is refused', (_name, value, reason) => {
		const key = value === null ? '' : SECRET;
		expect(
			decryptPayload(value === null ? body({ encryption: 'gcm' }) : value, 'gcm', key),
		).toEqual({
			ok: false,
			reason,
		});
	});

	test('decrypted JSON must name a webhook_trigger', () => {
		const other = JSON.parse(argos.webhookBody({ hello: 'world' }, { encryption: 'gcm' }));
		expect(decryptPayload(other, 'gcm', SECRET)).toEqual({
			ok: false,
			reason: 'the decrypted data is not a JSON event naming a webhook_trigger',
		});
	});
});

describe('source IP', () => {
	test.each([
		['::ffff:52.78.194.237', '52.78.194.237'],
		['52.78.194.237:443', '52.78.194.237'],
		['[::1]:5678', '::1'],
		[' 10.0.0.1 ', '10.0.0.1'],
	])('normaliseIp(%s)', (raw, ip) => expect(normaliseIp(raw)).toBe(ip));

	test('the peer address unless a trusted proxy header is configured and present', () => {
		const headers = { 'x-forwarded-for': '198.51.100.7, 52.78.194.237' };
		expect(clientIp('::ffff:10.0.0.2', headers, '')).toBe('10.0.0.2');
		expect(clientIp('10.0.0.2', headers, 'X-Forwarded-For')).toBe('52.78.194.237');
		expect(clientIp('10.0.0.2', {}, 'X-Forwarded-For')).toBe('10.0.0.2');
		expect(clientIp('10.0.0.2', { 'x-real-ip': '52.78.194.237' }, 'x-real-ip')).toBe(
			'52.78.194.237',
		);
	});

	test.each([
		['52.78.194.237', '52.78.194.237', true],
		['52.78.194.238', '52.78.194.237', false],
		['127.0.0.1', '52.78.194.237, 127.0.0.1', true],
		['10.1.2.3', '10.0.0.0/8', true],
		['11.1.2.3', '10.0.0.0/8', false],
		['anything', '', true],
		['', '52.78.194.237', false],
		['::1', '52.78.194.237', false],
		['10.1.2.3', '10.0.0.0/99', false],
	])('ipAllowed(%s, %s) is %s', (ip, list, allowed) => expect(ipAllowed(ip, list)).toBe(allowed));
});

describe('eventSelected', () => {
	test('selected events, or all with *', () => {
		expect(eventSelected({ webhook_trigger: 'approved' }, ['approved', 'rejected'])).toBe(true);
		expect(eventSelected({ webhook_trigger: 'created' }, ['approved', 'rejected'])).toBe(false);
		expect(eventSelected({ webhook_trigger: 'created' }, ['*'])).toBe(true);
		expect(eventSelected({}, ['approved'])).toBe(false);
	});
});
