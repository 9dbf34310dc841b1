'use strict';
/**
 * The fault matrix (issue 21): every vendor operation that makes more than one call (Iluma's
 * create-then-read operations with Wait for Result, and KYC (Any Vendor) Read KTP, which Iluma's
 * ID card OCR serves) gets every fault at each call position (the create call, the first status
 * read, the second status read), with and without n8n's Retry On Fail, with Continue On Fail.
 * No expectation is written per cell: the shared invariant checks judge every run (the billing
 * ledger, test/invariants/ledger.js; the secret canary judges the echo cells).
 *
 * Each cell has its own sandbox, reached through a TCP gate (test/sandbox/gate.js) that can
 * refuse connections from any call on; the cells of one test run at once, so that the waits
 * (Iluma's first status read comes 500 ms after the create call; a time-out takes the Timeout
 * option's minimum, 1 s) overlap. A violation names its cell (`cell` in the input item).
 */
const { runNode } = require('../harness/n8n');
const { startSandbox, scenarios } = require('../sandbox');
const { startGate } = require('../sandbox/gate');
const { imageItem, images } = require('../helpers');
const { echoFault } = require('../echo');
const { Iluma } = require('../../nodes/Iluma/Iluma.node');
const { KycAnyVendor } = require('../../nodes/KycAnyVendor/KycAnyVendor.node');
const { IlumaApi } = require('../../credentials/IlumaApi.credentials');
const { WideKycApi } = require('../../credentials/WideKycApi.credentials');
const { EkycProApi } = require('../../credentials/EkycProApi.credentials');

/** Fail fast: no own retries or rate-limit wait of the node (n8n's Retry On Fail is the cell's), 1 s time-out (the minimum). */
const OPTIONS = { retries: 0, rateLimitWait: 0, timeout: 1 };
const WAIT = { waitForResult: true, waitTimeout: 5 };

const BANK = '/v1.1/identity/bank_account_data_requests';
const BANK_V1 = '/v1/identity/bank_account_data_requests';
const ID_OCR = '/v1/identity/id_card_images';
const DOC_OCR = '/v1/identity/document_ocr_requests';
const CAPTURES = '/v1/identity/document_ocr_captures';

/** The operations that make more than one call: the create call, then status reads. */
const OPERATIONS = [
	{
		name: 'Iluma Bank Account → Validate Name (v1.1)',
		create: BANK,
		parameters: {
			resource: 'bankAccount',
			operation: 'validateName',
			bankAccountNumber: '1234567890',
			bankCode: 'BCA',
			referenceId: 'matrix-bank',
			...WAIT,
		},
		item: (json) => ({ json }),
	},
	{
		name: 'Iluma Bank Account → Validate Name (v1)',
		create: BANK_V1,
		parameters: {
			resource: 'bankAccount',
			operation: 'validateName',
			apiVersion: 'v1',
			bankAccountNumber: '1234567891',
			bankCode: 'BCA',
			referenceId: 'matrix-bank-v1',
			...WAIT,
		},
		item: (json) => ({ json }),
	},
	{
		name: 'Iluma ID Card OCR → Extract',
		create: ID_OCR,
		parameters: { resource: 'idCardOcr', operation: 'extract', cardType: 'indonesia_ktp', ...WAIT },
		item: (json) => imageItem({ data: images.jpeg() }, json),
	},
	{
		name: 'Iluma Business Document OCR → Extract',
		create: DOC_OCR,
		parameters: {
			resource: 'businessDocument',
			operation: 'extract',
			documentSource: 'binary',
			documentBinaryField: 'data',
			referenceId: 'matrix-company',
			...WAIT,
		},
		item: (json) => imageItem({ data: images.pdf() }, json),
	},
	{
		name: 'Iluma Document OCR Capture → Create Link',
		create: CAPTURES,
		parameters: {
			resource: 'capture',
			operation: 'createLink',
			types: ['IDENTITY_CARD'],
			country: 'PH',
			referenceId: 'matrix-capture',
			...WAIT,
		},
		item: (json) => ({ json }),
	},
	{
		name: 'KYC (Any Vendor) Read KTP, Failover Iluma → WideKYC',
		anyVendor: true,
		create: ID_OCR,
		parameters: {
			check: 'readKtp',
			mode: 'failover',
			vendors: ['iluma', 'wideKyc'],
			waitTimeout: 5,
		},
		item: (json) => imageItem({ ktp: images.jpeg() }, json),
	},
];

const createCall = (op) => ({ method: 'POST', path: `/iluma${op.create}` });

/**
 * The call positions: the create call, the first status read (the job is done by then), and the
 * second status read (the job takes 900 ms: the first read, 500 ms after the create call, still
 * finds it PENDING; the second comes 750 ms later). `before` is the call just before the target:
 * a refused connection starts once its answer has ended its connection.
 */
const POSITIONS = [
	{ name: 'call 1 (create)', completeAfterMs: 0, target: createCall, before: null },
	{
		name: 'call 2 (first status read)',
		completeAfterMs: 0,
		target: () => ({ method: 'GET' }),
		before: createCall,
	},
	{
		name: 'call 3 (second status read)',
		completeAfterMs: 900,
		target: () => ({ method: 'GET', after: 1 }),
		before: () => ({ method: 'GET' }),
	},
];

