'use strict';
/**
 * The base URL rule through n8n-core, for every vendor node, the Iluma Trigger's hooks and every
 * credential test: plain http:// to another machine, or a base URL with ? or #, fails before
 * anything is sent. The hosts are under .invalid, so nothing could be sent there anyway: what
 * proves "before" is that the failure is the input error (n8n's credential test would otherwise
 * report a DNS failure). "Allow Insecure HTTP" lets such a URL through to the operation's own input
 * checks, which stop the item before any call. Also: an image whose pixel size cannot be read is
 * refused before sending when the vendor has pixel limits (Iluma's ID card OCR, 4096×4096).
 */
const { runNode } = require('../harness/n8n');
const { callHook } = require('../harness/webhook');
const { testCredential } = require('../harness/credentialTest');
const { useSandbox, ilumaRunner, imageItem, images, vendorCalls } = require('../helpers');
const { EkycPro } = require('../../nodes/EkycPro/EkycPro.node');
const { Iluma } = require('../../nodes/Iluma/Iluma.node');
const { IlumaTrigger } = require('../../nodes/Iluma/IlumaTrigger.node');
const { WideKyc } = require('../../nodes/WideKyc/WideKyc.node');
const { ClovaOcr } = require('../../nodes/ClovaOcr/ClovaOcr.node');
const { ArgosId } = require('../../nodes/ArgosId/ArgosId.node');
const { EkycProApi } = require('../../credentials/EkycProApi.credentials');
const { IlumaApi } = require('../../credentials/IlumaApi.credentials');
const { WideKycApi } = require('../../credentials/WideKycApi.credentials');
const { ClovaOcrApi } = require('../../credentials/ClovaOcrApi.credentials');
const { ArgosIdApi } = require('../../credentials/ArgosIdApi.credentials');

const KEY = 'base-url-test-key-0042';

/** Each vendor: its credential, the URL field's label, and an image operation run on an item with no file. */
const vendors = [
	{
		name: 'ekycpro',
		node: EkycPro,
		credential: EkycProApi,
		label: 'Base URL',
		secret: 'API key',
		data: (url) => ({ apiKey: KEY, baseUrl: url }),
		parameters: { resource: 'idCard', operation: 'recognize', document: 'pe' },
	},
	{
		name: 'Iluma',
		node: Iluma,
		credential: IlumaApi,
		label: 'Base URL',
		secret: 'API key',
		data: (url) => ({ apiKey: KEY, baseUrl: url, callbackToken: '' }),
		parameters: { resource: 'face', operation: 'compare' },
	},
	{
		name: 'WideKYC',
		node: WideKyc,
		credential: WideKycApi,
		label: 'Server URL',
		secret: 'token',
		data: (url) => ({ token: KEY, serverUrl: url }),
		parameters: { resource: 'idCard', operation: 'recognize' },
	},
	{
		name: 'CLOVA OCR',
		node: ClovaOcr,
		credential: ClovaOcrApi,
		label: 'Invoke URL',
		secret: 'secret',
		data: (url) => ({ secretKey: KEY, invokeUrl: url }),
		parameters: { resource: 'general', operation: 'recognize' },
	},
	{
		name: 'Argos ID',
		node: ArgosId,
		credential: ArgosIdApi,
		label: 'Base URL',
		secret: 'API key',
		data: (url) => ({ apiKey: KEY, baseUrl: url }),
		parameters: {
			resource: 'submission',
			operation: 'step1',
			email: 'a@example.com',
			issuingCountry: 'KOR',
			idType: 'passport',
		},
	},
];

const HTTP_ELSEWHERE = 'http://kyc.invalid/api';
const INSECURE =
	/must use https:\/\/ \(http:\/\/ only to this machine: localhost, 127\.0\.0\.0\/8, ::1\): over http:\/\/ to kyc\.invalid the key and the ID images would travel unencrypted\. Turn on Allow Insecure HTTP in the credential only for a host on a network you trust$/;
const QUERY =
	/must not contain "\?" or "#": a query string or fragment would cut off the path of every call; remove it$/;

const run = (vendor, data) =>
	runNode({
		nodeClass: vendor.node,
		credentialClasses: [vendor.credential],
		credentials: { [new vendor.credential().name]: data },
		parameters: vendor.parameters,
		items: [{ json: {} }],
	});

