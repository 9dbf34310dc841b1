'use strict';
/** Shared set-up for the engine tests: one sandbox per test file, and one-line node runs. */
const net = require('net');
const { runNode, binaryItem } = require('./harness/n8n');
const { runAsTool } = require('./harness/tool');
const { startSandbox, scenarios } = require('./sandbox');
const images = require('./fixtures/images');
const { EkycPro } = require('../nodes/EkycPro/EkycPro.node');
const { WideKyc } = require('../nodes/WideKyc/WideKyc.node');
const { Iluma } = require('../nodes/Iluma/Iluma.node');
const { ClovaOcr } = require('../nodes/ClovaOcr/ClovaOcr.node');
const { KycAnyVendor } = require('../nodes/KycAnyVendor/KycAnyVendor.node');
const { EkycProApi } = require('../credentials/EkycProApi.credentials');
const { IlumaApi } = require('../credentials/IlumaApi.credentials');
const { WideKycApi } = require('../credentials/WideKycApi.credentials');
const { ClovaOcrApi } = require('../credentials/ClovaOcrApi.credentials');
const { forgetPaces } = require('../nodes/shared/vendorPace');

function useSandbox() {
	const state = {};
	beforeAll(async () => {
		state.sandbox = await startSandbox();
	});
	afterEach(() => {
		state.sandbox.reset();
		// Paces are per process (nodes/shared/vendorPace.ts): each test starts as a new process would.
		forgetPaces();
	});
	afterAll(async () => {
		await state.sandbox.close();
	});
	return state;
}

function vendorRunner(state, nodeClass, credentialClass, credentialType, credentialFor) {
	return (parameters, items, extra = {}) =>
		runNode({
			nodeClass,
			credentialClasses: [credentialClass],
			credentials: { [credentialType]: { ...credentialFor(state.sandbox), ...extra.credentials } },
			parameters,
			items: items || [{ json: {} }],
			onError: extra.onError,
			cancelAfterMs: extra.cancelAfterMs,
			executionId: extra.executionId,
			settings: extra.settings,
		});
}

const ekycRunner = (state) =>
	vendorRunner(state, EkycPro, EkycProApi, 'ekycProApi', (sandbox) => ({
		apiKey: scenarios.EKYCPRO_API_KEY,
		baseUrl: sandbox.baseUrls.ekycpro,
	}));

/**
 * ekycpro's NIK check as an AI tool (test/harness/tool.js), the model filling `nik`: each of
 * `calls` is one tool call's arguments. `options` are the node's Options; `extra` runAsTool's.
 */
const ekycNikTool = (state, calls, { options = {}, ...extra } = {}) =>
	runAsTool({
		nodeClass: EkycPro,
		credentialClasses: [EkycProApi],
		credentials: {
			ekycProApi: { apiKey: scenarios.EKYCPRO_API_KEY, baseUrl: state.sandbox.baseUrls.ekycpro },
		},
		parameters: {
			resource: 'identity',
			operation: 'check',
			nik: "={{ $fromAI('nik', 'The NIK to check', 'string') }}",
			options,
		},
		calls,
		...extra,
	});

const wideRunner = (state) =>
	vendorRunner(state, WideKyc, WideKycApi, 'wideKycApi', (sandbox) => ({
		token: scenarios.WIDEKYC_TOKENS.active,
		serverUrl: sandbox.baseUrls.wideKyc,
	}));

const ilumaRunner = (state) =>
	vendorRunner(state, Iluma, IlumaApi, 'ilumaApi', (sandbox) => ({
		apiKey: sandbox.keys.iluma.apiKey,
		baseUrl: sandbox.baseUrls.iluma,
	}));

const clovaRunner = (state) =>
	vendorRunner(state, ClovaOcr, ClovaOcrApi, 'clovaOcrApi', (sandbox) => ({
		secretKey: sandbox.keys.clova.secretKey,
		invokeUrl: sandbox.baseUrls.clova,
	}));

