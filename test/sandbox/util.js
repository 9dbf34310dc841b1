'use strict';

const { MARKERS, MARKER_PREFIX } = require('./scenarios');

/**
 * Reads the whole request body. Past maxBytes the rest is drained and discarded, so the client
 * can finish its upload and read our 413 instead of seeing a reset connection.
 */
function readBody(req, maxBytes) {
	return new Promise((resolve, reject) => {
		const chunks = [];
		let size = 0;
		let tooLarge = false;
		req.on('data', (chunk) => {
			size += chunk.length;
			if (size > maxBytes) tooLarge = true;
			if (!tooLarge) chunks.push(chunk);
		});
		req.on('end', () => resolve({ body: tooLarge ? null : Buffer.concat(chunks), tooLarge }));
		req.on('error', reject);
		req.on('close', () => {
			if (!req.complete)
				reject(Object.assign(new Error('client went away'), { code: 'ECONNRESET' }));
		});
	});
}

/** Media type of the request without parameters, lower-cased ('' when absent). */
function mediaType(req) {
	return String(req.headers['content-type'] || '')
		.split(';')[0]
		.trim()
		.toLowerCase();
}

/** application/x-www-form-urlencoded -> plain object (first value wins). */
function parseForm(buffer) {
	const fields = Object.create(null);
	for (const [key, value] of new URLSearchParams(buffer.toString('utf8'))) {
		if (!Object.hasOwn(fields, key)) fields[key] = value;
	}
	return fields;
}

/**
 * multipart/form-data -> { name: { value } | { fileName, contentType, data } } (first part wins),
 * or null when the body is not multipart with a boundary.
 */
function parseMultipart(buffer, contentTypeHeader) {
	const match = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(String(contentTypeHeader || ''));
	if (!match || !buffer) return null;
	const delimiter = Buffer.from(`--${match[1] || match[2].trim()}`);
	const parts = Object.create(null);
	let start = buffer.indexOf(delimiter);
	while (start >= 0) {
		const next = buffer.indexOf(delimiter, start + delimiter.length);
		if (next < 0) break;
		const part = buffer.subarray(start + delimiter.length + 2, next - 2); // skip CRLF after and before
		const headerEnd = part.indexOf('\r\n\r\n');
		if (headerEnd >= 0) {
			const headers = part.subarray(0, headerEnd).toString('utf8');
			const data = part.subarray(headerEnd + 4);
			const name = /name="([^"]*)"/i.exec(headers);
			const fileName = /filename="([^"]*)"/i.exec(headers);
			const type = /content-type:\s*([^\r\n]+)/i.exec(headers);
			if (name && !Object.hasOwn(parts, name[1])) {
				parts[name[1]] = fileName
					? {
							fileName: fileName[1],
							contentType: type ? type[1].trim() : 'application/octet-stream',
							data,
						}
					: { value: data.toString('utf8') };
			}
		}
		start = next;
	}
	return parts;
}

/** JSON -> value, or undefined when the text is not JSON. */
function parseJson(buffer) {
	try {
		return JSON.parse(buffer.toString('utf8'));
	} catch {
		return undefined;
	}
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * Strict standard base64 (line breaks tolerated, as in MIME). Returns null for anything else,
 * including a '+' that arrived as a space because the client forgot to urlencode it.
 */
function decodeBase64(value) {
	if (typeof value !== 'string') return null;
	const compact = value.replace(/[\r\n]/g, '');
	if (compact.length === 0 || !BASE64.test(compact)) return null;
	return Buffer.from(compact, 'base64');
}

function startsWith(buffer, bytes, offset = 0) {
	if (buffer.length < offset + bytes.length) return false;
	return bytes.every((byte, i) => buffer[offset + i] === byte);
}

const ascii = (text) => [...Buffer.from(text, 'latin1')];

/** Image/document type from magic bytes: jpeg, png, bmp, gif, webp, pdf, tiff, or null. */
function sniffImage(buffer) {
	if (!Buffer.isBuffer(buffer)) return null;
	if (startsWith(buffer, [0xff, 0xd8, 0xff])) return 'jpeg';
	if (startsWith(buffer, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
	if (startsWith(buffer, ascii('BM')) && buffer.length >= 26) return 'bmp';
	if (startsWith(buffer, ascii('GIF87a')) || startsWith(buffer, ascii('GIF89a'))) return 'gif';
	if (startsWith(buffer, ascii('RIFF')) && startsWith(buffer, ascii('WEBP'), 8)) return 'webp';
	if (startsWith(buffer, ascii('%PDF-'))) return 'pdf';
	if (startsWith(buffer, [0x49, 0x49, 0x2a, 0x00]) || startsWith(buffer, [0x4d, 0x4d, 0x00, 0x2a]))
		return 'tiff';
	return null;
}

// Longest first, so that a marker which is a prefix of another never shadows it. Markers are matched
// by name rather than by pattern because binary data (e.g. a PNG CRC) may follow the text directly.
const KNOWN_MARKERS = Object.values(MARKERS).sort((a, b) => b.length - a.length);

/** Set of known marker names whose text `SANDBOX:<name>` occurs anywhere in the given buffers. */
function findMarkers(...buffers) {
	const found = new Set();
	for (const buffer of buffers) {
		if (!buffer) continue;
		for (
			let at = buffer.indexOf(MARKER_PREFIX);
			at !== -1;
			at = buffer.indexOf(MARKER_PREFIX, at + 1)
		) {
			const start = at + MARKER_PREFIX.length;
			const name = KNOWN_MARKERS.find(
				(candidate) => buffer.toString('latin1', start, start + candidate.length) === candidate,
			);
			if (name) found.add(name);
		}
	}
	return found;
}

/** First of `candidates` (in priority order) present in the marker set, or undefined. */
function firstMarker(markers, candidates) {
	return candidates.find((name) => markers.has(name));
}

function sendJson(res, status, body, headers = {}) {
	const text = JSON.stringify(body);
	res.writeHead(status, {
		'Content-Type': 'application/json; charset=utf-8',
		'Content-Length': Buffer.byteLength(text),
		...headers,
	});
	res.end(text);
}

function delay(ms) {
	return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}

module.exports = {
	parseMultipart,
	readBody,
	mediaType,
	parseForm,
	parseJson,
	decodeBase64,
	sniffImage,
	findMarkers,
	firstMarker,
	sendJson,
	delay,
};
