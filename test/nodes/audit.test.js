'use strict';
/**
 * The audit record (issue 23 item 1, contract: nodes/shared/audit.ts). Every operation of every
 * action node, and every check of KYC (Any Vendor) at each vendor that offers it, found from the
 * node descriptions: an operation without a case below fails, so a new one cannot go unaudited.
 * Whether `billed` agrees with the sandbox's billing ledger is the shared invariant's job
 * (test/invariants/auditRule.js, after every test, the fault matrix included); no personal data
 * in a record is the canary's (test/invariants/canary.js).
 */
const {
	useSandbox,
	vendorRunner,
	ekycRunner,
	ilumaRunner,
	wideRunner,
	clovaRunner,
	anyVendorRunner,
	downCredential,
	imageItem,
	images,
	scenarios,
} = require('../helpers');
const { EkycPro } = require('../../nodes/EkycPro/EkycPro.node');
const { Iluma } = require('../../nodes/Iluma/Iluma.node');
const { ClovaOcr } = require('../../nodes/ClovaOcr/ClovaOcr.node');
const { ArgosId } = require('../../nodes/ArgosId/ArgosId.node');
const { WideKyc } = require('../../nodes/WideKyc/WideKyc.node');
const { ArgosIdApi } = require('../../credentials/ArgosIdApi.credentials');
const { CHECKS } = require('../../nodes/KycAnyVendor/checks');
const { offeringVendors } = require('../../nodes/KycAnyVendor/description');
const { VENDORS } = require('../../nodes/KycAnyVendor/vendors');

const state = useSandbox();
const argosRun = vendorRunner(state, ArgosId, ArgosIdApi, 'argosIdApi', (sandbox) => ({
	apiKey: sandbox.keys.argos.apiKey,
	baseUrl: sandbox.baseUrls.argos,
}));
const RUNNERS = {
	ekycPro: ekycRunner(state),
	iluma: ilumaRunner(state),
	clovaOcr: clovaRunner(state),
	argosId: argosRun,
	wideKyc: wideRunner(state),
	kycAnyVendor: anyVendorRunner(state),
};
const ACTION_NODES = [EkycPro, Iluma, ClovaOcr, ArgosId, WideKyc];
const { NIKS } = scenarios;

const ilumaControl = (action, body) => state.sandbox.vendorControl('iluma', action, body);
const argosControl = (action, body) => state.sandbox.vendorControl('argos', action, body);
beforeEach(() => ilumaControl('configure', { completeAfterMs: 100 }));

/** The billable products, as the sandbox's vendors bill them: `<vendor>.<product>`. */
const BILLABLE = new Set(
	['argos', 'clova', 'ekycpro', 'iluma', 'widekyc'].flatMap((name) =>
		require(`../sandbox/vendors/${name}`).billing.map((rule) => `${name}.${rule.product}`),
	),
);

const data = (image = images.jpeg()) => [imageItem({ data: image })];
const faces = () => [imageItem({ selfie: images.jpeg(), ktp: images.png() })];
/** Iluma's identity verification takes photos of 100 KB and more. */
const photo = () => images.jpeg({ width: 600, height: 600, padTo: 150 * 1024 });

/** The first item's json of a run that must succeed (a prerequisite of the case). */
async function first(promise) {
	const { items, error } = await promise;
	if (error) throw error;
	return items[0].json;
}

const ARGOS_APPLICANT = {
	email: 'applicant@example.com',
	issuingCountry: 'KOR',
	idType: 'passport',
};

/** An Argos submission's first step, answered: a prerequisite of the steps after it. */
const argosStep1 = async (run) =>
	await first(run({ resource: 'submission', operation: 'step1', ...ARGOS_APPLICANT }, data()));

