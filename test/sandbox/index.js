'use strict';

// Programmatic entry point: `const { startSandbox } = require('./test/sandbox');`
// Scenarios (markers, test NIKs, tokens) are documented in ./scenarios.js.

const { createSandboxServer } = require('./server');
const scenarios = require('./scenarios');
const registry = require('./registry');

/** Host usable in a URL: wildcard binds are reached via loopback, IPv6 literals need brackets. */
function urlHost(host) {
	if (host === '0.0.0.0' || host === '') return '127.0.0.1';
	if (host === '::') return '[::1]';
	return host.includes(':') ? `[${host}]` : host;
}

function listen(server, port, host) {
	return new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, host, () => {
			server.off('error', reject);
			resolve();
		});
	});
}

/**
 * Starts the sandbox.
 * @param {{ port?: number, host?: string, latencyMs?: number,
 *           rateLimit?: { limit: number, windowMs: number, retryAfterSeconds?: number } | null,
 *           callbackUrls?: { [vendorName: string]: string | null } }} [options]
 */
async function startSandbox(options = {}) {
	const { port = 0, host = '127.0.0.1', ...config } = options;
	const core = createSandboxServer(config);
	await listen(core.server, port, host);

	const actualPort = core.server.address().port;
	const url = `http://${urlHost(host)}:${actualPort}`;
	const baseUrls = {};
	const keys = {};
	for (const vendor of core.vendors) {
		baseUrls[vendor.name] = url + vendor.prefix;
		keys[vendor.name] = { ...vendor.credentials };
	}

	let closing = null;
	const sandbox = {
		url,
		port: actualPort,
		baseUrls,
		keys,
		/**
		 * Billing ledger: every billable call processed, [{ vendor, product, billed, key, status, at }]
		 * (see ./ledger.js); cleared by reset().
		 */
		get ledger() {
			return core.ledger;
		},
		/** Live request log: [{ vendor, method, path, status, at }]; status null = dropped, at = arrival (ms epoch). */
		get requests() {
			return core.requests;
		},
		get config() {
			return core.getConfig();
		},
		configure: core.configure,
		injectFault: core.injectFault,
		/** Removes the injected faults still pending; returns how many there were. */
		clearFaults: core.clearFaults,
		/** Runs a vendor module's control action, e.g. vendorControl('iluma', 'completeAll'). */
		vendorControl: core.vendorControl,
		reset: core.reset,
		close() {
			closing =
				closing ||
				new Promise((resolve, reject) => {
					core.dispose();
					core.server.close((error) => (error ? reject(error) : resolve()));
					core.server.closeAllConnections();
				});
			return closing;
		},
	};
	registry.register(sandbox, core);
	return sandbox;
}

module.exports = { startSandbox, scenarios };
