'use strict';

// Chromium (test:browser), Redis and PostgreSQL (test:queue): what the machine has first, then
// apt-get when it may, else one line saying what is missing and how to get it.
//
//  1. an environment variable naming it: KYC_CHROMIUM (a Chromium or Google Chrome executable),
//     KYC_REDIS_SERVER (a redis-server executable), KYC_PG_BIN (the folder holding PostgreSQL's
//     initdb, postgres and pg_isready);
//  2. the usual places and PATH (Debian's /usr/bin/chromium, chromium, chromium-browser,
//     google-chrome on PATH, Chrome or Chromium in macOS's /Applications; redis-server on PATH;
//     Debian's newest /usr/lib/postgresql/<major>/bin, else initdb's folder on PATH);
//  3. missing: `apt-get install` when apt-get is there and the user is root or `sudo -n` works;
//  4. otherwise the stage fails with one line: what is missing, the variable, the Debian/Ubuntu and
//     macOS commands.
// `plan(name, sys)` decides from an injected machine (unit-tested); `ensure(name)` acts on this one.

const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const MAC_BROWSERS = [
	'/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
	'/Applications/Chromium.app/Contents/MacOS/Chromium',
];
const PG_BINARIES = ['initdb', 'postgres', 'pg_isready'];

const TOOLS = {
	chromium: {
		what: 'Chromium (or Google Chrome)',
		variable: 'KYC_CHROMIUM',
		apt: 'chromium',
		brew: 'brew install --cask chromium',
		isIt: (sys, file) => sys.exists(file),
		candidates: (sys) => [
			'/usr/bin/chromium',
			...['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'].map((c) =>
				sys.which(c),
			),
			...(sys.platform === 'darwin' ? MAC_BROWSERS : []),
		],
	},
	redis: {
		what: 'Redis (redis-server)',
		variable: 'KYC_REDIS_SERVER',
		apt: 'redis-server',
		brew: 'brew install redis',
		isIt: (sys, file) => sys.exists(file),
		candidates: (sys) => [sys.which('redis-server')],
	},
	postgres: {
		what: 'PostgreSQL (initdb, postgres, pg_isready)',
		variable: 'KYC_PG_BIN',
		apt: 'postgresql',
		brew: 'brew install postgresql@16',
		isIt: (sys, dir) => PG_BINARIES.every((name) => sys.exists(path.join(dir, name))),
		candidates: (sys) => {
			const debian = '/usr/lib/postgresql';
			const majors = sys.exists(debian)
				? sys
						.readdir(debian)
						.filter((name) => /^\d+$/.test(name))
						.sort((a, b) => Number(b) - Number(a))
				: [];
			const initdb = sys.which('initdb');
			return [
				...majors.map((major) => path.join(debian, major, 'bin')),
				initdb && path.dirname(sys.realpath(initdb)),
			];
		},
	},
};

/** Where the tool is, without installing: `{ use }`, `{ fail }` (a variable naming nothing) or undefined. */
function locate(tool, sys) {
	const named = sys.env[tool.variable];
	if (named) {
		return tool.isIt(sys, named)
			? { use: named }
			: {
					fail: `${tool.what}: ${tool.variable}=${named} is not there; fix or unset ${tool.variable}`,
				};
	}
	const found = tool.candidates(sys).find((file) => file && tool.isIt(sys, file));
	return found ? { use: found } : undefined;
}

/**
 * What to do for tool `name` on machine `sys` (`{ env, platform, uid, exists, readdir, which,
 * realpath, canSudo }`): `{ use: path }`, `{ install: argv, update: argv }` or `{ fail: line }`.
 */
function plan(name, sys) {
	const tool = TOOLS[name];
	const found = locate(tool, sys);
	if (found) return found;
	if (sys.platform === 'linux' && sys.which('apt-get')) {
		const prefix = sys.uid === 0 ? [] : sys.canSudo() ? ['sudo', '-n'] : undefined;
		if (prefix)
			return {
				install: [...prefix, 'apt-get', 'install', '-y', '--no-install-recommends', tool.apt],
				update: [...prefix, 'apt-get', 'update'],
			};
	}
	return {
		fail:
			`${tool.what} is missing (not found, and apt-get needs root or passwordless sudo): ` +
			`install it (Debian/Ubuntu: sudo apt-get install ${tool.apt}; macOS: ${tool.brew}) ` +
			`or set ${tool.variable} to ${name === 'postgres' ? 'the folder holding initdb' : 'its executable'}`,
	};
}

/** This machine, for `plan`. */
function thisMachine() {
	const which = (command) =>
		spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' }).stdout.trim();
	return {
		env: process.env,
		platform: process.platform,
		uid: process.getuid ? process.getuid() : -1,
		exists: (file) => {
			try {
				fs.accessSync(file, fs.constants.X_OK);
				return true;
			} catch {
				return false;
			}
		},
		readdir: (dir) => fs.readdirSync(dir),
		which,
		realpath: (file) => fs.realpathSync(file),
		canSudo: () =>
			Boolean(which('sudo')) && spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0,
	};
}

/** An error a stage reports as its one line (no stack): testRun prints `error.message` alone. */
function missing(line) {
	const error = new Error(line);
	error.oneLine = true;
	return error;
}

/**
 * The tool's path (the folder for postgres), installed with apt-get first when missing and allowed;
 * throws an error whose message is the one line otherwise.
 */
function ensure(name, sys = thisMachine()) {
	const decision = plan(name, sys);
	if (decision.use) return decision.use;
	if (decision.fail) throw missing(decision.fail);
	const run = (argv) =>
		spawnSync(argv[0], argv.slice(1), {
			stdio: ['ignore', 'inherit', 'inherit'],
			env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
		}).status === 0;
	console.log(`  ${TOOLS[name].what} missing: ${decision.install.join(' ')}`);
	if (!run(decision.install) && !(run(decision.update) && run(decision.install)))
		throw missing(
			`${TOOLS[name].what}: \`${decision.install.join(' ')}\` failed (its output is above)`,
		);
	const after = locate(TOOLS[name], sys);
	if (!after?.use)
		throw missing(`${TOOLS[name].what}: installed by apt-get (${TOOLS[name].apt}) but not found`);
	return after.use;
}

module.exports = { plan, ensure, TOOLS };