describe.each(vendors)('$name', (vendor) => {
	const field = `${vendor.label} in the ${vendor.name} credential`;
	const fieldPattern = (problem) => new RegExp(`^${field}: ${problem.source.replace(/\$$/, '')}$`);

	test('http:// to another machine: the node fails on the base URL, before any call', async () => {
		const { error } = await run(vendor, vendor.data(HTTP_ELSEWHERE));
		expect(error.message).toMatch(fieldPattern(INSECURE));
		expect(error.description).toBe('Nothing was sent to the vendor, so this item cost nothing.');
	});

	test.each(['https://kyc.invalid/api?version=2', 'https://kyc.invalid/api#v2'])(
		'%s: the node fails on the base URL, before any call',
		async (url) => {
			const { error } = await run(vendor, vendor.data(url));
			expect(error.message).toMatch(fieldPattern(QUERY));
		},
	);

	test('Allow Insecure HTTP: the URL passes, and the item stops at its own input check', async () => {
		const { error } = await run(vendor, {
			...vendor.data(HTTP_ELSEWHERE),
			allowInsecureHttp: true,
		});
		expect(error.message).toMatch(
			/: the input item has no binary field "\w+"; it has no binary data$/,
		);
	});

	test('the credential test refuses http:// to another machine before sending the key', async () => {
		const result = await testCredential(vendor.credential, vendor.data(HTTP_ELSEWHERE));
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(
			new RegExp(
				`^${vendor.name}: the ${vendor.label} must use https:// .*; the ${vendor.secret} was not sent$`,
			),
		);
		expect(result.message).not.toContain(KEY);
	});

	test('the credential test refuses a base URL with ?', async () => {
		const result = await testCredential(vendor.credential, vendor.data('https://kyc.invalid/?a=1'));
		expect(result.message).toMatch(
			new RegExp(`^${vendor.name}: the ${vendor.label} must not contain "\\?" or "#"`),
		);
	});
});

describe('Iluma Trigger activation', () => {
	test.each([
		[HTTP_ELSEWHERE, INSECURE],
		['https://kyc.invalid/api?x=1', QUERY],
	])('%s fails on the base URL before any call', async (baseUrl, problem) => {
		for (const parameters of [{}, { registerCallbackUrl: true }]) {
			const error = await callHook('create', {
				nodeClass: IlumaTrigger,
				parameters,
				credentials: { ilumaApi: { apiKey: KEY, baseUrl, callbackToken: '' } },
			}).catch((e) => e);
			expect(error.message).toMatch(
				new RegExp(`^Base URL in the Iluma credential: ${problem.source}`),
			);
		}
	});
});

describe('an image whose pixel size cannot be read', () => {
	const state = useSandbox();
	const runIluma = ilumaRunner(state);
	const ocr = {
		resource: 'idCardOcr',
		operation: 'extract',
		cardType: 'indonesia_ktp',
		waitForResult: false,
	};
	/** A real JPEG whose frame header (SOF0) is turned into an APP1 segment: valid, but sizeless. */
	function jpegWithoutFrameHeader() {
		const data = Buffer.from(images.jpeg());
		const at = data.indexOf(Buffer.from([0xff, 0xc0]));
		data[at + 1] = 0xe1;
		return data;
	}
	/** A JPEG whose frame header gives height 0 (to be set by a DNL marker later): no size either. */
	function jpegWithZeroHeight() {
		const data = Buffer.from(images.jpeg());
		data.writeUInt16BE(0, data.indexOf(Buffer.from([0xff, 0xc0])) + 5);
		return data;
	}
	function pngWithoutHeaderChunk() {
		const data = Buffer.from(images.png());
		data.write('tEXt', 12, 'latin1');
		return data;
	}
	const limit = 'Iluma needs at most 4096×4096 px, so it was not sent';

	test.each([
		['a JPEG without its frame header', jpegWithoutFrameHeader(), 'JPEG'],
		['a JPEG cut off after its first segment', images.jpeg().subarray(0, 22), 'JPEG'],
		['a JPEG whose frame header says height 0', jpegWithZeroHeight(), 'JPEG'],
		['a PNG whose first chunk is not IHDR', pngWithoutHeaderChunk(), 'PNG'],
	])(
		'%s is refused before sending, naming the field and the limit',
		async (_name, data, format) => {
			const { error } = await runIluma(ocr, [imageItem({ data })]);
			expect(error.message).toBe(
				`ID Card Image: the image size cannot be read from its ${format} header (damaged or incomplete file?); ${limit}`,
			);
			expect(vendorCalls(state, 'iluma')).toBe(0);
		},
	);

	test('the same JPEG with its header is sent', async () => {
		const { error } = await runIluma(ocr, [imageItem({ data: images.jpeg() })]);
		expect(error).toBeUndefined();
		expect(vendorCalls(state, 'iluma')).toBe(1);
	});

	test('without pixel limits (face comparison) a sizeless JPEG is left to the vendor', async () => {
		await runIluma({ resource: 'face', operation: 'compare' }, [
			imageItem({ selfie: jpegWithoutFrameHeader(), ktp: images.jpeg() }),
		]);
		expect(vendorCalls(state, 'iluma')).toBe(1);
	});
});
