'use strict';
/** The shared core as n8n runs it: item loop, Continue On Fail, concurrency, retries, cancellation, privacy. */
const { useSandbox, ekycRunner, imageItem, images, scenarios, vendorCalls } = require('../helpers');

const state = useSandbox();
const run = ekycRunner(state);
const { MARKERS, NIKS } = scenarios;
const ocr = { resource: 'idCard', operation: 'recognize', document: 'id' };
const check = (options = {}) => ({
	resource: 'identity',
	operation: 'check',
	nik: '={{ $json.nik }}',
	options,
});
const balance = (options = {}) => ({ resource: 'account', operation: 'getBalance', options });

describe('item loop', () => {
	test('Continue On Fail: every input item yields exactly one output item, in order, paired', async () => {
		const items = [
			imageItem({ data: images.jpeg() }),
			{ json: {} },
			imageItem({ data: images.gif() }),
			imageItem({ data: images.jpeg({ marker: MARKERS.notIdentityCard }) }),
			imageItem({ data: images.png() }),
		];
		const { items: out, error } = await run(ocr, items, { onError: 'continueRegularOutput' });
		expect(error).toBeUndefined();
		expect(out).toHaveLength(5);
		expect(out.map((item) => item.pairedItem)).toEqual([0, 1, 2, 3, 4].map((item) => ({ item })));
		expect(out[0].json.status).toBe('OK');
		expect(out[1].json.error).toMatch(/no binary field "data"/);
		expect(out[2].json.error).toMatch(/the file is GIF/);
		expect(out[3].json.error).toMatch(/^ekycpro FAIL: the image is not an identity card/);
		expect(out[4].json.status).toBe('OK');
		expect(vendorCalls(state, 'ekycpro')).toBe(3);
	});

	test('the error output receives the failed items', async () => {
		const items = [{ json: { nik: NIKS.registered } }, { json: { nik: '123' } }];
		const result = await run(check(), items, { onError: 'continueErrorOutput' });
		expect(result.items).toHaveLength(1);
		expect(result.errorItems).toHaveLength(1);
		expect(result.errorItems[0].json.error).toBe('NIK: must be exactly 16 digits; got 3 digits');
		expect(result.errorItems[0].pairedItem).toEqual({ item: 1 });
	});

	test('without Continue On Fail the first failing item stops the node, with its index', async () => {
		const items = [
			{ json: { nik: NIKS.registered } },
			{ json: { nik: '1' } },
			{ json: { nik: '2' } },
		];
		const { error } = await run(check(), items);
		expect(error.context.itemIndex).toBe(1);
	});

	test('Concurrency runs items in parallel and keeps output order = input order', async () => {
		state.sandbox.configure({ latencyMs: 300 });
		const niks = Array.from({ length: 8 }, (_, i) => `32010000000001${String(i).padStart(2, '0')}`);
		const { items } = await run(
			check({ concurrency: 4 }),
			niks.map((nik) => ({ json: { nik } })),
		);
		expect(items).toHaveLength(8);
		expect(items.map((item) => item.pairedItem.item)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
		// Read from the sandbox's own log, not a stopwatch, so a busy machine cannot fail it:
		// calls overlapped (a serial run never does) and never more than 4 at once.
		const calls = state.sandbox.requests.filter((r) => r.vendor === 'ekycpro');
		const inFlightAt = (t) => calls.filter((r) => r.at <= t && t < r.answeredAt).length;
		const peak = Math.max(...calls.map((r) => inFlightAt(r.at)));
		expect(calls).toHaveLength(8);
		expect(peak).toBeGreaterThan(1);
		expect(peak).toBeLessThanOrEqual(4);
	});
});

describe('retries', () => {
	test('429 with Retry-After is waited out and retried', async () => {
		state.sandbox.injectFault({ vendor: 'ekycpro', status: 429, retryAfter: 1, count: 1 });
		const started = Date.now();
		const { items, error } = await run(check(), [{ json: { nik: NIKS.registered } }]);
		expect(error).toBeUndefined();
		expect(items[0].json.status).toBe('OK');
		expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
		expect(vendorCalls(state, 'ekycpro')).toBe(2);
	});

	test('the sandbox rate limit answers 429 and the node gets through it', async () => {
		state.sandbox.configure({ rateLimit: { limit: 2, windowMs: 400, retryAfterSeconds: 0 } });
		const items = Array.from({ length: 4 }, () => ({ json: { nik: NIKS.registered } }));
		const { items: out, error } = await run(check({ concurrency: 4, retries: 5 }), items);
		expect(error).toBeUndefined();
		expect(out.every((item) => item.json.status === 'OK')).toBe(true);
		expect(state.sandbox.requests.some((request) => request.status === 429)).toBe(true);
	});

	test('503 is retried even for a billed call (it was refused, not processed)', async () => {
		state.sandbox.injectFault({ vendor: 'ekycpro', status: 503, count: 2 });
		const { items } = await run(check(), [{ json: { nik: NIKS.registered } }]);
		expect(items[0].json.status).toBe('OK');
		expect(vendorCalls(state, 'ekycpro')).toBe(3);
	});

	test('Rate-Limit Wait 0 reports the 429 at once', async () => {
		state.sandbox.injectFault({ vendor: 'ekycpro', status: 429, retryAfter: 1, count: 1 });
		const { error } = await run(check({ rateLimitWait: 0 }), [{ json: { nik: NIKS.registered } }]);
		expect(error.message).toBe(
			'ekycpro HTTP 429: rate limit reached; the vendor asks to retry after 1 s; with the 0 s already waited that is past the 0 s of Options → Rate-Limit Wait (Seconds), raise it to wait longer [HTTP 429, not billed]',
		);
		expect(vendorCalls(state, 'ekycpro')).toBe(1);
	});

	test('a Retry-After longer than the node waits is reported, not waited out', async () => {
		state.sandbox.injectFault({ vendor: 'ekycpro', status: 429, retryAfter: 600, count: 1 });
		const started = Date.now();
		const { error } = await run(check(), [{ json: { nik: NIKS.registered } }]);
		// Far below the 600 s it would wait, far above what a busy machine adds.
		expect(Date.now() - started).toBeLessThan(15_000);
		expect(error.message).toBe(
			'ekycpro HTTP 429: rate limit reached; the vendor asks to retry after 600 s; with the 0 s already waited that is past the 120 s of Options → Rate-Limit Wait (Seconds), raise it to wait longer [HTTP 429, not billed]',
		);
	});

	test('a dropped connection after sending: a billed call is not sent again', async () => {
		state.sandbox.injectFault({ vendor: 'ekycpro', drop: true, count: 1 });
		const { error } = await run(check(), [{ json: { nik: NIKS.registered } }]);
		expect(error.message).toMatch(
			/^ekycpro connection lost: the connection failed after the request was sent; it may have been processed and billed, so it was not sent again$/,
		);
		expect(vendorCalls(state, 'ekycpro')).toBe(1);
	});

	test('a dropped connection on a read is retried', async () => {
		state.sandbox.injectFault({ vendor: 'ekycpro', drop: true, count: 1 });
		const { items } = await run(balance(), [{ json: {} }]);
		expect(items[0].json.balance).toBe(100);
		expect(vendorCalls(state, 'ekycpro')).toBe(2);
	});

	test('a time-out on a billed call says it may have been processed', async () => {
		state.sandbox.configure({ latencyMs: 2500 });
		const { error } = await run(check({ timeout: 1 }), [{ json: { nik: NIKS.registered } }]);
		expect(error.message).toMatch(
			/^ekycpro time-out: no answer within 1 s after the request was sent; it may have been processed and billed/,
		);
		// The sandbox logs a call when it answers; let the slow answer land, then count.
		await new Promise((resolve) => setTimeout(resolve, 1700));
		expect(vendorCalls(state, 'ekycpro')).toBe(1);
	});

	test('a connection refused (nothing sent) is retried, then reported', async () => {
		const { error } = await run(check({ retries: 1 }), [{ json: { nik: NIKS.registered } }], {
			credentials: { baseUrl: 'http://127.0.0.1:1' },
		});
		expect(error.message).toBe(
			'ekycpro connection refused: could not connect; retries were used up',
		);
	});

	test('cancelling the execution during a backoff stops at once', async () => {
		state.sandbox.injectFault({ vendor: 'ekycpro', status: 503, retryAfter: 30, count: 5 });
		const started = Date.now();
		const result = await run(check(), [{ json: { nik: NIKS.registered } }], { cancelAfterMs: 300 });
		expect(Date.now() - started).toBeLessThan(15_000); // the backoff asks for 30 s
		expect(result.items).toHaveLength(0);
		expect(vendorCalls(state, 'ekycpro')).toBe(1);
	});
});

describe('privacy', () => {
	test('masks ID numbers in the output and drops the input images', async () => {
		const { items } = await run({ ...ocr, options: { privacy: true } }, [
			imageItem({ data: images.jpeg() }),
		]);
		const { json, binary } = items[0];
		expect(binary).toBeUndefined();
		expect(json.message.id).toBe('************0001');
		expect(json.identity.idNumber).toBe('************0001');
		expect(JSON.stringify(json)).not.toContain(NIKS.registered);
		expect(json.identity.fullName).toBe('BUDI SANTOSO');
	});

	test('off by default: the input image passes through for the next node', async () => {
		const { items } = await run(ocr, [imageItem({ data: images.jpeg() })]);
		expect(items[0].binary.data.mimeType).toBe('image/jpeg');
	});
});

describe('what never reaches a message', () => {
	test('a base64 image typed into Binary Field is described, not quoted', async () => {
		const image = images.jpeg().toString('base64');
		const { error } = await run({ ...ocr, imageBinaryField: image }, [
			imageItem({ data: images.jpeg() }),
		]);
		expect(error.message).toMatch(
			/^ID Card Image: the input item has no binary field named by a \d+-character value that is not a field name/,
		);
		expect(error.message).not.toContain(image.slice(0, 40));
		expect(vendorCalls(state, 'ekycpro')).toBe(0);
	});

	test('vendor text that echoes an ID number or an email is masked', async () => {
		state.sandbox.injectFault({
			vendor: 'ekycpro',
			status: 200,
			body: { status: 'FAIL', message: `NIK ${NIKS.registered} of budi@example.com unreadable` },
		});
		const { error } = await run(check(), [{ json: { nik: NIKS.registered } }]);
		expect(error.message).toContain('************0001 of b***@example.com unreadable');
		expect(error.message).not.toContain(NIKS.registered);
		expect(error.message).not.toContain('budi@');
	});
});

describe('answers that are not results', () => {
	test('an HTML page with HTTP 200 is an error, not an empty result', async () => {
		state.sandbox.injectFault({
			vendor: 'ekycpro',
			status: 200,
			body: '<html><body>Maintenance</body></html>',
		});
		const { error, items } = await run(check(), [{ json: { nik: NIKS.registered } }]);
		expect(items).toHaveLength(0);
		expect(error.message).toMatch(
			/^ekycpro UNEXPECTED: the answer is not the JSON object the vendor documents .*\[HTTP 200\]$/,
		);
		expect(error.message).not.toContain('Maintenance');
	});
});
