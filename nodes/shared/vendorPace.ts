import { createHmac, randomBytes } from 'crypto';
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { RateLimiter } from './rateLimiter';
import type { KycVendor } from './types';

/** The credential field that sets a vendor account's pace up front (credentials/common.ts). */
export const REQUESTS_PER_SECOND = 'requestsPerSecond';

/** A limiter nothing has used for this long is dropped (its account is relearned on its next call). */
const IDLE_MS = 10 * 60_000;
/** At most this many accounts are kept; past it the least recently used idle ones go first. */
const MAX_LIMITERS = 1000;

/**
 * Every limiter of this n8n process, one per vendor account: keyed by the credential type and a
 * keyed digest of the credential's values (the key is random per process, so no value can be
 * read back or guessed from it). Executions of any workflow that call the same vendor with the
 * same credential values share one pace; other credentials or vendors never wait for each other.
 */
const limiters = new Map<string, RateLimiter>();
const digestKey = randomBytes(32);

function accountKey(vendor: KycVendor, credentials: ICredentialDataDecryptedObject): string {
	const hmac = createHmac('sha256', digestKey);
	const fields = Object.keys(credentials)
		.filter((field) => field !== REQUESTS_PER_SECOND)
		.sort();
	for (const field of fields) {
		const text = JSON.stringify(credentials[field] ?? null);
		hmac.update(`${field}\u0000${Buffer.byteLength(text)}\u0000`).update(text);
	}
	return `${vendor.credentialType}\u0000${hmac.digest('hex')}`;
}

/** Drops limiters unused for `IDLE_MS`, and the least recently used idle ones past `MAX_LIMITERS`. */
function prune(now: number): void {
	for (const [key, limiter] of limiters) {
		const over = limiters.size > MAX_LIMITERS;
		if (limiter.idle(now, over ? 0 : IDLE_MS)) limiters.delete(key);
		else if (!over) break;
	}
}

/** The pace of the vendor account these credential values reach, shared across this process. */
export function vendorPace(
	vendor: KycVendor,
	credentials: ICredentialDataDecryptedObject,
	now = Date.now(),
): RateLimiter {
	const key = accountKey(vendor, credentials);
	prune(now);
	const limiter = limiters.get(key) ?? new RateLimiter();
	// Re-inserted: the Map's order is then least recently asked for first.
	limiters.delete(key);
	limiters.set(key, limiter);
	limiter.configure(Number(credentials[REQUESTS_PER_SECOND] ?? 0));
	return limiter;
}

/** How many vendor accounts this process paces, for tests. */
export function pacedAccounts(): number {
	return limiters.size;
}

/** Forgets every pace, as a new process would start (tests: each test its own process). */
export function forgetPaces(): void {
	limiters.clear();
}
