'use strict';

// NAVER CLOVA OCR imitation (seed 002, vendor-apis.md C). One domain's invoke URL serves every model:
//
//   POST /clova/document/{credit-card,receipt,name-card,biz-license,id-card,passport}
//   POST /clova/general   (lang, enableTableDetection)      POST /clova/infer   (images[].templateIds)
//
// Header X-OCR-SECRET: sandbox-clova-secret (anything else -> HTTP 401 {"code":"0002",...}).
// Body: JSON {version, requestId, timestamp, images:[{format, name, data}]} or multipart
// message (that JSON without data) + file. Checks, in order: secret (0002), path (0001), body shape:
// not JSON/multipart, no requestId or timestamp, images not exactly one entry, format not
// jpg|jpeg|png|pdf|tif|tiff, name missing, data not base64 (JSON) or no file part (multipart), the
// bytes not the declared format -> 0011; version other than V1/V2 (V2 only for /document) -> 0021;
// table detection asked while the domain has it off (control action `domain`) -> 0028; no
// deployed template among templateIds (390 "invoice", 391 "order form" are deployed) -> 1021.
// Image markers: SANDBOX:clova-read-error -> the seed's failure payload (inferResult ERROR, "Read
// page:0 error."); SANDBOX:clova-invalid -> validationResult INVALID; SANDBOX:clova-driver-license ->
// id-card answers a driver's license; SANDBOX:clova-0023 / -0025 / -0500 / -0501 -> that status.
// Success: credit-card answers the seed's success payload verbatim; the other models answer
// data/clova-ocr-samples.js, wrapped like the seed (uid, name, inferResult, message, validationResult).
// Template OCR places fields with `bounding` for V1 and `boundingPoly` for V2, as NAVER's General/Template
// API page says of the two versions.
// Control: POST /__sandbox/vendors/clova/domain {"tableDetection": false} switches table extraction off;
// POST /__sandbox/vendors/clova/lastRequest answers the last well-formed request's envelope (image data
// replaced by its size, the multipart file part by its name, type and size).

const crypto = require('crypto');
const samples = require('../data/clova-ocr-samples');
const { mediaType, parseJson, parseMultipart, decodeBase64, sniffImage } = require('../util');
const { sha256 } = require('../ledger');

const SECRET = 'sandbox-clova-secret';

// vendor-apis.md C.2: the common status table.
const STATUS = {
	'0001': [400, 'URL is invalid.'],
	'0002': [401, 'Secret key validate failed.'],
	'0011': [400, 'Request body invalid.'],
	'0021': [400, 'Protocol version not support.'],
	'0022': [400, 'Request domain invalid.'],
	'0023': [400, 'API request count reach the upper limit.'],
	'0025': [400, 'Calls to this api have exceeded the rate limit.'],
	'0028': [400, 'Table detection disabled: Please activate the table extractor button.'],
	'0500': [500, 'Unknown service error.'],
	'0501': [500, 'OCR service error.'],
	1021: [500, 'Not found deploy information. Please confirm the template is released.'],
};

const status = (code) => ({ status: STATUS[code][0], body: { code, message: STATUS[code][1] } });

/** Bodies for the server's own answers (rate limit, injected faults) in CLOVA's error shape. */
function errorBody(httpStatus, message) {
	const code =
		httpStatus === 401
			? '0002'
			: httpStatus === 404
				? '0001'
				: httpStatus === 429
					? '0025'
					: httpStatus >= 500
						? '0500'
						: '0011';
	return { code, message: message || STATUS[code][1] };
}

const FORMATS = { jpg: 'jpeg', jpeg: 'jpeg', png: 'png', pdf: 'pdf', tif: 'tiff', tiff: 'tiff' };

const CODE_MARKERS = ['0023', '0025', '0500', '0501'];

const hasMarker = (image, name) => image.includes(`SANDBOX:clova-${name}`);

const clone = (value) => JSON.parse(JSON.stringify(value));

