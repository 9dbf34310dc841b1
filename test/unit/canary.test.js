'use strict';
/**
 * The secret-canary check (test/invariants/canary.js) is not vacuous: hand-made run records with
 * a canary in each place and each encoding are reported, naming the run, the field and the form
 * and never the value; a record without one is clean.
 */
const { checkCanaries } = require('../invariants/canary');
const { canaryForms, nikForms } = require('../invariants/encodings');
const images = require('../fixtures/images');

const TOKEN = 'canary-widekyc-token-7Qx9';
const API_KEY = 'canary-ekycpro-key/+~~~kX9';
const NIK = '3201987654321012';
const IMAGE = images.jpeg({ width: 64, height: 48 });
const IMAGE_BASE64 = IMAGE.toString('base64');

/** A KYC (Any Vendor) run as the harness records it; `output` is its first output's items. */
function nodeRun({ output = [{ json: { ok: true } }], errorItems, error, privacy = false } = {}) {
	const main = [output, ...(errorItems ? [errorItems] : [])];
	const task = { data: { main }, ...(error ? { error } : {}) };
	return {
		kind: 'node',
		nodeType: 'kycAnyVendor',
		parameters: { check: 'verifyNik', nik: NIK, options: { privacy } },
		credentials: {
			wideKycApi: { token: TOKEN, serverUrl: 'http://127.0.0.1:1/widekyc' },
			ekycProApi: { apiKey: API_KEY, baseUrl: 'http://127.0.0.1:1/ekycpro' },
		},
		items: [
			{
				json: { nik: NIK },
				binary: { ktp: { data: IMAGE_BASE64, mimeType: 'image/jpeg', fileName: 'ktp.jpg' } },
			},
		],
		result: {
			run: { data: { resultData: { runData: { 'Under Test': [task] } } } },
			items: output,
			errorItems: errorItems ?? [],
			error,
		},
	};
}

const attemptsWith = (message) => [
	{
		json: {
			vendor: 'iluma',
			attempts: [
				{ vendor: 'ekycPro', outcome: 'busy', message: 'ekycpro was busy' },
				{ vendor: 'wideKyc', outcome: 'account', message },
			],
		},
	},
];

function expectOne(run, path, form) {
	const violations = checkCanaries([run]);
	expect(violations).toHaveLength(1);
	expect(violations[0]).toContain(`: ${path}: `);
	expect(violations[0].split(`: ${path}: `)[1]).toContain(form);
	expect(violations[0]).toMatch(/^run 1 \(node kycAnyVendor check=verifyNik\)/);
	for (const secret of [TOKEN, API_KEY, NIK, IMAGE_BASE64.slice(0, 40)])
		expect(violations[0]).not.toContain(secret);
	return violations[0];
}

/** A base64url form that differs from base64 (holds `-` or `_`). */
const BASE64URL = canaryForms(API_KEY).find((f) => /^base64url at alignment \d$/.test(f.form));

const forms = (value) => Object.fromEntries(canaryForms(value).map((f) => [f.form, f.text]));

