'use strict';
/** The Argos ID Trigger's checks as pure functions: decryption, source IP, event filter. */
const crypto = require('crypto');
const { decryptPayload } = require('../../nodes/ArgosId/webhookDecryption');
const {
	eventSelected,
	ipAllowed,
	protectionProblem,
} = require('../../nodes/ArgosId/webhookVerification');
const {
	clientAddress,
	parseRanges,
	trustedProxiesProblem,
	normaliseIp,
	parseIp,
} = require('../../nodes/ArgosId/sourceAddress');
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
		expect(decryptPayload({ data }, 'ecb', ['', apiKey])).toMatchObject({ ok: true, payload });
		expect(decryptPayload({ data }, 'ecb', ['a-secret-key', apiKey])).toMatchObject({
			ok: true,
			payload,
		});
		expect(decryptPayload({ data }, 'ecb', 'another-key').ok).toBe(false);
	});

	test.each(['ecb', 'gcm'])('%s: decrypts what Argos encrypts with the secret key', (mode) => {
		expect(decryptPayload(body({ encryption: mode }), mode, SECRET)).toMatchObject({
			ok: true,
			payload,
		});
	});

	test.each([
		['iv-tag-ct', 'base64'],
		['iv16-ct-tag', 'base64'],
		['fields', 'base64'],
		['iv-ct-tag', 'hex'],
		['fields', 'hex'],
	])('gcm: the undocumented layout %s in %s is accepted too', (gcmLayout, encoding) => {
		const encrypted = body({ encryption: 'gcm', gcmLayout, encoding });
		expect(decryptPayload(encrypted, 'gcm', SECRET)).toMatchObject({ ok: true, payload });
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
		expect(decryptPayload(data, 'gcm', SECRET)).toMatchObject({ ok: true, payload });
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

	// A fake request with a public socket peer: no traffic, only the address as a string.
	const request = (remoteAddress, headers = {}) => ({ socket: { remoteAddress }, headers });
	const XFF = 'X-Forwarded-For';

	const LOOPBACK = parseRanges('127.0.0.1, ::1');
	const PRIVATE = parseRanges('127.0.0.0/8 ::1 10.0.0.0/8 172.16.0.0/12 192.168.0.0/16 fc00::/7');

	test('the socket peer, whatever the headers say, when no forwarding header is named', () => {
		const forged = { 'x-forwarded-for': '52.78.194.237', 'x-real-ip': '52.78.194.237' };
		expect(clientAddress(request('::ffff:10.0.0.2', forged), '', PRIVATE)).toBe('10.0.0.2');
		expect(clientAddress(request('198.51.100.9', forged), '', PRIVATE)).toBe('198.51.100.9');
	});

	test('a forwarding header from a peer not in Trusted Proxies is not believed (the N8N_PROXY_HOPS bypass)', () => {
		const forged = { 'x-forwarded-for': '52.78.194.237' };
		expect(clientAddress(request('198.51.100.9', forged), XFF, PRIVATE)).toBe('198.51.100.9');
		expect(clientAddress(request('::ffff:198.51.100.9', forged), XFF, PRIVATE)).toBe(
			'198.51.100.9',
		);
		expect(clientAddress(request('2001:db8::9', forged), XFF, PRIVATE)).toBe('2001:db8::9');
	});

	test.each(['127.0.0.1', '::1', '10.1.2.3', '192.168.1.1', 'fd00::1'])(
		'with no Trusted Proxies, a peer at %s is not believed either',
		(peer) => {
			const forged = { 'x-forwarded-for': '52.78.194.237' };
			expect(clientAddress(request(peer, forged), XFF, [])).toBe(normaliseIp(peer));
		},
	);

	test.each([
		['100.64.0.1', 'CGNAT 100.64.0.0/10'],
		['169.254.169.254', 'IPv4 link-local'],
		['fe80::1', 'IPv6 link-local'],
		['172.32.0.1', 'just outside 172.16.0.0/12'],
		['11.0.0.1', 'just outside 10.0.0.0/8'],
	])('a peer at %s (%s) outside the listed ranges is not believed', (peer) => {
		const forged = { 'x-forwarded-for': '52.78.194.237' };
		expect(clientAddress(request(peer, forged), XFF, PRIVATE)).toBe(normaliseIp(peer));
	});

	test.each(['127.0.0.1', '::1', '::ffff:127.0.0.1'])(
		'a peer at %s listed in Trusted Proxies: its header names the caller',
		(peer) => {
			const headers = { 'x-forwarded-for': '52.78.194.237' };
			expect(clientAddress(request(peer, headers), XFF, LOOPBACK)).toBe('52.78.194.237');
		},
	);

	test('X-Forwarded-For: the right-most hop that is not a trusted proxy; private clients are clients', () => {
		const proxies = parseRanges('10.0.0.5, 10.0.0.9, 198.51.100.0/24');
		const hops = (value) =>
			clientAddress(request('10.0.0.5', { 'x-forwarded-for': value }), XFF, proxies);
		expect(hops('52.78.194.237, 203.0.113.7')).toBe('203.0.113.7');
		expect(hops('203.0.113.7, 52.78.194.237, 10.0.0.9')).toBe('52.78.194.237');
		expect(hops('203.0.113.7, 52.78.194.237, 198.51.100.4, 10.0.0.9')).toBe('52.78.194.237');
		// A private address that is not a listed proxy is the caller, not a hop.
		expect(hops('52.78.194.237, 10.0.0.8')).toBe('10.0.0.8');
		expect(hops('52.78.194.237, 192.168.0.3')).toBe('192.168.0.3');
		// Only trusted proxies: the left-most.
		expect(hops('10.0.0.9, 198.51.100.4')).toBe('10.0.0.9');
		expect(hops('52.78.194.237, not-an-ip')).toBe('');
		expect(clientAddress(request('10.0.0.5', {}), XFF, proxies)).toBe('10.0.0.5');
		expect(
			clientAddress(
				request('10.0.0.5', { 'x-forwarded-for': ['203.0.113.7', '52.78.194.237'] }),
				XFF,
				proxies,
			),
		).toBe('52.78.194.237');
	});

	test('Forwarded (RFC 7239) and X-Real-IP', () => {
		const forwarded = (value) =>
			clientAddress(request('127.0.0.1', { forwarded: value }), 'Forwarded', LOOPBACK);
		expect(forwarded('for=52.78.194.237;proto=https')).toBe('52.78.194.237');
		expect(forwarded('for=198.51.100.7, for="[2001:db8::1]:4711"')).toBe('2001:db8::1');
		expect(forwarded('for=_hidden')).toBe('');
		expect(
			clientAddress(request('::1', { 'x-real-ip': '52.78.194.237' }), 'x-real-ip', LOOPBACK),
		).toBe('52.78.194.237');
	});

	test.each([
		['', undefined],
		['127.0.0.1, ::1  10.0.0.0/8', undefined],
		['proxy', /"proxy" is not an IP address or CIDR range/],
		['10.0.0.0/8,,fd00::/129', /"fd00::\/129" is not/],
		['::/0', /::\/0 would believe any caller/],
	])('trustedProxiesProblem(%j)', (list, problem) => {
		const found = trustedProxiesProblem(list);
		if (problem === undefined) expect(found).toBeUndefined();
		else expect(found).toMatch(problem);
	});

	test.each([
		['2001:db8::1', 6],
		['::', 6],
		['::ffff:52.78.194.237', 4],
		['64:ff9b::1.2.3.4', 6],
		['1:2:3:4:5:6:7:8', 6],
		['1:2:3:4:5:6:7:8:9', undefined],
		['1::2::3', undefined],
		['256.1.1.1', undefined],
		['fe80::1%eth0', 6],
	])('parseIp(%s) is IPv%s', (text, version) => expect(parseIp(text)?.version).toBe(version));

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
		['2001:db8::5', '2001:db8::/32', true],
		['2001:db9::5', '2001:db8::/32', false],
		['::ffff:52.78.194.237', '52.78.194.237', true],
		['52.78.194.237', '0.0.0.0/0', true],
	])('ipAllowed(%s, %s) is %s', (ip, list, allowed) => expect(ipAllowed(ip, list)).toBe(allowed));
});

