'use strict';

// WideKYC imitation (seed 004, vendor-apis.md E). Outcomes, including account and request errors,
// are HTTP 200 with statusCode SUCCESSFUL/ERROR; 401/404/500/503/504 follow the seed's table.

const { STATUS_CODES } = require('http');
const {
	WIDEKYC_TOKENS,
	WIDEKYC_ACCOUNT_ERRORS,
	MARKERS,
	NIKS,
	REGISTERED_PERSON,
} = require('../scenarios');
const { mediaType, parseJson, decodeBase64, findMarkers } = require('../util');
const { imageKey, textKey } = require('../ledger');

// The seed's "General Error Response" table.
const HTTP_ERRORS = {
	401: ['Unauthorized', 'Client does not have authorization to consume WideKYC\u2019s API.'],
	404: ['Not Found', 'URL is not available.'],
	500: ['Internal Server Error', 'Something went wrong on the server. Please contact support.'],
	503: [
		'Service Unavailable',
		'Server cannot handle request temporarily due to maintenance or overload.',
	],
	504: [
		'Gateway Timeout',
		'Server that acts as gateway or proxy did not receive response in time from the upstream server.',
	],
};

/** Body for non-200 answers; the seed only promises `statusCode` on HTTP 200, so none here. */
function errorBody(httpStatus, message) {
	const [error, description] = HTTP_ERRORS[httpStatus] || [STATUS_CODES[httpStatus] || 'Error', ''];
	return { error, message: message || description || error };
}

const httpError = (httpStatus) => ({ status: httpStatus, body: errorBody(httpStatus) });

const exception = (description) => ({
	status: 200,
	body: { statusCode: 'ERROR', responseStatusDetails: [{ description, type: 'Exception' }] },
});

const MARKER_HTTP_ERRORS = [
	[MARKERS.serverError, 500],
	[MARKERS.unavailable, 503],
	[MARKERS.gatewayTimeout, 504],
];

/** HTTP error selected by a marker in any of the images, or null. */
function markerFailure(...images) {
	const markers = findMarkers(...images);
	const hit = MARKER_HTTP_ERRORS.find(([marker]) => markers.has(marker));
	return hit ? httpError(hit[1]) : null;
}

let trxCounter = Math.floor(Math.random() * 10000);

/** Like the seed's "202303291030019483": yyyyMMddHHmmss (UTC) + 4 digits. */
function newTrxId() {
	trxCounter = (trxCounter + 1) % 10000;
	const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
	return stamp + String(trxCounter).padStart(4, '0');
}

function success(request, result) {
	const details = {
		...result,
		trx_id: newTrxId(),
		ref_id: String(request.cust_ref_no),
		timestamp: Date.now(),
	};
	return { status: 200, body: { statusCode: 'SUCCESSFUL', content: { result: details } } };
}

const isSent = (value) => value !== undefined && value !== null && value !== '';

/** Decodes a base64 image field. Returns { image } (undefined when optional and absent) or { error }. */
function readImage(request, field, required) {
	const value = request[field];
	if (!isSent(value)) return required ? { error: exception(`${field} is required`) } : {};
	const image = decodeBase64(value);
	if (!image) return { error: exception(`${field} must be a Base64 encoded image`) };
	return { image };
}

function passiveLiveness(request) {
	const { image, error } = readImage(request, 'selfie_image', true);
	if (error) return error;
	const failure = markerFailure(image);
	if (failure) return failure;
	const spoofed = findMarkers(image).has(MARKERS.spoof);
	return success(request, { status: 'success', result: spoofed ? 'False' : 'True' });
}

// The seed's ID recognize example, verbatim.
const RECOGNIZED_KTP = Object.freeze({
	nik: '3671121401010004',
	nama: 'Yu Andi Chen',
	tempat_lahir: 'Fujian',
	tanggal_lahir: '25-03-1977',
	jenis_kelamin: 'LAKI-LAKI',
	gol_darah: '-',
	alamat: 'JL. S*L*M*T, P*R*M*H*N R*NC*B*L* N*. 41',
	'rt/rw': '001/009',
	'kelurahan/desa': 'KARANG TENGAH',
	kecamatan: 'KARANG TENGAH',
	agama: 'KRISTEN',
	status_perkawinan: 'BELUM KAWIN',
	pekerjaan: 'PELAJAR / MAHASISWA',
	kewarganegaraan: 'WNI',
	provinsi: 'BANTEN',
	kota: 'KOTA TANGERANG',
});

