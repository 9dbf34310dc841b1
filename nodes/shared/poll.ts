import { waitOrAbort } from './wait';

export interface PollSettings {
	/** Gives up after this long, counted from the first wait. */
	timeoutMs: number;
	/** The first wait; each next one is `growth` times longer, up to `maxDelayMs`. */
	firstDelayMs?: number;
	growth?: number;
	maxDelayMs?: number;
	signal?: AbortSignal;
}

export interface PollOutcome<T> {
	last: T;
	finished: boolean;
	/** How many times `read` was called. */
	reads: number;
}

/** The waits before each read: growing, capped, and never past the deadline. */
export function pollDelays(settings: PollSettings): number[] {
	const { timeoutMs, firstDelayMs = 500, growth = 1.5, maxDelayMs = 5000 } = settings;
	const delays: number[] = [];
	let total = 0;
	let next = firstDelayMs;
	while (total < timeoutMs) {
		const delay = Math.min(next, maxDelayMs, timeoutMs - total);
		delays.push(delay);
		total += delay;
		next = Math.round(next * growth);
	}
	return delays;
}

/**
 * Reads a job again and again, waiting longer each time, until `finished` says it is done or the
 * time-out passes. Cancelling the execution stops the wait at once.
 */
export async function pollUntil<T>(
	first: T,
	read: () => Promise<T>,
	finished: (value: T) => boolean,
	settings: PollSettings,
): Promise<PollOutcome<T>> {
	let last = first;
	let reads = 0;
	if (finished(last)) return { last, finished: true, reads };
	for (const delay of pollDelays(settings)) {
		await waitOrAbort(delay, settings.signal);
		last = await read();
		reads++;
		if (finished(last)) return { last, finished: true, reads };
	}
	return { last, finished: false, reads };
}