/**
 * Each fault, as sandbox faults for a target ({ method, path? } of Iluma's calls) in a cell
 * ({ sandbox, gate }); `refused` closes the gate instead. processed: the vendor handled (and
 * billed) the call before its answer was lost.
 */
const FAULTS = {
	'HTTP 503': () => ({ status: 503 }),
	'HTTP 429': () => ({ status: 429, retryAfter: 0 }),
	'HTTP 401': () => ({ status: 401 }),
	'connection refused': 'refused',
	'connection dropped after the call was processed': () => ({ drop: true, processed: true }),
	'time-out (processed, answered after the Timeout)': () => ({ pass: true, delayMs: 1600 }),
	'malformed answer (invalid status line, processed)': () => ({ malformed: true, processed: true }),
	'truncated body (processed)': () => ({ truncate: true, processed: true }),
	'redirect (302 to another loopback port)': ({ sandbox }) => ({
		status: 302,
		headers: (request) => ({ Location: `${sandbox.url}/iluma${request.path}` }),
		body: '',
	}),
	'echo in a text 500': () => echoFault('iluma', 'text500', 'headers'),
	'echo in a JSON error': () => echoFault('iluma', 'json', 'values'),
	'echo in an error inside HTTP 200': () => echoFault('iluma', 'in200', 'niks'),
};

const RETRY = { retryOnFail: true, maxTries: 2, waitBetweenTries: 0 };

let cells = 0;
let executions = 0;

async function runCell(op, position, faultName, retry) {
	const cell = `${op.name} | ${faultName} at ${position.name} | ${retry ? 'Retry On Fail' : 'no retry'}`;
	const sandbox = await startSandbox();
	const gate = await startGate(sandbox);
	try {
		const { completeAfterMs } = position;
		await sandbox.vendorControl('iluma', 'configure', { completeAfterMs });
		const target = { vendor: 'iluma', ...position.target(op) };
		const fault = FAULTS[faultName];
		if (fault === 'refused') {
			if (!position.before) await gate.close();
			else
				sandbox.injectFault({
					vendor: 'iluma',
					...position.before(op),
					pass: true,
					// The answer ends its connection; the next call needs a new one, and is refused.
					headers: { Connection: 'close' },
					then: () => gate.refuseNew(),
				});
		} else {
			sandbox.injectFault({ ...fault({ sandbox, gate }), ...target, count: 1 });
		}
		const iluma = { apiKey: sandbox.keys.iluma.apiKey, baseUrl: gate.baseUrls.iluma };
		const common = {
			parameters: { ...op.parameters, options: OPTIONS },
			items: [op.item({ cell })],
			onError: 'continueRegularOutput',
			settings: retry ? RETRY : {},
			executionId: `fault-matrix-${++executions}`,
		};
		const result = op.anyVendor
			? await runNode({
					nodeClass: KycAnyVendor,
					credentialClasses: [IlumaApi, WideKycApi, EkycProApi],
					credentials: {
						ilumaApi: iluma,
						wideKycApi: {
							token: scenarios.WIDEKYC_TOKENS.active,
							serverUrl: sandbox.baseUrls.wideKyc,
						},
						ekycProApi: { apiKey: scenarios.EKYCPRO_API_KEY, baseUrl: sandbox.baseUrls.ekycpro },
					},
					...common,
				})
			: await runNode({
					nodeClass: Iluma,
					credentialClasses: [IlumaApi],
					credentials: { ilumaApi: iluma },
					...common,
				});
		cells++;
		// FAULT_MATRIX_DEBUG=<part of a cell name> prints what those cells output, billed and sent.
		if (process.env.FAULT_MATRIX_DEBUG && cell.includes(process.env.FAULT_MATRIX_DEBUG)) {
			console.log(
				cell,
				JSON.stringify(result.items.map((item) => item.json.error ?? item.json.status)),
				JSON.stringify(result.items.map((item) => item.json.attempts)),
				JSON.stringify(sandbox.ledger.map((e) => [e.product, e.billed, e.status])),
				JSON.stringify(sandbox.requests.map((r) => [r.method, r.path, r.status])),
			);
		}
		return { cell, result };
	} finally {
		await gate.dispose();
		await sandbox.close();
	}
}

afterAll(() => {
	console.log(`fault matrix: ${cells} cells run`);
});

describe.each(OPERATIONS)('$name', (op) => {
	test.each(POSITIONS)('every fault at $name, with and without Retry On Fail', async (position) => {
		const runs = [];
		for (const faultName of Object.keys(FAULTS)) {
			for (const retry of [false, true]) runs.push(runCell(op, position, faultName, retry));
		}
		const outcomes = await Promise.all(runs);
		// Continue On Fail: every cell's item yields exactly one output item.
		const missing = outcomes.filter(({ result }) => result.items.length !== 1).map((o) => o.cell);
		expect(missing).toEqual([]);
	});
});
