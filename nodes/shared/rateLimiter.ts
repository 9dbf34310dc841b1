import { MAX_WAIT_MS } from './retry';
import { waitOrAbort } from './wait';

/** Spacing margin over the learned vendor rate, and how much slower each further 429 makes it. */
const LEARN_MARGIN = 1.05;
const SLOW_DOWN = 1.1;
/** The shortest window the learned rate is counted over (vendors' limits are per second or longer). */
const MIN_WINDOW_MS = 1000;

/**
 * One per node execution, shared by all its items: after a 429 every call waits out the vendor's
 * `Retry-After` together, and from then on call starts are spaced to the rate the vendor admitted
 * before it refused, so concurrent items settle near the limit instead of bursting into 429s.
 * Until the first 429 it only notes when admitted calls started.
 */
export class RateLimiter {
	private pausedUntil = 0;
	private intervalMs = 0;
	private nextStart = 0;
	/** Start times of calls the vendor answered with anything but 429, oldest first. */
	private admitted: number[] = [];
	/** Calls started before this moment were sent under the previous pacing. */
	private pacedSince = 0;

	constructor(private readonly now: () => number = Date.now) {}

	/** Waits until a new call may start; returns its start time. */
	async acquire(signal?: AbortSignal): Promise<number> {
		for (;;) {
			const now = this.now();
			const slot = Math.max(now, this.pausedUntil, this.intervalMs > 0 ? this.nextStart : 0);
			if (this.intervalMs > 0) this.nextStart = slot + this.intervalMs;
			if (slot <= now) return now;
			await waitOrAbort(slot - now, signal);
			// A 429 that arrived meanwhile moved the pause past this slot: queue again.
			if (this.pausedUntil <= slot) return this.now();
		}
	}

	/** The call started at `startedAt` was answered with something other than 429. */
	admit(startedAt: number): void {
		this.admitted.push(startedAt);
		const horizon = this.now() - MAX_WAIT_MS;
		let stale = 0;
		while (stale < this.admitted.length && this.admitted[stale] < horizon) stale++;
		if (stale > 0) this.admitted.splice(0, stale);
	}

	/**
	 * The call started at `startedAt` was refused with 429: pause every call for `pauseMs`, and pace
	 * from now on (learned from the admitted calls in the window before it, or a little slower than
	 * before if it was already paced).
	 */
	refuse(startedAt: number, pauseMs: number): void {
		const now = this.now();
		this.pausedUntil = Math.max(this.pausedUntil, now + pauseMs);
		if (startedAt < this.pacedSince) return;
		if (this.intervalMs > 0) {
			this.intervalMs *= SLOW_DOWN;
		} else {
			const windowMs = Math.max(MIN_WINDOW_MS, pauseMs);
			const inWindow = this.admitted.filter((at) => at > startedAt - windowMs && at <= startedAt);
			if (inWindow.length === 0) return;
			this.intervalMs = (windowMs / inWindow.length) * LEARN_MARGIN;
		}
		this.pacedSince = now;
		this.nextStart = 0;
	}

	/** Milliseconds between call starts; 0 while no 429 was seen. */
	get spacingMs(): number {
		return this.intervalMs;
	}
}
