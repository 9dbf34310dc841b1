'use strict';

// The benchmark workflows: a webhook starts each run, a Code node makes the items, Read/Write Files
// reads the ID image from disk once per item (binary data the way users get it), the step under test
// runs, and a Code node answers the webhook with a summary. Every step under test sends the same
// request: Iluma ID Card OCR, POST /v1/identity/id_card_images, multipart `type` + `image`, Basic auth.
// The failover workflows (failoverVariants) send no image: KYC (Any Vendor) Verify NIK, one NIK per item.

const ILUMA_CREDENTIAL = { id: 'benchIlumaCred', name: 'Iluma (bench)' };
const BASIC_CREDENTIAL = { id: 'benchBasicCred', name: 'Iluma Basic Auth (bench)' };
const WIDEKYC_CREDENTIAL = { id: 'benchWideKycCred', name: 'WideKYC (bench)' };
/** The burst benchmark's credentials: the same key, learning its pace or with Requests per Second set. */
const BURST_CREDENTIALS = {
	learn: { credential: { id: 'benchBurstLearn', name: 'Iluma, learn (bench)' }, rps: undefined },
	rps: { credential: { id: 'benchBurstRps', name: 'Iluma, 20/s (bench)' }, rps: 20 },
	split: { credential: { id: 'benchBurstSplit', name: 'Iluma, 10/s per worker (bench)' }, rps: 10 },
};
const OCR_PATH = '/v1/identity/id_card_images';

/** Nodes under test are named so the runner can find their run data. */
const UNDER_TEST = 'Under test';

function credentials(sandbox) {
	return [
		{
			...ILUMA_CREDENTIAL,
			type: 'ilumaApi',
			data: { apiKey: sandbox.keys.iluma.apiKey, baseUrl: sandbox.baseUrls.iluma },
		},
		// What a user builds for the HTTP Request node: the same key as Basic-auth user, empty password.
		{
			...BASIC_CREDENTIAL,
			type: 'httpBasicAuth',
			data: { user: sandbox.keys.iluma.apiKey, password: '' },
		},
		{
			...WIDEKYC_CREDENTIAL,
			type: 'wideKycApi',
			data: { token: sandbox.keys.wideKyc.token, serverUrl: sandbox.baseUrls.wideKyc },
		},
		...Object.values(BURST_CREDENTIALS).map(({ credential, rps }) => ({
			...credential,
			type: 'ilumaApi',
			data: {
				apiKey: sandbox.keys.iluma.apiKey,
				baseUrl: sandbox.baseUrls.iluma,
				...(rps ? { requestsPerSecond: rps } : {}),
			},
		})),
	];
}

let counter = 0;
const uid = () => `00000000-0000-4000-8000-${String(++counter).padStart(12, '0')}`;

function node(name, type, typeVersion, parameters, extra = {}) {
	return { id: uid(), name, type, typeVersion, position: [0, 0], parameters, ...extra };
}

const SUMMARY_CODE = `const items = $input.all();
const statuses = {};
for (const item of items) {
  const key = item.json.status ?? (item.json.error ? 'error' : 'none');
  statuses[key] = (statuses[key] || 0) + 1;
}
return [{ json: { count: items.length, statuses } }];`;

/** For KYC (Any Vendor) items: how many each vendor answered, and each item's attempts in a line. */
const FAILOVER_SUMMARY_CODE = `const items = $input.all();
const vendors = {};
const attempts = {};
for (const item of items) {
  const vendor = item.json.nik ? item.json.vendor : item.json.error ? 'error' : 'none';
  vendors[vendor] = (vendors[vendor] || 0) + 1;
  const line = (item.json.attempts || []).map((a) => a.vendor + ' ' + a.outcome).join(', ');
  attempts[line] = (attempts[line] || 0) + 1;
}
return [{ json: { count: items.length, vendors, attempts } }];`;

/**
 * Webhook → Make items → Read image (left out without `imagePath`) → steps → Summary. `steps` is a
 * list of nodes; `links` replaces the straight chain (e.g. for loops).
 */