/** The request as { message, image } or { error } (an answer). */
function readRequest(req) {
	const type = mediaType(req);
	if (type === 'application/json') {
		const message = parseJson(req.body);
		if (!message || typeof message !== 'object' || Array.isArray(message))
			return { error: status('0011') };
		const entry = Array.isArray(message.images) ? message.images[0] : undefined;
		const image = entry && decodeBase64(entry.data);
		if (!image) return { error: status('0011') };
		return { message, image };
	}
	if (type === 'multipart/form-data') {
		const parts = parseMultipart(req.body, req.headers['content-type']);
		const message = parts && parts.message && parseJson(Buffer.from(parts.message.value || ''));
		const file = parts && parts.file && parts.file.data;
		if (!message || typeof message !== 'object' || !file) return { error: status('0011') };
		if (Array.isArray(message.images) && message.images.some((entry) => entry && entry.data))
			return { error: status('0011') };
		return { message, image: file, multipart: true };
	}
	return { error: status('0011') };
}

/** 0011 / 0021 checks of the envelope every model shares. */
function envelopeError({ message, image, multipart }, documentModel) {
	const { requestId, timestamp, images, version } = message;
	if (typeof requestId !== 'string' || requestId === '') return status('0011');
	if (!/^\d+$/.test(String(timestamp ?? ''))) return status('0011');
	if (!Array.isArray(images) || images.length !== 1) return status('0011');
	const [entry] = images;
	if (!entry || typeof entry.name !== 'string' || entry.name === '') return status('0011');
	const format = FORMATS[String(entry.format).toLowerCase()];
	if (!format || sniffImage(image) !== format) return status('0011');
	if (version !== undefined && !(documentModel ? ['V2'] : ['V1', 'V2']).includes(version))
		return status('0021');
	if (multipart && version === undefined) return status('0011'); // message.version is required there
	return null;
}

/** The image entry every answer carries, as in the seed. */
function imageHead(entry) {
	return {
		uid: crypto.randomUUID().replace(/-/g, ''),
		name: entry.name,
		inferResult: 'SUCCESS',
		message: 'SUCCESS',
		validationResult: { result: 'NO_REQUESTED' },
		convertedImageInfo: { width: 1000, height: 630, pageIndex: 0, longImage: false },
	};
}

function envelope(message, images) {
	return {
		status: 200,
		body: {
			version: message.version || 'V2',
			requestId: message.requestId,
			timestamp: Date.now(),
			images,
		},
	};
}

const DOCUMENTS = {
	'credit-card': null, // the seed's verbatim payload
	receipt: ['receipt', () => samples.RECEIPT],
	'name-card': ['nameCard', () => samples.NAME_CARD],
	'biz-license': ['bizLicense', () => samples.BIZ_LICENSE],
	'id-card': [
		'idCard',
		(image) =>
			hasMarker(image, 'driver-license') ? samples.DRIVER_LICENSE : samples.RESIDENT_CARD,
	],
	passport: ['passport', () => samples.PASSPORT],
};

function documentModel(model, message, image) {
	if (model === 'credit-card') return { status: 200, body: clone(samples.CREDIT_CARD_SUCCESS) };
	const [key, sample] = DOCUMENTS[model];
	const head = imageHead(message.images[0]);
	// The Document OCR pages list convertedImageInfo's width, height and pageIndex only; longImage is General's.
	delete head.convertedImageInfo.longImage;
	return envelope(message, [{ ...head, [key]: clone(sample(image)) }]);
}

function general(message, _image, state) {
	const tables = message.enableTableDetection === true || message.enableTableDetection === 'true';
	if (tables && !state.tableDetection) return status('0028');
	const entry = { ...imageHead(message.images[0]), fields: clone(samples.GENERAL_FIELDS) };
	if (tables) entry.tables = [clone(samples.GENERAL_TABLE)];
	return envelope(message, [entry]);
}