/** Each operation, by `<node> <resource>.<operation>`: its parameters and input items. */
const CASES = {
	'ekycPro idCard.recognize': () => [{ document: 'pe' }, data()],
	'ekycPro face.compare': () => [{}, [imageItem({ data: images.jpeg(), selfie: images.png() })]],
	'ekycPro liveness.detect': () => [{ country: 'ID' }, data()],
	'ekycPro identity.check': () => [{ nik: NIKS.registered, name: 'budi santoso' }],
	'ekycPro account.getBalance': () => [{}],

	'iluma bankAccount.validateName': () => [
		{ bankAccountNumber: '1234567890', bankCode: 'BCA', referenceId: 'audit-bank' },
	],
	'iluma bankAccount.getValidation': async (run) => {
		const created = await first(
			run({
				resource: 'bankAccount',
				operation: 'validateName',
				bankAccountNumber: '1234567891',
				bankCode: 'BCA',
				referenceId: 'audit-bank',
				waitForResult: false,
			}),
		);
		return [{ id: created.id }];
	},
	'iluma ktp.validateName': () => [{ nik: NIKS.registered, name: 'Budi Santoso' }],
	'iluma identity.verifyIdCard': () => [
		{ name: 'penito kristian', idCardNumber: '3275031210930027', birthdate: '12-10-1991' },
		[imageItem({ selfie: photo(), ktp: photo() })],
	],
	'iluma idCardOcr.extract': () => [
		{ cardType: 'indonesia_ktp', referenceId: 'audit-ocr' },
		data(),
	],
	'iluma idCardOcr.get': async () => {
		const { ids } = await ilumaControl('seed', { product: 'id_card_ocr', reference_id: 'a-1' });
		return [{ id: ids[0] }];
	},
	'iluma idCardOcr.getMany': async () => {
		await ilumaControl('seed', { product: 'id_card_ocr', reference_id: 'a-2', count: 3 });
		return [{ referenceId: 'a-2', returnAll: true }];
	},
	'iluma face.compare': () => [{}, faces()],
	'iluma cft.screenIndividual': () => [{ givenName: 'Abdul', surname: 'Aziz' }],
	'iluma businessDocument.extract': () => [
		{ documentSource: 'binary', documentBinaryField: 'data', referenceId: 'audit-doc' },
		data(images.pdf()),
	],
	'iluma businessDocument.get': async () => {
		const { ids } = await ilumaControl('seed', { product: 'document_ocr', reference_id: 'a-3' });
		return [{ id: ids[0] }];
	},
	'iluma businessDocument.getMany': async () => {
		await ilumaControl('seed', { product: 'document_ocr', reference_id: 'a-4', count: 2 });
		return [{ referenceId: 'a-4', returnAll: true }];
	},
	'iluma capture.createLink': () => [
		{ types: ['IDENTITY_CARD'], country: 'PH', referenceId: 'audit-capture' },
	],
	'iluma capture.get': async () => {
		const { ids } = await ilumaControl('seed', { product: 'capture', reference_id: 'a-5' });
		return [{ id: ids[0] }];
	},
	'iluma capture.getMany': async () => {
		await ilumaControl('seed', { product: 'capture', reference_id: 'a-6', count: 2 });
		return [{ referenceId: 'a-6', returnAll: true }];
	},
	'iluma capture.requestRecapture': async () => {
		const { ids } = await ilumaControl('seed', { product: 'capture', reference_id: 'a-7' });
		return [{ id: ids[0], types: ['IDENTITY_CARD'] }];
	},
	'iluma capture.download': async (run) => {
		const created = await first(
			run({
				resource: 'capture',
				operation: 'createLink',
				types: ['IDENTITY_CARD'],
				country: 'PH',
				referenceId: 'a-8',
			}),
		);
		await ilumaControl('completeAll', {});
		const got = await first(run({ resource: 'capture', operation: 'get', id: created.id }));
		return [{ id: created.id, link: got.result.id_card_ocr.link }];
	},
	'iluma account.getApiKeys': () => [{ businessId: '5abc', token: 'one-time' }],

	'clovaOcr document.creditCard': () => [{}, data()],
	'clovaOcr document.receipt': () => [{}, data()],
	'clovaOcr document.nameCard': () => [{}, data()],
	'clovaOcr document.businessLicense': () => [{}, data()],
	'clovaOcr document.idCard': () => [{}, data()],
	'clovaOcr document.passport': () => [{}, data()],
	'clovaOcr general.recognize': () => [{}, data()],
	'clovaOcr template.recognize': () => [{ templateIds: '390' }, data()],

	'argosId submission.step1': () => [{ ...ARGOS_APPLICANT }, data()],
	'argosId submission.step2': async (run) => {
		const step1 = await argosStep1(run);
		return [
			{ submissionId: step1.submissionId, name: 'HONG GILDONG', dateOfBirth: '1990-01-31' },
			[imageItem({ selfie: images.jpeg() })],
		];
	},
	'argosId submission.get': async (run) => {
		const step1 = await argosStep1(run);
		return [{ submissionId: step1.submissionId }];
	},
	'argosId submission.getMany': async () => {
		await argosControl('seed', { count: 3 });
		return [{ returnAll: true }];
	},

	'wideKyc idCard.recognize': () => [{ custRefNo: 'REF-1' }, data()],
	'wideKyc idCard.validate': () => [{ nik: NIKS.registered }],
	'wideKyc liveness.passive': () => [{}, data()],
};

