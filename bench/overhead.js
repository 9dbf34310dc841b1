'use strict';
/**
 * Node overhead, in process: 1,000 items at zero sandbox latency, Concurrency 1, through n8n-core's
 * engine (test/harness). Per item, the time the node spends itself — reading and checking the image,
 * base64, building the request, judging and mapping the answer — is the operation's time minus the
 * HTTP round trip inside it; the item loop's own share (options, output items) is reported as a mean.
 */
const { performance } = require('perf_hooks');

const { runNode, binaryItem } = require('../test/harness/n8n');
const { startSandbox, scenarios } = require('../test/sandbox');
const images = require('../test/fixtures/images');
const { EkycPro } = require('../dist/nodes/EkycPro/EkycPro.node');
const { WideKyc } = require('../dist/nodes/WideKyc/WideKyc.node');
const { EkycProApi } = require('../dist/credentials/EkycProApi.credentials');
const { WideKycApi } = require('../dist/credentials/WideKycApi.credentials');
const ekycResources = require('../dist/nodes/EkycPro/actions').resources;
const wideResources = require('../dist/nodes/WideKyc/actions').resources;

const ITEMS = Number(process.env.BENCH_ITEMS || 1000);

function percentile(sorted, p) {
	return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** Wraps every operation so each item's own time (minus its HTTP round trip) is recorded. */
function instrument(resources) {
	const samples = [];
	let httpTotal = 0;
	for (const resource of resources) {
		for (const operation of resource.operations) {
			const execute = operation.execute;
			operation.execute = async (ctx) => {
				let http = 0;
				const request = ctx.request;
				const timed = {
					...ctx,
					request: async (spec) => {
						const start = performance.now();
						try {
							return await request(spec);
						} finally {
							http += performance.now() - start;
						}
					},
				};
				const start = performance.now();
				const result = await execute(timed);
				samples.push(performance.now() - start - http);
				httpTotal += http;
				return result;
			};
		}
	}
	return { samples, httpTotal: () => httpTotal };
}

async function overhead({
	name,
	nodeClass,
	credentialClass,
	credentials,
	parameters,
	makeItem,
	probe,
}) {
	const items = Array.from({ length: ITEMS }, (_, index) => makeItem(index));
	const start = performance.now();
	const { items: out, error } = await runNode({
		nodeClass,
		credentialClasses: [credentialClass],
		credentials,
		parameters,
		items,
	});
	const wall = performance.now() - start;
	if (error || out.length !== ITEMS)
		throw new Error(`${name}: ${error ? error.message : out.length + ' items'}`);
	const sorted = [...probe.samples].sort((a, b) => a - b);
	const opTotal = probe.samples.reduce((sum, value) => sum + value, 0) + probe.httpTotal();
	const result = {
		name,
		median: percentile(sorted, 50),
		p95: percentile(sorted, 95),
		loopMean: Math.max(0, (wall - opTotal) / ITEMS),
		wall,
	};
	probe.samples.length = 0;
	return result;
}

/** Runs the four cases; returns rows { name, median, p95, loopMean, wall }. */
async function measureOverhead() {
	const sandbox = await startSandbox();
	try {
		const ekycCredentials = {
			ekycProApi: { apiKey: scenarios.EKYCPRO_API_KEY, baseUrl: sandbox.baseUrls.ekycpro },
		};
		const wideCredentials = {
			wideKycApi: { token: scenarios.WIDEKYC_TOKENS.active, serverUrl: sandbox.baseUrls.wideKyc },
		};
		const ekycProbe = instrument(ekycResources);
		const wideProbe = instrument(wideResources);
		const photo = images.jpeg({ padTo: 100 * 1024 });
		const photoItem = () =>
			binaryItem({ data: { data: photo, mimeType: 'image/jpeg', fileName: 'id.jpg' } });
		const nik = (index) => ({ json: { nik: `3201${String(100000000000 + index)}` } });
		// Warm-up: module loading and the engine's first run are not the node's per-item cost.
		await runNode({
			nodeClass: EkycPro,
			credentialClasses: [EkycProApi],
			credentials: ekycCredentials,
			parameters: { resource: 'idCard', operation: 'recognize', document: 'pe' },
			items: [photoItem()],
		});
		ekycProbe.samples.length = 0;
		const ekyc = {
			nodeClass: EkycPro,
			credentialClass: EkycProApi,
			credentials: ekycCredentials,
			probe: ekycProbe,
		};
		const wide = {
			nodeClass: WideKyc,
			credentialClass: WideKycApi,
			credentials: wideCredentials,
			probe: wideProbe,
		};
		const cases = [
			{
				...ekyc,
				name: 'ekycpro ID Card → Recognize (Peru), 100 KB JPEG',
				parameters: { resource: 'idCard', operation: 'recognize', document: 'pe' },
				makeItem: photoItem,
			},
			{
				...ekyc,
				name: 'ekycpro Identity → Check (NIK + name)',
				parameters: {
					resource: 'identity',
					operation: 'check',
					nik: '={{ $json.nik }}',
					name: 'BUDI SANTOSO',
				},
				makeItem: nik,
			},
			{
				...wide,
				name: 'WideKYC ID Card → Recognize, 100 KB JPEG',
				parameters: { resource: 'idCard', operation: 'recognize' },
				makeItem: photoItem,
			},
			{
				...wide,
				name: 'WideKYC ID Card → Validate (NIK)',
				parameters: { resource: 'idCard', operation: 'validate', nik: '={{ $json.nik }}' },
				makeItem: nik,
			},
		];
		const rows = [];
		for (const entry of cases) rows.push(await overhead(entry));
		return rows;
	} finally {
		await sandbox.close();
	}
}

module.exports = { measureOverhead, ITEMS };
