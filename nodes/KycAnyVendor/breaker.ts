/**
 * Per execution: once a vendor was busy or unreachable with its retries used up, later items skip
 * it for the cool-down instead of paying its retries and time-outs again.
 */
export class CircuitBreaker {
	private readonly openUntil = new Map<string, number>();

	constructor(private readonly coolDownMs: number) {}

	trip(vendor: string): void {
		if (this.coolDownMs > 0) this.openUntil.set(vendor, Date.now() + this.coolDownMs);
	}

	/** Seconds left of the vendor's cool-down; 0 when it may be called. */
	coolingFor(vendor: string): number {
		const until = this.openUntil.get(vendor);
		return until === undefined ? 0 : Math.max(0, Math.ceil((until - Date.now()) / 1000));
	}
}
