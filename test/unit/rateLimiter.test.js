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

	test('Requests per Second paces from the first call: that many starts in any window (with a 5% margin)', async () => {
		const { clock, limiter } = clocked();
		limiter.configure(2);
		expect(await limiter.acquire()).toBe(10_000);
		expect(await limiter.acquire()).toBe(10_000);
		// The third would wait a window; with a deadline before it, it starts nothing.
		expect(await limiter.acquire(undefined, 10_500)).toBeUndefined();
		clock.t = 11_050;
		expect(await limiter.acquire()).toBe(11_050);
		expect(limiter.spacingMs).toBeCloseTo(525);
		// Removed from the credential: back to learning from 429s.
		limiter.configure(0);
		expect(limiter.spacingMs).toBe(0);
	});

	test('a refused call leaves its window; answers that arrive after the 429 raise the learned limit', () => {
		const { clock, limiter } = clocked();
		for (let i = 0; i < 5; i++) limiter.admit(clock.t + i);
		limiter.refuse(clock.t + 10, 1000);
		expect(limiter.spacingMs).toBeCloseTo(1050 / 5);
		// Five more calls of the same burst, started before the refused one, answer late.
		for (let i = 0; i < 5; i++) limiter.admit(clock.t + 5 + i);
		expect(limiter.spacingMs).toBeCloseTo(1050 / 10);
	});

	test('a pace slowed by 429s speeds up after a quiet spell, never past the rate it learned', async () => {
		const { clock, limiter } = clocked();
		for (let i = 0; i < 10; i++) limiter.admit(clock.t);
		limiter.refuse(clock.t, 1000);
		const learned = limiter.spacingMs;
		clock.t += 2000;
		limiter.refuse(clock.t, 1000);
		expect(limiter.spacingMs).toBeCloseTo(learned * 1.1);
		clock.t += 16_000;
		await limiter.acquire();
		expect(limiter.spacingMs).toBeCloseTo((learned * 1.1) / 1.05);
		clock.t += 16_000;
		await limiter.acquire();
		expect(limiter.spacingMs).toBeCloseTo(learned);
	});
});

describe('vendorPace: one limiter per vendor account in a process', () => {
	const { vendorPace, pacedAccounts, forgetPaces } = require('../../nodes/shared/vendorPace');
	const vendor = { credentialType: 'ekycProApi' };
	const other = { credentialType: 'wideKycApi' };
	const account = { apiKey: 'key-one-123456', baseUrl: 'http://127.0.0.1:1/x' };
	beforeEach(() => forgetPaces());

	test('the same credential values share one limiter; another key, base URL or vendor does not', () => {
		const limiter = vendorPace(vendor, { ...account });
		expect(vendorPace(vendor, { ...account, requestsPerSecond: 5 })).toBe(limiter);
		expect(vendorPace(vendor, { ...account, apiKey: 'key-two-123456' })).not.toBe(limiter);
		expect(vendorPace(vendor, { ...account, baseUrl: 'http://127.0.0.1:2/x' })).not.toBe(limiter);
		expect(vendorPace(other, { ...account })).not.toBe(limiter);
		expect(pacedAccounts()).toBe(4);
	});

	test('an account unused for 10 minutes is dropped', () => {
		const start = Date.now();
		const limiter = vendorPace(vendor, account, start);
		vendorPace(other, account, start + 11 * 60_000);
		expect(pacedAccounts()).toBe(1);
		expect(vendorPace(vendor, account, start + 11 * 60_000)).not.toBe(limiter);
	});
});