function idRecognize(request) {
	const { image, error } = readImage(request, 'id_image', true);
	if (error) return error;
	return (
		markerFailure(image) ||
		success(request, { status: 'success', result: 'True', data: { ...RECOGNIZED_KTP } })
	);
}

const same = (a, b) =>
	String(a).trim().replace(/\s+/g, ' ').toUpperCase() === String(b).toUpperCase();

const REGISTERED_CHECKS = {
	full_name: ['name', (value) => same(value, REGISTERED_PERSON.name)],
	birth_date: ['birth_date', (value) => same(value, REGISTERED_PERSON.birthDate)],
	birth_place: ['birth_place', (value) => same(value, REGISTERED_PERSON.birthPlace)],
	address: ['address', () => true],
};

function idValidation(request) {
	if (!isSent(request.nik)) return exception('nik is required');
	const nik = String(request.nik);
	if (!/^\d{16}$/.test(nik)) return exception('nik must be a 16-digit number');
	const { image: selfie, error } = readImage(request, 'selfie_image', false);
	if (error) return error;
	const failure = markerFailure(selfie);
	if (failure) return failure;

	const known = nik !== NIKS.notFound;
	const data = { nik: known };
	for (const [resultField, [requestField, matches]] of Object.entries(REGISTERED_CHECKS)) {
		const value = request[requestField];
		if (!isSent(value)) continue;
		data[resultField] = known && (nik !== NIKS.registered || matches(value));
	}
	if (selfie) data.selfie_photo = known ? 10 : 0;
	return success(request, { status: 'success', data });
}

const ROUTES = {
	'/api/passive-liveness': passiveLiveness,
	'/api/id-recognize': idRecognize,
	'/api/id-validation': idValidation,
};

const KNOWN_TOKENS = new Set(Object.values(WIDEKYC_TOKENS));

function handle(req) {
	const route = Object.hasOwn(ROUTES, req.path) ? ROUTES[req.path] : null;
	if (!route) return httpError(404);
	if (req.method !== 'POST')
		return { status: 405, body: errorBody(405), headers: { Allow: 'POST' } };
	const token = req.headers.token;
	if (!KNOWN_TOKENS.has(token)) return httpError(401);
	if (WIDEKYC_ACCOUNT_ERRORS[token]) return exception(WIDEKYC_ACCOUNT_ERRORS[token]);

	if (mediaType(req) !== 'application/json')
		return exception('Content-Type must be application/json');
	const request = parseJson(req.body);
	if (!request || typeof request !== 'object' || Array.isArray(request)) {
		return exception('Request body must be a JSON object');
	}
	const ref = request.cust_ref_no;
	if (!isSent(ref)) return exception('cust_ref_no is required');
	if (typeof ref !== 'string' && typeof ref !== 'number')
		return exception('cust_ref_no must be a string');
	return route(request);
}

/**
 * Billable products (test/sandbox/ledger.js). The seed has no billing column; chosen: an answer
 * with `statusCode: SUCCESSFUL` is billed (the product ran and gave its result); `ERROR` answers
 * (request refused, quota used up, product not activated) and the HTTP error statuses
 * (401/404/500/503/504) are not.
 */
const successful = (result) =>
	result.status === 200 && Boolean(result.body) && result.body.statusCode === 'SUCCESSFUL';
const billing = [
	{
		method: 'POST',
		path: /^\/api\/passive-liveness$/,
		product: 'passiveLiveness',
		key: (s) => imageKey(s, 'selfie_image'),
		billed: successful,
	},
	{
		method: 'POST',
		path: /^\/api\/id-recognize$/,
		product: 'idRecognize',
		key: (s) => imageKey(s, 'id_image'),
		billed: successful,
	},
	{
		method: 'POST',
		path: /^\/api\/id-validation$/,
		product: 'idValidation',
		key: (s) => textKey(s, 'nik'),
		billed: successful,
	},
];

module.exports = {
	name: 'wideKyc',
	billing,
	prefix: '/widekyc',
	credentials: {
		token: WIDEKYC_TOKENS.active,
		inactiveToken: WIDEKYC_TOKENS.inactive,
		quotaExceededToken: WIDEKYC_TOKENS.quotaExceeded,
		unapprovedToken: WIDEKYC_TOKENS.unapproved,
	},
	handle,
	errorBody,
};