describe('a credential value, in every encoding, anywhere', () => {
	const token = forms(TOKEN);
	const key = forms(API_KEY);
	const hexOf = (text) => Buffer.from(text).toString('hex');
	const base64Of = (text) => Buffer.from(text).toString('base64');
	const cases = [
		['as typed', `Quota Exceeded for token ${TOKEN}`, 'as typed of the wideKycApi token'],
		['URL-encoded', `key=${encodeURIComponent(API_KEY)}`, 'URL-encoded of the ekycProApi apiKey'],
		[
			'form-encoded',
			new URLSearchParams({ k: `${API_KEY} x` }).toString(),
			'encoded of the ekycProApi apiKey',
		],
		['JSON-escaped with \\/', `{"k":"${key['JSON-escaped with \\/']}"}`, 'JSON-escaped with \\/'],
		['hex', `token ${hexOf(TOKEN)}`, 'hex of the wideKycApi token'],
		['upper-case hex', hexOf(TOKEN).toUpperCase(), 'upper-case hex of the wideKycApi token'],
		['Basic user:', `Basic ${base64Of(`${TOKEN}:`)}`, 'of the wideKycApi token'],
		[
			'Basic user:password',
			`Authorization: Basic ${base64Of(`someone:${TOKEN}`)}`,
			'base64 at alignment',
		],
		['base64 inside a longer base64', base64Of(`xx${TOKEN}yyyy`), 'base64 at alignment 2'],
		['base64url', `id ${BASE64URL.text}`, `${BASE64URL.form} of the ekycProApi apiKey`],
		[
			'base64 with a line break',
			(() => {
				const b = base64Of(TOKEN);
				return `${b.slice(0, 10)}\r\n${b.slice(10)}`;
			})(),
			'base64 at alignment 0',
		],
	];
	expect(token['as typed']).toBe(TOKEN);
	expect(BASE64URL.text).toMatch(/[-_]/);

	test.each(cases)('%s, in attempts[].message', (_name, message, form) => {
		expectOne(
			nodeRun({ output: attemptsWith(message) }),
			'items[0].json.attempts[1].message',
			form,
		);
	});

	test.each([
		[
			'raw',
			(m) => ({ json: { raw: { statusCode: 'ERROR', detail: m } } }),
			'items[0].json.raw.detail',
		],
		[
			'details',
			(m) => ({ json: { error: 'x', details: { raw: [m] } } }),
			'items[0].json.details.raw[0]',
		],
		[
			'binary metadata',
			(m) => ({ json: {}, binary: { f: { fileName: m, data: 'AAAA' } } }),
			'items[0].binary.f.fileName',
		],
	])('in %s', (_name, item, path) => {
		expectOne(nodeRun({ output: [item(`token ${TOKEN}`)] }), path, 'as typed');
	});

	test('in an error output item', () => {
		const run = nodeRun({ output: [], errorItems: [{ json: { error: `refused ${TOKEN}` } }] });
		expectOne(run, 'errorItems[0].json.error', 'as typed');
	});

	test.each([
		['message', { message: `WideKYC: ${TOKEN}` }, 'error.message'],
		['description', { message: 'x', description: `see ${TOKEN}` }, 'error.description'],
		['context', { message: 'x', context: { data: { t: TOKEN } } }, 'error.context.data.t'],
		[
			'errorResponse',
			{ message: 'x', errorResponse: { meaning: `t=${encodeURIComponent(API_KEY)}` } },
			'error.errorResponse.meaning',
		],
		['httpCode', { message: 'x', httpCode: hexOf(TOKEN) }, 'error.httpCode'],
		['stack', { message: 'x', stack: `NodeApiError: ${TOKEN}\n    at x` }, 'error.stack'],
	])('in the saved error’s %s', (_name, error, path) => {
		expectOne(nodeRun({ output: [], error }), path, 'of the');
	});

	test('in a thrown Error’s non-enumerable cause (as n8n’s toJSON saves it)', () => {
		const thrown = new Error('failed', { cause: new Error(`upstream said ${TOKEN}`) });
		const run = { ...nodeRun(), result: { thrown } };
		expectOne(run, 'thrown.cause.message', 'as typed');
	});

	test('the base URL is no secret; a value shorter than 6 characters is not searched', () => {
		const run = nodeRun({ output: [{ json: { url: 'http://127.0.0.1:1/widekyc', id: 'abc' } }] });
		run.credentials.wideKycApi.other = 'abc';
		expect(checkCanaries([run])).toEqual([]);
	});

	test('in a webhook’s answer and a trigger’s items', () => {
		const run = {
			kind: 'webhook',
			nodeType: 'argosIdTrigger',
			parameters: {},
			credentials: { argosIdApi: { apiKey: 'x', secretKey: TOKEN, baseUrl: 'http://127.0.0.1' } },
			body: {},
			result: {
				result: { workflowData: [[{ json: { note: TOKEN } }]] },
				response: { statusCode: 401, body: `bad signature for ${TOKEN}` },
			},
		};
		const violations = checkCanaries([run]);
		expect(violations).toEqual([
			expect.stringContaining('workflowData[0][0].json.note: as typed of the argosIdApi secretKey'),
			expect.stringContaining('response.body: as typed of the argosIdApi secretKey'),
		]);
	});
});

