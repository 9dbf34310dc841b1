'use strict';
const { useSandbox, clovaRunner, imageItem, images, vendorCalls } = require('../helpers');
const samples = require('../sandbox/data/clova-ocr-samples');

const state = useSandbox();
const run = clovaRunner(state);
const document = (operation, extra = {}) => ({ resource: 'document', operation, ...extra });
const general = (extra = {}) => ({ resource: 'general', operation: 'recognize', ...extra });
const template = (extra = {}) => ({
	resource: 'template',
	operation: 'recognize',
	templateIds: '390',
	...extra,
});
const marker = (name) => imageItem({ data: images.jpeg({ marker: `clova-${name}` }) });
const calls = () => vendorCalls(state, 'clova');
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('CLOVA OCR Document → Credit Card', () => {
	test('JSON upload: the documented response is kept whole', async () => {
		const { items, error } = await run(document('creditCard'), [
			imageItem({ data: images.jpeg() }),
		]);
		expect(error).toBeUndefined();
		expect(items).toHaveLength(1);
		expect(items[0].json).toEqual({ ...samples.CREDIT_CARD_SUCCESS, audit: expect.any(Array) });
		expect(items[0].pairedItem).toEqual({ item: 0 });
		expect(state.sandbox.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
			'POST /clova/document/credit-card 200',
		]);
	});

	test.each([
		['JPEG', images.jpeg()],
		['PNG', images.png()],
		['PDF', images.pdf()],
		['TIFF', images.tiff()],
	])('multipart upload of a %s (message + file)', async (_name, data) => {
		const { items, error } = await run(document('creditCard', { upload: 'multipart' }), [
			imageItem({ data }),
		]);
		expect(error).toBeUndefined();
		expect(items[0].json.images[0].creditCard.result.validThru.text).toBe('09/23');
	});

	test('Simplify: name, number and valid thru as text, with each confidence', async () => {
		const { items } = await run(document('creditCard', { simplify: true }), [
			imageItem({ data: images.png() }),
		]);
		expect(items[0].json).toEqual({
			audit: expect.any(Array),
			name: 'KAIY*** VENY***',
			nameConfidence: 0.8576972,
			number: '512571781234****',
			numberConfidence: 0.999885,
			validThru: '09/23',
			validThruConfidence: 0.9999175,
		});
	});

	test('Privacy masks the card number, simplified or whole, and drops the image', async () => {
		const whole = await run(document('creditCard', { options: { privacy: true } }), [
			imageItem({ data: images.jpeg() }),
		]);
		const text = JSON.stringify(whole.items[0].json);
		expect(text).not.toContain('51257178');
		expect(whole.items[0].json.images[0].creditCard.result.validThru.text).toBe('09/23');
		expect(whole.items[0].binary).toBeUndefined();
		const simple = await run(
			document('creditCard', { simplify: true, options: { privacy: true } }),
			[imageItem({ data: images.jpeg() })],
		);
		expect(simple.items[0].json.number).toBe('****************');
		expect(simple.items[0].json.numberConfidence).toBe(0.999885);
		expect(simple.items[0].json.name).toBe('KAIY*** VENY***');
	});

	test('inferResult ERROR is an item error with CLOVA’s message (seed failure payload)', async () => {
		const { error } = await run(document('creditCard'), [marker('read-error')]);
		expect(error.message).toBe(
			'CLOVA OCR ERROR: CLOVA could not read the image ("Read page:0 error.") [HTTP 200]',
		);
		expect(calls()).toBe(1);
	});

	test('a validationResult INVALID is an item error with CLOVA’s message', async () => {
		const { error } = await run(document('creditCard'), [marker('invalid')]);
		expect(error.message).toBe(
			'CLOVA OCR INVALID: CLOVA’s validity check rejected the image ("The image does not show the requested document type.") [HTTP 200]',
		);
	});
});

const last = () => state.sandbox.vendorControl('clova', 'lastRequest');

