'use strict';

// End-to-end test in a real n8n (`npm run test:e2e`; CI runs `npm run build` first):
// the package loads under its own name, the example onboarding workflow runs against the vendor
// sandbox through its webhook, and n8n's own credential test tells right keys from wrong ones.
// Ends with "N passed, N failed"; exits non-zero on any failure. Keeps the n8n user folder (and its
// n8n.log) only when something failed: KYC_E2E_KEEP=1 keeps it always.

const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const e2e = require('./n8n');
const { sandboxCredentials, loadExampleWorkflow, postWebhook, WEBHOOK_PATH } = require('./setup');
const { startSandbox, scenarios } = require('../sandbox');
const images = require('../fixtures/images');

const started = Date.now();
const seconds = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
const results = [];
const resources = { sandbox: null, n8n: null, userFolder: null };

/** Runs one check; `fn` may return a note to print under its line. */
async function check(name, fn) {
	const t0 = Date.now();
	try {
		const note = await fn();
		results.push({ name, ok: true });
		console.log(`  ok    ${name} (${Date.now() - t0} ms)`);
		if (note) console.log(`        ${note}`);
	} catch (error) {
		results.push({ name, ok: false, error });
		console.log(
			`  FAIL  ${name}\n        ${String(error.stack || error)
				.split('\n')
				.join('\n        ')}`,
		);
	}
}

let cleaning = null;
function cleanup() {
	cleaning =
		cleaning ||
		(async () => {
			await Promise.allSettled([resources.n8n?.stop(), resources.sandbox?.close()]);
		})();
	return cleaning;
}

function finish() {
	const passed = results.filter((r) => r.ok).length;
	const failed = results.length - passed;
	if (failed && resources.n8n) {
		console.log(`\n--- last lines of ${resources.n8n.logFile} ---\n${resources.n8n.tail(80)}\n---`);
	}
	const keep = failed > 0 || process.env.KYC_E2E_KEEP === '1';
	if (resources.userFolder) {
		if (keep) console.log(`n8n user folder kept: ${resources.userFolder}`);
		else fs.rmSync(resources.userFolder, { recursive: true, force: true });
	}
	console.log(`\nwall time ${seconds()}`);
	console.log(`${passed} passed, ${failed} failed`);
	process.exitCode = failed ? 1 : 0;
}

for (const signal of ['SIGINT', 'SIGTERM']) {
	process.once(signal, () => {
		console.log(`\n${signal}: stopping n8n and the sandbox`);
		results.push({ name: `interrupted by ${signal}`, ok: false });
		cleanup().finally(() => {
			finish();
			process.exit(130);
		});
	});
}