function workflow({ id, imagePath, steps, links, summaryCode = SUMMARY_CODE }) {
	const hook = node(
		'Webhook',
		'n8n-nodes-base.webhook',
		2.1,
		{ httpMethod: 'POST', path: id, responseMode: 'lastNode', responseData: 'firstEntryJson' },
		{ webhookId: uid() },
	);
	const make = node('Make items', 'n8n-nodes-base.code', 2, {
		jsCode: 'return Array.from({ length: $json.body.count }, (_, index) => ({ json: { index } }));',
	});
	const read = node('Read image', 'n8n-nodes-base.readWriteFile', 1, {
		operation: 'read',
		fileSelector: imagePath,
		options: { dataPropertyName: 'data' },
	});
	const summary = node('Summary', 'n8n-nodes-base.code', 2, { jsCode: summaryCode });
	const nodes = [hook, make, ...(imagePath ? [read] : []), ...steps, summary];
	const connections = {};
	const link = (from, to, output = 0) => {
		connections[from] = connections[from] || { main: [] };
		const main = connections[from].main;
		while (main.length <= output) main.push([]);
		main[output].push({ node: to, type: 'main', index: 0 });
	};
	const chain = links || [
		['Webhook', 'Make items'],
		...(imagePath
			? [
					['Make items', 'Read image'],
					['Read image', steps[0].name],
				]
			: [['Make items', steps[0].name]]),
		...steps.slice(1).map((step, index) => [steps[index].name, step.name]),
		[steps[steps.length - 1].name, 'Summary'],
	];
	for (const [from, to, output] of chain) link(from, to, output);
	return {
		id,
		name: `bench ${id}`,
		active: false,
		nodes,
		connections,
		settings: { executionOrder: 'v1' },
	};
}

/** Our step: Iluma ID Card OCR on the item's binary, without waiting, with the given credential. */
const ours = (parameters, credential = ILUMA_CREDENTIAL) =>
	node(
		UNDER_TEST,
		'n8n-nodes-kyc.iluma',
		1,
		{
			resource: 'idCardOcr',
			operation: 'extract',
			cardType: 'indonesia_ktp',
			imageSource: 'binary',
			imageBinaryField: 'data',
			waitForResult: false,
			...parameters,
		},
		{ credentials: { ilumaApi: credential } },
	);

/** The burst benchmark's step: ID Card OCR with default options and the case's credential. */
const burstStep = (kind) => ours({ options: {} }, BURST_CREDENTIALS[kind].credential);

/** HTTP Request (v4.5, n8n 2.41's newest) as a user configures it for the same call. */
function httpRequest(name, { url, method = 'POST', options = {}, extra = {} }) {
	const parameters = {
		method,
		url,
		authentication: 'genericCredentialType',
		genericAuthType: 'httpBasicAuth',
		options,
	};
	if (method === 'POST') {
		Object.assign(parameters, {
			sendBody: true,
			contentType: 'multipart-form-data',
			bodyParameters: {
				parameters: [
					{ parameterType: 'formData', name: 'type', value: 'indonesia_ktp' },
					{ parameterType: 'formBinaryData', name: 'image', inputDataFieldName: 'data' },
				],
			},
		});
	}
	return node(name, 'n8n-nodes-base.httpRequest', 4.5, parameters, {
		credentials: { httpBasicAuth: BASIC_CREDENTIAL },
		...extra,
	});
}

const batching = (batchSize, batchInterval) => ({
	batching: { batch: { batchSize, batchInterval } },
});

