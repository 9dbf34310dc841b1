'use strict';

// The sandbox HTTP server: routes by path prefix to one module per vendor (vendors/*.js) and adds
// the cross-cutting behaviour tests need: latency, a rate limit, injected faults, a request log,
// the billing ledger (./ledger.js; each vendor module's `billing` list) and the /__sandbox/
// control API.
//
// Every file in vendors/ is a vendor module: { name, prefix, credentials, handle(req, ctx),
// errorBody(httpStatus, message) } and optionally createState() and control: { action(body, ctx) }.
// handle gets { method, path (below the prefix), query, headers, body: Buffer } and
// ctx { config, state, baseUrl, callbackUrl }, and returns (or resolves to) { status, body, headers? }.
// state is what createState() returned, one per sandbox, renewed by reset() (which first calls
// state.dispose() when there is one, as close() does); baseUrl is this
// vendor's base URL as the client reached it; callbackUrl is config.callbackUrls[vendor.name] or null.
// control actions are reached at POST /__sandbox/vendors/<name>/<action> (JSON body) and get
// ctx { config, state, callbackUrl }.
// GET /__sandbox/files/<name>.<jpg|png|pdf|tif> serves a fixture file (test/fixtures/images.js) for
// workflows that download their input the way a user would (n8n's HTTP Request node); an optional
// ?marker=<name> puts SANDBOX:<name> in a jpg or png, ?width=&height= size a jpg.

const crypto = require('crypto');
const fs = require('fs');
const http = require('http');
const nodePath = require('path');
const { URL } = require('url');
const { readBody, parseJson, parseMultipart, sendJson, delay } = require('./util');
const images = require('../fixtures/images');
const { ledgerEntry } = require('./ledger');
const { withEcho } = require('../echo');

const VENDOR_DIR = nodePath.join(__dirname, 'vendors');
const VENDORS = fs
	.readdirSync(VENDOR_DIR)
	.filter((file) => file.endsWith('.js'))
	.sort()
	.map((file) => require(nodePath.join(VENDOR_DIR, file)));

const MAX_BODY_BYTES = 25 * 1024 * 1024;
const MAX_CONTROL_BODY_BYTES = 1024 * 1024;
const CONTROL_PREFIX = '/__sandbox';

const DEFAULT_CONFIG = Object.freeze({ latencyMs: 0, rateLimit: null, callbackUrls: {} });

