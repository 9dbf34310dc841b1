'use strict';

// A loopback TCP gate in front of a sandbox: a plain byte relay on its own port that a test can
// close (new connections are refused, open ones are cut, kept-alive sockets included) and open
// again on the same port. It makes "connection refused" at a follow-up call possible: close the
// gate once the first call was answered (a `pass` fault's `then`, see server.js).
// Registered as an alias of the sandbox (registry.js), so the ledger check follows base URLs
// that point at it.

const net = require('net');
const registry = require('./registry');

function listen(server, port) {
	return new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, '127.0.0.1', () => {
			server.off('error', reject);
			resolve();
		});
	});
}

/** Starts a gate to `sandbox` (from startSandbox); open at first. */
async function startGate(sandbox) {
	const target = new URL(sandbox.url);
	const sockets = new Set();
	const server = net.createServer((client) => {
		const upstream = net.connect(Number(target.port), target.hostname);
		for (const socket of [client, upstream]) {
			sockets.add(socket);
			socket.on('close', () => sockets.delete(socket));
			socket.on('error', () => socket.destroy());
		}
		// pipe() ends each side when the other ends, after what is in flight has been relayed.
		client.pipe(upstream);
		upstream.pipe(client);
	});
	await listen(server, 0);
	const { port } = server.address();
	const url = `http://127.0.0.1:${port}`;
	const baseUrls = Object.fromEntries(
		Object.entries(sandbox.baseUrls).map(([name, base]) => [
			name,
			url + base.slice(sandbox.url.length),
		]),
	);
	registry.alias(url, sandbox);
	let open = true;

	const gate = {
		url,
		port,
		baseUrls,
		get isOpen() {
			return open;
		},
		/** Refuses new connections and cuts the open ones. */
		close() {
			const closed = gate.refuseNew();
			for (const socket of sockets) socket.destroy();
			return closed;
		},
		/**
		 * Refuses new connections; open ones carry on (an answer with `Connection: close` ends its
		 * own, so that the client's next call needs a new connection, and is refused).
		 */
		refuseNew() {
			if (!open) return Promise.resolve();
			open = false;
			return new Promise((resolve) => server.close(() => resolve()));
		},
		/** Accepts connections again, on the same port. */
		async open() {
			if (open) return;
			await listen(server, port);
			open = true;
		},
		/** Closes the gate for good; it stays registered, for the checks that run after the test. */
		async dispose() {
			await gate.close();
		},
	};
	return gate;
}

module.exports = { startGate };