describe('CLOVA OCR request envelope', () => {
	test('JSON: version V2, a fresh UUID, the time, and images[] with format, name and base64 data', async () => {
		const before = Date.now();
		await run(document('creditCard'), [imageItem({ data: images.png() })]);
		const first = await last();
		expect(first).toEqual({
			contentType: 'application/json',
			message: {
				version: 'V2',
				requestId: expect.stringMatching(UUID),
				timestamp: expect.any(Number),
				images: [{ format: 'png', name: 'data', dataBytes: images.png().length }],
			},
		});
		expect(first.message.timestamp).toBeGreaterThanOrEqual(before);
		await run(document('creditCard'), [imageItem({ data: images.png() })]);
		expect((await last()).message.requestId).not.toBe(first.message.requestId);
	});

	test('multipart: message without data, and the file part typed from the bytes', async () => {
		await run(general({ upload: 'multipart', languages: ['ja', 'ko'] }), [
			imageItem({ data: images.tiff() }),
		]);
		expect(await last()).toEqual({
			contentType: 'multipart/form-data',
			message: {
				version: 'V2',
				requestId: expect.stringMatching(UUID),
				timestamp: expect.any(Number),
				lang: 'ja,ko',
				images: [{ format: 'tiff', name: 'data' }],
			},
			file: { fileName: 'data.tiff', contentType: 'image/tiff', size: images.tiff().length },
		});
	});

	test('template ids travel in images[].templateIds; a JPEG is format jpg', async () => {
		await run(template({ templateIds: '390 391', tableDetection: true }), [
			imageItem({ data: images.jpeg() }),
		]);
		const { message } = await last();
		expect(message.images).toEqual([
			{ format: 'jpg', name: 'data', templateIds: [390, 391], dataBytes: images.jpeg().length },
		]);
		expect(message.enableTableDetection).toBeUndefined();
	});
});

