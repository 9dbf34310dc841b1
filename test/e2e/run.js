'use strict';

// End-to-end test in a real n8n (`npm run test:e2e`; CI runs `npm run build` first): one n8n and
// one vendor sandbox; the package loads under its own name with every node and credential, then
// each suite in ./suites (its credentials and workflows imported up front) runs its checks.
// Ends with "N passed, N failed"; exits non-zero on any failure. Keeps the n8n user folder (and its
// n8n.log) only when something failed: KYC_E2E_KEEP=1 keeps it always. `--repeat N` (or
// KYC_REPEAT=N) runs the whole test N times, each with a fresh n8n, and sums up the rounds.

const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const e2e = require('./n8n');
const { startSandbox } = require('../sandbox');
const suites = require('./suites');
const { checkSavedExecutions } = require('./invariants');
const { testRun, repeatIfAsked } = require('../testRun');
const { runWithLedgerCheck } = require('./ledger');

const { check, run, seconds } = testRun();
const resources = { sandbox: null, n8n: null, userFolder: null };

function report(failed) {
	if (failed && resources.n8n) {
		console.log(`\n--- last lines of ${resources.n8n.logFile} ---\n${resources.n8n.tail(80)}\n---`);
	}
	if (resources.userFolder) {
		if (failed > 0 || process.env.KYC_E2E_KEEP === '1')
			console.log(`n8n user folder kept: ${resources.userFolder}`);
		else fs.rmSync(resources.userFolder, { recursive: true, force: true });
	}
}

async function main() {
	console.log('e2e: n8n-nodes-kyc in a real n8n');
	if (!(await check('the package is built', () => e2e.checkBuilt()))) return;

	const installFolder = e2e.installN8n();
	console.log(`  n8n install: ${installFolder} (${seconds()})`);

	resources.sandbox = await startSandbox({ port: 0 });
	const sandbox = resources.sandbox;
	console.log(`  vendor sandbox: ${sandbox.url}`);

	resources.userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-nodes-kyc-e2e-'));
	const credentials = suites.flatMap((suite) => suite.credentials(sandbox));
	resources.n8n = await e2e.startN8n({
		installFolder,
		userFolder: resources.userFolder,
		credentials,
		workflows: suites.flatMap((suite) => suite.workflows()),
	});
	const n8n = resources.n8n;
	console.log(`  n8n ${n8n.version}: ${n8n.url}, log ${n8n.logFile} (up after ${seconds()})`);

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

	// n8n logs that it is ready a moment before it has registered the published workflows' webhooks.
	await check('every published workflow’s webhooks are registered (n8n serves them)', async () => {
		const paths = e2e.webhookPaths(suites.flatMap((suite) => suite.workflows()));
		for (const webhookPath of paths) await e2e.waitForWebhook(`${n8n.url}/webhook/${webhookPath}`);
		return `${paths.length} webhooks, all registered after ${seconds()}`;
	});

	const shipped = e2e.shippedTypes();
	await check(
		`every node and credential in package.json is loaded under ${e2e.PACKAGE_NAME}: ` +
			`${shipped.nodes.join(', ')}; ${shipped.credentials.join(', ')}`,
		async () => {
			const types = await e2e.loadedTypes(rest);
			for (const node of shipped.nodes) {
				const name = `${e2e.PACKAGE_NAME}.${node}`;
				assert.ok(
					types.nodes.includes(name),
					`node type ${name} missing; kyc-like types: ${types.nodes.filter((t) => /kyc/i.test(t))}`,
				);
			}
			assert.ok(
				!types.nodes.some((t) => t.startsWith('CUSTOM.')),
				'the package was loaded as loose CUSTOM files',
			);
			for (const name of shipped.credentials) {
				assert.ok(types.credentials.includes(name), `credential type ${name} missing`);
			}
		},
	);

	for (const suite of suites) {
		console.log(`  -- ${suite.name}`);
		await runWithLedgerCheck(suite, { check, n8n, rest, sandbox, e2e, credentials });
		await checkSavedExecutions({ check, rest, e2e, credentials, label: suite.name });
	}
	await require('./coverage').checkCoverage({ check, rest, e2e });
}

if (!repeatIfAsked(__filename))
	run(main, {
		what: 'n8n and the sandbox',
		stop: async () => {
			await Promise.allSettled([resources.n8n?.stop(), resources.sandbox?.close()]);
		},
		report,
	});
