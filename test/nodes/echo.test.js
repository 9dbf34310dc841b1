'use strict';
/**
 * A vendor (or a proxy) that echoes the request in its error, for every vendor: as a plain-text
 * HTTP 500, as the vendor's JSON error, and inside HTTP 200 where the vendor reports errors there.
 * Neither the thrown error (as n8n keeps it, every property) nor the Continue On Fail item nor the
 * run data n8n would save may carry the credential, the image's base64 or the NIK in any form.
 */
const {
	useSandbox,
	vendorRunner,
	ekycRunner,
	wideRunner,
	ilumaRunner,
	clovaRunner,
	imageItem,
	images,
	scenarios,
} = require('../helpers');
const { ArgosId } = require('../../nodes/ArgosId/ArgosId.node');
const { ArgosIdApi } = require('../../credentials/ArgosIdApi.credentials');
const { WideKyc } = require('../../nodes/WideKyc/WideKyc.node');
const { WideKycApi } = require('../../credentials/WideKycApi.credentials');
const { NIK, SHAPES, ERRORS, echoFault, findLeaks, allText } = require('../echo');
const { canaryForms, nikForms, withoutLineBreaks, wrapLines } = require('../invariants/encodings');

const state = useSandbox();
const ARGOS_SECRET = 'echo-argos-webhook-secret-0123';
const ILUMA_CALLBACK_TOKEN = 'echo-iluma-callback-token-77';
const argosRunner = vendorRunner(state, ArgosId, ArgosIdApi, 'argosIdApi', (sandbox) => ({
	apiKey: sandbox.keys.argos.apiKey,
	baseUrl: sandbox.baseUrls.argos,
	secretKey: ARGOS_SECRET,
}));

const image = images.jpeg({ width: 64, height: 48 });
const base64 = image.toString('base64');
const withImage = (field = 'data') => imageItem({ [field]: image }, { nik: NIK });
const nikItem = { json: { nik: NIK } };

/** One vendor call that carries the credential and the image or the NIK, per vendor and body type. */
const CASES = [
	{
		vendor: 'ekycpro',
		name: 'ID card OCR (form, base64 image)',
		run: ekycRunner(state),
		secrets: () => [scenarios.EKYCPRO_API_KEY],
		parameters: { resource: 'idCard', operation: 'recognize', document: 'id' },
		item: () => withImage(),
	},
	{
		vendor: 'ekycpro',
		name: 'identity check (form, NIK)',
		run: ekycRunner(state),
		secrets: () => [scenarios.EKYCPRO_API_KEY],
		parameters: { resource: 'identity', operation: 'check', nik: '={{ $json.nik }}' },
		item: () => nikItem,
	},
	{
		vendor: 'wideKyc',
		name: 'NIK validation with selfie (JSON, base64 image and NIK)',
		run: wideRunner(state),
		secrets: () => [scenarios.WIDEKYC_TOKENS.active],
		parameters: {
			resource: 'idCard',
			operation: 'validate',
			nik: '={{ $json.nik }}',
			includeSelfie: true,
		},
		item: () => withImage('selfie'),
	},
	{
		vendor: 'clova',
		name: 'general OCR (JSON, base64 image)',
		run: clovaRunner(state),
		secrets: () => [state.sandbox.keys.clova.secretKey],
		parameters: { resource: 'general', operation: 'recognize' },
		item: () => withImage(),
	},
	{
		vendor: 'iluma',
		name: 'KTP name validation (JSON, NIK)',
		run: ilumaRunner(state),
		credentials: { callbackToken: ILUMA_CALLBACK_TOKEN },
		secrets: () => [state.sandbox.keys.iluma.apiKey, ILUMA_CALLBACK_TOKEN],
		parameters: {
			resource: 'ktp',
			operation: 'validateName',
			nik: '={{ $json.nik }}',
			name: 'FIRA DIYANKA',
		},
		item: () => nikItem,
	},
	{
		vendor: 'iluma',
		name: 'ID card OCR (multipart image)',
		run: ilumaRunner(state),
		secrets: () => [state.sandbox.keys.iluma.apiKey],
		parameters: { resource: 'idCardOcr', operation: 'extract', cardType: 'indonesia_ktp' },
		item: () => withImage(),
	},
	{
		vendor: 'argos',
		name: 'Step 1 (multipart image)',
		run: argosRunner,
		secrets: () => [state.sandbox.keys.argos.apiKey, ARGOS_SECRET],
		parameters: {
			resource: 'submission',
			operation: 'step1',
			email: 'applicant@example.com',
			issuingCountry: 'KOR',
			idType: 'passport',
		},
		item: () => withImage(),
	},
];

const KINDS = ['text500', 'json', 'in200'];
const table = CASES.flatMap((c) =>
	KINDS.flatMap((kind) => SHAPES.map((shape) => [c.vendor, c.name, kind, shape, c])),
);