describe('CLOVA OCR Document → other models', () => {
	test.each([
		['receipt', '/document/receipt', 'receipt'],
		['nameCard', '/document/name-card', 'nameCard'],
		['businessLicense', '/document/biz-license', 'bizLicense'],
		['idCard', '/document/id-card', 'idCard'],
		['passport', '/document/passport', 'passport'],
	])('%s: POST %s, envelope filled in, response kept whole', async (operation, path, key) => {
		const { items, error } = await run(document(operation), [imageItem({ data: images.jpeg() })]);
		expect(error).toBeUndefined();
		const { json } = items[0];
		expect(json.version).toBe('V2');
		expect(json.requestId).toMatch(UUID);
		expect(json.images[0].inferResult).toBe('SUCCESS');
		expect(json.images[0].name).toBe('data');
		expect(json.images[0][key].result).toBeDefined();
		expect(state.sandbox.requests[0].path).toBe(`/clova${path}`);
	});

	test('Receipt → Simplify flattens the recognised fields', async () => {
		const { items } = await run(document('receipt', { simplify: true }), [
			imageItem({ data: images.jpeg() }),
		]);
		expect(items[0].json).toEqual({
			audit: expect.any(Array),
			'storeInfo.name': '스타벅스 역삼점',
			'storeInfo.bizNum': '123-45-67890',
			'storeInfo.addresses': '서울특별시 강남구 테헤란로 152',
			'storeInfo.tel': '021234567',
			'paymentInfo.date': '2024-08-30',
			'paymentInfo.time': '13:45:10',
			'paymentInfo.cardInfo.company': '신한카드',
			'paymentInfo.cardInfo.number': '512571******1234',
			'paymentInfo.confirmNum': '30012345',
			subResults: [
				{
					items: [
						{ name: '아메리카노', count: '2', 'price.price': '9000', 'price.unitPrice': '4500' },
					],
				},
			],
			'totalPrice.price': '9000',
			subTotal: [{ taxPrice: '818' }],
		});
	});

	test('Receipt → Privacy masks the card number in the flattened output', async () => {
		const { items } = await run(
			document('receipt', { simplify: true, options: { privacy: true } }),
			[imageItem({ data: images.jpeg() })],
		);
		expect(items[0].json['paymentInfo.cardInfo.number']).toBe('************1234');
	});

	test('Name Card and Business License → Simplify', async () => {
		const card = await run(document('nameCard', { simplify: true }), [
			imageItem({ data: images.jpeg() }),
		]);
		expect(card.items[0].json).toMatchObject({
			name: '김네이버',
			company: '네이버클라우드',
			email: 'clova@example.com',
		});
		const license = await run(document('businessLicense', { simplify: true }), [
			imageItem({ data: images.jpeg() }),
		]);
		expect(license.items[0].json).toMatchObject({
			registerNumber: '123-45-67890',
			corpName: '주식회사 클로바',
			repName: '홍길동',
			openDate: '2015-03-02',
		});
	});

	test('Business License → Privacy masks the representative’s resident number', async () => {
		const { items } = await run(
			document('businessLicense', { simplify: true, options: { privacy: true } }),
			[imageItem({ data: images.jpeg() })],
		);
		expect(items[0].json.socialNumber).toBe('**********4567');
		expect(JSON.stringify(items[0].json)).not.toContain('800101-1234567');
	});

	test('ID Card: the shared identity beside the response; Simplify keeps identity and fields', async () => {
		const whole = await run(document('idCard'), [imageItem({ data: images.jpeg() })]);
		const identity = {
			fullName: '홍길동',
			idNumber: '900101-1234567',
			dateOfBirth: '1990-01-01',
			gender: 'M',
			issueDate: '2019-03-15',
		};
		expect(whole.items[0].json.identity).toEqual(identity);
		expect(whole.items[0].json.images[0].idCard.result.ic.name[0].text).toBe('홍길동');
		const simple = await run(document('idCard', { simplify: true }), [
			imageItem({ data: images.jpeg() }),
		]);
		expect(simple.items[0].json.identity).toEqual(identity);
		expect(simple.items[0].json.fields).toMatchObject({
			idtype: 'ID Card',
			isConfident: true,
			'ic.name': '홍길동',
			'ic.authority': '서울특별시 종로구청장',
		});
		expect(simple.items[0].json.fields).not.toHaveProperty('rois');
	});

	test('ID Card: a driver’s license gives the licence number and its expiry', async () => {
		const { items } = await run(document('idCard', { simplify: true }), [marker('driver-license')]);
		expect(items[0].json.identity).toEqual({
			fullName: '홍길동',
			idNumber: '11-19-123456-01',
			dateOfBirth: '1990-01-01',
			gender: 'M',
			issueDate: '2019-01-15',
			expiryDate: '2029-12-31',
		});
	});

	test('ID Card → Privacy masks the resident registration number everywhere', async () => {
		const { items } = await run(document('idCard', { options: { privacy: true } }), [
			imageItem({ data: images.jpeg() }),
		]);
		const text = JSON.stringify(items[0].json);
		expect(text).not.toContain('900101-1234567');
		expect(items[0].json.identity.idNumber).toBe('**********4567');
	});

	test('Privacy masks a name card’s phone numbers and the passport’s machine-readable lines', async () => {
		const card = await run(document('nameCard', { simplify: true, options: { privacy: true } }), [
			imageItem({ data: images.jpeg() }),
		]);
		expect(card.items[0].json).toMatchObject({
			tel: '********4567',
			mobile: '*********5678',
			fax: '********4568',
			name: '김네이버',
		});
		const whole = await run(document('nameCard', { options: { privacy: true } }), [
			imageItem({ data: images.jpeg() }),
		]);
		expect(JSON.stringify(whole.items[0].json)).not.toMatch(/010-1234|1234-5678/);
		for (const simplify of [true, false]) {
			const { items } = await run(document('passport', { simplify, options: { privacy: true } }), [
				imageItem({ data: images.jpeg() }),
			]);
			const text = JSON.stringify(items[0].json);
			expect(text).not.toContain('M12345678');
			expect(text).not.toContain('9001011');
		}
	});

	test('Passport → Simplify gives the shared identity', async () => {
		const { items } = await run(document('passport', { simplify: true }), [
			imageItem({ data: images.png() }),
		]);
		expect(items[0].json.identity).toEqual({
			fullName: 'GILDONG HONG',
			givenNames: 'GILDONG',
			surname: 'HONG',
			idNumber: 'M12345678',
			dateOfBirth: '1990-01-01',
			gender: 'M',
			nationality: 'KOR',
			issueDate: '2019-03-15',
			expiryDate: '2029-03-15',
		});
		expect(items[0].json.fields['mrz.mrz1']).toMatch(/^P<KORHONG/);
	});
});