/** Every variant, by id. `sandboxUrl` is the sandbox's Iluma base URL. */
function variants({ ilumaUrl, imagePath, bigImagePath }) {
	const url = `${ilumaUrl}${OCR_PATH}`;
	const simple = (id, step, image = imagePath) => workflow({ id, imagePath: image, steps: [step] });
	// Loop Over Items: n8n's own way to hold a step to N items at a time (it waits for each batch).
	const loop = (id, size, image = imagePath) =>
		workflow({
			id,
			imagePath: image,
			steps: [
				node('Loop', 'n8n-nodes-base.splitInBatches', 3, { batchSize: size, options: {} }),
				httpRequest(UNDER_TEST, { url }),
			],
			links: [
				['Webhook', 'Make items'],
				['Make items', 'Read image'],
				['Read image', 'Loop'],
				['Loop', 'Summary', 0],
				['Loop', UNDER_TEST, 1],
				[UNDER_TEST, 'Loop'],
			],
		});
	const waitLoop = (id, seconds) =>
		workflow({
			id,
			imagePath,
			steps: [
				httpRequest(UNDER_TEST, { url }),
				node(
					'Wait',
					'n8n-nodes-base.wait',
					1.1,
					{ resume: 'timeInterval', amount: seconds, unit: 'seconds' },
					{ webhookId: uid() },
				),
				httpRequest('Get result', { url: `={{ "${url}/" + $json.id }}`, method: 'GET' }),
				node('Pending?', 'n8n-nodes-base.if', 2.2, {
					conditions: {
						options: { caseSensitive: true, leftValue: '', typeValidation: 'strict', version: 2 },
						conditions: [
							{
								id: uid(),
								leftValue: '={{ $json.status }}',
								rightValue: 'PENDING',
								operator: { type: 'string', operation: 'equals' },
							},
						],
						combinator: 'and',
					},
					options: {},
				}),
			],
			links: [
				['Webhook', 'Make items'],
				['Make items', 'Read image'],
				['Read image', UNDER_TEST],
				[UNDER_TEST, 'Wait'],
				['Wait', 'Get result'],
				['Get result', 'Pending?'],
				['Pending?', 'Wait', 0],
				['Pending?', 'Summary', 1],
			],
		});
	return {
		ours10: simple('bench-ours-c10', ours({ options: { concurrency: 10 } })),
		// The audit record's cost (bench/audit.js): the same step with Audit Record off.
		ours10NoAudit: simple(
			'bench-ours-c10-no-audit',
			ours({ options: { concurrency: 10, auditRecord: false } }),
		),
		httpLoop10: loop('bench-http-loop10', 10),
		httpPaced10: simple(
			'bench-http-paced10',
			httpRequest(UNDER_TEST, { url, options: batching(10, 100) }),
		),
		httpBatch10: simple(
			'bench-http-batch10',
			httpRequest(UNDER_TEST, { url, options: batching(10, 0) }),
		),
		httpDefaults: simple('bench-http-defaults', httpRequest(UNDER_TEST, { url })),
		httpRateTuned: simple(
			'bench-http-rate-tuned',
			httpRequest(UNDER_TEST, {
				url,
				options: batching(20, 1000),
				extra: { retryOnFail: true, maxTries: 3, waitBetweenTries: 1000 },
			}),
		),
		oursBig: simple('bench-ours-big', ours({ options: { concurrency: 10 } }), bigImagePath),
		httpLoopBig: loop('bench-http-loop-big', 10, bigImagePath),
		oursWait: simple(
			'bench-ours-wait',
			ours({ waitForResult: true, options: { concurrency: 20 } }),
		),
		waitLoop1: waitLoop('bench-wait-loop-1s', 1),
		waitLoop5: waitLoop('bench-wait-loop-5s', 5),
	};
}

/**
 * KYC (Any Vendor), Verify NIK, Failover, Concurrency 10, Retries 1, every item the registered test
 * person; failed items come out (Continue On Fail) so the summary counts them. By id: both vendors
 * (Iluma first) with the circuit breaker at its default and off, and only the healthy WideKYC.
 */
function failoverVariants({ nik, name }) {
	const anyVendor = (vendors, options = {}) =>
		node(
			UNDER_TEST,
			'n8n-nodes-kyc.kycAnyVendor',
			1,
			{
				check: 'verifyNik',
				mode: 'failover',
				vendors,
				nik,
				name,
				options: { concurrency: 10, retries: 1, ...options },
			},
			{
				credentials: {
					...(vendors.includes('iluma') ? { ilumaApi: ILUMA_CREDENTIAL } : {}),
					wideKycApi: WIDEKYC_CREDENTIAL,
				},
				onError: 'continueRegularOutput',
			},
		);
	const flow = (id, step) => workflow({ id, steps: [step], summaryCode: FAILOVER_SUMMARY_CODE });
	return {
		healthyOnly: flow('bench-failover-healthy-only', anyVendor(['wideKyc'])),
		breaker: flow('bench-failover-breaker', anyVendor(['iluma', 'wideKyc'])),
		noBreaker: flow('bench-failover-no-breaker', anyVendor(['iluma', 'wideKyc'], { coolDown: 0 })),
	};
}

module.exports = {
	credentials,
	variants,
	failoverVariants,
	workflow,
	burstStep,
	UNDER_TEST,
	OCR_PATH,
};
