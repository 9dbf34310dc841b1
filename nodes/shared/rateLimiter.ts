import { MAX_WAIT_MS } from './retry';
import { waitOrAbort } from './wait';

/** Margin over a vendor's rate (learned or set in the credential): arrivals jitter by a few ms. */
const MARGIN = 1.05;
/** How much slower each further 429 makes the pace, and how much faster each quiet spell. */
const SLOW_DOWN = 1.1;
const SPEED_UP = 1.05;
/** A pace slowed by 429s speeds up again after this long without one. */
const QUIET_MS = 15_000;
/** The shortest window the learned rate is counted over (vendors' limits are per second or longer). */
const MIN_WINDOW_MS = 1000;
/** Calls a little after the refused one may have reached the vendor before it (arrival order varies). */
const LEARN_SLACK_MS = 50;
/** Call starts kept for learning at most (a bound on memory, whatever the rate). */
const MAX_ADMITTED = 10_000;

/**
 * One per vendor account in a process (see `vendorPace.ts`), shared by every execution's calls to
 * it. A pace is "at most `limit` call starts in any `windowMs`": set up front from the credential's
 * Requests per Second, or learned from the vendor's first 429 (the calls it admitted in the window
 * before it). After a 429 every call waits out the vendor's `Retry-After` together; each further
 * 429 slows the pace, and a quiet spell speeds it up again, never past the rate the vendor admitted
 * or the credential set. Until a pace is known it only notes when admitted calls started.
 */
export class RateLimiter {
	private pausedUntil = 0;
	/** At most `limit` starts in any `windowMs`; 0: no pace yet. */
	private limit = 0;
	private windowMs = MIN_WINDOW_MS;
	/** The fastest window this pace may speed up to: as learned, or as the credential sets it. */
	private floorMs = MIN_WINDOW_MS;
	private configured = 0;
	/** Starts handed out and not refused (ascending): what the window counts. */
	private starts: number[] = [];
	/** Start times of calls the vendor answered with anything but 429, oldest first. */
	private admitted: number[] = [];
	/** Calls started before this moment were sent under the previous pacing. */
	private pacedSince = 0;
	/** The refused call the pace was learned from, while no further 429 has slowed it. */
	private learnedFrom?: { startedAt: number; windowMs: number };
	private quietSince = 0;
	private waiting = 0;
	/** The last pause, for the jitter of calls released by it while there is no pace. */
	private pauseMs = 0;
	private usedAt: number;

	constructor(private readonly now: () => number = Date.now) {
		this.usedAt = now();
	}

	/**
	 * The credential's Requests per Second (0: none, learn from 429s only). A changed value takes
	 * effect at once; removing it goes back to learning.
	 */
	configure(requestsPerSecond: number): void {
		const rate =
			Number.isFinite(requestsPerSecond) && requestsPerSecond > 0 ? requestsPerSecond : 0;
		if (rate === this.configured) return;
		this.configured = rate;
		this.learnedFrom = undefined;
		if (rate === 0) {
			// Removed from the credential: back to learning from 429s.
			this.limit = 0;
			this.windowMs = MIN_WINDOW_MS;
			this.floorMs = MIN_WINDOW_MS;
			return;
		}
		// Whole calls per window: 0.5 per second is 1 call per 2 s.
		const limit = Math.max(1, Math.floor(rate));
		const windowMs = (limit / rate) * 1000 * MARGIN;
		this.limit = limit;
		this.windowMs = windowMs;
		this.floorMs = windowMs;
		this.pacedSince = this.now();
	}

