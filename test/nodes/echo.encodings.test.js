'use strict';
/**
 * Issue 21 items 3 and 4, across every vendor: a vendor (or a proxy) that echoes the credential's
 * values hex-encoded, as base64url, JSON-escaped with `\/` (as PHP writes it) or as base64 broken by
 * `\n` / `\r\n`, or the NIK with double spaces, commas or in full-width digits, as a plain-text
 * HTTP 500, as its JSON error and inside HTTP 200. Neither the error n8n saves nor the Continue On
 * Fail item may hold any of it. The credentials carry `/`, `+` and `~` so that every encoding
 * differs from the value as typed. The secret-canary check after every test judges the same runs.
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
} = require('../helpers');
const { ArgosId } = require('../../nodes/ArgosId/ArgosId.node');
const { ArgosIdApi } = require('../../credentials/ArgosIdApi.credentials');
const { NIK, ENCODED_SHAPES, echoFault } = require('../echo');
const { checkCanaries } = require('../invariants/canary');

const state = useSandbox();
const argosRunner = vendorRunner(state, ArgosId, ArgosIdApi, 'argosIdApi', (sandbox) => ({
	apiKey: sandbox.keys.argos.apiKey,
	baseUrl: sandbox.baseUrls.argos,
}));

const image = images.jpeg({ width: 64, height: 48 });
const withImage = (field = 'data') => imageItem({ [field]: image }, { nik: NIK });
const nikItem = () => ({ json: { nik: NIK } });
const key = (vendor) => `kX9/3fA+~~~canary-${vendor}?>key`;

/** One call per vendor that carries the credential and the NIK. */
const CASES = [
	{
		vendor: 'ekycpro',
		run: ekycRunner(state),
		type: 'ekycProApi',
		credentials: { apiKey: key('ekycpro') },
		parameters: { resource: 'identity', operation: 'check', nik: '={{ $json.nik }}' },
		item: nikItem,
	},
	{
		vendor: 'wideKyc',
		run: wideRunner(state),
		type: 'wideKycApi',
		credentials: { token: key('widekyc') },
		parameters: { resource: 'idCard', operation: 'validate', nik: '={{ $json.nik }}' },
		item: nikItem,
	},
	{
		vendor: 'clova',
		run: clovaRunner(state),
		type: 'clovaOcrApi',
		credentials: { secretKey: key('clova') },
		parameters: { resource: 'general', operation: 'recognize' },
		item: () => withImage(),
	},
	{
		vendor: 'iluma',
		run: ilumaRunner(state),
		type: 'ilumaApi',
		credentials: { apiKey: key('iluma'), callbackToken: key('iluma-callback') },
		parameters: {
			resource: 'ktp',
			operation: 'validateName',
			nik: '={{ $json.nik }}',
			name: 'FIRA DIYANKA',
		},
		item: nikItem,
	},
	{
		vendor: 'argos',
		run: argosRunner,
		type: 'argosIdApi',
		credentials: { apiKey: key('argos'), secretKey: key('argos-secret') },
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
	KINDS.flatMap((kind) => ENCODED_SHAPES.map((shape) => [c.vendor, kind, shape, c])),
);

/** The canary check over one run, said here in the test's own words. */
function leaks(c, result, onError) {
	const credentials = { [c.type]: { ...c.credentials, baseUrl: 'ignored' } };
	return checkCanaries([
		{
			kind: 'node',
			nodeType: c.vendor,
			parameters: c.parameters,
			credentials,
			items: [c.item()],
			onError,
			result,
		},
	]);
}

describe.each(table)('%s echoes as %s, %s', (vendor, kind, shape, c) => {
	test('the saved error and the Continue On Fail item hold no key and no NIK', async () => {
		state.sandbox.injectFault(echoFault(vendor, kind, shape));
		const stopped = await c.run(c.parameters, [c.item()], { credentials: c.credentials });
		expect(stopped.error).toBeDefined();
		expect(leaks(c, stopped)).toEqual([]);

		state.sandbox.reset();
		state.sandbox.injectFault(echoFault(vendor, kind, shape));
		const continued = await c.run(c.parameters, [c.item()], {
			credentials: c.credentials,
			onError: 'continueRegularOutput',
		});
		expect(typeof continued.items[0]?.json.error).toBe('string');
		expect(leaks(c, continued, 'continueRegularOutput')).toEqual([]);
	});
});