describe('CLOVA OCR General OCR and Template OCR', () => {
	test('General: languages and table detection; whole response', async () => {
		const { items, error } = await run(general({ languages: ['ko', 'ja'], tableDetection: true }), [
			imageItem({ data: images.jpeg() }),
		]);
		expect(error).toBeUndefined();
		expect(items[0].json.images[0].fields).toHaveLength(4);
		expect(items[0].json.images[0].tables).toHaveLength(1);
		expect(state.sandbox.requests[0].path).toBe('/clova/general');
		const { message } = await last();
		expect(message).toMatchObject({ lang: 'ko,ja', enableTableDetection: true });
	});

	test('General → Simplify: the text with its line breaks, and each field’s confidence', async () => {
		const { items } = await run(general({ simplify: true, upload: 'multipart' }), [
			imageItem({ data: images.pdf() }),
		]);
		expect(items[0].json.text).toBe('CLOVA OCR\nHello world');
		expect(items[0].json.fields[0]).toEqual({ text: 'CLOVA', confidence: 0.9998 });
	});

	test('General: 0028 when the domain’s table extraction is off', async () => {
		await state.sandbox.vendorControl('clova', 'domain', { tableDetection: false });
		const { error } = await run(general({ tableDetection: true }), [
			imageItem({ data: images.jpeg() }),
		]);
		expect(error.message).toBe(
			'CLOVA OCR 0028: table detection is disabled for this domain ("Table detection disabled: Please activate the table extractor button.") [HTTP 400]',
		);
		expect(error.description).toMatch(/table extraction/);
	});

	test('Template: template ids sent with the image; Simplify gives the named fields', async () => {
		const whole = await run(template({ templateIds: '391, 390' }), [
			imageItem({ data: images.jpeg() }),
		]);
		expect(whole.items[0].json.images[0].matchedTemplate).toEqual({ id: 391, name: 'order form' });
		// The node asks for V2, whose answers place fields with boundingPoly (V1: bounding).
		expect(whole.items[0].json.images[0].fields[0].boundingPoly.vertices).toHaveLength(4);
		expect(whole.items[0].json.images[0].fields[0]).not.toHaveProperty('bounding');
		const { items } = await run(template({ simplify: true, upload: 'multipart' }), [
			imageItem({ data: images.tiff() }),
		]);
		expect(items[0].json).toEqual({
			audit: expect.any(Array),
			templateId: 390,
			templateName: 'invoice',
			fields: {
				invoiceNumber: 'INV-2024-0042',
				customer: 'ACME Korea Co., Ltd.',
				total: '1,250,000',
			},
			confidence: { invoiceNumber: 0.9991, customer: 0.9874, total: 0.9962 },
		});
		expect(state.sandbox.requests.map((r) => r.path)).toEqual(['/clova/infer', '/clova/infer']);
	});

	test('Template: ids from an expression may be a number or a list', async () => {
		for (const [ids, expected] of [
			[391, [391]],
			[
				[390, '391'],
				[390, 391],
			],
		]) {
			const { error } = await run(template({ templateIds: '={{ $json.ids }}' }), [
				imageItem({ data: images.jpeg() }, { ids }),
			]);
			expect(error).toBeUndefined();
			expect((await last()).message.images[0].templateIds).toEqual(expected);
		}
	});

	test('Template: ids of no released template give 1021', async () => {
		const { error } = await run(template({ templateIds: '999' }), [
			imageItem({ data: images.jpeg() }),
		]);
		expect(error.message).toBe(
			'CLOVA OCR 1021: no deployed template was found ("Not found deploy information. Please confirm the template is released.") [HTTP 500]',
		);
	});
});