describe('an input image', () => {
	const window = IMAGE_BASE64.slice(100, 141);

	test('41 characters of its base64 in the json', () => {
		expectOne(
			nodeRun({ output: [{ json: { raw: { echo: `got ${window}` } } }] }),
			'items[0].json.raw.echo',
			'40+ characters of the base64 of the input image items[0].binary.ktp',
		);
	});

	test('JSON-escaped (\\/) in the error text', () => {
		const slash = IMAGE_BASE64.indexOf('/', 60);
		const escaped = IMAGE_BASE64.slice(slash - 30, slash + 30).replace(/\//g, '\\/');
		expectOne(
			nodeRun({ output: [], error: { message: escaped } }),
			'error.message',
			'40+ characters',
		);
	});

	test('39 characters are not a hit; the binary passed through is not searched', () => {
		const output = [
			{
				json: { note: IMAGE_BASE64.slice(0, 39) },
				binary: { ktp: { data: IMAGE_BASE64, mimeType: 'image/jpeg' } },
			},
		];
		expect(checkCanaries([nodeRun({ output })])).toEqual([]);
	});

	test('an image given as a base64 json field is a canary too', () => {
		const run = nodeRun({ output: [{ json: { echo: IMAGE_BASE64.slice(100, 160) } }] });
		run.items = [{ json: { photo: `data:image/jpeg;base64,${IMAGE_BASE64}` } }];
		expectOne(run, 'items[0].json.echo', 'input image items[0].json.photo');
	});
});

describe('a NIK', () => {
	const every = nikForms(NIK);

	test('every separator form is offered (spaces, double spaces, commas, full-width…)', () => {
		const texts = every.map((f) => f.text);
		for (const text of [
			'3201 9876 5432 1012',
			'3201  9876  5432  1012',
			'3201-9876-5432-1012',
			'3,201,987,654,321,012',
			'32.01.98.765432.1012',
			'３２０１９８７６５４３２１０１２',
		])
			expect(texts).toContain(text);
	});

	test.each(every.map((f) => [f.form, f.text]))('%s in attempts[].message', (form, text) => {
		expectOne(
			nodeRun({ output: attemptsWith(`NIK ${text} refused`) }),
			'items[0].json.attempts[1].message',
			form,
		);
	});

	test.each([
		[
			'errorResponse',
			{ message: 'x', errorResponse: { meaning: `nik ${NIK}` } },
			'error.errorResponse.meaning',
		],
		['description', { message: 'x', description: `nik ${NIK}` }, 'error.description'],
		['context', { message: 'x', context: { nik: NIK } }, 'error.context.nik'],
	])('in the error’s %s', (_name, error, path) => {
		expectOne(nodeRun({ output: [], error }), path, 'in error text');
	});

	test('in an error item’s error string', () => {
		expectOne(
			nodeRun({ output: [{ json: { error: `bad ${NIK}` } }] }),
			'items[0].json.error',
			'error text',
		);
	});

	test('in the json: a violation with Privacy on, not with it off; the vendor’s raw message is no error text', () => {
		const output = [{ json: { nik: { value: NIK }, raw: { message: `found ${NIK}` } } }];
		expect(checkCanaries([nodeRun({ output })])).toEqual([]);
		const violations = checkCanaries([nodeRun({ output, privacy: true })]);
		expect(violations).toEqual([
			expect.stringContaining(
				'items[0].json.nik.value: NIK as digits (the NIK in items[0].json.nik) in json with Privacy on',
			),
			expect.stringContaining('items[0].json.raw.message'),
		]);
	});

	test('a masked NIK and an error’s `node` (the workflow’s own parameters) are no hit', () => {
		const output = [{ json: { nik: '************1012', error: 'NIK ************1012 refused' } }];
		const error = { message: 'x', node: { parameters: { nik: NIK } } };
		expect(checkCanaries([nodeRun({ output, error, privacy: true })])).toEqual([]);
	});
});

test('a run without any canary in its output: no violation', () => {
	const output = [
		{
			json: {
				vendor: 'wideKyc',
				nik: { found: true, value: '************1012' },
				attempts: [{ vendor: 'wideKyc', outcome: 'answered', message: 'ok' }],
				raw: { statusCode: 'SUCCESSFUL', trx_id: '202303291030019483' },
			},
			binary: { ktp: { data: IMAGE_BASE64, mimeType: 'image/jpeg' } },
		},
	];
	const error = { message: 'WideKYC: the subscription quota is used up [not billed]', node: {} };
	expect(checkCanaries([nodeRun({ output, error })])).toEqual([]);
});

test('Iluma’s Retrieve API Keys hands out keys by design: its api_keys[].api_key only', () => {
	const apiKey = 'canary-iluma-key-0042';
	const run = (operation, json) => ({
		kind: 'node',
		nodeType: 'iluma',
		parameters: { resource: 'account', operation },
		credentials: { ilumaApi: { apiKey, baseUrl: 'http://127.0.0.1:1/iluma' } },
		items: [{ json: {} }],
		result: { items: [{ json }] },
	});
	const keys = { api_keys: [{ environment: 'DEVELOPMENT', api_key: apiKey }] };
	expect(checkCanaries([run('getApiKeys', keys)])).toEqual([]);
	expect(checkCanaries([run('getApiKeys', { ...keys, note: apiKey })])).toHaveLength(1);
	expect(checkCanaries([run('getBalance', keys)])).toHaveLength(1);
});

test('with Privacy, an input image passed through in the output binary is a hit', () => {
	const output = [{ json: {}, binary: { ktp: { data: IMAGE_BASE64, mimeType: 'image/jpeg' } } }];
	expect(checkCanaries([nodeRun({ output })])).toEqual([]);
	expect(checkCanaries([nodeRun({ output, privacy: true })])).toEqual([
		expect.stringContaining(
			'items[0].binary.ktp.data: 40+ characters of the base64 of the input image',
		),
	]);
});

test('base64 broken by line breaks more than once, real or JSON-escaped', () => {
	const b = Buffer.from(TOKEN).toString('base64');
	for (const text of [
		`${b.slice(0, 8)}\n${b.slice(8, 16)}\r\n${b.slice(16)}`,
		`${b.slice(0, 9)}\\r\\n${b.slice(9)}`,
	]) {
		expectOne(
			nodeRun({ output: attemptsWith(text) }),
			'items[0].json.attempts[1].message',
			'base64 at alignment 0, broken by white space of the wideKycApi token',
		);
	}
});

test('base64 broken by spaces (a collapsed line break) is a hit; ordinary words are not', () => {
	const b = Buffer.from(TOKEN).toString('base64');
	expectOne(
		nodeRun({ output: attemptsWith(`key ${b.slice(0, 12)} ${b.slice(12)}`) }),
		'items[0].json.attempts[1].message',
		'broken by white space of the wideKycApi token',
	);
	expect(
		checkCanaries([nodeRun({ output: attemptsWith('the quota is used up for this token') })]),
	).toEqual([]);
});
