'use strict';
const { RateLimiter } = require('../../nodes/shared/rateLimiter');
const { CancelledError } = require('../../nodes/shared/wait');

function clocked() {
	const clock = { t: 10_000 };
	return { clock, limiter: new RateLimiter(() => clock.t) };
}

describe('RateLimiter', () => {
	test('without a 429 it never waits nor paces', async () => {
		const { clock, limiter } = clocked();
		for (let i = 0; i < 50; i++) {
			expect(await limiter.acquire()).toBe(clock.t);
			limiter.admit(clock.t);
		}
		expect(limiter.spacingMs).toBe(0);
	});

	test('learns the rate from the calls admitted in the window before the 429, with a margin', () => {
		const { clock, limiter } = clocked();
		limiter.admit(7_000); // outside the 1 s window before the refused call
		for (let i = 0; i < 20; i++) limiter.admit(clock.t + i * 10);
		clock.t += 300;
		limiter.refuse(clock.t - 100, 1000);
		expect(limiter.spacingMs).toBeCloseTo((1000 / 20) * 1.05);
	});

	test('a further 429 slows the pacing a little; refusals of calls sent before it do not', () => {
		const { clock, limiter } = clocked();
		for (let i = 0; i < 10; i++) limiter.admit(clock.t);
		clock.t += 100;
		limiter.refuse(clock.t - 50, 1000);
		const learned = limiter.spacingMs;
		limiter.refuse(clock.t - 40, 1000); // same burst, sent before the pacing started
		expect(limiter.spacingMs).toBe(learned);
		clock.t += 2000;
		limiter.refuse(clock.t - 10, 1000);
		expect(limiter.spacingMs).toBeCloseTo(learned * 1.1);
	});

	test('a cancelled execution stops waiting out the pause at once', async () => {
		const limiter = new RateLimiter();
		limiter.admit(Date.now());
		limiter.refuse(Date.now(), 60_000);
		const controller = new AbortController();
		const started = Date.now();
		const waiting = limiter.acquire(controller.signal);
		controller.abort();
		await expect(waiting).rejects.toBeInstanceOf(CancelledError);
		expect(Date.now() - started).toBeLessThan(10_000);
	});
});
