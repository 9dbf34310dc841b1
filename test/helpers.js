'use strict';
/** Shared set-up for the engine tests: one sandbox per test file, and one-line node runs. */
const { runNode, binaryItem } = require('./harness/n8n');
const { startSandbox, scenarios } = require('./sandbox');
const images = require('./fixtures/images');
const { EkycPro } = require('../nodes/EkycPro/EkycPro.node');
const { WideKyc } = require('../nodes/WideKyc/WideKyc.node');
const { Iluma } = require('../nodes/Iluma/Iluma.node');
const { ClovaOcr } = require('../nodes/ClovaOcr/ClovaOcr.node');
const { EkycProApi } = require('../credentials/EkycProApi.credentials');
const { IlumaApi } = require('../credentials/IlumaApi.credentials');
const { WideKycApi } = require('../credentials/WideKycApi.credentials');
const { ClovaOcrApi } = require('../credentials/ClovaOcrApi.credentials');

function useSandbox() {
	const state = {};
	beforeAll(async () => {
		state.sandbox = await startSandbox();
	});
	afterEach(() => state.sandbox.reset());
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

module.exports = {
	useSandbox,
	vendorRunner,
	ekycRunner,
	ilumaRunner,
	wideRunner,
	clovaRunner,
	imageItem,
	images,
	scenarios,
	vendorCalls,
};