/** KYC (Any Vendor): each check's parameters and input item. */
const CHECK_CASES = {
	readKtp: () => [{}, [imageItem({ ktp: images.jpeg() })]],
	verifyNik: () => [{ nik: NIKS.registered, name: 'Budi Santoso' }],
	liveness: () => [{}, [imageItem({ selfie: images.jpeg() })]],
	compareFaces: () => [{}, [imageItem({ selfie: images.jpeg(), ktp: images.jpeg() })]],
};

/** Every resource/operation of a node, from its description. */
function operationsOf(NodeClass) {
	const { description } = new NodeClass();
	const resources = description.properties.find((p) => p.name === 'resource').options;
	return resources.flatMap(({ value: resource }) =>
		description.properties
			.filter((p) => p.name === 'operation' && p.displayOptions.show.resource.includes(resource))
			.flatMap((p) => p.options.map(({ value }) => ({ node: description.name, resource, value }))),
	);
}

const KEYS = [
	'vendor',
	'product',
	'operation',
	'outcome',
	'billed',
	'startedAt',
	'durationMs',
	'calls',
	'executionId',
	'workflowId',
	'node',
	'itemIndex',
];

/** The contract's shape, exactly: its fields, their types, nothing else. */
function expectRecordShape(record, { vendor, operation, itemIndex = 0 }) {
	const optional = Object.keys(record).filter((key) => !KEYS.includes(key));
	expect(optional.every((key) => ['vendorReference', 'billedReason'].includes(key))).toBe(true);
	for (const key of KEYS) expect(record).toHaveProperty(key);
	expect(record.vendor).toBe(vendor);
	expect(record.product).toMatch(new RegExp(`^${vendor}\\.[a-z][A-Za-z0-9]+$`));
	expect(record.operation).toBe(operation);
	expect(['success', 'failed']).toContain(record.outcome);
	expect([true, false, 'maybe']).toContain(record.billed);
	expect('billedReason' in record).toBe(record.billed === 'maybe');
	if (record.billed === 'maybe') expect(record.billedReason).toEqual(expect.any(String));
	if ('vendorReference' in record) expect(record.vendorReference).toMatch(/^\S{1,128}$/);
	expect(new Date(record.startedAt).toISOString()).toBe(record.startedAt);
	expect(Number.isInteger(record.durationMs) && record.durationMs >= 0).toBe(true);
	expect(Number.isInteger(record.calls) && record.calls >= 1).toBe(true);
	expect(record.executionId).toBe('audit-execution');
	expect(record.workflowId).toBe('test-workflow');
	expect(record.node).toBe('Under Test');
	expect(record.itemIndex).toBe(itemIndex);
}

/** Only the first output item of the input item carries its audit. */
function expectOnlyFirstCarries(items) {
	expect(Array.isArray(items[0].json.audit)).toBe(true);
	for (const item of items.slice(1)) expect(item.json).not.toHaveProperty('audit');
}

const VENDOR_OF = {
	ekycPro: 'ekycpro',
	iluma: 'iluma',
	clovaOcr: 'clova',
	argosId: 'argos',
	wideKyc: 'widekyc',
};
const OPERATIONS = ACTION_NODES.flatMap(operationsOf);