describe('CLOVA OCR errors', () => {
	test('a wrong secret is 0002, and the secret appears nowhere', async () => {
		const { error } = await run(document('creditCard'), [imageItem({ data: images.jpeg() })], {
			credentials: { secretKey: 'wrong-clova-secret-123' },
		});
		expect(error.message).toBe(
			'CLOVA OCR 0002: the secret key was not accepted ("Secret key validate failed.") [HTTP 401]',
		);
		expect(error.description).toMatch(/Secret Key in the CLOVA OCR credential/);
		expect(JSON.stringify(error)).not.toContain('wrong-clova-secret-123');
		expect(JSON.stringify(error)).not.toContain(state.sandbox.keys.clova.secretKey);
	});

	test('0025 (rate limit, HTTP 400) is waited out for the Rate-Limit Wait, not Retries, then reported', async () => {
		const { error } = await run(
			document('creditCard', { options: { retries: 2, rateLimitWait: 0 } }),
			[marker('0025')],
		);
		expect(error.message).toBe(
			'CLOVA OCR 0025: calls to this API exceeded the rate limit; still refused after 0 s of waiting, the 0 s of Options → Rate-Limit Wait (Seconds); raise it to wait longer ("Calls to this api have exceeded the rate limit.") [HTTP 400, not billed]',
		);
		expect(calls()).toBe(1);
	});

	test('0025 once, then the retry succeeds', async () => {
		state.sandbox.injectFault({
			vendor: 'clova',
			status: 400,
			body: { code: '0025', message: 'Calls to this api have exceeded the rate limit.' },
		});
		const { items, error } = await run(document('creditCard'), [
			imageItem({ data: images.jpeg() }),
		]);
		expect(error).toBeUndefined();
		expect(items[0].json.images[0].inferResult).toBe('SUCCESS');
		expect(calls()).toBe(2);
	});

	test('a billed recognition is never sent again once it may have reached CLOVA', async () => {
		state.sandbox.injectFault({ vendor: 'clova', drop: true, count: 1 });
		const dropped = await run(document('creditCard', { upload: 'multipart' }), [
			imageItem({ data: images.jpeg() }),
		]);
		expect(dropped.error.message).toMatch(
			/^CLOVA OCR connection lost: .*may have been processed and billed, so it was not sent again$/,
		);
		expect(calls()).toBe(1);
		state.sandbox.injectFault({ vendor: 'clova', status: 504, body: '<html>Gateway</html>' });
		const gateway = await run(general(), [imageItem({ data: images.jpeg() })]);
		expect(gateway.error.message).toMatch(
			/^CLOVA OCR HTTP 504: .*may have been processed and billed, so it was not sent again/,
		);
		expect(calls()).toBe(2);
	});

	test('a time-out is not followed by a second, billed recognition', async () => {
		state.sandbox.configure({ latencyMs: 2500 });
		const { error } = await run(template({ options: { timeout: 1 } }), [
			imageItem({ data: images.jpeg() }),
		]);
		expect(error.message).toMatch(
			/^CLOVA OCR time-out: no answer within 1 s after the request was sent; it may have been processed and billed/,
		);
		// The sandbox logs a call when it answers; let the slow answer land, then count.
		await new Promise((resolve) => setTimeout(resolve, 1700));
		expect(calls()).toBe(1);
	});

	test.each([
		['0023', 'the domain has reached its API request limit (quota)', 400],
		['0500', 'unknown CLOVA service error', 500],
		['0501', 'CLOVA OCR service error', 500],
	])('%s is reported at once, not retried', async (code, meaning, httpStatus) => {
		const { error } = await run(document('receipt'), [marker(code)]);
		expect(error.message).toMatch(
			new RegExp(
				`^CLOVA OCR ${code}: ${meaning.replace(/[()]/g, '\\$&')} \\(".+"\\) \\[HTTP ${httpStatus}\\]$`,
			),
		);
		expect(calls()).toBe(1);
	});

	test.each([
		['0001', 400, 'URL is invalid.', 'the URL is invalid'],
		['0011', 400, 'Request body invalid.', 'CLOVA refused the request body as invalid'],
		['0021', 400, 'Protocol version not support.', 'the protocol version is not supported'],
		['0022', 400, 'Request domain invalid.', 'the request domain is invalid'],
	])('%s from CLOVA maps to its meaning', async (code, httpStatus, text, meaning) => {
		state.sandbox.injectFault({
			vendor: 'clova',
			status: httpStatus,
			body: { code, message: text },
		});
		const { error } = await run(document('nameCard'), [imageItem({ data: images.jpeg() })]);
		expect(error.message).toBe(`CLOVA OCR ${code}: ${meaning} ("${text}") [HTTP ${httpStatus}]`);
		expect(calls()).toBe(1);
	});

	test('a path the domain does not serve answers 0001 and points at the invoke URL', async () => {
		const { error } = await run(document('creditCard'), [imageItem({ data: images.jpeg() })], {
			credentials: { invokeUrl: `${state.sandbox.baseUrls.clova}/extra` },
		});
		expect(error.message).toBe('CLOVA OCR 0001: the URL is invalid ("URL is invalid.") [HTTP 400]');
		expect(error.description).toMatch(/Invoke URL/);
	});

	test('Continue On Fail: one output item per input item', async () => {
		const { items, error } = await run(
			document('creditCard', { simplify: true }),
			[imageItem({ data: images.jpeg() }), marker('read-error'), imageItem({ data: images.gif() })],
			{ onError: 'continueRegularOutput' },
		);
		expect(error).toBeUndefined();
		expect(items).toHaveLength(3);
		expect(items[0].json.validThru).toBe('09/23');
		expect(items[1].json.error).toMatch(/^CLOVA OCR ERROR: /);
		expect(items[2].json.error).toMatch(/the file is GIF/);
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(calls()).toBe(2);
	});
});

