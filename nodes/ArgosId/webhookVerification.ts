import { createDecipheriv, createHash } from 'crypto';

import type { IDataObject } from 'n8n-workflow';

/**
 * How the Argos ID Trigger tells Argos's webhook calls from anyone else's. Argos publishes no
 * signature; what it does publish is its source IP address and optional payload encryption.
 */

/** The documented source address of Argos's webhook calls (vendor-apis.md D.6). */
export const ARGOS_WEBHOOK_IP = '52.78.194.237';

/** The documented `webhook_trigger` values. */
export const WEBHOOK_EVENTS: Array<{ name: string; value: string; description: string }> = [
	{ name: 'AML', value: 'aml', description: 'The AML process ran' },
	{ name: 'AML Monitor', value: 'aml_monitor', description: 'AML monitoring ran' },
	{ name: 'Approved', value: 'approved', description: 'The submission was approved' },
	{ name: 'Created', value: 'created', description: 'The submission was created' },
	{ name: 'Deleted', value: 'delete', description: 'The submission was deleted' },
	{
		name: 'Injection',
		value: 'injection',
		description: 'An additional process (injection) ran on the submission',
	},
	{ name: 'Rejected', value: 'rejected', description: 'The submission was rejected' },
	{
		name: 'Retry',
		value: 'retry',
		description: 'The applicant went on and a retry occurred',
	},
	{ name: 'Submitted (Pending)', value: 'submit', description: 'The submission became pending' },
	{ name: 'Updated', value: 'updated', description: 'The submission was updated' },
];

export type EncryptionMode = 'none' | 'ecb' | 'gcm';

export type Decrypted = { ok: true; payload: IDataObject } | { ok: false; reason: string };

const GCM_IV_BYTES = 12;
const GCM_TAG_BYTES = 16;

/** The AES-256 key: the SHA-256 digest of the secretKey (or of the API key). */
export function deriveKey(secret: string): Buffer {
	return createHash('sha256').update(secret, 'utf8').digest();
}

function decodeBase64(text: string): Buffer | undefined {
	const compact = text.replace(/\s+/g, '');
	if (compact === '' || !/^[A-Za-z0-9+/]+={0,2}$/.test(compact) || compact.length % 4 !== 0)
		return undefined;
	return Buffer.from(compact, 'base64');
}

function decipher(mode: 'ecb' | 'gcm', key: Buffer, data: Buffer): Buffer | undefined {
	try {
		if (mode === 'ecb') {
			if (data.length === 0 || data.length % 16 !== 0) return undefined;
			const aes = createDecipheriv('aes-256-ecb', key, null);
			return Buffer.concat([aes.update(data), aes.final()]);
		}
		if (data.length <= GCM_IV_BYTES + GCM_TAG_BYTES) return undefined;
		const iv = data.subarray(0, GCM_IV_BYTES);
		const tag = data.subarray(data.length - GCM_TAG_BYTES);
		const aes = createDecipheriv('aes-256-gcm', key, iv);
		aes.setAuthTag(tag);
		return Buffer.concat([
			aes.update(data.subarray(GCM_IV_BYTES, data.length - GCM_TAG_BYTES)),
			aes.final(),
		]);
	} catch {
		// A wrong key, a bad padding or a failed GCM tag: all mean "not from Argos".
		return undefined;
	}
}

/**
 * Decrypts an encrypted webhook body, `{"data": "<base64>"}`: AES-256-ECB (PKCS#7), or AES-256-GCM
 * with the 12-byte IV first and the 16-byte tag last. The plaintext must be UTF-8 JSON naming a
 * `webhook_trigger`, so a tampered ECB block (ECB has no tag) is refused too.
 */
export function decryptPayload(body: unknown, mode: 'ecb' | 'gcm', secret: string): Decrypted {
	if (!secret) return { ok: false, reason: 'no key to decrypt with' };
	const encrypted = typeof body === 'string' ? body : ((body ?? {}) as IDataObject).data;
	if (typeof encrypted !== 'string') return { ok: false, reason: 'the body has no encrypted data' };
	const data = decodeBase64(encrypted);
	if (!data) return { ok: false, reason: 'the encrypted data is not base64' };
	const plain = decipher(mode, deriveKey(secret), data);
	if (!plain) return { ok: false, reason: 'the data does not decrypt with this key' };
	let payload: unknown;
	try {
		payload = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(plain));
	} catch {
		return { ok: false, reason: 'the decrypted data is not UTF-8 JSON' };
	}
	if (!payload || typeof payload !== 'object' || Array.isArray(payload))
		return { ok: false, reason: 'the decrypted data is not a JSON object' };
	if (typeof (payload as IDataObject).webhook_trigger !== 'string')
		return { ok: false, reason: 'the decrypted data names no webhook_trigger' };
	return { ok: true, payload: payload as IDataObject };
}

/** `::ffff:1.2.3.4` → `1.2.3.4`, `1.2.3.4:5678` → `1.2.3.4`, `[::1]` → `::1`. */
export function normaliseIp(value: string): string {
	let ip = value.trim();
	const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(ip);
	if (bracketed) ip = bracketed[1];
	if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(ip)) ip = ip.replace(/:\d+$/, '');
	return ip.replace(/^::ffff:(\d{1,3}(\.\d{1,3}){3})$/i, '$1').toLowerCase();
}

/**
 * The caller's address: the connection's peer, or, when a trusted proxy header is configured and
 * present, its last entry (the one the nearest proxy, which you trust, wrote).
 */
export function clientIp(
	peer: string | undefined,
	headers: Record<string, string | string[] | undefined>,
	trustedHeader: string,
): string {
	const name = trustedHeader.trim().toLowerCase();
	if (name) {
		const raw = headers[name];
		const value = Array.isArray(raw) ? raw.join(',') : raw;
		const entries = (value ?? '')
			.split(',')
			.map((entry) => entry.trim())
			.filter(Boolean);
		if (entries.length) return normaliseIp(entries[entries.length - 1]);
	}
	return normaliseIp(peer ?? '');
}

function ipv4ToNumber(ip: string): number | undefined {
	const parts = ip.split('.');
	if (parts.length !== 4) return undefined;
	let value = 0;
	for (const part of parts) {
		if (!/^\d{1,3}$/.test(part) || Number(part) > 255) return undefined;
		value = value * 256 + Number(part);
	}
	return value;
}

/** Whether `ip` is in the comma-separated allow-list of addresses and IPv4 CIDR ranges; an empty list allows all. */
export function ipAllowed(ip: string, allowList: string): boolean {
	const entries = allowList
		.split(/[\s,]+/)
		.map((entry) => entry.trim())
		.filter(Boolean);
	if (entries.length === 0) return true;
	if (!ip) return false;
	const address = normaliseIp(ip);
	return entries.some((entry) => {
		const [base, bits] = entry.split('/');
		if (bits === undefined) return normaliseIp(base) === address;
		const prefix = Number(bits);
		const network = ipv4ToNumber(base);
		const candidate = ipv4ToNumber(address);
		if (network === undefined || candidate === undefined) return false;
		if (!Number.isInteger(prefix) || prefix < 0 || prefix > 32) return false;
		const size = 2 ** (32 - prefix);
		return Math.floor(network / size) === Math.floor(candidate / size);
	});
}

/** Whether the payload's `webhook_trigger` is one of the selected events (`*`: all). */
export function eventSelected(payload: IDataObject, events: string[]): boolean {
	if (events.includes('*')) return true;
	return typeof payload.webhook_trigger === 'string' && events.includes(payload.webhook_trigger);
}
