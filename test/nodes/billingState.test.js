'use strict';
const net = require('net');
/**
 * Issue 21, items 1, 7 and 9: an item's billing state. Once any call of an item was sent to a vendor
 * and that call is billed (or may have been), the item is billed at that vendor whatever happens
 * to its later calls: Failover does not move on, `attempts` says `billed: true`, and the vendor
 * node's error says billed. A redirect is answered without processing: not billed, no failover.
 */
const {
	useSandbox,
	anyVendorRunner,
	ilumaRunner,
	ekycRunner,
	imageItem,
	images,
	anyVendorSent,
} = require('../helpers');

const state = useSandbox();
const anyVendor = anyVendorRunner(state);
const iluma = ilumaRunner(state);
const ekyc = ekycRunner(state);

const OCR = '/iluma/v1/identity/id_card_images';
/** Iluma's OCR job stays PENDING, so Wait for Result reads it (GET) after the billed POST. */
beforeEach(() => state.sandbox.vendorControl('iluma', 'configure', { completeAfterMs: 60_000 }));

/** Every status read of Iluma's OCR job answers `status` (the billed POST itself goes through). */
const failStatusReads = (status) =>
	state.sandbox.injectFault({ vendor: 'iluma', method: 'GET', status, count: 50 });

const readKtp = {
	check: 'readKtp',
	vendors: ['iluma', 'wideKyc'],
	options: { retries: 1, rateLimitWait: 0 },
};
const ktpItem = () => imageItem({ ktp: images.jpeg() });

describe('KYC (Any Vendor) Read KTP: a billed OCR request ends the item at Iluma', () => {
	test.each([
		['503', 503],
		['401', 401],
		['429', 429],
	])(
		'the status read after the billed POST answers %s: no second vendor, Iluma billed: true',
		async (_name, status) => {
			failStatusReads(status);
			const { items, error } = await anyVendor(readKtp, [ktpItem()], {
				onError: 'continueRegularOutput',
			});
			expect(error).toBeUndefined();
			const json = items[0].json;
			expect(json.error).toMatch(/Iluma/);
			expect(json.attempts).toEqual([
				expect.objectContaining({ vendor: 'iluma', outcome: 'failed', billed: true }),
			]);
			expect(anyVendorSent(state)).toEqual(['iluma']);
			expect(
				state.sandbox.requests.filter((r) => r.path === OCR && r.method === 'POST'),
			).toHaveLength(1);
		},
	);
});

describe('Iluma ID Card OCR: a failed status read after the billed request says billed', () => {
	test.each([
		['503', 503],
		['401', 401],
	])('status read answers %s', async (_name, status) => {
		failStatusReads(status);
		const { items } = await iluma(
			{
				resource: 'idCardOcr',
				operation: 'extract',
				cardType: 'indonesia_ktp',
				options: { retries: 1 },
			},
			[imageItem({ data: images.jpeg() })],
			{ onError: 'continueRegularOutput' },
		);
		expect(items[0].json.error).toMatch(/\bbilled\b/);
		expect(items[0].json.error).not.toMatch(/not billed/);
	});
});

describe('a redirect is not billed and does not fail over', () => {
	test('KYC (Any Vendor) Verify NIK: the first vendor answers 302', async () => {
		state.sandbox.injectFault({
			vendor: 'iluma',
			status: 302,
			headers: { Location: 'http://127.0.0.1:9/elsewhere' },
		});
		const { items } = await anyVendor(
			{
				check: 'verifyNik',
				vendors: ['iluma', 'wideKyc'],
				nik: '3201000000000001',
				name: 'Budi Santoso',
			},
			[{ json: {} }],
			{ onError: 'continueRegularOutput' },
		);
		expect(items[0].json.attempts).toEqual([
			expect.objectContaining({ vendor: 'iluma', outcome: 'failed', billed: false }),
		]);
		expect(items[0].json.error).toMatch(/not billed/);
		expect(anyVendorSent(state)).toEqual(['iluma']);
	});
});

describe('a malformed or truncated answer after sending may have been processed (item 7)', () => {
	/** A loopback server that reads a request, counts it, and answers with `reply`'s bytes. */
	async function rawVendor(reply) {
		const server = net.createServer((socket) => {
			socket.once('data', () => {
				server.calls++;
				reply(socket);
			});
		});
		server.calls = 0;
		await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
		return server;
	}
	const REPLIES = {
		'an invalid status line': (socket) => socket.end('garbage\r\n\r\n'),
		'a truncated body': (socket) =>
			socket.end(
				'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"status":',
			),
	};

	test.each(Object.keys(REPLIES))(
		'%s: n8n Retry On Fail does not send the call again, and the message says why',
		async (name) => {
			const server = await rawVendor(REPLIES[name]);
			try {
				const { items, error } = await ekyc(
					{ resource: 'liveness', operation: 'detect', options: { retries: 2 } },
					[imageItem({ data: images.jpeg() })],
					{
						credentials: { baseUrl: `http://127.0.0.1:${server.address().port}` },
						executionId: `malformed-${name}`,
						settings: { retryOnFail: true, maxTries: 3, waitBetweenTries: 0 },
					},
				);
				const message = error ? error.message : items[0].json.error;
				expect(message).toMatch(/may have been processed/);
				expect(message).not.toMatch(/retries were used up/);
				expect(server.calls).toBe(1);
			} finally {
				server.close();
			}
		},
	);
});