function expectClean(text, c) {
	expect(findLeaks(text, { secrets: c.secrets(), images: [base64] })).toEqual([]);
}

describe.each(table)('%s %s, echo as %s, %s first', (vendor, _name, kind, shape, c) => {
	const options = { credentials: c.credentials };

	test('the thrown error and the run data hold no key, image or NIK', async () => {
		state.sandbox.injectFault(echoFault(vendor, kind, shape));
		const { error, run } = await c.run(c.parameters, [c.item()], options);
		expect(error).toBeDefined();
		expect(state.sandbox.requests.length).toBeGreaterThan(0);
		const text = [
			...allText(error),
			JSON.stringify(error),
			JSON.stringify({ ...error }),
			...allText(run.data.resultData),
		].join('\n');
		expectClean(text, c);
	});

	test('the Continue On Fail item holds no key, image or NIK', async () => {
		state.sandbox.injectFault(echoFault(vendor, kind, shape));
		const { items, run } = await c.run(c.parameters, [c.item()], {
			...options,
			onError: 'continueRegularOutput',
		});
		expect(items).toHaveLength(1);
		expect(typeof items[0].json.error).toBe('string');
		expectClean([JSON.stringify(items), ...allText(run.data.resultData)].join('\n'), c);
	});
});

test('the echo reaches the node: without scrubbing, these errors would carry it', async () => {
	// The same echo as the table's, read straight from the sandbox: it holds every secret form.
	const c = CASES[2];
	state.sandbox.injectFault(echoFault('wideKyc', 'in200', 'values'));
	const answer = await fetch(`${state.sandbox.baseUrls.wideKyc}/api/nik-validation`, {
		method: 'POST',
		headers: { token: c.secrets()[0], 'content-type': 'application/json' },
		body: JSON.stringify({ nik: NIK, selfie_image: base64 }),
	});
	const text = await answer.text();
	expect(findLeaks(text, { secrets: c.secrets(), images: [base64] }).length).toBeGreaterThan(1);
});

describe('a body that is not JSON is described by its content type and size, never quoted', () => {
	const page = `<html><body>${'quoted-page-text '.repeat(200)}</body></html>`.slice(0, 2268);
	const vendors = [...new Map(CASES.map((c) => [c.vendor, c])).values()];

	test.each(vendors.map((c) => [c.vendor, c]))('%s, HTTP 200', async (vendor, c) => {
		state.sandbox.injectFault({
			vendor,
			status: 200,
			body: page,
			headers: { 'Content-Type': 'text/html; charset=utf-8' },
		});
		const { error } = await c.run(c.parameters, [c.item()], { credentials: c.credentials });
		expect(error.message).toContain('an HTML page (text/html, 2,268 bytes)');
		expect(error.message).not.toContain('quoted-page-text');
	});

	test.each(vendors.map((c) => [c.vendor, c]))('%s, HTTP 500', async (vendor, c) => {
		state.sandbox.injectFault({
			vendor,
			status: 500,
			count: 5,
			body: page,
			headers: { 'Content-Type': 'text/html' },
		});
		const { error } = await c.run(c.parameters, [c.item()], { credentials: c.credentials });
		expect(error.message).toMatch(/HTTP 500/);
		expect(error.message).not.toContain('quoted-page-text');
	});
});

describe('trigger hooks go through the same scrubber', () => {
	const { callHook } = require('../harness/webhook');
	const { IlumaTrigger } = require('../../nodes/Iluma/IlumaTrigger.node');

	test.each(SHAPES)(
		'Iluma Trigger activation against an echoing Iluma, %s first',
		async (shape) => {
			const apiKey = 'echo-trigger-key-Q7x';
			for (const kind of ['text500', 'json']) {
				state.sandbox.injectFault(echoFault('iluma', kind, shape));
				const error = await callHook('checkExists', {
					nodeClass: IlumaTrigger,
					parameters: { registerCallbackUrl: true },
					credentials: {
						ilumaApi: {
							apiKey,
							baseUrl: state.sandbox.baseUrls.iluma,
							callbackToken: ILUMA_CALLBACK_TOKEN,
						},
					},
				}).then(
					() => undefined,
					(thrown) => thrown,
				);
				expect(error?.message).toMatch(/^Iluma /);
				const text = [...allText(error), JSON.stringify(error), JSON.stringify({ ...error })];
				expect(findLeaks(text.join('\n'), { secrets: [apiKey, ILUMA_CALLBACK_TOKEN] })).toEqual([]);
				state.sandbox.reset();
			}
		},
	);
});

