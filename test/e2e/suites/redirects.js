'use strict';

// e2e suite: n8n's own credential test (POST /rest/credentials/test, its RoutingNode route) never
// follows a redirect and never sends a key over http:// to another machine, for every credential.
// A loopback "vendor" answers 302 or 307 pointing at a second loopback port, which must receive
// nothing; the vendor receives the test request once. The engine tests (test/nodes/redirects.test.js)
// cover the nodes and the trigger; this proves the credential test route of a real n8n.

const assert = require('node:assert/strict');
const http = require('node:http');

const KEY = 'e2e-redirect-key-0042';
const CREDENTIALS = [
	['ekycProApi', 'ekycpro', (url) => ({ apiKey: KEY, baseUrl: url })],
	['ilumaApi', 'Iluma', (url) => ({ apiKey: KEY, baseUrl: url, callbackToken: '' })],
	['wideKycApi', 'WideKYC', (url) => ({ token: KEY, serverUrl: url })],
	['clovaOcrApi', 'CLOVA OCR', (url) => ({ secretKey: KEY, invokeUrl: url })],
	['argosIdApi', 'Argos ID', (url) => ({ apiKey: KEY, baseUrl: url })],
];
const idOf = (type) => `kycRedirect${type.slice(0, 4)}${type.length}`.slice(0, 16).padEnd(16, '0');

async function recordingServer(reply) {
	const requests = [];
	const server = http.createServer((req, res) => {
		requests.push({ method: req.method, url: req.url });
		req.resume();
		req.on('end', () => reply(res));
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		requests,
		url: `http://127.0.0.1:${server.address().port}`,
		close: async () => {
			server.closeAllConnections();
			await new Promise((resolve) => server.close(resolve));
		},
	};
}

module.exports = {
	name: 'redirects and insecure base URLs (credential test)',

	// Stored pointing at the sandbox; each check replaces the data, as the editor's Test does.
	credentials: (sandbox) =>
		CREDENTIALS.map(([type, , data]) => ({
			id: idOf(type),
			name: `redirect test ${type}`,
			type,
			data: data(sandbox.url),
		})),

	workflows: () => [],

	async run({ check, n8n, rest, e2e }) {
		const target = await recordingServer((res) => res.end('{}'));
		let status = 302;
		const vendor = await recordingServer((res) => {
			res.writeHead(status, { location: `${target.url}/collect?token=leak` });
			res.end();
		});
		try {
			for (status of [302, 307]) {
				for (const [type, name, data] of CREDENTIALS) {
					await check(
						`n8n credential test: ${type} answered ${status} to another port`,
						async () => {
							vendor.requests.length = 0;
							const result = await e2e.testCredential(rest, {
								id: idOf(type),
								type,
								data: data(`${vendor.url}/${type}`),
							});
							assert.deepEqual(target.requests, [], 'the redirect was followed');
							assert.equal(vendor.requests.length, 1, 'the test request did not reach the vendor');
							assert.equal(result.status, 'Error', JSON.stringify(result));
							if (n8n.version.startsWith('1.') && type !== 'clovaOcrApi') {
								// n8n 1.x's tester does not find the status where its rules look: its own words.
								assert.equal(result.message, `Request failed with status code ${status}`);
							} else {
								assert.match(result.message, /redirect.* not followed/);
								if (type !== 'clovaOcrApi')
									assert.match(result.message, new RegExp(`^${name} HTTP ${status}: `));
							}
							return `n8n says: ${result.message}`;
						},
					);
				}
			}
			for (const [type, name, data] of CREDENTIALS) {
				await check(`n8n credential test: ${type} with http:// to another machine`, async () => {
					const result = await e2e.testCredential(rest, {
						id: idOf(type),
						type,
						data: data('http://kyc.invalid/api'),
					});
					assert.equal(result.status, 'Error', JSON.stringify(result));
					assert.match(
						result.message,
						new RegExp(`^${name}: the .* must use https://.* was not sent$`),
					);
					assert.doesNotMatch(JSON.stringify(result), new RegExp(KEY));
				});
			}
		} finally {
			await Promise.all([target.close(), vendor.close()]);
		}
	},
};
