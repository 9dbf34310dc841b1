'use strict';
/** What makes two calls the same call, and how long billed outcomes are kept (engine tests: test/nodes/retryOnFail.test.js). */
const { BilledAnswers, keptOutcomes, requestDigest } = require('../../nodes/shared/billedAnswers');
const { multipartBody } = require('../../nodes/shared/multipart');

const TARGET = 'http://127.0.0.1:1/ekycpro';
const image = (bytes, fileName = 'id.jpg') => ({
	data: Buffer.from(bytes),
	mimeType: 'image/jpeg',
	fileName,
});
const multipart = (fields) => ({
	method: 'POST',
	path: '/ocr',
	multipart: multipartBody(fields),
	repeatable: false,
});
const digest = (request) => requestDigest(request, TARGET);

describe('requestDigest', () => {
	test('a multipart body is digested part by part: same parts, same digest', async () => {
		const a = await digest(multipart({ message: '{"lang":"ko"}', file: image([1, 2, 3]) }));
		const b = await digest(multipart({ message: '{"lang":"ko"}', file: image([1, 2, 3]) }));
		expect(a).toBe(b);
	});

	test.each([
		['file bytes', { message: '{"lang":"ko"}', file: image([1, 2, 4]) }],
		['file name', { message: '{"lang":"ko"}', file: image([1, 2, 3], 'other.jpg') }],
		['text part', { message: '{"lang":"ja"}', file: image([1, 2, 3]) }],
		['part name', { msg: '{"lang":"ko"}', file: image([1, 2, 3]) }],
	])('a different %s is a different call', async (_what, fields) => {
		const a = await digest(multipart({ message: '{"lang":"ko"}', file: image([1, 2, 3]) }));
		expect(await digest(multipart(fields))).not.toBe(a);
	});

	test('values marked volatile (a fresh request ID, a time stamp) do not count; all else does', async () => {
		const call = (id, time, nik) => ({
			method: 'POST',
			path: '/check',
			json: { requestId: id, timestamp: time, nik },
			repeatable: false,
			volatile: [id, String(time)],
		});
		const first = await digest(call('3f1c', 1700000000000, '3201000000000011'));
		expect(await digest(call('9a7b', 1700000000999, '3201000000000011'))).toBe(first);
		expect(await digest(call('9a7b', 1700000000999, '3201000000000012'))).not.toBe(first);
		const multipartCall = (id) => ({
			...multipart({ message: JSON.stringify({ requestId: id }), file: image([9]) }),
			volatile: [id],
		});
		expect(await digest(multipartCall('aaaa'))).toBe(await digest(multipartCall('bbbb')));
	});

	test('method, path, query, base URL and body encoding all count', async () => {
		const base = { method: 'POST', path: '/check', form: { id: '1' }, repeatable: false };
		const d = await digest(base);
		expect(await digest({ ...base, method: 'PUT' })).not.toBe(d);
		expect(await digest({ ...base, path: '/other' })).not.toBe(d);
		expect(await digest({ ...base, qs: { a: 1 } })).not.toBe(d);
		expect(await requestDigest(base, 'http://127.0.0.1:2/ekycpro')).not.toBe(d);
		expect(await digest({ ...base, form: undefined, json: { id: '1' } })).not.toBe(d);
	});
});