describe('every operation of every vendor node: one audit record of the contract’s shape', () => {
	test('the operations are found in the descriptions', () => {
		expect(OPERATIONS.length).toBeGreaterThanOrEqual(38);
	});

	test.each(OPERATIONS.map((op) => [`${op.node} ${op.resource}.${op.value}`, op]))(
		'%s',
		async (name, { node, resource, value }) => {
			const make = CASES[name];
			if (!make) throw new Error(`no audit case for ${name}: add one to CASES`);
			const run = RUNNERS[node];
			const [parameters, items] = await make(run);
			const operation = { resource, operation: value };
			const result = await run({ ...operation, ...parameters }, items, {
				executionId: 'audit-execution',
			});
			expect(result.error).toBeUndefined();
			expectOnlyFirstCarries(result.items);
			const { audit } = result.items[0].json;
			expect(audit).toHaveLength(1);
			const [record] = audit;
			expectRecordShape(record, { vendor: VENDOR_OF[node], operation: `${resource}.${value}` });
			expect(record.outcome).toBe('success');
			// A success is billed exactly when its product is one the vendor bills.
			expect(record.billed).toBe(BILLABLE.has(record.product));
		},
	);
});

describe('KYC (Any Vendor): every check at every vendor that offers it', () => {
	const cases = CHECKS.flatMap((check) =>
		offeringVendors(check).map((key) => [`${check.value} at ${key}`, check, key]),
	);

	test.each(cases)('%s', async (_name, check, key) => {
		const [parameters, items] = CHECK_CASES[check.value]();
		const result = await RUNNERS.kycAnyVendor(
			{ check: check.value, mode: 'failover', vendors: [key], ...parameters },
			items,
			{ executionId: 'audit-execution' },
		);
		expect(result.error).toBeUndefined();
		const { audit } = result.items[0].json;
		expect(audit).toHaveLength(1);
		const { vendor, resources } = VENDORS[key];
		const offered = VENDORS[key].checks[check.value].operation;
		const resource = resources.find((r) => r.operations.includes(offered)).value;
		expectRecordShape(audit[0], {
			vendor: vendor.auditName,
			operation: `${resource}.${offered.value}`,
		});
		expect(audit[0].product).toBe(`${vendor.auditName}.${offered.product}`);
		expect(audit[0]).toMatchObject({ outcome: 'success', billed: true });
	});
});

describe('where the audit goes', () => {
	test('Audit Record off: no item carries audit, neither a success nor a failure', async () => {
		const off = { options: { auditRecord: false } };
		const ok = await RUNNERS.ekycPro(
			{ resource: 'idCard', operation: 'recognize', document: 'pe', ...off },
			data(),
		);
		expect(ok.error).toBeUndefined();
		expect(ok.items[0].json).not.toHaveProperty('audit');
		const failed = await RUNNERS.ekycPro(
			{ resource: 'idCard', operation: 'recognize', document: 'pe', ...off },
			data(images.jpeg({ marker: scenarios.MARKERS.recognitionFail })),
			{ onError: 'continueRegularOutput' },
		);
		expect(failed.items[0].json.error).toMatch(/billed\]$/);
		expect(failed.items[0].json).not.toHaveProperty('audit');
		const any = await RUNNERS.kycAnyVendor(
			{ check: 'verifyNik', vendors: ['iluma', 'wideKyc'], ...CHECK_CASES.verifyNik()[0], ...off },
			undefined,
		);
		expect(any.items[0].json).not.toHaveProperty('audit');
	});

	test('split outputs: only the first output item of an input item carries its audit', async () => {
		const screen = { resource: 'cft', operation: 'screenIndividual', splitMatches: true };
		const { items } = await RUNNERS.iluma({ ...screen, givenName: 'Abdul', surname: 'Aziz' }, [
			{ json: {} },
			{ json: {} },
		]);
		// Two input items, two matches each: items 0 and 2 start their input item's outputs.
		expect(items.map((item) => item.pairedItem.item)).toEqual([0, 0, 1, 1]);
		expect(items.map((item) => Array.isArray(item.json.audit))).toEqual([true, false, true, false]);
		expect(items[0].json.audit.map((r) => r.itemIndex)).toEqual([0]);
		expect(items[2].json.audit.map((r) => r.itemIndex)).toEqual([1]);

		await argosControl('seed', { count: 4 });
		const many = await RUNNERS.argosId({ resource: 'submission', operation: 'getMany', limit: 3 });
		expect(many.items).toHaveLength(3);
		expectOnlyFirstCarries(many.items);
		expect(many.items[0].json.audit).toEqual([
			expect.objectContaining({ product: 'argos.submissionList', billed: false }),
		]);
	});

	test('nothing sent (input refused before any call): no audit record', async () => {
		const { items } = await RUNNERS.iluma(
			{ resource: 'ktp', operation: 'validateName', nik: '123', name: 'Budi Santoso' },
			undefined,
			{ onError: 'continueRegularOutput' },
		);
		expect(items[0].json.error).toMatch(/NIK/);
		expect(items[0].json).not.toHaveProperty('audit');
	});
});