describe('forms the scrubber used to miss (issue 21, items 3 and 4), in the error n8n saves', () => {
	// `/` and `+` typed and in its base64, so that `\/` and base64url differ from the plain forms.
	const KEY = 'kX9/3fA+W>>?echo??Token~7';
	const OTHER = 'echo-second-value-Q2';
	const nik = (name) => nikForms(NIK).find(({ form }) => form === name).text;
	const around = Buffer.from(Array.from({ length: 90 }, (_, i) => (i * 53 + 7) % 256));
	const inLongerBase64 = (shift) =>
		Buffer.concat([around.subarray(0, 60 + shift), Buffer.from(`${KEY}:${OTHER}`), around]);
	const key = (name) => canaryForms(KEY).find(({ form }) => form === name).text;

	/** What the vendor echoes: one form the scrubber missed each, alone, so that each row fails for its own. */
	const LEADS = [
		['the NIK with double spaces', nik('4-4-4-4, double space')],
		['the NIK grouped by commas', nik('4-4-4-4, ,')],
		['the NIK in thousands', nik('thousands, ,')],
		['the NIK in full-width digits', nik('full-width digits')],
		['the NIK split by CRLF', nik('4-4-4-4, CRLF')],
		['the NIK across lines and spaces', nik('6-6-4, newline and spaces')],
		['the key in hex', key('hex')],
		['the key in HEX', key('HEX')],
		['the key in base64url', key('base64url')],
		['the key with \\/', key('JSON-escaped, \\/')],
		['the key in base64 split by CRLF', key('base64, split by CRLF')],
		['the key in base64url split by a JSON \\n', key('base64url, no padding, split by JSON \\n')],
		[
			'the key inside base64url wrapped at 64 by LF',
			wrapLines(inLongerBase64(2).toString('base64url'), 64, '\n'),
		],
		['the image in base64url', image.toString('base64url')],
		['the image in base64url wrapped at 76', wrapLines(image.toString('base64url'), 76, '\r\n')],
	];

	const CASES_HERE = [
		{
			vendor: 'wideKyc',
			kind: 'in200',
			run: vendorRunner(state, WideKyc, WideKycApi, 'wideKycApi', (sandbox) => ({
				token: KEY,
				serverUrl: sandbox.baseUrls.wideKyc,
			})),
			parameters: { resource: 'idCard', operation: 'validate', nik: '={{ $json.nik }}' },
		},
		{
			vendor: 'iluma',
			kind: 'json',
			run: ilumaRunner(state),
			credentials: { apiKey: KEY, callbackToken: OTHER },
			parameters: CASES[4].parameters,
		},
	];

	/** The leaks in `text`: a form of the key, the NIK in any form, a 40-character window of the image. */
	function leaks(text) {
		const flat = withoutLineBreaks(text).replace(/\s+/g, '');
		const found = canaryForms(KEY)
			.filter(({ text: form }) => text.includes(form) || flat.includes(withoutLineBreaks(form)))
			.map(({ form }) => `the key ${form}`);
		if (
			text
				.normalize('NFKC')
				.replace(/\\[nrt]|[\s.\-/_,\\]/g, '')
				.includes(NIK)
		)
			found.push('the NIK');
		for (const encoded of [base64, image.toString('base64url')])
			for (let i = 0; i + 40 <= encoded.length; i += 4)
				if (flat.includes(encoded.slice(i, i + 40))) {
					found.push('the image');
					break;
				}
		return found;
	}

	const table = CASES_HERE.flatMap((c) => LEADS.map(([lead, text]) => [c.vendor, lead, text, c]));

	test.each(table)('%s echoing %s', async (vendor, _lead, text, c) => {
		const echo = `refused: ${text}`;
		const fault = () => ({
			vendor,
			count: 20,
			status: ERRORS[vendor][c.kind]('').status,
			body: () => ERRORS[vendor][c.kind](echo).body,
		});
		state.sandbox.injectFault(fault());
		const { error } = await c.run(c.parameters, [nikItem], { credentials: c.credentials });
		expect(error).toBeDefined();
		const fields = {
			message: error.message,
			description: error.description,
			context: JSON.stringify(error.context),
			cause: JSON.stringify(error.cause ?? null),
			...Object.fromEntries(
				Object.entries(error.errorResponse ?? {}).map(([key, value]) => [
					`errorResponse.${key}`,
					String(value),
				]),
			),
			'the whole error': [...allText(error), JSON.stringify(error)].join('\n'),
		};
		expect(fields['errorResponse.meaning']).toBeDefined();
		state.sandbox.reset();
		state.sandbox.injectFault(fault());
		const { items } = await c.run(c.parameters, [nikItem], {
			credentials: c.credentials,
			onError: 'continueRegularOutput',
		});
		fields['the Continue On Fail item'] = JSON.stringify(items);
		const found = Object.entries(fields).flatMap(([field, value]) =>
			leaks(String(value ?? '')).map((leak) => `${field}: ${leak}`),
		);
		expect(found).toEqual([]);
	});
});