describe('protectionProblem: what activation refuses', () => {
	test.each([
		['none', '52.78.194.237'],
		['none', '10.0.0.0/8, 2001:db8::/32'],
		['ecb', '52.78.194.237'],
		['gcm', ''],
		['gcm', '0.0.0.0/0, ::/0'],
	])('%s with "%s" is accepted', (mode, list) =>
		expect(protectionProblem(mode, list)).toBeUndefined(),
	);

	test.each([
		['none', '', /Set Allowed Source IPs or Payload Encryption/],
		['none', '0.0.0.0/0', /0\.0\.0\.0\/0 is wider than \/8/],
		['none', '52.78.194.237, 8.0.0.0/7', /8\.0\.0\.0\/7 is wider than \/8/],
		['none', '::/0', /::\/0 is wider than/],
		['none', '2001:db8::/31', /wider than/],
		['ecb', '', /ECB\) does not prove who wrote a payload.*blocks can be cut/],
		['ecb', '0.0.0.0/0', /ECB\) does not prove/],
		['gcm', '52.78.194.237, nonsense', /"nonsense" is not an IP address or CIDR range/],
		['none', '10.0.0.0/33', /is not an IP address or CIDR range/],
	])('%s with "%s" is refused', (mode, list, message) =>
		expect(protectionProblem(mode, list)).toMatch(message),
	);
});

