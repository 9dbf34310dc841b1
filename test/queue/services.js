'use strict';

// The services queue mode needs besides n8n, started by the test on free ports in a temp folder:
// Redis (no persistence) and PostgreSQL (a throwaway cluster). Each is the machine's own (or the one
// KYC_REDIS_SERVER / KYC_PG_BIN names), else apt-installed when the user may (test/systemTools.js).

const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');

const { poll } = require('../poll');
const { ensure } = require('../systemTools');

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
	const redisServer = ensure('redis');
	fs.mkdirSync(dir, { recursive: true });
	const logFile = path.join(dir, 'redis.log');
	const service = spawnService(
		redisServer,
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

/** Who runs PostgreSQL: the `postgres` account when we are root, else ourselves. */
function asOwner() {
	if (process.getuid?.() !== 0) return { spawn: {}, chown: () => {} };
	const id = (flag) => spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' });
	if (id('-u').status !== 0)
		throw new Error(
			'running as root, PostgreSQL needs a `postgres` account (Debian’s postgresql package makes it)',
		);
	const uid = Number(id('-u').stdout.trim());
	const gid = Number(id('-g').stdout.trim());
	return { spawn: { uid, gid }, chown: (file) => fs.chownSync(file, uid, gid) };
}

/**
 * A throwaway PostgreSQL cluster in `dir`. PostgreSQL refuses to run as root, so as root the cluster
 * belongs to the `postgres` account (Debian's postgresql package makes it); as anyone else it is the
 * user's own. Connections are trusted (loopback only). fsync is off: the data is thrown away after
 * the test.
 */
async function startPostgres({ dir, port }) {
	const bin = ensure('postgres');
	const owner = asOwner();
	const data = path.join(dir, 'pgdata');
	fs.mkdirSync(data, { recursive: true, mode: 0o700 });
	owner.chown(dir);
	owner.chown(data);
	const user = 'n8n';
	const init = spawnSync(
		path.join(bin, 'initdb'),
		['-D', data, '-U', user, '-A', 'trust', '-E', 'UTF8', '--no-sync'],
		{ ...owner.spawn, encoding: 'utf8', cwd: dir },
	);
	if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr || init.stdout}`);
	const logFile = path.join(dir, 'postgres.log');
	fs.writeFileSync(logFile, '');
	owner.chown(logFile);
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
		{ logFile, ...owner.spawn, cwd: dir },
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
