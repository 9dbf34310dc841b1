'use strict';

// The services queue mode needs besides n8n, started by the test on free ports in a temp folder:
// Debian's Redis (no persistence) and Debian's PostgreSQL (a throwaway cluster). Both are
// apt-installed when missing, as on a fresh CI machine (the test runs as root there).

const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');

const { poll } = require('../poll');

/** `apt-get install`s a Debian package (after `apt-get update` when the first try fails). */
function aptInstall(pkg) {
	const install = () =>
		spawnSync('apt-get', ['install', '-y', '--no-install-recommends', pkg], {
			stdio: ['ignore', 'inherit', 'inherit'],
			env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
		}).status === 0;
	if (install()) return;
	spawnSync('apt-get', ['update'], { stdio: ['ignore', 'inherit', 'inherit'] });
	if (!install()) throw new Error(`apt-get install ${pkg} failed`);
}

function which(command) {
	return spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' }).stdout.trim();
}

/** Spawns a long-running process in its own group, output to `logFile`; `stop()` ends the group. */
function spawnService(command, args, { logFile, ...options }) {
	const out = fs.openSync(logFile, 'a');
	const child = spawn(command, args, { ...options, stdio: ['ignore', out, out], detached: true });
	fs.closeSync(out);
	const exited = new Promise((resolve) => child.once('exit', resolve));
	const kill = (signal) => {
		try {
			process.kill(-child.pid, signal);
		} catch {
			// already gone
		}
	};
	const onExit = () => kill('SIGKILL');
	process.on('exit', onExit);
	return {
		child,
		pid: child.pid,
		exited,
		kill,
		async stop() {
			kill('SIGTERM');
			const timer = setTimeout(() => kill('SIGKILL'), 10_000);
			await exited;
			clearTimeout(timer);
			kill('SIGKILL');
			process.off('exit', onExit);
		},
	};
}

/** Resolves once something accepts TCP connections on 127.0.0.1:port. */
async function waitForPort(port, service, what, timeoutMs = 30_000) {
	const listening = () => {
		if (service.child.exitCode !== null) {
			const error = new Error(`${what} exited while starting`);
			error.fatal = true;
			throw error;
		}
		return new Promise((resolve) => {
			const socket = net.connect(port, '127.0.0.1');
			socket.once('connect', () => resolve(socket.end() || true));
			socket.once('error', () => resolve(false));
		});
	};
	await poll(listening, {
		what: `${what} to listen on 127.0.0.1:${port}`,
		until: (open) => open,
		show: () => 'connection refused',
		timeoutMs,
		intervalMs: 200,
	});
}

async function startRedis({ dir, port }) {
	if (!which('redis-server')) aptInstall('redis-server');
	fs.mkdirSync(dir, { recursive: true });
	const logFile = path.join(dir, 'redis.log');
	const service = spawnService(
		which('redis-server'),
		[
			'--port',
			String(port),
			'--bind',
			'127.0.0.1',
			'--save',
			'',
			'--appendonly',
			'no',
			'--dir',
			dir,
		],
		{ logFile },
	);
	await waitForPort(port, service, 'redis-server');
	return { ...service, port, logFile };
}

/** Debian's PostgreSQL server binaries (newest major), or undefined. */
function postgresBin() {
	const root = '/usr/lib/postgresql';
	if (!fs.existsSync(root)) return undefined;
	const majors = fs
		.readdirSync(root)
		.filter((name) => fs.existsSync(path.join(root, name, 'bin', 'postgres')))
		.sort((a, b) => Number(b) - Number(a));
	return majors.length ? path.join(root, majors[0], 'bin') : undefined;
}

/**
 * A throwaway PostgreSQL cluster in `dir`. PostgreSQL refuses to run as root, so the cluster
 * belongs to Debian's `postgres` account (created by the package); connections are trusted
 * (loopback only). fsync is off: the data is thrown away after the test.
 */
async function startPostgres({ dir, port }) {
	if (!postgresBin()) aptInstall('postgresql');
	const bin = postgresBin();
	const owner = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
	if (owner.status !== 0)
		throw new Error('no `postgres` account (Debian’s postgresql package makes it)');
	const uid = Number(owner.stdout.trim());
	const gid = Number(spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).stdout.trim());
	const data = path.join(dir, 'pgdata');
	fs.mkdirSync(data, { recursive: true, mode: 0o700 });
	fs.chownSync(dir, uid, gid);
	fs.chownSync(data, uid, gid);
	const user = 'n8n';
	const init = spawnSync(
		path.join(bin, 'initdb'),
		['-D', data, '-U', user, '-A', 'trust', '-E', 'UTF8', '--no-sync'],
		{ uid, gid, encoding: 'utf8', cwd: dir },
	);
	if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr || init.stdout}`);
	const logFile = path.join(dir, 'postgres.log');
	fs.writeFileSync(logFile, '');
	fs.chownSync(logFile, uid, gid);
	const service = spawnService(
		path.join(bin, 'postgres'),
		[
			'-D',
			data,
			'-p',
			String(port),
			'-k',
			dir,
			'-c',
			'listen_addresses=127.0.0.1',
			'-c',
			'fsync=off',
			'-c',
			'synchronous_commit=off',
			'-c',
			'full_page_writes=off',
		],
		{ logFile, uid, gid, cwd: dir },
	);
	await waitForPort(port, service, 'postgres');
	// The port opens before the server accepts sessions ("the database system is starting up").
	const ready = () =>
		spawnSync(path.join(bin, 'pg_isready'), ['-h', '127.0.0.1', '-p', String(port), '-U', user])
			.status === 0;
	await poll(ready, {
		what: 'postgres to accept sessions (pg_isready)',
		until: (yes) => yes,
		show: () => 'pg_isready said no',
		timeoutMs: 30_000,
		intervalMs: 200,
	});
	return { ...service, port, user, database: 'postgres', logFile };
}

module.exports = { startRedis, startPostgres, spawnService };
