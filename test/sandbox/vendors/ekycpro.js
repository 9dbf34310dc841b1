'use strict';

// ekycpro imitation (vendor-apis.md B, seed 000). Every answer is {status, message}; business
// outcomes are HTTP 200, only transport-level problems (key, path, method) use other HTTP codes.

const { STATUS_CODES } = require('http');
const {
	EKYCPRO_API_KEY,
	EKYCPRO_OCR_CODES,
	MARKERS,
	NIKS,
	REGISTERED_PERSON,
} = require('../scenarios');
const {
	mediaType,
	parseForm,
	decodeBase64,
	sniffImage,
	findMarkers,
	firstMarker,
} = require('../util');
const { imageKey, textKey } = require('../ledger');
const samples = require('../data/ekycpro-ocr-samples');

const MAX_IMAGE_BYTES = 2 * 1024 * 1024;
const ACCEPTED_FORMATS = new Set(['jpeg', 'png', 'bmp']);

const reply = (status, message, httpStatus = 200) => ({
	status: httpStatus,
	body: { status, message },
});
const ok = (message) => reply('OK', message);
const invalidRequest = () => reply('INVALID_REQUEST', 'check request params');
const innerError = () => reply('INNER_ERROR', 'Inner error, please retry later');

/** Vendor-styled body for HTTP-level errors raised by the server (404, 413, 429, faults). */
function errorBody(httpStatus, message) {
	const reason = STATUS_CODES[httpStatus] || 'Error';
	return {
		status: reason.toUpperCase().replace(/[^A-Z]+/g, '_'),
		message: message || reason.toLowerCase(),
	};
}

/**
 * Validates one base64 image field in the documented order. Returns { image } or { error }.
 * `badFormat` is the answer for a non jpeg/png/bmp file (face comparison has no IMAGE_INVALID_FORMAT).
 */
function readImage(value, badFormat) {
	const image = decodeBase64(value);
	if (!image) return { error: invalidRequest() };
	if (image.length > MAX_IMAGE_BYTES)
		return { error: reply('IMAGE_INVALID_SIZE', 'image larger than 2M') };
	if (!ACCEPTED_FORMATS.has(sniffImage(image))) return { error: badFormat() };
	return { image };
}

const OCR_FAILURES = [
	[MARKERS.recognitionFail, () => reply('FAIL', 'check input image and retry')],
	[MARKERS.notIdentityCard, () => reply('FAIL', 'not identity card')],
	[MARKERS.cardNotRecognized, () => reply('FAIL', 'card not recognized')],
	[MARKERS.innerError, innerError],
];

function ocrSample(code, markers) {
	if (markers.has(MARKERS.cardBack) && samples.back[code]) return samples.back[code];
	if (markers.has(MARKERS.driverLicense) && code === 'th_ocr') return samples.thaiDriverLicense;
	return samples.front[code];
}

function ocr(code, fields) {
	const { image, error } = readImage(fields.img, () =>
		reply('IMAGE_INVALID_FORMAT', 'image format not support'),
	);
	if (error) return error;
	const markers = findMarkers(image);
	const failure = OCR_FAILURES.find(([marker]) => markers.has(marker));
	if (failure) return failure[1]();
	return ok({ ...ocrSample(code, markers) });
}

function faceCompare(fields) {
	const images = [];
	for (const value of [fields.img1, fields.img2]) {
		const { image, error } = readImage(value, invalidRequest);
		if (error) return error;
		images.push(image);
	}
	const markers = findMarkers(...images);
	if (markers.has(MARKERS.innerError)) return innerError();
	if (markers.has(MARKERS.noFace)) return reply('RETRY_LATER', 'image detect face fail');
	if (markers.has(MARKERS.faceDifferent)) return ok({ similarity: 20, result: 'NOT SAME PERSON' });
	if (markers.has(MARKERS.faceUnsure)) return ok({ similarity: 55, result: 'NOT SURE' });
	return ok({ similarity: 92.5, result: 'SAME PERSON' });
}

const LIVENESS_FAILURES = {
	[MARKERS.multipleFaces]: 'multiple faces',
	[MARKERS.noLivenessFace]: 'no liveness face',
	[MARKERS.eyesClosed]: 'eyes closed',
	[MARKERS.ageDissatisfaction]: 'age dissatisfaction',
};