describe('failures carry their audit', () => {
	const failing = () =>
		RUNNERS.ekycPro(
			{ resource: 'idCard', operation: 'recognize', document: 'pe' },
			data(images.jpeg({ marker: scenarios.MARKERS.recognitionFail })),
			{ onError: 'continueRegularOutput', executionId: 'audit-execution' },
		);

	test('Continue On Fail: a billed failure says failed, billed', async () => {
		const { items } = await failing();
		expect(items[0].json.error).toMatch(/\[HTTP 200, billed\]$/);
		expect(items[0].json.audit).toHaveLength(1);
		expectRecordShape(items[0].json.audit[0], { vendor: 'ekycpro', operation: 'idCard.recognize' });
		expect(items[0].json.audit[0]).toMatchObject({
			product: 'ekycpro.idCardOcr',
			outcome: 'failed',
			billed: true,
		});
	});

	test('the error output: the item keeps to the error output, its audit under details', async () => {
		const { items, errorItems } = await RUNNERS.wideKyc(
			{ resource: 'idCard', operation: 'validate', nik: NIKS.registered },
			undefined,
			{
				onError: 'continueErrorOutput',
				executionId: 'audit-execution',
				credentials: { token: scenarios.WIDEKYC_TOKENS.quotaExceeded },
			},
		);
		expect(items).toHaveLength(0);
		expect(errorItems).toHaveLength(1);
		const { json } = errorItems[0];
		expect(Object.keys(json).sort()).toEqual(['details', 'error']);
		expect(json.details.audit).toHaveLength(1);
		expectRecordShape(json.details.audit[0], { vendor: 'widekyc', operation: 'idCard.validate' });
		expect(json.details.audit[0]).toMatchObject({
			product: 'widekyc.idValidation',
			outcome: 'failed',
			billed: false,
		});
	});

	test('a time-out after sending: billed "maybe", with the reason', async () => {
		state.sandbox.injectFault({
			vendor: 'wideKyc',
			path: '/api/id-validation',
			status: 200,
			delayMs: 2500,
		});
		const { items } = await RUNNERS.wideKyc(
			{
				resource: 'idCard',
				operation: 'validate',
				nik: NIKS.registered,
				options: { timeout: 1 },
			},
			undefined,
			{ onError: 'continueRegularOutput', executionId: 'audit-execution' },
		);
		const [record] = items[0].json.audit;
		expectRecordShape(record, { vendor: 'widekyc', operation: 'idCard.validate' });
		expect(record).toMatchObject({ outcome: 'failed', billed: 'maybe', calls: 1 });
		expect(record.billedReason).toBe(
			'time-out: the call may have been processed and billed, and no answer says whether',
		);
		expect(record.durationMs).toBeGreaterThanOrEqual(900);
		// The sandbox bills the delayed call when its answer goes out, after the node gave up.
		await new Promise((resolve) => setTimeout(resolve, 1800));
	});

	test('retries and polls are counted: three HTTP calls for one refused-then-answered call', async () => {
		state.sandbox.injectFault({ vendor: 'ekycpro', path: '/v1/ididcheck', status: 503, count: 2 });
		const { items } = await RUNNERS.ekycPro(
			{ resource: 'identity', operation: 'check', nik: NIKS.registered, name: 'budi santoso' },
			undefined,
			{ executionId: 'audit-execution' },
		);
		expect(items[0].json.audit[0]).toMatchObject({ calls: 3, outcome: 'success', billed: true });
		const polled = await RUNNERS.iluma(
			{
				resource: 'bankAccount',
				operation: 'validateName',
				bankAccountNumber: '1234567890',
				bankCode: 'BCA',
				referenceId: 'audit-poll',
			},
			undefined,
			{ executionId: 'audit-execution' },
		);
		const reads = state.sandbox.requests.filter(
			(r) => r.vendor === 'iluma' && /bank_account_data_requests\/bknv_/.test(r.path),
		).length;
		expect(reads).toBeGreaterThanOrEqual(1);
		expect(polled.items[0].json.audit[0].calls).toBe(1 + reads);
		expect(polled.items[0].json.audit[0].vendorReference).toBe(polled.items[0].json.id);
	});
});