describe('kept outcomes are bounded and do not outlive their use', () => {
	const fnFor = (executionId, node = {}) => ({
		getNode: () => ({ id: 'n1', name: 'Check', retryOnFail: true, maxTries: 3, ...node }),
		getExecutionId: () => executionId,
		getWorkflowDataProxy: () => ({ $runIndex: 0 }),
		// Not called as a tool: no input on the ai_tool connection.
		getInputData: () => [],
	});
	const answer = { statusCode: 200, headers: {}, body: { status: 'OK' } };
	const call = (n) => ({
		method: 'POST',
		path: '/check',
		form: { id: String(n) },
		repeatable: false,
	});
	const sendAll = async (answers, count, send) => {
		for (let i = 0; i < count; i++) await answers.send(i, call(i), TARGET, send);
	};
	let now;
	beforeEach(() => {
		now = 1_800_000_000_000;
		jest.spyOn(Date, 'now').mockImplementation(() => now);
	});
	afterEach(() => {
		// End every run this test left open.
		for (let i = 0; i < 5; i++) {
			for (const id of ['e1', 'e2', 'big', 'other']) BilledAnswers.open(fnFor(id)).endTry('thrown');
		}
		jest.restoreAllMocks();
		expect(keptOutcomes()).toMatchObject({ runs: 0, outcomes: 0 });
	});

	test('without Retry On Fail nothing is kept', async () => {
		const answers = BilledAnswers.open(fnFor('e1', { retryOnFail: false }));
		await sendAll(answers, 3, async () => answer);
		expect(keptOutcomes()).toMatchObject({ runs: 0, outcomes: 0 });
	});

	test('a run that succeeds, or has had its last try, drops its outcomes', async () => {
		const first = BilledAnswers.open(fnFor('e1'));
		await sendAll(first, 3, async () => answer);
		first.endTry('thrown');
		expect(keptOutcomes()).toMatchObject({ runs: 1, outcomes: 3 });
		BilledAnswers.open(fnFor('e1')).endTry('output');
		expect(keptOutcomes()).toMatchObject({ runs: 0, outcomes: 0 });

		const second = BilledAnswers.open(fnFor('e2'));
		await sendAll(second, 2, async () => answer);
		second.endTry('thrown');
		BilledAnswers.open(fnFor('e2')).endTry('thrown');
		expect(keptOutcomes().runs).toBe(1);
		BilledAnswers.open(fnFor('e2')).endTry('thrown'); // the third of maxTries 3
		expect(keptOutcomes()).toMatchObject({ runs: 0, outcomes: 0 });
	});

	test('a kept answer is a copy: changing what the operation got does not change the next try’s', async () => {
		const send = jest.fn(async () => ({ statusCode: 200, headers: {}, body: { status: 'OK' } }));
		const first = await BilledAnswers.open(fnFor('e1')).send(0, call(0), TARGET, send);
		first.body.status = 'changed';
		const again = await BilledAnswers.open(fnFor('e1')).send(0, call(0), TARGET, send);
		expect(again.body).toEqual({ status: 'OK' });
		expect(send).toHaveBeenCalledTimes(1);
	});

	test('a run unused for over 2 hours is dropped when another run is used', async () => {
		await sendAll(BilledAnswers.open(fnFor('e1')), 2, async () => answer);
		now += 2 * 60 * 60 * 1000 + 1;
		await sendAll(BilledAnswers.open(fnFor('e2')), 1, async () => answer);
		expect(keptOutcomes()).toMatchObject({ runs: 1, outcomes: 1 });
	});

	test('one execution cannot push out another’s: a huge run keeps its first 20,000 answers and only the billed fact of the rest', async () => {
		await sendAll(BilledAnswers.open(fnFor('other')), 5, async () => answer);
		const big = BilledAnswers.open(fnFor('big'));
		await sendAll(big, 20_001, async () => answer);
		expect(keptOutcomes()).toEqual({ runs: 2, outcomes: 20_006, answers: 20_005 });
		const send = jest.fn(async () => answer);
		// The other execution, waiting between its tries, still answers from memory.
		await BilledAnswers.open(fnFor('other')).send(4, call(4), TARGET, send);
		const retry = BilledAnswers.open(fnFor('big'));
		await retry.send(0, call(0), TARGET, send);
		expect(send).not.toHaveBeenCalled();
		// Past the bound the answer is gone, but the call is still not sent again.
		await expect(retry.send(20_000, call(20_000), TARGET, send)).rejects.toThrow(
			/answered and billed on an earlier try .* not sent again/,
		);
		expect(send).not.toHaveBeenCalled();
	});
});