function pictureLive(fields) {
	const { image, error } = readImage(fields.img, () =>
		reply('IMAGE_INVALID_FORMAT', 'image format not support'),
	);
	if (error) return error;
	const markers = findMarkers(image);
	if (markers.has(MARKERS.innerError)) return innerError();
	const failure = firstMarker(markers, Object.keys(LIVENESS_FAILURES));
	const detailed = String(fields.detail || '').trim() === '1';
	const message = { live_score: failure ? 0.12 : 0.98 };
	if (detailed) {
		message.is_liveness = !failure;
		message.reason = failure ? LIVENESS_FAILURES[failure] : 'success';
	}
	return ok(message);
}

const normalizeName = (name) => String(name).trim().replace(/\s+/g, ' ').toUpperCase();

function identityCheck(fields) {
	const nik = fields.id;
	if (nik === undefined || nik === '') return invalidRequest();
	if (!/^\d{16}$/.test(nik)) return reply('INVALID_ID_NUMBER', 'invalid id number');
	if (nik === NIKS.notFound) return reply('PERSON_NOT_FOUND', 'person not found');
	if (nik === NIKS.retryLater) return reply('RETRY_LATER', 'please retry later');
	if (nik !== NIKS.registered) return ok({ score: 0.9 });
	const name = fields.name === undefined ? '' : normalizeName(fields.name);
	if (name === '' || name === normalizeName(REGISTERED_PERSON.name)) return ok({ score: 0.97 });
	return reply('NOT', { score: 0.31 });
}

/** Routes as [path pattern, method, run(fields, match)]. */
const ROUTES = [
	[/^\/v1\/balance$/, 'GET', () => ({ status: 200, body: { balance: 100.0 } })],
	[
		/^\/v1\/([a-z_]+)\/general$/,
		'POST',
		(fields, match) => ocr(match[1], fields),
		(match) => EKYCPRO_OCR_CODES.includes(match[1]),
	],
	[/^\/v1\/facecompare$/, 'POST', faceCompare],
	[/^\/v1\/picturelive$/, 'POST', pictureLive],
	[/^\/v1\/ididcheck$/, 'POST', identityCheck],
];

function findRoute(path) {
	for (const [pattern, method, run, accepts = () => true] of ROUTES) {
		const match = pattern.exec(path);
		if (match && accepts(match)) return { method, run, match };
	}
	return null;
}

function handle(req) {
	const route = findRoute(req.path);
	if (!route) return { status: 404, body: errorBody(404, 'not found') };
	if (req.method !== route.method) {
		return { status: 405, body: errorBody(405), headers: { Allow: route.method } };
	}
	if (req.headers['x-api-key'] !== EKYCPRO_API_KEY) {
		return reply('INVALID_KEY', 'invalid api key', 401);
	}
	if (route.method === 'GET') return route.run({}, route.match);
	if (mediaType(req) !== 'application/x-www-form-urlencoded') return invalidRequest();
	return route.run(parseForm(req.body), route.match);
}

/**
 * Billable products (test/sandbox/ledger.js). The seed's status table says OK and FAIL charge and
 * INVALID_REQUEST, IMAGE_INVALID_FORMAT, IMAGE_INVALID_SIZE and INNER_ERROR are free; it is taken
 * for every product, plus what vendor-apis.md B lists per product: identity check NOT charges
 * (PERSON_NOT_FOUND, INVALID_ID_NUMBER, RETRY_LATER free), face comparison RETRY_LATER ("image
 * detect face fail") charges. Liveness lists no statuses of its own: the common table applies.
 * A 401 (key refused) is not processed.
 */
const charged =
	(...statuses) =>
	(result) =>
		result.status === 200 && statuses.includes(result.body && result.body.status);
const billing = [
	{
		method: 'POST',
		path: /^\/v1\/[a-z_]+\/general$/,
		product: 'idCardOcr',
		key: (s) => imageKey(s, 'img'),
		billed: charged('OK', 'FAIL'),
	},
	{
		method: 'POST',
		path: /^\/v1\/ididcheck$/,
		product: 'identityCheck',
		key: (s) => textKey(s, 'id'),
		billed: charged('OK', 'FAIL', 'NOT'),
	},
	{
		method: 'POST',
		path: /^\/v1\/facecompare$/,
		product: 'faceComparison',
		key: (s) => imageKey(s, 'img1'),
		billed: charged('OK', 'FAIL', 'RETRY_LATER'),
	},
	{
		method: 'POST',
		path: /^\/v1\/picturelive$/,
		product: 'liveness',
		key: (s) => imageKey(s, 'img'),
		billed: charged('OK', 'FAIL'),
	},
];

module.exports = {
	name: 'ekycpro',
	billing,
	prefix: '/ekycpro',
	credentials: { apiKey: EKYCPRO_API_KEY },
	handle,
	errorBody,
};
