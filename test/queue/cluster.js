'use strict';

// n8n 2.41.1 in queue mode: one main (webhooks, editor, REST) and `n8n worker` processes that run
// the executions, sharing the encryption key, the PostgreSQL database and Redis.
// Settings read from n8n's source (@n8n/config scaling-mode.config.js, n8n/dist/scaling/*):
// - Every process starts task runners whose broker listens on N8N_RUNNERS_BROKER_PORT (5679 by
//   default), so each needs a port of its own; so does each worker's health server
//   (QUEUE_HEALTH_CHECK_PORT, 5678 by default = main's port).
// - n8n's Bull queue runs with maxStalledCount 0 (hard-coded in scaling.service.js): a job whose
//   worker died is not run again; once its lock has expired, a live worker's stalled-job check
//   fails it ("job stalled more than maxStalledCount"), and main, after re-reading the execution
//   for up to 30 s (MAX_STALLED_COUNT_GRACE_WINDOW_MS in workflow-runner.js) in case the worker had
//   finished it, marks it failed and answers its waiting webhook caller with an error.
//   The defaults (lock 60 s, stalled check every 30 s) would take up to 2 minutes to notice the dead
//   worker; the test shortens both. A lock must outlive a busy event loop on a loaded 2-CPU machine
//   (a lock lost on a live worker would fail a healthy job), so it is renewed every 2 s and held 10 s.

const fs = require('node:fs');
const path = require('node:path');

const e2e = require('../e2e/n8n');
const { spawnService } = require('./services');
const { poll } = require('../poll');

const QUEUE_RECOVERY_ENV = {
	QUEUE_WORKER_LOCK_DURATION: '10000',
	QUEUE_WORKER_LOCK_RENEW_TIME: '2000',
	QUEUE_WORKER_STALLED_INTERVAL: '5000',
};

/** What main and every worker share: queue mode, Redis, PostgreSQL (or one SQLite file). */
function queueEnv({ redis, postgres, sqliteFile }) {
	const database = postgres
		? {
				DB_TYPE: 'postgresdb',
				DB_POSTGRESDB_HOST: '127.0.0.1',
				DB_POSTGRESDB_PORT: String(postgres.port),
				DB_POSTGRESDB_USER: postgres.user,
				DB_POSTGRESDB_DATABASE: postgres.database,
			}
		: { DB_TYPE: 'sqlite', DB_SQLITE_DATABASE: sqliteFile };
	return {
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: String(redis.port),
		...database,
		...QUEUE_RECOVERY_ENV,
	};
}

/**
 * Starts `n8n worker` in its own user folder (with the package linked in, as on main) and resolves
 * once it logs that it is ready. `stop()` ends it gently, `kill()` with SIGKILL (its whole group).
 */
async function startWorker({ name, installFolder, dir, shared, mainPort, timeoutMs = 180_000 }) {
	const userFolder = path.join(dir, name);
	e2e.prepareUserFolder(userFolder);
	const logFile = path.join(userFolder, 'n8n.log');
	fs.appendFileSync(logFile, `\n===== n8n worker (${name}) =====\n`);
	const healthPort = await e2e.freePort();
	const env = e2e.n8nEnv({
		installFolder,
		userFolder,
		port: mainPort, // webhook URLs the worker builds point at main
		brokerPort: await e2e.freePort(),
		env: {
			...shared,
			QUEUE_HEALTH_CHECK_ACTIVE: 'true',
			QUEUE_HEALTH_CHECK_PORT: String(healthPort),
			N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
		},
	});
	const { node, n8n } = e2e.binaries(installFolder);
	const service = spawnService(node, [n8n, 'worker', '--concurrency=10'], { env, logFile });
	const ready = async () => {
		if (service.child.exitCode !== null || service.child.signalCode !== null) {
			const error = new Error(`worker ${name} exited while starting; log ${logFile}`);
			error.fatal = true;
			throw error;
		}
		const log = fs.readFileSync(logFile, 'utf8');
		if (log.lastIndexOf('n8n worker is now ready') < log.lastIndexOf('===== n8n worker'))
			return 'no "n8n worker is now ready" line yet';
		const health = await fetch(`http://127.0.0.1:${healthPort}/healthz/readiness`);
		return health.ok || `readiness check answered HTTP ${health.status}`;
	};
	try {
		await poll(ready, {
			what: `worker ${name} to log "n8n worker is now ready" and pass its readiness check`,
			until: (value) => value === true,
			timeoutMs,
			intervalMs: 500,
		});
	} catch (error) {
		if (!error.fatal) await service.stop();
		error.logTail = e2e.tail(logFile, 60);
		throw error;
	}
	return { ...service, name, logFile, healthPort };
}

/** Execution ids a worker's log says it started (n8n logs "Worker started execution <id> (job <n>)"). */
function executionsStartedBy(worker) {
	const log = fs.readFileSync(worker.logFile, 'utf8');
	return [...log.matchAll(/Worker started execution (\d+)/g)].map((match) => match[1]);
}

module.exports = { queueEnv, startWorker, executionsStartedBy, QUEUE_RECOVERY_ENV };
