#!/usr/bin/env node
'use strict';

// `npm run demo`: builds the package (when its sources changed), starts the vendor sandbox and a
// real n8n 2.x with the package, sandbox credentials for all five vendors and every workflow in
// examples/ published, runs the onboarding example (examples/kyc-onboarding.json) once through its
// webhook, prints the decision, then keeps n8n running for you to open the editor until Ctrl-C.
//
//   node scripts/demo.js [--once] [--outage] [--mcp] [--cases] [--build | --skip-build] [--fresh]
//     --once        exit after printing the result
//     --outage      also run the KYC (Any Vendor) example (examples/kyc-any-vendor-onboarding.json)
//                   twice: every vendor up, then ekycpro down (the sandbox answers its every call
//                   503 Service Unavailable): each check is answered by its second vendor
//     --mcp         also connect an MCP client (the MCP SDK) to the MCP example
//                   (examples/kyc-mcp-server.json): print its tool list and one tool call's answer
//     --cases       also run the case workflows (scripts/demoCases.js, docs/cases.md): one applicant
//                   to approval and one to referral, the referral approved by its review mail's
//                   link, the watchlist re-screening twice, the case table and the cost report
//     --build       always run `npm run build` (default: only when a source is newer than dist/)
//     --skip-build  use dist/ as it is
//     --fresh       start from a new n8n user folder (default: keep it while nothing it was made
//                   from changed, which saves n8n's database setup and the imports)
//
// Ports: sandbox 8787, n8n 5678 (other free ones when busy). The n8n user folder is
// $HOME/.cache/n8n-nodes-kyc/demo-user (KYC_DEMO_USER_FOLDER). Long steps (the build, the first
// install of n8n, n8n's start) show one progress line each; their raw output goes to the log file
// named on the first line ($HOME/.cache/n8n-nodes-kyc/demo.log), and n8n's own to n8n.log in the
// user folder.

