#!/usr/bin/env node
'use strict';

// `npm run demo`: builds the package, starts the vendor sandbox and a real n8n with the example
// onboarding workflow (examples/onboarding-ekycpro-widekyc.json) published, sends it the fixture
// images through its webhook, prints the result, then keeps n8n running for you to open the editor.
//
//   node scripts/demo.js [--once] [--skip-build]
//     --once        exit after printing the result (CI / smoke use)
//     --skip-build  use the existing dist/
//
// Ports: sandbox 8787, n8n 5678 (the next free ones when busy). The n8n user folder is
// $HOME/.cache/n8n-nodes-kyc/demo-user (KYC_DEMO_USER_FOLDER), recreated on every run.

const { spawn } = require('node:child_process');
const os = require('node:os');
const path = require('node:path');

const e2e = require('../test/e2e/n8n');
const {
	sandboxCredentials,
	loadExampleWorkflow,
	postWebhook,
	WEBHOOK_PATH,
} = require('../test/e2e/setup');
const { startSandbox } = require('../test/sandbox');
const images = require('../test/fixtures/images');

const USAGE = 'usage: node scripts/demo.js [--once] [--skip-build]';
const ROOT = path.resolve(__dirname, '..');
const USER_FOLDER =
	process.env.KYC_DEMO_USER_FOLDER ||
	path.join(
		process.env.KYC_N8N_CACHE || path.join(os.homedir(), '.cache', 'n8n-nodes-kyc'),
		'demo-user',
	);

function parseArgs(argv) {
	const flags = { once: false, build: true };
	for (const arg of argv) {
		if (arg === '--once') flags.once = true;
		else if (arg === '--skip-build') flags.build = false;
		else if (arg === '--help' || arg === '-h') {
			console.log(USAGE);
			process.exit(0);
		} else throw new Error(`unknown argument ${arg}\n${USAGE}`);
	}
	return flags;
}

const started = Date.now();
const step = (text) =>
	console.log(`[demo ${((Date.now() - started) / 1000).toFixed(1).padStart(5)} s] ${text}`);

function build() {
	return new Promise((resolve, reject) => {
		const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
		const child = spawn(npm, ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
		child.once('error', reject);
		child.once('exit', (code, signal) =>
			code === 0
				? resolve()
				: reject(new Error(`npm run build failed (${signal || `exit code ${code}`})`)),
		);
	});
}

const running = { sandbox: null, n8n: null };
let stopping = null;
function stopAll() {
	stopping =
		stopping ||
		Promise.allSettled([running.n8n?.stop(), running.sandbox?.close()]).then(() => undefined);
	return stopping;
}

async function main() {
	const flags = parseArgs(process.argv.slice(2));
	for (const signal of ['SIGINT', 'SIGTERM']) {
		process.once(signal, () => {
			console.log(`\n${signal}: stopping n8n and the sandbox`);
			stopAll().finally(() => process.exit(signal === 'SIGINT' ? 0 : 143));
		});
	}

	if (flags.build) {
		step('npm run build');
		await build();
	}
	e2e.checkBuilt();

	step('n8n 2.41.1 (installed once into ~/.cache/n8n-nodes-kyc; the first time takes 4-7 minutes)');
	const installFolder = e2e.installN8n();

	const sandboxPort = await e2e.freePort(8787);
	running.sandbox = await startSandbox({ port: sandboxPort });
	const sandbox = running.sandbox;
	step(`vendor sandbox on ${sandbox.url}`);

	const port = await e2e.freePort(5678);
	const workflow = loadExampleWorkflow();
	step(
		`starting n8n on port ${port} with the example workflow published (user folder ${USER_FOLDER})`,
	);
	running.n8n = await e2e.startN8n({
		installFolder,
		userFolder: USER_FOLDER,
		port,
		credentials: sandboxCredentials(sandbox),
		workflows: [workflow],
	});
	const n8n = running.n8n;
	await e2e.setupOwner(n8n.url);
	step(`n8n is up (log: ${n8n.logFile})`);

	const webhookUrl = `${n8n.url}/webhook/${WEBHOOK_PATH}`;
	step(`POST ${webhookUrl}  { idImage: <JPEG, base64>, ktpImage: <JPEG, base64> }`);
	const answer = await postWebhook(n8n.url, {
		idImage: images.jpeg().toString('base64'),
		ktpImage: images.jpeg({ width: 800, height: 500 }).toString('base64'),
	});
	const result = answer.json;
	if (answer.status !== 200 || !result) {
		console.error(`\nThe workflow answered HTTP ${answer.status}: ${answer.text.slice(0, 2000)}`);
		console.error(`--- last lines of ${n8n.logFile} ---\n${n8n.tail(60)}`);
		process.exitCode = 1;
		return;
	}

	console.log(`\nWorkflow "${workflow.name}" answered HTTP ${answer.status}:\n`);
	console.log(JSON.stringify(result, null, 2));
	const idCard = result.idCard?.identity ?? {};
	const ktp = result.ktp?.identity ?? {};
	console.log('\nIn short:');
	console.log(
		`  Peru DNI (ekycpro)   ${idCard.idNumber ?? '?'}  ${idCard.fullName ?? '?'}  born ${idCard.dateOfBirth ?? '?'}`,
	);
	console.log(
		`  e-KTP    (WideKYC)   ${ktp.idNumber ?? '?'}  ${ktp.fullName ?? '?'}  born ${ktp.dateOfBirth ?? '?'}`,
	);

	console.log(`
n8n editor:  ${n8n.url}/workflow/${workflow.id}
  log in as  ${e2e.OWNER.email} / ${e2e.OWNER.password}   (a local demo account)
webhook:     curl -X POST ${webhookUrl} -H 'content-type: application/json' -d '{"idImage":"<base64>","ktpImage":"<base64>"}'
sandbox:     ${sandbox.url}; n8n has a credential for each vendor pointing at it:
${Object.entries(sandbox.baseUrls)
	.map(([name, url]) => `  ${name.padEnd(9)} ${url}  key ${Object.values(sandbox.keys[name])[0]}`)
	.join('\n')}`);

	if (flags.once) return;
	console.log('\nRunning until Ctrl-C.');
	await new Promise(() => {}); // the signal handlers end the process
}

main()
	.catch((error) => {
		console.error(`\ndemo failed: ${error.message}`);
		if (error.logTail) console.error(`--- n8n log ---\n${error.logTail}`);
		process.exitCode = 1;
	})
	.finally(async () => {
		await stopAll();
	});
