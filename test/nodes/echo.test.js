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
const { NIK, SHAPES, echoFault, findLeaks, allText } = require('../echo');

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