function template(message) {
	const ids = message.images[0].templateIds;
	if (!Array.isArray(ids) || !ids.every(Number.isInteger)) return status('0011');
	const id = ids.find((candidate) => Object.hasOwn(samples.TEMPLATES, candidate));
	if (id === undefined) return status('1021');
	const { name, title, fields } = samples.TEMPLATES[id];
	// V1 answers place each field with `bounding` (a box), V2 with `boundingPoly` (vertices).
	const place = (index) => {
		const top = 60 + index * 40;
		return message.version === 'V1'
			? { bounding: { top, left: 80, width: 300, height: 32 } }
			: { boundingPoly: samples.poly(80, top, 300, 32) };
	};
	return envelope(message, [
		{
			...imageHead(message.images[0]),
			matchedTemplate: { id, name },
			title: { name: 'title', ...place(-1), inferText: title, inferConfidence: 0.9987 },
			fields: fields.map(([fieldName, inferText, inferConfidence], index) => ({
				name: fieldName,
				valueType: 'ALL',
				...place(index),
				inferText,
				inferConfidence,
				type: 'NORMAL',
			})),
		},
	]);
}

/** What arrived, for tests: the envelope with each image's data as its size, and the file part's headers. */
function describeRequest(req, { message, image, multipart }) {
	const images = (Array.isArray(message.images) ? message.images : []).map((entry) => {
		const { data, ...rest } = entry || {};
		return data === undefined ? rest : { ...rest, dataBytes: image.length };
	});
	const described = { contentType: mediaType(req), message: { ...message, images } };
	if (multipart) {
		const { file } = parseMultipart(req.body, req.headers['content-type']);
		described.file = {
			fileName: file.fileName,
			contentType: file.contentType,
			size: file.data.length,
		};
	}
	return described;
}

function handle(req, { state }) {
	if (req.headers['x-ocr-secret'] !== SECRET) return status('0002');
	const documentMatch = /^\/document\/([a-z-]+)$/.exec(req.path);
	const isDocument = Boolean(documentMatch && Object.hasOwn(DOCUMENTS, documentMatch[1]));
	if (req.method !== 'POST' || !(isDocument || req.path === '/general' || req.path === '/infer'))
		return status('0001');

	const request = readRequest(req);
	if (request.error) return request.error;
	const { message, image } = request;
	state.last = describeRequest(req, request);
	const invalid = envelopeError(request, isDocument);
	if (invalid) return invalid;

	const code = CODE_MARKERS.find((candidate) => hasMarker(image, candidate));
	if (code) return status(code);
	if (hasMarker(image, 'read-error'))
		return { status: 200, body: clone(samples.CREDIT_CARD_FAILURE) };
	if (hasMarker(image, 'invalid')) {
		const entry = imageHead(message.images[0]);
		entry.inferResult = 'SUCCESS';
		entry.validationResult = {
			result: 'INVALID',
			message: 'The image does not show the requested document type.',
		};
		return envelope(message, [entry]);
	}
	if (isDocument) return documentModel(documentMatch[1], message, image);
	return req.path === '/general' ? general(message, image, state) : template(message);
}

/**
 * Billable products (test/sandbox/ledger.js): every OCR model. CLOVA's documents give no billing
 * rule; chosen: a call answered HTTP 200 (a result, or an image it could not read) is billed,
 * an error status (0001-0028 on 400/401, 0500/0501/1021 on 500) is not. Key: the image's bytes.
 */
function clovaImageKey(subject) {
	if (subject.files.file) return sha256(subject.files.file);
	const images = subject.json && Array.isArray(subject.json.images) ? subject.json.images : [];
	const data = images[0] && decodeBase64(images[0].data);
	return data ? sha256(data) : null;
}
const billing = [
	[/^\/document\/[a-z-]+$/, 'documentOcr'],
	[/^\/general$/, 'generalOcr'],
	[/^\/infer$/, 'templateOcr'],
].map(([path, product]) => ({
	method: 'POST',
	path,
	product,
	key: clovaImageKey,
	billed: (result) => result.status === 200,
}));

module.exports = {
	name: 'clova',
	billing,
	prefix: '/clova',
	credentials: { secretKey: SECRET },
	createState: () => ({ tableDetection: true, last: null }),
	control: {
		/** The last well-formed request (see describeRequest); no image bytes, no secret. */
		lastRequest: (_body, { state }) => state.last,
		domain(body, { state }) {
			if (body.tableDetection !== undefined) state.tableDetection = body.tableDetection === true;
			return { tableDetection: state.tableDetection };
		},
	},
	handle,
	errorBody,
	SECRET,
};