describe('KYC (Any Vendor): one record per vendor attempt that sent a call, in order', () => {
	test('failover: the first vendor down (failed, not billed), the second answers (billed)', async () => {
		const { items } = await RUNNERS.kycAnyVendor(
			{
				check: 'verifyNik',
				mode: 'failover',
				vendors: ['iluma', 'wideKyc'],
				...CHECK_CASES.verifyNik()[0],
				options: { retries: 0 },
			},
			undefined,
			{ credentials: { iluma: await downCredential('iluma') }, executionId: 'audit-execution' },
		);
		const { audit } = items[0].json;
		expect(audit).toHaveLength(2);
		expectRecordShape(audit[0], { vendor: 'iluma', operation: 'ktp.validateName' });
		expectRecordShape(audit[1], { vendor: 'widekyc', operation: 'idCard.validate' });
		expect(audit[0]).toMatchObject({
			product: 'iluma.ktpNameValidation',
			outcome: 'failed',
			billed: false,
		});
		expect(audit[1]).toMatchObject({
			product: 'widekyc.idValidation',
			outcome: 'success',
			billed: true,
		});
		expect(audit[1].vendorReference).toMatch(/^\d{18}$/);
		expect(Date.parse(audit[0].startedAt)).toBeLessThanOrEqual(Date.parse(audit[1].startedAt));
	});

	test('a vendor refused before sending (no credential base URL it takes) has no record', async () => {
		const { items } = await RUNNERS.kycAnyVendor(
			{ check: 'verifyNik', vendors: ['iluma', 'wideKyc'], ...CHECK_CASES.verifyNik()[0] },
			undefined,
			{ credentials: { iluma: { baseUrl: 'ftp://127.0.0.1/iluma' } } },
		);
		expect(items[0].json.attempts.map((a) => a.outcome)).toEqual(['notSent', 'answered']);
		expect(items[0].json.audit.map((r) => r.vendor)).toEqual(['widekyc']);
	});

	test('cross-check: one record per vendor, in the picked order, both billed', async () => {
		const { items } = await RUNNERS.kycAnyVendor({
			check: 'verifyNik',
			mode: 'crossCheck',
			vendors: ['wideKyc', 'iluma'],
			...CHECK_CASES.verifyNik()[0],
		});
		expect(items[0].json.audit.map((r) => [r.vendor, r.outcome, r.billed])).toEqual([
			['widekyc', 'success', true],
			['iluma', 'success', true],
		]);
	});

	test('a failed item with Continue On Fail carries its attempts’ records', async () => {
		const { items } = await RUNNERS.kycAnyVendor(
			{
				check: 'verifyNik',
				vendors: ['iluma', 'wideKyc'],
				...CHECK_CASES.verifyNik()[0],
				options: { retries: 0 },
			},
			undefined,
			{
				onError: 'continueRegularOutput',
				credentials: {
					iluma: await downCredential('iluma'),
					wideKyc: await downCredential('wideKyc'),
				},
			},
		);
		expect(items[0].json.error).toMatch(/NO ANSWER/);
		expect(items[0].json.audit.map((r) => [r.vendor, r.outcome, r.billed])).toEqual([
			['iluma', 'failed', false],
			['widekyc', 'failed', false],
		]);
	});
});

describe('docs/every-node.md', () => {
	const fs = require('node:fs');
	const path = require('node:path');
	const docs = fs.readFileSync(path.join(__dirname, '..', '..', 'docs', 'every-node.md'), 'utf8');
	const section = docs.slice(docs.indexOf('### Product keys and billing'));

	test('every product key of every operation is in the product table, every billable one too', () => {
		const keys = new Set(BILLABLE);
		for (const NodeClass of ACTION_NODES) {
			const { description } = new NodeClass();
			const vendor = VENDOR_OF[description.name];
			const { resources } = require(`../../nodes/${NodeClass.name}/actions`);
			for (const resource of resources)
				for (const operation of resource.operations) {
					expect(operation.product).toEqual(expect.any(String));
					keys.add(`${vendor}.${operation.product}`);
				}
		}
		const missing = [...keys].filter((key) => !section.includes(`\`${key}\``));
		expect(missing).toEqual([]);
	});
});