/** Each KYC (Any Vendor) vendor: its credential type and its sandbox credential. */
const ANY_VENDOR_CREDENTIALS = {
	iluma: {
		type: 'ilumaApi',
		baseUrlField: 'baseUrl',
		fields: (sandbox) => ({ apiKey: sandbox.keys.iluma.apiKey, baseUrl: sandbox.baseUrls.iluma }),
	},
	wideKyc: {
		type: 'wideKycApi',
		baseUrlField: 'serverUrl',
		fields: (sandbox) => ({
			token: scenarios.WIDEKYC_TOKENS.active,
			serverUrl: sandbox.baseUrls.wideKyc,
		}),
	},
	ekycPro: {
		type: 'ekycProApi',
		baseUrlField: 'baseUrl',
		fields: (sandbox) => ({
			apiKey: scenarios.EKYCPRO_API_KEY,
			baseUrl: sandbox.baseUrls.ekycpro,
		}),
	},
};

/** The sandbox's name for each node vendor value, as `sandbox.requests` logs it. */
const SANDBOX_VENDOR = { iluma: 'iluma', wideKyc: 'wideKyc', ekycPro: 'ekycpro' };

/**
 * Runs the KYC (Any Vendor) node with all three sandbox credentials. `extra.credentials` overrides
 * one vendor's fields, keyed by the node's vendor value: `{ wideKyc: { token: '…' } }`.
 */
const anyVendorRunner =
	(state) =>
	(parameters, items, extra = {}) => {
		const overrides = extra.credentials || {};
		const credentials = Object.fromEntries(
			Object.entries(ANY_VENDOR_CREDENTIALS).map(([vendor, { type, fields }]) => [
				type,
				{ ...fields(state.sandbox), ...overrides[vendor] },
			]),
		);
		return runNode({
			nodeClass: KycAnyVendor,
			credentialClasses: [IlumaApi, WideKycApi, EkycProApi],
			credentials,
			parameters,
			items: items || [{ json: {} }],
			onError: extra.onError,
			executionId: extra.executionId,
			settings: extra.settings,
		});
	};

/** A loopback port nothing listens on: a vendor that is down (connection refused). */
async function closedPort() {
	const server = net.createServer();
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address();
	await new Promise((resolve) => server.close(resolve));
	return port;
}

/** Credential fields that point a KYC (Any Vendor) vendor at a closed loopback port. */
async function downCredential(vendor) {
	const port = await closedPort();
	return { [ANY_VENDOR_CREDENTIALS[vendor].baseUrlField]: `http://127.0.0.1:${port}/down` };
}

const imageItem = (files, json) =>
	binaryItem(
		Object.fromEntries(
			Object.entries(files).map(([field, data]) => [
				field,
				{ data, mimeType: 'image/jpeg', fileName: `${field}.jpg` },
			]),
		),
		json,
	);

/** How many calls reached the vendor's API (control endpoints excluded). */
const vendorCalls = (state, vendor) =>
	state.sandbox.requests.filter((request) => request.vendor === vendor).length;

/** How many calls reached a vendor, by the node's vendor value; `path` narrows it to one endpoint. */
const anyVendorCalls = (state, vendor, path) =>
	state.sandbox.requests.filter(
		(request) =>
			request.vendor === SANDBOX_VENDOR[vendor] &&
			(path === undefined || request.path.endsWith(path)),
	).length;

const NODE_VENDOR = Object.fromEntries(
	Object.entries(SANDBOX_VENDOR).map(([node, sandbox]) => [sandbox, node]),
);

/** The vendor calls that arrived, in order, by the node's vendor value (Iluma's OCR result reads, GETs, left out). */
const anyVendorSent = (state) =>
	state.sandbox.requests.filter((r) => r.method !== 'GET').map((r) => NODE_VENDOR[r.vendor]);

module.exports = {
	useSandbox,
	anyVendorRunner,
	anyVendorCalls,
	anyVendorSent,
	closedPort,
	downCredential,
	SANDBOX_VENDOR,
	vendorRunner,
	ekycRunner,
	ekycNikTool,
	ilumaRunner,
	wideRunner,
	clovaRunner,
	imageItem,
	images,
	scenarios,
	vendorCalls,
};
