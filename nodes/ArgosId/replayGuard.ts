import { createHash } from 'crypto';

import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

import type { EventIdentity } from './eventIdentity';

/**
 * Remembers which Argos events already started the workflow, so that a captured webhook sent
 * again starts nothing. What is remembered is a digest of the event's identity (eventIdentity.ts:
 * the decision, from the decrypted payload), so the same decision re-encrypted, re-ordered or
 * padded with other fields is the same event.
 *
 * Events that carry a time (Argos's decisions do) are refused once older than Maximum Event Age,
 * and remembered by that time for as long as they are younger. At most the newest 10,000 are kept;
 * when one is pushed out, the memory's `floor` rises to its time and every event no newer than the
 * floor is refused as one that may have been seen. So an event is always either remembered, or too
 * old, or at or below the floor: no count of newer deliveries and no wait lets it start twice.
 * Events without a time (Argos documents none for `created`, `retry`, `aml`) are kept the newest
 * 10,000, each for 7 days, as nothing tells a replay of one from a new one after that.
 *
 * The memory lives in the node's static data, which n8n keeps in its database, so it survives a
 * restart: n8n saves a webhook's static data when the webhook's answer is sent (LiveWebhooks'
 * response callback, n8n 1.x and 2.x), which is why the trigger answers accepted calls itself.
 * Each webhook call loads static data afresh from the database, so two copies arriving together
 * would both look new there: this process also keeps the digests it accepted in the last minutes
 * and merges them into what it saves. Several n8n webhook processes (queue mode) share only what
 * the database holds.
 */

const FIELD = 'acceptedWebhookEvents';
/** Where versions before the decision key kept ciphertext digests (read until they expire). */
const LEGACY_FIELD = 'acceptedWebhookDigests';
/** At most this many of each kind are kept, the newest. */
export const REMEMBERED = 10_000;
/** Events without a time are kept a week (at least 24 hours is the promise), fewer calls permitting. */
export const REMEMBER_SECONDS = 7 * 24 * 3600;
/** The largest Maximum Event Age: a week, like the memory of events without a time. */
export const MAX_EVENT_AGE_HOURS = 168;
/** How long this process keeps what it accepted: well past the save of its static data. */
const IN_PROCESS_MS = 15 * 60 * 1000;

export type Delivery = 'first' | 'replay' | 'tooOld';

interface Memory {
	/** Events at or before this time (ms) are refused: one of them was pushed out. */
	floor: number;
	/** digest → event time (ms). */
	timed: Record<string, number>;
	/** digest → when accepted (s). */
	untimed: Record<string, number>;
}

interface Accepted {
	digest: string;
	time?: number;
	acceptedAt: number;
}

const acceptedHere = new Map<string, Accepted[]>();

/** 128 bits of SHA-256, base64url: 22 characters per event. */
export const deliveryDigest = (material: Buffer | string) =>
	createHash('sha256').update(material).digest().subarray(0, 16).toString('base64url');

function numbers(value: unknown): Record<string, number> {
	if (!value || typeof value !== 'object') return {};
	return Object.fromEntries(
		Object.entries(value as IDataObject).filter(([, at]) => typeof at === 'number'),
	) as Record<string, number>;
}

function readMemory(data: IDataObject): Memory {
	const stored = (data[FIELD] ?? {}) as IDataObject;
	return {
		floor: typeof stored.floor === 'number' ? stored.floor : 0,
		timed: numbers(stored.timed),
		untimed: numbers(stored.untimed),
	};
}

/** The newest `REMEMBERED` entries at or after `since`, and the newest time of those dropped. */
function keepNewest(entries: Array<[string, number]>, since: number) {
	const sorted = [...new Map(entries)].sort((a, b) => b[1] - a[1]);
	let count = 0;
	while (count < sorted.length && count < REMEMBERED && sorted[count][1] >= since) count += 1;
	return { kept: Object.fromEntries(sorted.slice(0, count)), droppedNewest: sorted[count]?.[1] };
}

/**
 * Whether this event starts the workflow ('first', and then it is remembered), was seen already
 * ('replay') or is older than `maxAgeMs` or than what the memory can vouch for ('tooOld'). Test
 * URL calls ("Listen for test event") are neither checked nor remembered: sending the same sample
 * twice is how workflows are built. `legacyMaterial` is what earlier versions digested.
 */
export function firstDelivery(
	fn: IWebhookFunctions,
	identity: EventIdentity,
	maxAgeMs: number,
	legacyMaterial: Buffer | string,
): Delivery {
	if (fn.getMode() === 'manual') return 'first';
	const now = Date.now();
	const { time } = identity;
	if (time !== undefined && now - time > maxAgeMs) return 'tooOld';

	const digest = deliveryDigest(identity.key);
	const key = `${fn.getWorkflow().id ?? ''} ${fn.getNode().id}`;
	const here = (acceptedHere.get(key) ?? []).filter(
		(entry) => entry.acceptedAt >= now - IN_PROCESS_MS,
	);
	acceptedHere.set(key, here);
	const data = fn.getWorkflowStaticData('node');
	const memory = readMemory(data);
	if (time !== undefined && time <= memory.floor) return 'tooOld';
	const nowSeconds = Math.floor(now / 1000);
	const legacy = numbers(data[LEGACY_FIELD]);
	const legacyAt = legacy[deliveryDigest(legacyMaterial)];
	if (
		here.some((entry) => entry.digest === digest) ||
		memory.timed[digest] !== undefined ||
		(memory.untimed[digest] ?? -Infinity) >= nowSeconds - REMEMBER_SECONDS ||
		(legacyAt ?? -Infinity) >= nowSeconds - REMEMBER_SECONDS
	)
		return 'replay';

	here.push({ digest, time, acceptedAt: now });
	const timed = keepNewest(
		[
			...Object.entries(memory.timed),
			...here.flatMap(
				(entry): Array<[string, number]> =>
					entry.time === undefined ? [] : [[entry.digest, entry.time]],
			),
		],
		now - maxAgeMs,
	);
	const untimed = keepNewest(
		[
			...Object.entries(memory.untimed),
			...here.flatMap(
				(entry): Array<[string, number]> =>
					entry.time === undefined ? [[entry.digest, Math.floor(entry.acceptedAt / 1000)]] : [],
			),
		],
		nowSeconds - REMEMBER_SECONDS,
	);
	// A new object assigned at the top level is what marks static data as changed for n8n.
	data[FIELD] = {
		floor: Math.max(memory.floor, timed.droppedNewest ?? 0),
		timed: timed.kept,
		untimed: untimed.kept,
	};
	if (data[LEGACY_FIELD] !== undefined) {
		const current = keepNewest(Object.entries(legacy), nowSeconds - REMEMBER_SECONDS).kept;
		if (Object.keys(current).length > 0) data[LEGACY_FIELD] = current;
		else delete data[LEGACY_FIELD];
	}
	return 'first';
}
