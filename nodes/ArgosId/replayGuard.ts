import { createHash } from 'crypto';

import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

/**
 * Remembers which Argos webhooks already started the workflow, so that a captured call sent again
 * starts nothing. What is remembered is a digest of the ciphertext that decrypted (for GCM its
 * nonce, tag and ciphertext, so a re-encoded or re-laid-out copy is the same call), or of the JSON
 * body when Argos sends it unencrypted.
 *
 * The digests live in the node's static data, which n8n keeps in its database, so they survive a
 * restart: n8n saves a webhook's static data when the webhook's answer is sent (LiveWebhooks'
 * response callback, n8n 1.x and 2.x), which is why the trigger answers accepted calls itself.
 * Each webhook call loads static data afresh from the database, so two copies arriving together
 * would both look new there: this process also keeps the digests it accepted in the last minutes
 * and merges them into what it saves. Several n8n webhook processes (queue mode) share only what
 * the database holds.
 */

const FIELD = 'acceptedWebhookDigests';
/** At most this many digests are kept, the newest. */
export const REMEMBERED = 10_000;
/** Each is kept for a week (at least 24 hours is the promise), fewer calls permitting. */
export const REMEMBER_SECONDS = 7 * 24 * 3600;
/** How long this process keeps what it accepted: well past the save of its static data. */
const IN_PROCESS_SECONDS = 15 * 60;

const acceptedHere = new Map<string, Map<string, number>>();

const nowSeconds = () => Math.floor(Date.now() / 1000);

/** 128 bits of SHA-256, base64url: 22 characters per call. */
export const deliveryDigest = (material: Buffer | string) =>
	createHash('sha256').update(material).digest().subarray(0, 16).toString('base64url');

function newest(entries: Array<[string, number]>, since: number, limit: number) {
	const fresh = entries.filter(([, at]) => typeof at === 'number' && at >= since);
	fresh.sort((a, b) => b[1] - a[1]);
	return fresh.slice(0, limit);
}

/**
 * Whether this is the first time this call arrives; if so it is remembered. Test URL calls
 * ("Listen for test event") are not remembered: sending the same sample twice is how workflows
 * are built.
 */
export function firstDelivery(fn: IWebhookFunctions, material: Buffer | string): boolean {
	if (fn.getMode() === 'manual') return true;
	const digest = deliveryDigest(material);
	const now = nowSeconds();
	const key = `${fn.getWorkflow().id ?? ''} ${fn.getNode().id}`;
	const here = new Map(
		newest([...(acceptedHere.get(key) ?? [])], now - IN_PROCESS_SECONDS, REMEMBERED),
	);
	const data = fn.getWorkflowStaticData('node');
	const stored = (data[FIELD] ?? {}) as IDataObject;
	const storedAt = stored[digest];
	if (here.has(digest) || (typeof storedAt === 'number' && storedAt >= now - REMEMBER_SECONDS)) {
		acceptedHere.set(key, here);
		return false;
	}
	here.set(digest, now);
	acceptedHere.set(key, here);
	const merged = newest(
		[...(Object.entries(stored) as Array<[string, number]>), ...here],
		now - REMEMBER_SECONDS,
		REMEMBERED,
	);
	// A new object assigned at the top level is what marks static data as changed for n8n.
	data[FIELD] = Object.fromEntries(merged);
	return true;
}
