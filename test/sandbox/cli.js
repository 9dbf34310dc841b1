#!/usr/bin/env node
'use strict';

// node test/sandbox/cli.js [--port 8787] [--latency 0] [--host 127.0.0.1]
// The port may also come from KYC_SANDBOX_PORT; --port 0 picks a free one.

const { startSandbox } = require('./index');

const USAGE = 'usage: node test/sandbox/cli.js [--port 8787] [--latency 0] [--host 127.0.0.1]';

function parseArgs(argv) {
	const options = {
		port: process.env.KYC_SANDBOX_PORT !== undefined ? process.env.KYC_SANDBOX_PORT : '8787',
		latency: '0',
		host: '127.0.0.1',
	};
	for (let i = 0; i < argv.length; i += 1) {
		const [flag, inline] = argv[i].split(/=(.*)/s);
		const name = flag.replace(/^--/, '');
		if (flag === '--help' || flag === '-h') {
			console.log(USAGE);
			process.exit(0);
		}
		if (!['port', 'latency', 'host'].includes(name) || !flag.startsWith('--')) {
			throw new Error(`unknown argument ${argv[i]}\n${USAGE}`);
		}
		const value = inline !== undefined ? inline : argv[(i += 1)];
		if (value === undefined) throw new Error(`${flag} needs a value\n${USAGE}`);
		options[name] = value;
	}
	const port = Number(options.port);
	const latencyMs = Number(options.latency);
	if (!Number.isInteger(port) || port < 0 || port > 65535)
		throw new Error(`invalid port: ${options.port}`);
	if (!Number.isFinite(latencyMs) || latencyMs < 0)
		throw new Error(`invalid latency: ${options.latency}`);
	return { port, latencyMs, host: options.host };
}

async function main() {
	const sandbox = await startSandbox(parseArgs(process.argv.slice(2)));
	const lines = [`KYC vendor sandbox listening on ${sandbox.url}`];
	for (const [vendor, baseUrl] of Object.entries(sandbox.baseUrls)) {
		lines.push(`  ${vendor.padEnd(8)} ${baseUrl}`);
		// Sandbox-only fake credentials, printed so they can be pasted into n8n.
		for (const [kind, value] of Object.entries(sandbox.keys[vendor]))
			lines.push(`           ${kind}: ${value}`);
	}
	lines.push(`  control  ${sandbox.url}/__sandbox/health | config | faults | requests | ledger | reset`);
	lines.push(
		`           POST ${sandbox.url}/__sandbox/vendors/<vendor>/<action>, e.g. iluma/watchlist {"entry":{"name":"…"}} (docs/development.md)`,
	);
	lines.push('Scenarios: see test/sandbox/scenarios.js. Ctrl-C to stop.');
	console.log(lines.join('\n'));

	let stopping = false;
	const stop = (signal) => {
		if (stopping) return;
		stopping = true;
		console.log(`\n${signal} received, stopping the sandbox`);
		sandbox.close().then(
			() => process.exit(0),
			() => process.exit(1),
		);
	};
	process.on('SIGINT', () => stop('SIGINT'));
	process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error) => {
	console.error(error.message);
	process.exit(1);
});