const { spawn, spawnSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const e2e = require('../test/e2e/n8n');
const {
	ANY_VENDOR_EXAMPLE,
	ONBOARDING_EXAMPLE,
	ONBOARDING_WEBHOOK_PATH,
	sandboxCredentials,
	loadExampleWorkflow,
	onboardingApplicant,
	configureSandboxForOnboarding,
	isApprovedDecision,
	postWebhook,
	webhookPathOf,
} = require('../test/e2e/setup');
const { startSandbox } = require('../test/sandbox');
const { closingText } = require('./demoClosing');
const { showMcp } = require('./demoMcp');
const { showCases } = require('./demoCases');
const {
	withProgress,
	expectedNoise,
	unexpectedLines,
	lastLines,
	megabytes,
} = require('./progress');

const USAGE =
	'usage: node scripts/demo.js [--once] [--outage] [--mcp] [--cases] [--build | --skip-build] [--fresh]';
const ROOT = path.resolve(__dirname, '..');
const EXAMPLES = path.join(ROOT, 'examples');
const CACHE = process.env.KYC_N8N_CACHE || path.join(os.homedir(), '.cache', 'n8n-nodes-kyc');
const USER_FOLDER = process.env.KYC_DEMO_USER_FOLDER || path.join(CACHE, 'demo-user');
const LOG_FILE = path.join(CACHE, 'demo.log');
const N8N_VERSION = process.env.KYC_N8N_VERSION || '2.41.1'; // as install-n8n.sh reads it
/** The install folder's size when done, measured (du -sb), for the install's percentage. */
const INSTALLED_BYTES = { '2.41.1': 2_242_000_000 };
const STAMP_FILE = path.join(USER_FOLDER, 'demo-stamp.json');

function parseArgs(argv) {
	const flags = { once: false, outage: false, mcp: false, cases: false, build: 'auto', fresh: false };
	for (const arg of argv) {
		if (arg === '--once') flags.once = true;
		else if (arg === '--outage') flags.outage = true;
		else if (arg === '--mcp') flags.mcp = true;
		else if (arg === '--cases') flags.cases = true;
		else if (arg === '--build') flags.build = 'always';
		else if (arg === '--skip-build') flags.build = 'never';
		else if (arg === '--fresh') flags.fresh = true;
		else if (arg === '--help' || arg === '-h') {
			console.log(USAGE);
			process.exit(0);
		} else throw new Error(`unknown argument ${arg}\n${USAGE}`);
	}
	return flags;
}

const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
const step = (text) => console.log(`[demo ${elapsed().padStart(7)}] ${text}`);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// ---------------------------------------------------------------------------------------------
// Build only when needed: `npm run build` takes half a minute or more.

function newestMtime(entry) {
	if (!fs.existsSync(entry)) return 0;
	const stat = fs.statSync(entry);
	if (!stat.isDirectory()) return stat.mtimeMs;
	return Math.max(0, ...fs.readdirSync(entry).map((name) => newestMtime(path.join(entry, name))));
}

function isBuildCurrent() {
	const { n8n } = require(path.join(ROOT, 'package.json'));
	const built = [...n8n.nodes, ...n8n.credentials].map((file) => path.join(ROOT, file));
	if (!built.every((file) => fs.existsSync(file))) return false;
	const oldestBuilt = Math.min(...built.map((file) => fs.statSync(file).mtimeMs));
	const sources = ['nodes', 'credentials', 'package.json', 'tsconfig.json'];
	return Math.max(...sources.map((entry) => newestMtime(path.join(ROOT, entry)))) < oldestBuilt;
}

/** `npm run build`, its output appended to the demo's log. */
function build() {
	return new Promise((resolve, reject) => {
		const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
		fs.appendFileSync(LOG_FILE, '\n===== npm run build =====\n');
		const log = fs.openSync(LOG_FILE, 'a');
		const child = spawn(npm, ['run', 'build'], { cwd: ROOT, stdio: ['ignore', log, log] });
		fs.closeSync(log);
		child.once('error', reject);
		child.once('exit', (code, signal) =>
			code === 0
				? resolve()
				: reject(logged(new Error(`npm run build failed (${signal || `exit code ${code}`})`))),
		);
	});
}

/** Marks an error whose details are in the demo's log, for main() to print the log's last lines. */
function logged(error) {
	error.demoLog = true;
	return error;
}

// ---------------------------------------------------------------------------------------------
// The n8n install, once: npm's output goes to the log; the line shows the script's phase and the
// install folder's size.

function folderBytes(folder) {
	const result = spawnSync('du', ['-sb', folder], { encoding: 'utf8' });
	return Number.parseInt(result.stdout, 10) || 0;
}

function installMeasure(fromByte) {
	let size = { at: 0, bytes: 0 };
	return () => {
		const log = fs.readFileSync(LOG_FILE).subarray(fromByte).toString('utf8'); // a byte offset
		const folder = /^kyc-install: folder (.+)$/m.exec(log)?.[1];
		const phases = [...log.matchAll(/^kyc-install: phase (\d\/\d) (.+)$/gm)];
		const phase = phases.length ? `step ${phases.at(-1)[1]}: ${phases.at(-1)[2]}` : 'preparing';
		if (!folder) return { phase };
		if (Date.now() - size.at > 4000) size = { at: Date.now(), bytes: folderBytes(folder) };
		const expected = INSTALLED_BYTES[N8N_VERSION];
		const percent = expected
			? `, about ${Math.min(99, Math.floor((size.bytes / expected) * 100))}%`
			: '';
		return { phase, detail: `${megabytes(size.bytes)} in ${folder}${percent}` };
	};
}

const prefix = () => `[demo ${elapsed().padStart(7)}]`;

async function installN8n() {
	const installed = path.join(CACHE, `n8n-${N8N_VERSION}`);
	if (fs.existsSync(path.join(installed, '.installed'))) {
		step(`n8n ${N8N_VERSION} is installed in ${installed}`);
		return e2e.installN8n();
	}
	step(
		`installing n8n ${N8N_VERSION} and the Node.js ${process.env.KYC_N8N_NODE_MAJOR || 24} it runs on into ${CACHE}, once: several minutes`,
	);
	const fromByte = fs.statSync(LOG_FILE).size;
	fs.appendFileSync(LOG_FILE, '\n===== install-n8n.sh =====\n');
	const folder = await withProgress(
		() => `${prefix()} n8n ${N8N_VERSION}`,
		() =>
			e2e.installN8nLogged({ logFile: LOG_FILE }).catch((error) => {
				throw logged(error);
			}),
		{ measure: installMeasure(fromByte), doneText: (dir) => `ready in ${dir}` },
	);
	showUnexpected(fromByte);
	return folder;
}

/** Error lines in the log (from `fromByte` on) that are not the expected npm/n8n noise. */
function showUnexpected(fromByte) {
	const lines = unexpectedLines(LOG_FILE, fromByte);
	if (!lines.length) return;
	console.log(`  unexpected in ${LOG_FILE}:`);
	for (const line of lines.slice(0, 10)) console.log(`    ${line.slice(0, 200)}`);
	if (lines.length > 10) console.log(`    … and ${lines.length - 10} more`);
}

// ---------------------------------------------------------------------------------------------
// The example workflows, as the demo publishes them.

function exampleWorkflows() {
	const workflows = fs
		.readdirSync(EXAMPLES)
		.filter((file) => file.endsWith('.json'))
		.sort()
		.map((file) => loadExampleWorkflow(path.join(EXAMPLES, file)));
	for (const workflow of workflows) {
		const argos = workflow.nodes.find((node) => node.type === 'n8n-nodes-kyc.argosIdTrigger');
		// Here the sandbox, calling from 127.0.0.1, sends Argos's webhooks: keep Argos's address and
		// add the loopback one (the file in examples/ allows Argos's only).
		if (argos) argos.parameters.allowedIps = `${argos.parameters.allowedIps}, 127.0.0.1`;
	}
	return workflows;
}

// The trigger examples the demo shows (the case examples have the same triggers, not registered at Iluma).
const TRIGGER_EXAMPLES = {
	'n8n-nodes-kyc.ilumaTrigger': 'iluma-callback-trigger.json',
	'n8n-nodes-kyc.argosIdTrigger': 'argos-decision-trigger.json',
};
const workflowWith = (workflows, type) => {
	const { id } = loadExampleWorkflow(path.join(EXAMPLES, TRIGGER_EXAMPLES[type]));
	return workflows.find((workflow) => workflow.id === id);
};
const nodeOfType = (workflows, type) =>
	workflowWith(workflows, type).nodes.find((node) => node.type === type);

// ---------------------------------------------------------------------------------------------
// n8n: the user folder (and its database) is kept between runs while the installed n8n, this
// clone, the credentials (they hold the sandbox's URL) and the workflows are the same.

function fingerprint({ installFolder, credentials, workflows }) {
	return crypto
		.createHash('sha256')
		.update(JSON.stringify({ installFolder, root: ROOT, credentials, workflows }))
		.digest('hex');
}

function canReuse(stamp) {
	try {
		const saved = JSON.parse(fs.readFileSync(STAMP_FILE, 'utf8'));
		return saved.fingerprint === stamp;
	} catch {
		return false;
	}
}

/** A logged-in session: the owner exists after the first run, else it is set up now. */
async function ownerSession(url) {
	try {
		return await e2e.login(url);
	} catch (error) {
		if (error.status !== 401) throw error;
		await e2e.setupOwner(url);
		return await e2e.login(url);
	}
}

/** Waits until `done()` holds, for at most 60 s. */
async function waitUntil(done, failure) {
	const deadline = Date.now() + 60_000;
	while (!(await done())) {
		if (Date.now() > deadline) throw new Error(`${failure} within 60 s`);
		await sleep(300);
	}
}

const storedActive = async (rest, workflow) =>
	e2e.isActive((await rest.get(`/rest/workflows/${workflow.id}`)).data);

/** Publishes every workflow that is not published yet (all of them on a new user folder); returns those. */
async function publishAll(rest, workflows) {
	const pending = [];
	for (const workflow of workflows) {
		if (await storedActive(rest, workflow)) continue;
		await e2e.activateWorkflow(rest, workflow.id);
		pending.push(workflow);
	}
	// n8n 2.x publishes a moment after the call returns.
	for (const workflow of pending) {
		await waitUntil(() => storedActive(rest, workflow), `n8n did not publish "${workflow.name}"`);
	}
	return pending;
}

/** The callback URLs registered at the sandbox's Iluma, read through its API. */
async function ilumaCallbackUrls(sandbox) {
	const auth = Buffer.from(`${sandbox.keys.iluma.apiKey}:`).toString('base64');
	const response = await fetch(`${sandbox.baseUrls.iluma}/v1/callback/urls`, {
		headers: { authorization: `Basic ${auth}` },
	});
	return (await response.json()).data.map((entry) => entry.url);
}

/**
 * The Iluma Trigger registers its URL at Iluma, one per product, when it is published. n8n does not
 * do that again when it starts with the workflow already published, while this run's sandbox is
 * new: then it is published again here.
 */
async function registerIlumaTrigger({ rest, sandbox, workflow, trigger, url, justPublished }) {
	const registered = async () =>
		(await ilumaCallbackUrls(sandbox)).filter((entry) => entry === url).length >=
		trigger.parameters.events.length;
	if (!justPublished) {
		await e2e.deactivateWorkflow(rest, workflow.id);
		await waitUntil(
			async () => !(await storedActive(rest, workflow)),
			`"${workflow.name}" was not unpublished`,
		);
		await e2e.activateWorkflow(rest, workflow.id);
	}
	await waitUntil(registered, `"${workflow.name}" did not register its URL at Iluma`);
}

/** Executions of a workflow that started at or after `since` (ms epoch). */
async function executionsSince(rest, workflowId, since) {
	const filter = encodeURIComponent(JSON.stringify({ workflowId }));
	const list = await rest.get(`/rest/executions?filter=${filter}&limit=100`);
	return list.data.results.filter((run) => Date.parse(run.startedAt) >= since);
}

// ---------------------------------------------------------------------------------------------
// Output

function printDecision(record, seconds) {
	const { facts = {} } = record;
	const yesNo = (value) => (value === true ? 'yes' : value === false ? 'no' : '?');
	const lines = [
		`  applicant   ${record.applicantId}`,
		`  decision    ${String(record.decision).toUpperCase()}${record.reasons?.length ? `: ${record.reasons.join('; ')}` : ' (no findings)'}`,
		`  KTP         ${facts.ktp?.name} born ${facts.ktp?.dateOfBirth}, NIK ${facts.nik} ` +
			`matches the one given: ${yesNo(facts.ktp?.nikMatchesGiven)}   (Iluma ID card OCR, waited for the result)`,
		`  Dukcapil    NIK registered: ${yesNo(facts.dukcapil?.nikRegistered)}, name: ${yesNo(facts.dukcapil?.nameMatches)}, ` +
			`birth date: ${yesNo(facts.dukcapil?.birthDateMatches)}   (WideKYC)`,
		`  CFT         ${facts.cft?.potentialMatches} potential watchlist matches   (Iluma)`,
		`  face        ${facts.face?.result}, similarity ${facts.face?.similarity}   (ekycpro, KTP photo vs selfie)`,
		`  bank        ${facts.bankAccount?.bankCode} ${facts.bankAccount?.account}: holder ${facts.bankAccount?.holderName}   (Iluma bank name validation, waited for the result)`,
	];
	console.log(
		`\nOnboarding decision, answered by the webhook in ${seconds} s:\n${lines.join('\n')}`,
	);
}

/** A KYC (Any Vendor) decision record: the decision, and which vendor answered each check. */
function printAnyVendor(title, record, seconds) {
	const lines = [
		`  decision    ${String(record.decision).toUpperCase()}${record.reasons?.length ? `: ${record.reasons.join('; ')}` : ' (no findings)'}`,
		...Object.entries(record.vendors ?? {}).map(
			([check, vendor]) => `  ${check.padEnd(13)}answered by ${vendor}`,
		),
		...(record.failovers?.length
			? record.failovers.map((line) => `  failover    ${line}`)
			: ['  failover    none']),
	];
	console.log(`\n${title}, answered by the webhook in ${seconds} s:\n${lines.join('\n')}`);
}

/**
 * --outage: the KYC (Any Vendor) example with every vendor up, then with ekycpro down (an injected
 * sandbox fault: 503 to every ekycpro call, removed afterwards). Returns false when a run failed.
 */
async function showOutage(n8n, sandbox) {
	const webhookPath = webhookPathOf(loadExampleWorkflow(ANY_VENDOR_EXAMPLE));
	const { idImage, selfieImage } = onboardingApplicant(1);
	const runOnce = async (title, applicantId) => {
		const t0 = Date.now();
		const answer = await postWebhook(n8n.url, { applicantId, idImage, selfieImage }, webhookPath);
		const seconds = ((Date.now() - t0) / 1000).toFixed(1);
		if (answer.status !== 200 || !answer.json?.decision) {
			console.error(`\n${title}: HTTP ${answer.status}: ${answer.text.slice(0, 500)}`);
			return false;
		}
		printAnyVendor(title, answer.json, seconds);
		return answer.json.decision === 'approved';
	};
	step(`POST ${n8n.url}/webhook/${webhookPath}  (KYC (Any Vendor) onboarding: KTP photo, selfie)`);
	const up = await runOnce('KYC (Any Vendor), every vendor up', 'any-vendor-up');
	sandbox.injectFault({ vendor: 'ekycpro', status: 503, count: 1_000_000 });
	step('ekycpro is down: the sandbox now answers its every call 503 Service Unavailable');
	try {
		const down = await runOnce('KYC (Any Vendor), ekycpro down', 'any-vendor-ekycpro-down');
		return up && down;
	} finally {
		sandbox.clearFaults();
		step('ekycpro is back up (the fault is removed)');
	}
}

// ---------------------------------------------------------------------------------------------

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

	fs.mkdirSync(CACHE, { recursive: true });
	fs.writeFileSync(LOG_FILE, `npm run demo, ${new Date().toISOString()}\n`);
	step(`log of the build and the n8n install: ${LOG_FILE}`);
	if (flags.build === 'always' || (flags.build === 'auto' && !isBuildCurrent())) {
		await withProgress(() => `${prefix()} npm run build`, build);
	} else {
		step(flags.build === 'never' ? 'using dist/ as it is' : 'dist/ is up to date, no build');
	}
	e2e.checkBuilt();

	const installFolder = await installN8n();

	running.sandbox = await startSandbox({ port: await e2e.freePort(8787) });
	const sandbox = running.sandbox;
	await configureSandboxForOnboarding(sandbox);
	step(`vendor sandbox on ${sandbox.url}`);

	const workflows = exampleWorkflows();
	const credentials = sandboxCredentials(sandbox);
	const stamp = fingerprint({ installFolder, credentials, workflows });
	const reuse = !flags.fresh && canReuse(stamp);
	if (!reuse) fs.rmSync(STAMP_FILE, { force: true });
	const port = await e2e.freePort(5678);
	step(
		`n8n on port ${port}, user folder ${USER_FOLDER} (${reuse ? 'kept from the last run' : 'new: n8n sets up its database and imports the credentials and the example workflows, about 1.5 minutes'}); its log: ${path.join(USER_FOLDER, 'n8n.log')}`,
	);
	const n8nLog = path.join(USER_FOLDER, 'n8n.log');
	const n8nPhase = () => {
		const commands = fs.existsSync(n8nLog)
			? [...fs.readFileSync(n8nLog, 'utf8').matchAll(/^===== n8n (\S+)/gm)]
			: [];
		return { phase: commands.length ? `n8n ${commands.at(-1)[1]}` : 'preparing the user folder' };
	};
	let published = 0;
	const { n8n, rest, justPublished } = await withProgress(
		() => `${prefix()} starting n8n`,
		async () => {
			const n8n = await e2e.startN8n({
				installFolder,
				userFolder: USER_FOLDER,
				port,
				credentials,
				workflows,
				publish: false, // published over REST below, faster than one n8n CLI start per workflow
				keepUserFolder: reuse,
			});
			running.n8n = n8n;
			const rest = await ownerSession(n8n.url);
			const justPublished = await publishAll(rest, workflows);
			published = justPublished.length;
			return { n8n, rest, justPublished };
		},
		{
			measure: n8nPhase,
			doneText: () =>
				`up, ${workflows.length} example workflows published${published ? `, ${published} of them just now` : ''}`,
		},
	);
	fs.writeFileSync(STAMP_FILE, JSON.stringify({ fingerprint: stamp }));

	const ilumaWorkflow = workflowWith(workflows, 'n8n-nodes-kyc.ilumaTrigger');
	const ilumaTrigger = nodeOfType(workflows, 'n8n-nodes-kyc.ilumaTrigger');
	const ilumaUrl = `${n8n.url}/webhook/${ilumaTrigger.webhookId}/webhook`;
	await registerIlumaTrigger({
		rest,
		sandbox,
		workflow: ilumaWorkflow,
		trigger: ilumaTrigger,
		url: ilumaUrl,
		justPublished: justPublished.includes(ilumaWorkflow),
	});
	step(`the Iluma Trigger's URL is registered at the sandbox's Iluma`);

	// The sandbox sends Argos's encrypted webhooks to the Argos ID Trigger.
	const argosTrigger = nodeOfType(workflows, 'n8n-nodes-kyc.argosIdTrigger');
	const argosUrl = `${n8n.url}/webhook/${argosTrigger.webhookId}/webhook`;
	sandbox.configure({ callbackUrls: { argos: argosUrl } });
	await sandbox.vendorControl('argos', 'webhookSettings', { encryption: 'gcm' });

	const onboarding = loadExampleWorkflow(ONBOARDING_EXAMPLE);
	const webhookUrl = `${n8n.url}/webhook/${ONBOARDING_WEBHOOK_PATH}`;
	const applicant = onboardingApplicant(1);
	step(
		`POST ${webhookUrl}  (applicant ${applicant.applicantId}: KTP photo, selfie, NIK, name, bank account)`,
	);
	const runStarted = Date.now();
	let answer = await postWebhook(n8n.url, applicant, ONBOARDING_WEBHOOK_PATH);
	// A webhook can answer 404 for a moment after its workflow is published.
	while (answer.status === 404 && Date.now() - runStarted < 30_000) {
		await sleep(500);
		answer = await postWebhook(n8n.url, applicant, ONBOARDING_WEBHOOK_PATH);
	}
	const seconds = ((Date.now() - runStarted) / 1000).toFixed(1);
	if (answer.status !== 200 || !answer.json?.decision) {
		console.error(`\nThe workflow answered HTTP ${answer.status}: ${answer.text.slice(0, 2000)}`);
		console.error(
			`--- last lines of ${n8n.logFile} (n8n.io's unreachable services left out) ---\n${lastLines(n8n.logFile, 40)}`,
		);
		process.exitCode = 1;
		return;
	}
	printDecision(answer.json, seconds);
	step('result printed');
	if (!isApprovedDecision(answer)) {
		console.error('\nThe sandbox applicant should have been approved: see the execution in n8n.');
		process.exitCode = 1;
	}

	if (flags.outage && !(await showOutage(n8n, sandbox))) {
		console.error('\nThe KYC (Any Vendor) applicant should have been approved in both runs.');
		process.exitCode = 1;
	}

	if (flags.mcp && !(await showMcp(n8n.url, step))) {
		console.error('\nThe MCP tool call should have been answered: see the execution in n8n.');
		process.exitCode = 1;
	}

	// Show that the triggers are live: Iluma called back for the OCR and the bank check, and the
	// sandbox sends one encrypted Argos `approved` webhook.
	const argosWorkflow = workflowWith(workflows, 'n8n-nodes-kyc.argosIdTrigger');
	const argosSent = await sandbox.vendorControl('argos', 'sendWebhook', { event: 'approved' });
	await sleep(1500);
	const ilumaCallbacks = (await sandbox.vendorControl('iluma', 'callbacks')).filter(
		(entry) => entry.id !== null && entry.at >= runStarted,
	);
	const ilumaRuns = await executionsSince(rest, ilumaWorkflow.id, runStarted);
	const argosRuns = await executionsSince(rest, argosWorkflow.id, runStarted);
	console.log(`
Triggers are live:
  Iluma Trigger     Iluma called back ${ilumaCallbacks.map((entry) => `${entry.type} (HTTP ${entry.status})`).join(', ') || 'not yet'}; ${ilumaRuns.length} execution(s) of "${ilumaWorkflow.name}"
  Argos ID Trigger  the sandbox's encrypted "approved" webhook got HTTP ${argosSent.status}, ${argosRuns.length} execution(s) ("${argosWorkflow.name}")`);
	if (flags.cases && !(await showCases({ n8n, rest, sandbox, step }))) {
		console.error('\nThe case workflows did not end as they should: see their executions in n8n.');
		process.exitCode = 1;
	}
	console.log(
		`\n${closingText({
			once: flags.once,
			outage: flags.outage,
			n8nUrl: n8n.url,
			workflowId: onboarding.id,
			owner: e2e.OWNER,
			webhookPath: ONBOARDING_WEBHOOK_PATH,
			anyVendorPath: webhookPathOf(loadExampleWorkflow(ANY_VENDOR_EXAMPLE)),
			sandboxUrl: sandbox.url,
		})}`,
	);
	if (flags.once) return;
	await new Promise(() => {}); // the signal handlers end the process
}

main()
	.catch((error) => {
		console.error(`\ndemo failed: ${error.message}`);
		if (error.demoLog) {
			console.error(`--- last lines of ${LOG_FILE} (npm's expected warnings left out) ---`);
			console.error(lastLines(LOG_FILE, 30));
		}
		if (error.logTail) {
			const lines = error.logTail.split('\n').filter((line) => !expectedNoise(line));
			console.error(
				`--- n8n log (n8n.io's unreachable services left out) ---\n${lines.join('\n')}`,
			);
		}
		if (!error.demoLog)
			console.error('(`node scripts/demo.js --fresh` starts again from a new n8n user folder)');
		process.exitCode = 1;
	})
	.finally(async () => {
		await stopAll();
	});