function isNonNegative(value) {
	return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

/** Merges a partial config over `base`, throwing TypeError on a malformed value. */
function mergeConfig(base, partial = {}) {
	const next = { ...base };
	if (partial.latencyMs !== undefined) {
		if (!isNonNegative(partial.latencyMs)) throw new TypeError('latencyMs must be a number >= 0');
		next.latencyMs = partial.latencyMs;
	}
	if (partial.rateLimit !== undefined) {
		const rl = partial.rateLimit;
		if (rl !== null) {
			if (typeof rl !== 'object' || !Number.isInteger(rl.limit) || rl.limit < 0) {
				throw new TypeError(
					'rateLimit must be null or { limit (integer >= 0), windowMs, retryAfterSeconds? }',
				);
			}
			if (!isNonNegative(rl.windowMs) || rl.windowMs === 0)
				throw new TypeError('rateLimit.windowMs must be > 0');
			if (
				rl.retryAfterSeconds !== undefined &&
				rl.retryAfterSeconds !== null &&
				!isNonNegative(rl.retryAfterSeconds)
			) {
				throw new TypeError('rateLimit.retryAfterSeconds must be a number >= 0');
			}
		}
		next.rateLimit = rl && {
			limit: rl.limit,
			windowMs: rl.windowMs,
			retryAfterSeconds: rl.retryAfterSeconds ?? null,
		};
	}
	if (partial.callbackUrls !== undefined) {
		const urls = partial.callbackUrls;
		if (!urls || typeof urls !== 'object' || Array.isArray(urls))
			throw new TypeError('callbackUrls must be an object { vendorName: url | null }');
		for (const [name, url] of Object.entries(urls)) {
			if (url !== null && typeof url !== 'string')
				throw new TypeError(`callbackUrls.${name} must be a string or null`);
		}
		next.callbackUrls = { ...base.callbackUrls, ...urls };
	}
	return next;
}

const FAULT_KINDS = ['drop', 'truncate', 'malformed', 'pass'];

function normalizeFault(given) {
	if (!given || typeof given !== 'object') throw new TypeError('a fault must be an object');
	// `echo`: a vendor that echoes the request into its error (test/echo.js), also from the control API.
	const spec = withEcho(given);
	const { vendor, path, method, bodyIncludes, status, count = 1, retryAfter, body, headers } = spec;
	const { delayMs = 0, after = 0, processed = false, then } = spec;
	const kinds = FAULT_KINDS.filter((kind) => spec[kind] === true);
	if (kinds.length > 1) throw new TypeError(`a fault has one kind of ${FAULT_KINDS.join(', ')}`);
	const kind = kinds[0] || 'status';
	if (kind === 'status' && !(Number.isInteger(status) && status >= 200 && status <= 599)) {
		throw new TypeError(
			'fault.status must be an HTTP status 200-599 (or use drop, truncate, malformed or pass)',
		);
	}
	if (!Number.isInteger(count) || count < 1)
		throw new TypeError('fault.count must be an integer >= 1');
	if (!Number.isInteger(after) || after < 0)
		throw new TypeError('fault.after must be an integer >= 0');
	if (!isNonNegative(delayMs)) throw new TypeError('fault.delayMs must be a number >= 0');
	if (vendor !== undefined && typeof vendor !== 'string')
		throw new TypeError('fault.vendor must be a string');
	if (path !== undefined && typeof path !== 'string')
		throw new TypeError('fault.path must be a string');
	if (method !== undefined && typeof method !== 'string')
		throw new TypeError('fault.method must be a string');
	if (bodyIncludes !== undefined && (typeof bodyIncludes !== 'string' || bodyIncludes === ''))
		throw new TypeError('fault.bodyIncludes must be a non-empty string');
	if (
		headers !== undefined &&
		typeof headers !== 'function' &&
		(typeof headers !== 'object' || headers === null)
	)
		throw new TypeError('fault.headers must be an object (or a function, JS API only)');
	if (then !== undefined && typeof then !== 'function')
		throw new TypeError('fault.then must be a function (JS API only)');
	return {
		vendor,
		method: method?.toUpperCase(),
		path,
		bodyIncludes,
		status,
		remaining: count,
		skip: after,
		retryAfter,
		body,
		headers,
		kind,
		drop: kind === 'drop',
		// `pass` lets the vendor answer as usual: only `then` (and `delayMs`) make it a fault.
		processed: Boolean(processed) || kind === 'pass',
		delayMs,
		then,
	};
}

/** `body` is null on arrival, before the body is read: only faults without bodyIncludes match then. */
function faultMatches(fault, vendor, method, fullPath, vendorPath, body) {
	if (fault.method !== undefined && fault.method !== method) return false;
	if (fault.bodyIncludes !== undefined && !(body && body.includes(fault.bodyIncludes)))
		return false;
	if (fault.vendor !== undefined) {
		const wanted = fault.vendor.toLowerCase().replace(/^\//, '');
		if (wanted !== vendor.name.toLowerCase() && `/${wanted}` !== vendor.prefix) return false;
	}
	return fault.path === undefined || fault.path === fullPath || fault.path === vendorPath;
}

/** A function body answers from the request it got, e.g. a vendor that echoes it (JS API only). */
function faultBodyOf(fault, request) {
	if (typeof fault.body !== 'function') return fault.body;
	return fault.body({
		method: request.method,
		path: request.path,
		headers: request.headers,
		body: request.body,
	});
}

function findVendor(path) {
	return (
		VENDORS.find((vendor) => path === vendor.prefix || path.startsWith(`${vendor.prefix}/`)) || null
	);
}

function send(res, status, body, headers = {}) {
	if (status === 204 || status === 304) {
		res.writeHead(status, headers);
		res.end();
	} else if (Buffer.isBuffer(body)) {
		res.writeHead(status, {
			'Content-Type': 'application/octet-stream',
			'Content-Length': body.length,
			...headers,
		});
		res.end(body);
	} else if (typeof body === 'string') {
		const isJson = parseJson(Buffer.from(body)) !== undefined;
		res.writeHead(status, {
			'Content-Type': isJson ? 'application/json; charset=utf-8' : 'text/plain; charset=utf-8',
			'Content-Length': Buffer.byteLength(body),
			...headers,
		});
		res.end(body);
	} else {
		sendJson(res, status, body, headers);
	}
}

function describeMultipart(body, contentType) {
	const parts = parseMultipart(body, contentType);
	if (!parts) return { ok: false, error: 'not multipart/form-data with a boundary' };
	const fields = {};
	for (const [name, part] of Object.entries(parts)) {
		fields[name] = part.data
			? {
					fileName: part.fileName,
					contentType: part.contentType,
					size: part.data.length,
					sha256: crypto.createHash('sha256').update(part.data).digest('hex'),
				}
			: { value: part.value };
	}
	return { ok: true, contentType: String(contentType).split(';')[0], fields };
}

const FIXTURES = {
	jpg: ['image/jpeg', (q) => images.jpeg({ marker: q.get('marker') || undefined, ...jpegSize(q) })],
	png: ['image/png', (q) => images.png({ marker: q.get('marker') || undefined })],
	pdf: ['application/pdf', () => images.pdf()],
	tif: ['image/tiff', () => images.tiff()],
};
function jpegSize(query) {
	const size = {};
	for (const key of ['width', 'height']) if (query.get(key)) size[key] = Number(query.get(key));
	return size;
}

function sendFixture(res, extension, query) {
	const [contentType, make] = FIXTURES[extension];
	return send(res, 200, make(query), { 'Content-Type': contentType });
}

function createSandboxServer(options = {}) {
	const initialConfig = mergeConfig(DEFAULT_CONFIG, options);
	let config = initialConfig;
	const faults = [];
	const requests = [];
	const ledger = []; // billable calls processed: see ./ledger.js
	const ledgerListeners = new Set();
	let admitted = []; // arrival times of vendor requests let through by the rate limit
	const newStates = () =>
		new Map(VENDORS.map((vendor) => [vendor.name, vendor.createState ? vendor.createState() : {}]));
	let states = newStates();
	const callbackUrlOf = (vendor) => config.callbackUrls[vendor.name] ?? null;

	function configure(partial) {
		config = mergeConfig(config, partial);
		if (partial && partial.rateLimit !== undefined) admitted = [];
		return { ...config };
	}

	function injectFault(spec) {
		faults.push(normalizeFault(spec));
	}

	/** Removes the injected faults still pending (nothing else changes). */
	function clearFaults() {
		const pending = faults.length;
		faults.length = 0;
		return pending;
	}

	function reset() {
		faults.length = 0;
		requests.length = 0;
		ledger.length = 0;
		admitted = [];
		config = initialConfig;
		disposeStates();
		states = newStates();
	}

	/** Lets vendor state with timers (jobs that complete later) stop them. */
	function disposeStates() {
		for (const state of states.values()) if (typeof state.dispose === 'function') state.dispose();
	}

	/** Runs a vendor's control action (e.g. "complete a job now"); TypeError for unknown ones. */
	async function vendorControl(name, action, body = {}) {
		const vendor = VENDORS.find((v) => v.name === name);
		const run =
			vendor && vendor.control && Object.hasOwn(vendor.control, action) && vendor.control[action];
		if (!run) throw new TypeError(`no control action ${action} for vendor ${name}`);
		return run(body, {
			config: { ...config },
			state: states.get(vendor.name),
			callbackUrl: callbackUrlOf(vendor),
		});
	}

	/** Seconds for Retry-After when this arrival exceeds the limit, else null (and the arrival counts). */
	function rateLimitAt(now) {
		const limit = config.rateLimit;
		if (!limit) return null;
		admitted = admitted.filter((t) => t > now - limit.windowMs);
		if (admitted.length >= limit.limit) {
			const untilFree = admitted.length ? admitted[0] + limit.windowMs - now : limit.windowMs;
			return limit.retryAfterSeconds ?? Math.max(1, Math.ceil(untilFree / 1000));
		}
		admitted.push(now);
		return null;
	}

	/**
	 * The fault for this call, taken: on arrival (`body` null) those without bodyIncludes, once
	 * the body is read only those with it, so that each fault sees each call once (`after`).
	 */
	function takeFault(vendor, method, fullPath, vendorPath, body = null) {
		const index = faults.findIndex((fault) => {
			if ((body === null) !== (fault.bodyIncludes === undefined)) return false;
			if (!faultMatches(fault, vendor, method, fullPath, vendorPath, body)) return false;
			if (fault.skip === 0) return true;
			fault.skip -= 1; // `after`: this matching call goes through, a later one gets the fault
			return false;
		});
		if (index < 0) return null;
		const fault = faults[index];
		fault.remaining -= 1;
		if (fault.remaining === 0) faults.splice(index, 1);
		return fault;
	}

	async function handleVendor(req, res, vendor, url) {
		const at = Date.now();
		const fullPath = url.pathname;
		const vendorPath = fullPath.slice(vendor.prefix.length) || '/';
		const log = (status) =>
			requests.push({
				vendor: vendor.name,
				method: req.method,
				path: fullPath,
				status,
				at,
				answeredAt: Date.now(),
			});
		const answer = (status, body, headers) => {
			log(status);
			send(res, status, body, headers);
		};

		// Decided on arrival, so concurrent requests are limited and faulted in arrival order.
		const retryAfter = rateLimitAt(at);
		const arrivalFault =
			retryAfter === null ? takeFault(vendor, req.method, fullPath, vendorPath) : null;

		const { body, tooLarge } = await readBody(req, MAX_BODY_BYTES);
		const fault =
			arrivalFault ||
			(retryAfter === null && body
				? takeFault(vendor, req.method, fullPath, vendorPath, body)
				: null);
		await delay(config.latencyMs);

		if (retryAfter !== null) {
			return answer(429, vendor.errorBody(429, 'rate limit exceeded'), {
				'Retry-After': String(retryAfter),
			});
		}
		const request = {
			method: req.method,
			path: vendorPath,
			query: url.searchParams,
			headers: req.headers,
			body,
		};
		const state = states.get(vendor.name);
		const record = (result) => {
			const entry = ledgerEntry(vendor, request, result, { state, at });
			if (!entry) return;
			ledger.push(entry);
			for (const listener of ledgerListeners) listener(entry);
		};
		if (fault && !fault.processed) {
			// A 2xx fault stands for the vendor's own answer (tests use it to make a vendor say
			// something): the vendor processed the call, and billed it as that answer says.
			if (fault.kind === 'status' && fault.status >= 200 && fault.status < 300) {
				record({ status: fault.status, body: faultBodyOf(fault, request) });
			}
			return answerFault(req, res, fault, vendorPath, body, log);
		}
		if (tooLarge) return answer(413, vendor.errorBody(413, 'request body larger than 25 MB'));

		const result = await vendor.handle(request, {
			config: { ...config },
			state,
			baseUrl: `http://${req.headers.host}${vendor.prefix}`,
			callbackUrl: callbackUrlOf(vendor),
		});
		record(result);
		if (fault) return answerFault(req, res, fault, vendorPath, body, log, result);
		return answer(result.status, result.body, result.headers);
	}

	/**
	 * Answers with an injected fault: a status (with the vendor's error body unless the fault has
	 * its own), a dropped connection, a truncated body (Content-Length larger than what is sent,
	 * then close), a malformed status line, or (`pass`) the vendor's own answer; each after
	 * `delayMs`. `result` is the vendor's answer when the fault let the vendor process the call.
	 */
	async function answerFault(req, res, fault, vendorPath, body, log, result) {
		await delay(fault.delayMs);
		const vendor = findVendor(new URL(req.url, 'http://sandbox.invalid').pathname);
		const finish = () => {
			if (fault.then) fault.then({ method: req.method, path: vendorPath });
		};
		if (fault.kind === 'drop') {
			log(null);
			req.socket.destroy();
			return finish();
		}
		if (fault.kind === 'malformed') {
			log(null);
			req.socket.end('HTTP/1.1 2OO NOT-A-STATUS\r\nContent-Length: 2\r\n\r\nok');
			setTimeout(() => req.socket.destroy(), 20).unref();
			return finish();
		}
		if (fault.kind === 'truncate') {
			const text = JSON.stringify((result && result.body) ?? { status: 'truncated' });
			const sent = text.slice(0, Math.max(1, Math.floor(text.length / 2)));
			log(null);
			res.writeHead((result && result.status) || 200, {
				'Content-Type': 'application/json; charset=utf-8',
				'Content-Length': Buffer.byteLength(text),
			});
			res.write(sent);
			res.flushHeaders();
			setTimeout(() => req.socket.destroy(), 20).unref();
			return finish();
		}
		const request = { method: req.method, path: vendorPath, headers: req.headers, body };
		// A function gives headers from the request, e.g. a redirect's Location (JS API only).
		const extra = typeof fault.headers === 'function' ? fault.headers(request) : fault.headers;
		if (fault.kind === 'pass') {
			log(result.status);
			send(res, result.status, result.body, { ...result.headers, ...extra });
			return finish();
		}
		const headers = {
			...(fault.retryAfter !== undefined ? { 'Retry-After': String(fault.retryAfter) } : {}),
			...extra,
		};
		const faultBody = faultBodyOf(fault, request);
		log(fault.status);
		send(
			res,
			fault.status,
			faultBody !== undefined ? faultBody : vendor.errorBody(fault.status, 'sandbox fault'),
			headers,
		);
		return finish();
	}

	async function handleControl(req, res, route, query) {
		const { body, tooLarge } = await readBody(req, MAX_CONTROL_BODY_BYTES);
		if (tooLarge) return send(res, 413, { ok: false, error: 'control request too large' });
		const json = () => {
			const value = body.length ? parseJson(body) : {};
			if (!value || typeof value !== 'object' || Array.isArray(value))
				throw new TypeError('body must be a JSON object');
			return value;
		};
		try {
			const fileRoute = /^\/files\/[\w.-]+\.(jpg|png|pdf|tif)$/.exec(route);
			if (req.method === 'GET' && fileRoute) return sendFixture(res, fileRoute[1], query);
			const vendorRoute = /^\/vendors\/([^/]+)\/([^/]+)$/.exec(route);
			if (req.method === 'POST' && vendorRoute) {
				const result = await vendorControl(vendorRoute[1], vendorRoute[2], json());
				return send(res, 200, { ok: true, result: result ?? null });
			}
			switch (`${req.method} ${route}`) {
				case 'GET /health':
					return send(res, 200, { ok: true });
				case 'GET /requests':
					return send(res, 200, { requests });
				case 'GET /ledger':
					return send(res, 200, { ledger });
				case 'POST /reset':
					reset();
					return send(res, 200, { ok: true });
				case 'GET /config':
					return send(res, 200, { ok: true, config });
				case 'POST /config':
					return send(res, 200, { ok: true, config: configure(json()) });
				case 'POST /faults':
					injectFault(json());
					return send(res, 200, { ok: true, pendingFaults: faults.length });
				case 'DELETE /faults':
					return send(res, 200, { ok: true, cleared: clearFaults() });
				case 'POST /echo/multipart':
					// For the client's multipart encoding: what arrived, with file contents as size and digest only.
					return send(res, 200, describeMultipart(body, req.headers['content-type']));
				default:
					return send(res, 404, {
						ok: false,
						error: `no control endpoint ${req.method} ${CONTROL_PREFIX}${route}`,
					});
			}
		} catch (error) {
			if (error instanceof TypeError) return send(res, 400, { ok: false, error: error.message });
			throw error;
		}
	}

	async function handleRequest(req, res) {
		const url = new URL(req.url, 'http://sandbox.invalid');
		const path = url.pathname;
		if (path === CONTROL_PREFIX || path.startsWith(`${CONTROL_PREFIX}/`)) {
			return handleControl(req, res, path.slice(CONTROL_PREFIX.length) || '/', url.searchParams);
		}
		const vendor = findVendor(path);
		if (vendor) return handleVendor(req, res, vendor, url);
		await readBody(req, 0);
		const prefixes = VENDORS.map((v) => v.prefix).join(', ');
		return send(res, 404, {
			error: 'Not Found',
			message: `no sandbox vendor here; vendor prefixes: ${prefixes}`,
		});
	}

	const server = http.createServer((req, res) => {
		handleRequest(req, res).catch((error) => {
			if (req.socket.destroyed) return; // the client hung up; nobody to answer
			// Never echo request data; the message of our own error is enough to debug the sandbox.
			console.error(
				`[kyc-sandbox] ${req.method} ${req.url.split('?')[0]} failed: ${error.message}`,
			);
			if (!res.headersSent && !res.destroyed) send(res, 500, { error: 'sandbox internal error' });
			else res.destroy();
		});
	});

	return {
		server,
		vendors: VENDORS,
		configure,
		injectFault,
		clearFaults,
		reset,
		dispose: disposeStates,
		vendorControl,
		requests,
		ledger,
		/** Calls `listener(entry)` for every ledger entry from now on; returns the unsubscribe. */
		onLedger(listener) {
			ledgerListeners.add(listener);
			return () => ledgerListeners.delete(listener);
		},
		getConfig: () => ({ ...config }),
	};
}

module.exports = { createSandboxServer, VENDORS, MAX_BODY_BYTES };