const EVERY_OPERATION = [
	['Credit Card', document('creditCard')],
	['Receipt', document('receipt')],
	['Name Card', document('nameCard')],
	['Business License', document('businessLicense')],
	['ID Card', document('idCard')],
	['Passport', document('passport')],
	['General OCR', general()],
	['Template OCR', template()],
];

describe.each(EVERY_OPERATION)('CLOVA OCR %s: failures', (_name, parameters) => {
	test('inferResult ERROR (the seed’s failure payload) is an item error with CLOVA’s message', async () => {
		const { error } = await run(parameters, [marker('read-error')]);
		expect(error.message).toBe(
			'CLOVA OCR ERROR: CLOVA could not read the image ("Read page:0 error.") [HTTP 200]',
		);
		expect(calls()).toBe(1);
	});

	test('0025 is waited out for the Rate-Limit Wait, then reported; 0023 is not retried', async () => {
		const limited = await run({ ...parameters, options: { retries: 1, rateLimitWait: 0 } }, [
			marker('0025'),
		]);
		expect(limited.error.message).toMatch(/^CLOVA OCR 0025: .*Rate-Limit Wait/);
		expect(calls()).toBe(1);
		const quota = await run(parameters, [marker('0023')]);
		expect(quota.error.message).toMatch(/^CLOVA OCR 0023: /);
		expect(calls()).toBe(2);
	});

	test.each([
		['a GIF', () => images.gif(), /the file is GIF/],
		['an empty file', () => Buffer.alloc(0), /the file is empty/],
	])('%s is refused with no CLOVA call', async (_what, data, pattern) => {
		const { error } = await run(parameters, [imageItem({ data: data() })]);
		expect(error.message).toMatch(pattern);
		expect(error.description).toMatch(/Nothing was sent/);
		expect(calls()).toBe(0);
	});

	test('two binary fields are refused with no CLOVA call', async () => {
		const { error } = await run({ ...parameters, imageBinaryField: 'front,back' }, [
			imageItem({ front: images.jpeg(), back: images.jpeg() }),
		]);
		expect(error.message).toMatch(/CLOVA OCR reads one image per call$/);
		expect(calls()).toBe(0);
	});
});