	/**
	 * Waits until a new call may start; returns its start time, or undefined (and starts nothing)
	 * when that would be after `deadline`.
	 */
	async acquire(signal?: AbortSignal, deadline = Infinity): Promise<number | undefined> {
		this.waiting++;
		try {
			for (;;) {
				const now = this.now();
				this.usedAt = now;
				this.speedUp(now);
				this.forgetStarts(now);
				let slot = Math.max(now, this.pausedUntil, this.windowSlot());
				// Without a pace, calls held by a pause do not all return at its end together.
				if (this.limit === 0 && slot === this.pausedUntil && slot > now)
					slot += Math.random() * Math.min(1000, this.pauseMs / 10);
				if (slot > deadline) return undefined;
				this.starts.push(slot);
				if (slot <= now) return now;
				// A cancelled wait gives its place in the window back.
				await waitOrAbort(slot - now, signal).catch(async (error: unknown) => {
					this.unstart(slot);
					return await Promise.reject(error);
				});
				// A 429 that arrived meanwhile moved the pause past this slot: queue again.
				if (this.pausedUntil <= slot) return slot;
				this.unstart(slot);
			}
		} finally {
			this.waiting--;
		}
	}

	/** The call started at `startedAt` was answered with something other than 429. */
	admit(startedAt: number): void {
		const now = this.now();
		this.usedAt = now;
		this.admitted.push(startedAt);
		const horizon = now - MAX_WAIT_MS;
		let stale = Math.max(0, this.admitted.length - MAX_ADMITTED);
		while (stale < this.admitted.length && this.admitted[stale] < horizon) stale++;
		if (stale > 0) this.admitted.splice(0, stale);
		// An answer that arrived after the 429 the pace was learned from: the vendor admitted one more.
		const learned = this.learnedFrom;
		if (
			learned &&
			startedAt <= learned.startedAt + LEARN_SLACK_MS &&
			startedAt > learned.startedAt - learned.windowMs
		) {
			this.limit++;
		}
	}

	/**
	 * The call started at `startedAt` was refused with 429: pause every call for `pauseMs`, and pace
	 * from now on (learned from the admitted calls in the window before it, or slower than before if
	 * it was already paced).
	 */
	refuse(startedAt: number, pauseMs: number): void {
		const now = this.now();
		this.usedAt = now;
		this.unstart(startedAt);
		this.pausedUntil = Math.max(this.pausedUntil, now + pauseMs);
		this.pauseMs = pauseMs;
		this.quietSince = now;
		if (startedAt < this.pacedSince) return;
		if (this.limit > 0) {
			this.windowMs *= SLOW_DOWN;
			this.learnedFrom = undefined;
		} else {
			const windowMs = Math.max(MIN_WINDOW_MS, pauseMs);
			const inWindow = this.admitted.filter(
				(at) => at > startedAt - windowMs && at <= startedAt + LEARN_SLACK_MS,
			);
			if (inWindow.length === 0) return;
			this.limit = inWindow.length;
			this.windowMs = windowMs * MARGIN;
			this.floorMs = this.windowMs;
			this.learnedFrom = { startedAt, windowMs };
		}
		this.pacedSince = now;
	}

	/** Milliseconds between call starts on average; 0 while there is no pace. */
	get spacingMs(): number {
		return this.limit > 0 ? this.windowMs / this.limit : 0;
	}

	/** Whether nothing waits here and nothing has used it for `idleMs`. */
	idle(now: number, idleMs: number): boolean {
		return this.waiting === 0 && now - this.usedAt > idleMs && this.pausedUntil <= now;
	}

	/** The earliest start the pace allows: `limit` starts in any window, the next one after it. */
	private windowSlot(): number {
		if (this.limit === 0 || this.starts.length < this.limit) return 0;
		return this.starts[this.starts.length - this.limit] + this.windowMs;
	}

	/** Starts no future window can hold. */
	private forgetStarts(now: number): void {
		let stale = 0;
		while (stale < this.starts.length && this.starts[stale] <= now - this.windowMs) stale++;
		if (stale > 0) this.starts.splice(0, stale);
	}

	/** A start that was refused, or did not happen after all, no longer counts in its window. */
	private unstart(slot: number): void {
		const index = this.starts.lastIndexOf(slot);
		if (index !== -1) this.starts.splice(index, 1);
	}

	/** Carefully faster after a quiet spell: one step per spell, never past the floor. */
	private speedUp(now: number): void {
		if (this.limit === 0 || this.windowMs <= this.floorMs) return;
		if (now - this.quietSince < QUIET_MS) return;
		this.windowMs = Math.max(this.floorMs, this.windowMs / SPEED_UP);
		this.quietSince = now;
	}
}