describe('eventSelected', () => {
	test('selected events, or all with *', () => {
		expect(eventSelected({ webhook_trigger: 'approved' }, ['approved', 'rejected'])).toBe(true);
		expect(eventSelected({ webhook_trigger: 'created' }, ['approved', 'rejected'])).toBe(false);
		expect(eventSelected({ webhook_trigger: 'created' }, ['*'])).toBe(true);
		expect(eventSelected({}, ['approved'])).toBe(false);
	});
});

describe('eventIdentity: the decision, and when it happened', () => {
	const { eventIdentity, parseEventTime } = require('../../nodes/ArgosId/eventIdentity');
	const approved = {
		webhook_trigger: 'approved',
		submission_id: 's1',
		kyc_result: { status: 'approved', updated_at: '2026-01-02T03:04:05.000Z', reviewer: 'auto' },
		email: 'a@example.com',
	};

	test('key order, other fields and fields added to kyc_result do not change the key', () => {
		const key = eventIdentity(approved).key;
		const reordered = {
			email: 'b@example.com',
			kyc_result: {
				reviewer: 'auto',
				updated_at: '2026-01-02T03:04:05.000Z',
				status: 'approved',
				note: 1,
			},
			submission_id: 's1',
			webhook_trigger: 'approved',
			added: true,
		};
		expect(eventIdentity(reordered).key).toBe(key);
	});

	test.each([
		['another status', { kyc_result: { ...approved.kyc_result, status: 'rejected' } }],
		[
			'another time',
			{ kyc_result: { ...approved.kyc_result, updated_at: '2026-01-02T03:04:06.000Z' } },
		],
		['another submission', { submission_id: 's2' }],
		['another event type', { webhook_trigger: 'updated' }],
	])('%s is another decision', (_name, change) => {
		expect(eventIdentity({ ...approved, ...change }).key).not.toBe(eventIdentity(approved).key);
	});

	test('created/retry key on retryCode and attempts; aml on aml_result; undocumented events on the whole payload', () => {
		const retry = {
			webhook_trigger: 'retry',
			submission_id: 's1',
			kyc_result: { status: 'incomplete' },
			retryCode: ['x'],
			attempts: 1,
		};
		expect(eventIdentity({ ...retry, attempts: 2 }).key).not.toBe(eventIdentity(retry).key);
		expect(eventIdentity({ ...retry, ipAddress: '203.0.113.1' }).key).toBe(
			eventIdentity(retry).key,
		);
		const aml = {
			webhook_trigger: 'aml',
			submission_id: 's1',
			aml_result: { currentstatus: 'clear', risk_level_summary: { a: 1, b: 2 } },
		};
		expect(
			eventIdentity({
				...aml,
				aml_result: { risk_level_summary: { b: 2, a: 1 }, currentstatus: 'clear' },
			}).key,
		).toBe(eventIdentity(aml).key);
		expect(
			eventIdentity({ ...aml, aml_result: { ...aml.aml_result, currentstatus: 'hit' } }).key,
		).not.toBe(eventIdentity(aml).key);
		const monitor = { webhook_trigger: 'aml_monitor', submission_id: 's1', detail: 'x' };
		expect(eventIdentity({ ...monitor, detail: 'y' }).key).not.toBe(eventIdentity(monitor).key);
		expect(
			eventIdentity({ detail: 'x', submission_id: 's1', webhook_trigger: 'aml_monitor' }).key,
		).toBe(eventIdentity(monitor).key);
	});

	test('the time is the latest of kyc_result’s times, in the formats Argos may send', () => {
		const at = Date.parse('2026-01-02T03:04:05.000Z');
		expect(eventIdentity(approved).time).toBe(at);
		expect(
			eventIdentity({
				...approved,
				kyc_result: {
					status: 'approved',
					created_at: '2026-01-01T00:00:00Z',
					kyc_result_at: '2026-01-02 03:04:05',
					pending_at: '',
				},
			}).time,
		).toBe(at);
		expect(
			eventIdentity({
				webhook_trigger: 'created',
				submission_id: 's1',
				kyc_result: { status: 'incomplete' },
			}).time,
		).toBeUndefined();
		expect(parseEventTime(at)).toBe(at);
		expect(parseEventTime(at / 1000)).toBe(at);
		expect(parseEventTime(String(at / 1000))).toBe(at);
		expect(parseEventTime('2026-01-02T12:04:05+09:00')).toBe(at);
		for (const bad of ['', 'yesterday', null, true, '2026-13-45T99:00:00Z', -5])
			expect(parseEventTime(bad)).toBeUndefined();
	});
});