describe('CLOVA OCR bad input is refused before sending', () => {
	test.each([
		['no invoke URL', { invokeUrl: '' }, /^Invoke URL in the CLOVA OCR credential: is empty/],
		[
			'an http URL that is not localhost',
			{ invokeUrl: 'http://abc.apigw.ntruss.com/custom/v1/1/x' },
			/^Invoke URL in the CLOVA OCR credential: must use https:\/\/ \(http:\/\/ only to this machine: localhost, 127\.0\.0\.0\/8, ::1\): over http:\/\/ to abc\.apigw\.ntruss\.com the key and the ID images would travel unencrypted/,
		],
		[
			'not a URL',
			{ invokeUrl: 'apigw.ntruss.com/custom' },
			/^Invoke URL in the CLOVA OCR credential: is not a valid URL/,
		],
		[
			'the model path included',
			{ invokeUrl: 'https://abc.apigw.ntruss.com/custom/v1/1/x/document/credit-card' },
			/ends with the model path "\/document\/credit-card"/,
		],
	])('%s', async (_name, credentials, pattern) => {
		const { error } = await run(document('creditCard'), [imageItem({ data: images.jpeg() })], {
			credentials,
		});
		expect(error.message).toMatch(pattern);
		expect(error.description).toMatch(/Nothing was sent/);
		expect(calls()).toBe(0);
	});

	test.each([
		[
			'a GIF',
			() => imageItem({ data: images.gif() }),
			/the file is GIF; CLOVA OCR accepts JPEG, PNG, PDF, TIFF/,
		],
		['a BMP', () => imageItem({ data: images.bmp() }), /the file is BMP; CLOVA OCR accepts/],
		[
			'an empty file',
			() => imageItem({ data: Buffer.alloc(0) }),
			/^Document Image: the file is empty/,
		],
		[
			'not an image',
			() => imageItem({ data: Buffer.from('plain text, no image') }),
			/no known image format/,
		],
	])('%s', async (_name, makeItem, pattern) => {
		const { error } = await run(document('creditCard'), [makeItem()]);
		expect(error.message).toMatch(pattern);
		expect(calls()).toBe(0);
	});

	test('more than one image: CLOVA reads one per call', async () => {
		const { error } = await run(document('passport', { imageBinaryField: 'front, back' }), [
			imageItem({ front: images.jpeg(), back: images.jpeg() }),
		]);
		expect(error.message).toBe(
			'Document Image Binary Field: names 2 binary fields ("front", "back"); CLOVA OCR reads one image per call',
		);
		expect(calls()).toBe(0);
	});

	test.each([
		['empty', '={{ $json.ids }}', 'Template IDs: is required but empty'],
		[
			'not numbers',
			'390, abc',
			'Template IDs: must be template ids (whole numbers) separated by commas; not an id: "abc"',
		],
	])('template ids %s', async (_name, templateIds, message) => {
		const { error } = await run(template({ templateIds }), [
			imageItem({ data: images.jpeg() }, { ids: '' }),
		]);
		expect(error.message).toBe(message);
		expect(calls()).toBe(0);
	});

	test('base64 input: a data URL works, bad base64 is refused', async () => {
		const good = await run(
			document('creditCard', {
				simplify: true,
				imageSource: 'base64',
				imageBase64: `data:image/png;base64,${images.png().toString('base64')}`,
			}),
		);
		expect(good.items[0].json.validThru).toBe('09/23');
		const bad = await run(
			document('creditCard', { imageSource: 'base64', imageBase64: 'not*base64!' }),
		);
		expect(bad.error.message).toBe('Document Image: is not valid base64');
		expect(calls()).toBe(1);
	});
});