async function main() {
	console.log('e2e: n8n-nodes-kyc in a real n8n');
	try {
		e2e.checkBuilt();
	} catch (error) {
		results.push({ name: 'package is built', ok: false, error });
		console.log(`  FAIL  ${error.message}`);
		return;
	}

	const installFolder = e2e.installN8n();
	console.log(`  n8n install: ${installFolder} (${seconds()})`);

	resources.sandbox = await startSandbox({ port: 0 });
	const sandbox = resources.sandbox;
	console.log(`  vendor sandbox: ${sandbox.url}`);

	resources.userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-nodes-kyc-e2e-'));
	const workflow = loadExampleWorkflow();
	const credentials = sandboxCredentials(sandbox);
	resources.n8n = await e2e.startN8n({
		installFolder,
		userFolder: resources.userFolder,
		credentials,
		workflows: [workflow],
	});
	const n8n = resources.n8n;
	console.log(`  n8n: ${n8n.url}, log ${n8n.logFile} (up after ${seconds()})`);

	let rest;
	await check(
		'owner account set up, password login works (POST /rest/owner/setup, /rest/login)',
		async () => {
			await e2e.setupOwner(n8n.url);
			rest = await e2e.login(n8n.url);
			const me = await rest.get('/rest/login');
			assert.equal(me.data.email, e2e.OWNER.email);
		},
	);
	if (!rest) return;

	await check(
		`both nodes and both credentials are loaded under the package name ${e2e.PACKAGE_NAME}`,
		async () => {
			const types = await e2e.loadedTypes(rest);
			for (const name of [`${e2e.PACKAGE_NAME}.ekycPro`, `${e2e.PACKAGE_NAME}.wideKyc`]) {
				assert.ok(
					types.nodes.includes(name),
					`node type ${name} missing; kyc-like types: ${types.nodes.filter((t) => /kyc/i.test(t))}`,
				);
			}
			assert.ok(
				!types.nodes.some((t) => t.startsWith('CUSTOM.')),
				'the package was loaded as loose CUSTOM files',
			);
			for (const name of ['ekycProApi', 'wideKycApi']) {
				assert.ok(types.credentials.includes(name), `credential type ${name} missing`);
			}
		},
	);

	await check('the example workflow is imported and published (active)', async () => {
		const answer = await rest.get(`/rest/workflows/${workflow.id}`);
		const stored = answer.data;
		assert.equal(stored.name, workflow.name);
		assert.ok(
			stored.active === true || Boolean(stored.activeVersionId),
			`workflow not active: ${JSON.stringify({ active: stored.active, activeVersionId: stored.activeVersionId })}`,
		);
	});

	await check(
		`POST /webhook/${WEBHOOK_PATH} runs ekycpro (Peru DNI) and WideKYC (e-KTP) against the sandbox`,
		async () => {
			const before = sandbox.requests.length;
			const answer = await postWebhook(n8n.url, {
				idImage: images.jpeg().toString('base64'),
				ktpImage: images.jpeg({ width: 800, height: 500 }).toString('base64'),
			});
			assert.equal(
				answer.status,
				200,
				`webhook answered HTTP ${answer.status}: ${answer.text.slice(0, 1000)}`,
			);
			const { idCard, ktp } = answer.json;

			assert.equal(idCard.status, 'OK', JSON.stringify(idCard));
			assert.equal(idCard.message.CardNumber, '41701152');
			assert.equal(idCard.message.Surname, 'FRANCIA');
			assert.equal(idCard.message.ForeNames, 'ALFREDO ALBERTO');
			assert.equal(idCard.identity.idNumber, '41701152');
			assert.equal(idCard.identity.dateOfBirth, '1982-01-31');

			assert.equal(ktp.statusCode, 'SUCCESSFUL', JSON.stringify(ktp));
			const data = ktp.content.result.data;
			assert.equal(data.nik, '3671121401010004');
			assert.equal(data.nama, 'Yu Andi Chen');
			assert.equal(data.provinsi, 'BANTEN');
			assert.equal(ktp.identity.idNumber, '3671121401010004');
			assert.equal(ktp.identity.fullName, 'Yu Andi Chen');

			const calls = sandbox.requests.slice(before).map((r) => `${r.method} ${r.path} ${r.status}`);
			assert.deepEqual(calls, [
				'POST /ekycpro/v1/pe_ocr/general 200',
				'POST /widekyc/api/id-recognize 200',
			]);
		},
	);

	await check(
		'a GIF ID image fails the run in the ekycpro node with a clear error, before any vendor call',
		async () => {
			const before = sandbox.requests.length;
			const answer = await postWebhook(n8n.url, {
				idImage: images.gif().toString('base64'),
				ktpImage: images.jpeg().toString('base64'),
			});
			assert.equal(
				answer.status,
				500,
				`expected n8n's "Error in workflow" answer, got HTTP ${answer.status}: ${answer.text.slice(0, 500)}`,
			);
			assert.equal(sandbox.requests.length, before, 'a vendor was called');
			const execution = await e2e.lastExecution(rest, workflow.id);
			assert.equal(execution.status, 'error');
			assert.equal(execution.lastNode, 'Read Peruvian DNI');
			const text = `${execution.error?.message} ${execution.error?.description ?? ''}`;
			assert.match(text, /GIF/, `error: ${JSON.stringify(execution.error)}`);
			return `n8n shows: ${execution.error.node}: ${execution.error.message}`;
		},
	);

	const ekyc = credentials.find((c) => c.type === 'ekycProApi');
	const wide = credentials.find((c) => c.type === 'wideKycApi');
	const credentialCases = [
		['ekycProApi with the sandbox key passes', ekyc, {}, 'OK'],
		['ekycProApi with a wrong key fails', ekyc, { apiKey: 'wrong-ekycpro-key' }, 'Error'],
		['wideKycApi with the sandbox token passes', wide, {}, 'OK'],
		['wideKycApi with a wrong token fails', wide, { token: 'wrong-widekyc-token' }, 'Error'],
	];
	for (const [name, credential, change, expected] of credentialCases) {
		await check(`n8n credential test: ${name}`, async () => {
			const result = await e2e.testCredential(rest, {
				...credential,
				data: { ...credential.data, ...change },
			});
			assert.equal(result.status, expected, `n8n answered ${JSON.stringify(result)}`);
		});
	}

	// Not a pass/fail check: n8n's credential test looks at the HTTP status only, and WideKYC answers
	// account problems (product not activated, quota) inside HTTP 200.
	const inactive = await e2e
		.testCredential(rest, {
			...wide,
			data: { ...wide.data, token: scenarios.WIDEKYC_TOKENS.inactive },
		})
		.catch((error) => ({ status: 'request failed', message: error.message }));
	console.log(
		`  note  wideKycApi with an inactive-product token: n8n says ${JSON.stringify(inactive)}`,
	);
}

main()
	.catch((error) => {
		results.push({ name: 'setup', ok: false, error });
		console.log(`  FAIL  setup: ${error.message}`);
		if (error.logTail) console.log(`--- n8n log ---\n${error.logTail}\n---`);
	})
	.then(cleanup)
	.then(finish);
