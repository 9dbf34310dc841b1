'use strict';

// A pass-through HTTP proxy in front of the vendor sandbox that notes, for every vendor call,
// whose applicant it was: the sandbox's own request log has no bodies, and a re-run job shows up
// only as the same applicant's calls made twice. An applicant is recognised by the long strings
// of its webhook body (its images), found in the call's body as sent (base64 in JSON), URL-encoded
// (a form body) or decoded (raw bytes in multipart).

const http = require('node:http');

const MIN_FINGERPRINT = 64;

async function startRecorder(targetUrl) {
	const target = new URL(targetUrl);
	const fingerprints = []; // [{ applicantId, bytes: Buffer }]
	const calls = []; // [{ path, status, applicantIds: [] }]

	const server = http.createServer((req, res) => {
		const chunks = [];
		req.on('data', (chunk) => chunks.push(chunk));
		req.on('end', () => {
			const body = Buffer.concat(chunks);
			const applicantIds = [
				...new Set(fingerprints.filter((f) => body.includes(f.bytes)).map((f) => f.applicantId)),
			];
			const call = { method: req.method, path: req.url.split('?')[0], status: null, applicantIds };
			calls.push(call);
			const upstream = http.request(
				{
					host: target.hostname,
					port: target.port,
					method: req.method,
					path: req.url,
					headers: { ...req.headers, host: target.host },
				},
				(answer) => {
					call.status = answer.statusCode;
					res.writeHead(answer.statusCode, answer.headers);
					answer.pipe(res);
				},
			);
			upstream.once('error', () => res.destroy());
			upstream.end(body);
		});
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	const url = `http://127.0.0.1:${server.address().port}`;

	return {
		url,
		calls,
		/** Teaches the recorder an applicant's webhook body. */
		learn(applicantId, body) {
			for (const value of Object.values(body)) {
				if (typeof value !== 'string' || value.length < MIN_FINGERPRINT) continue;
				fingerprints.push({ applicantId, bytes: Buffer.from(value, 'latin1') });
				const encoded = encodeURIComponent(value);
				if (encoded !== value)
					fingerprints.push({ applicantId, bytes: Buffer.from(encoded, 'latin1') });
				const decoded = Buffer.from(value, 'base64');
				if (decoded.length >= MIN_FINGERPRINT / 2)
					fingerprints.push({ applicantId, bytes: decoded });
			}
		},
		close: () =>
			new Promise((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			}),
	};
}

module.exports = { startRecorder };
