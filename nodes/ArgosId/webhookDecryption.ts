import { createDecipheriv, createHash } from 'crypto';

import type { IDataObject } from 'n8n-workflow';

/**
 * Decrypts Argos's encrypted webhook bodies, `{"data": "…"}`.
 *
 * Documented by Argos (client guide, "Data Encryption/Decryption Options Example", and the
 * webhooks overview): the AES-256 key is the SHA-256 digest of the project API key or of the
 * dedicated secretKey; AES-256 runs in ECB mode (no IV) since 2024-08-01; the body carries `data`.
 * Not documented: the text encoding of `data` and where GCM-256 puts its nonce and tag. So this
 * accepts base64 (standard or URL-safe) and hex, and the usual GCM layouts: a 12- or 16-byte nonce
 * first with the 16-byte tag last or right after the nonce, or nonce and tag in fields of their own.
 * Whatever the variant, a payload must decrypt (GCM: authenticate) to a JSON event naming a
 * `webhook_trigger`, or it is refused.
 */

export type EncryptionMode = 'none' | 'ecb' | 'gcm';

/** `sealed`: the bytes that decrypted (GCM: nonce, ciphertext and tag), however they were encoded or laid out. */
export type Decrypted =
	| { ok: true; payload: IDataObject; sealed: Buffer }
	| { ok: false; reason: string };

const TAG_BYTES = 16;
const NONCE_LENGTHS = [12, 16];

/** The documented AES-256 key: SHA-256 of the key text, as raw bytes. */
export function deriveKey(secret: string): Buffer {
	return createHash('sha256').update(secret, 'utf8').digest();
}

/** The documented key first; a key text of exactly 32 bytes used as it is, as a fallback. */
function candidateKeys(secrets: string[]): Buffer[] {
	const keys: Buffer[] = [];
	for (const secret of secrets) {
		keys.push(deriveKey(secret));
		const raw = Buffer.from(secret, 'utf8');
		if (raw.length === 32) keys.push(raw);
	}
	return keys;
}

/** The byte strings a text field may stand for: hex, and base64 in either alphabet. */
function decodings(text: string): Buffer[] {
	const compact = text.replace(/\s+/g, '');
	const found: Buffer[] = [];
	if (compact.length > 0 && compact.length % 2 === 0 && /^[0-9a-fA-F]+$/.test(compact))
		found.push(Buffer.from(compact, 'hex'));
	if (/^[A-Za-z0-9+/\-_]+={0,2}$/.test(compact) && compact.length % 4 !== 1) {
		const bytes = Buffer.from(compact.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
		if (bytes.length > 0) found.push(bytes);
	}
	return found;
}

function ecb(key: Buffer, data: Buffer): Buffer | undefined {
	if (data.length === 0 || data.length % 16 !== 0) return undefined;
	try {
		const aes = createDecipheriv('aes-256-ecb', key, null);
		return Buffer.concat([aes.update(data), aes.final()]);
	} catch {
		// A wrong key shows as bad padding.
		return undefined;
	}
}

function gcm(key: Buffer, nonce: Buffer, cipherText: Buffer, tag: Buffer): Buffer | undefined {
	if (nonce.length === 0 || tag.length !== TAG_BYTES) return undefined;
	try {
		const aes = createDecipheriv('aes-256-gcm', key, nonce);
		aes.setAuthTag(tag);
		return Buffer.concat([aes.update(cipherText), aes.final()]);
	} catch {
		// A wrong key or any changed byte fails the tag.
		return undefined;
	}
}

/** GCM's (nonce, ciphertext, tag) splits of one byte string, or the one its own fields give. */
function gcmSplits(data: Buffer, nonce?: Buffer, tag?: Buffer): Array<[Buffer, Buffer, Buffer]> {
	if (nonce && tag) return [[nonce, data, tag]];
	if (nonce) return [[nonce, data.subarray(0, -TAG_BYTES), data.subarray(-TAG_BYTES)]];
	const splits: Array<[Buffer, Buffer, Buffer]> = [];
	for (const n of NONCE_LENGTHS) {
		if (data.length < n + TAG_BYTES) continue;
		const head = data.subarray(0, n);
		splits.push([head, data.subarray(n, data.length - TAG_BYTES), data.subarray(-TAG_BYTES)]);
		splits.push([head, data.subarray(n + TAG_BYTES), data.subarray(n, n + TAG_BYTES)]);
	}
	return splits;
}

const lengthPrefix = (part: Buffer) => Buffer.from([part.length]);

function asEvent(plain: Buffer): IDataObject | undefined {
	let payload: unknown;
	try {
		payload = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(plain));
	} catch {
		return undefined;
	}
	if (!payload || typeof payload !== 'object' || Array.isArray(payload)) return undefined;
	if (typeof (payload as IDataObject).webhook_trigger !== 'string') return undefined;
	return payload as IDataObject;
}

function field(body: IDataObject, names: string[]): string | undefined {
	const name = names.find((candidate) => typeof body[candidate] === 'string');
	return name ? (body[name] as string) : undefined;
}

/**
 * Decrypts an encrypted webhook body with the first of `secrets` that works (the credential's
 * secretKey, then its API key). Refuses anything that does not yield a JSON event.
 */
export function decryptPayload(
	body: unknown,
	mode: 'ecb' | 'gcm',
	secrets: string | string[],
): Decrypted {
	const keys = candidateKeys((Array.isArray(secrets) ? secrets : [secrets]).filter(Boolean));
	if (keys.length === 0) return { ok: false, reason: 'no key to decrypt with' };
	const record: IDataObject =
		typeof body === 'string' ? { data: body } : ((body ?? {}) as IDataObject);
	const encrypted = field(record, ['data']);
	if (encrypted === undefined) return { ok: false, reason: 'the body has no encrypted data' };
	const datas = decodings(encrypted);
	if (datas.length === 0)
		return { ok: false, reason: 'the encrypted data is neither base64 nor hex' };
	const nonceText = field(record, ['iv', 'nonce']);
	const tagText = field(record, ['tag', 'authTag', 'auth_tag']);
	const nonces = nonceText === undefined ? [undefined] : decodings(nonceText);
	const tags = tagText === undefined ? [undefined] : decodings(tagText);

	let decrypted = false;
	for (const key of keys) {
		for (const data of datas) {
			const attempts: Array<[Buffer | undefined, Buffer]> =
				mode === 'ecb'
					? [[ecb(key, data), data]]
					: nonces.flatMap((nonce) =>
							tags.flatMap((tag) =>
								gcmSplits(data, nonce, tag).map(([n, c, t]): [Buffer | undefined, Buffer] => [
									gcm(key, n, c, t),
									Buffer.concat([lengthPrefix(n), n, lengthPrefix(t), t, c]),
								]),
							),
						);
			for (const [plain, sealed] of attempts) {
				if (!plain) continue;
				decrypted = true;
				const payload = asEvent(plain);
				if (payload) return { ok: true, payload, sealed };
			}
		}
	}
	return decrypted
		? { ok: false, reason: 'the decrypted data is not a JSON event naming a webhook_trigger' }
		: { ok: false, reason: 'the data does not decrypt with this key' };
}
