'use strict';

/*
 * Iluma imitation (seed 001, vendor-apis.md A). Base URL http://127.0.0.1:PORT/iluma.
 * ==================================================================================
 *
 * Credentials (HTTP Basic: API key as user name, empty password)
 * -----------
 *   iluma_development_sandbox_key            every product
 *   iluma_development_sandbox_key_not_live   a development key without production rights:
 *        POST /v1/identity/id_card_verifications -> 403 API_KEY_IS_NOT_LIVE_ERROR
 *        POST /v1/identity/ktp_name/validations  -> 401 INVALID_API_KEY (seed: "Development keys
 *                                                   will return an INVALID_API_KEY error body")
 *        everything else works as with the first key.
 *   missing header, not Basic, unknown key or a non-empty password -> 401 INVALID_API_KEY.
 *   Callback token (GET /v1/callback/authentication_tokens, header x-callback-token on every
 *   callback): sandbox-iluma-callback-token.
 *   Without auth: GET /health, GET /businesses/:business_id/api_keys?token=, GET /capture/:id.
 *
 * Error bodies: {"error_code": CODE, "message": text}; API_VALIDATION_ERROR adds
 *   "errors": [{"field", "message"}] naming every missing/invalid field. Codes and statuses:
 *   400 API_VALIDATION_ERROR, 401 INVALID_API_KEY, 403 API_KEY_IS_NOT_LIVE_ERROR, 404 DATA_NOT_FOUND
 *   (unknown id; unknown path is 404 NOT_FOUND, wrong method 405 METHOD_NOT_ALLOWED),
 *   413 FILE_TOO_LARGE / FILE_TOO_SMALL, 415 UNSUPPORTED_CONTENT_TYPE, 429 RATE_LIMIT_EXCEEDED,
 *   500 SERVER_ERROR, 503 SERVICE_UNAVAILABLE; bank: 400 UNSUPPORTED_BANK_CODE_ERROR,
 *   400 BANK_ACCOUNT_NUMBER_VALIDATION_ERROR; api keys: 401 INVALID_TOKEN.
 *
 * Magic replies: header x-magic-reply (case-insensitive value). On every authenticated endpoint:
 *   SERVER_ERROR -> 500, SERVICE_UNAVAILABLE -> 503, RATE_LIMIT_EXCEEDED -> 429 (KTP: 400, as its
 *   table says). A value the endpoint does not know -> 400 API_VALIDATION_ERROR (field x-magic-reply).
 *   A magic reply answers at once in its final state and sends its callback at once, unless
 *   configure({deferMagicReplies: true}): then PENDING first and the state after completeAfterMs.
 *   Magic replies bypass the bank "recently queried" cache.
 *
 * Async jobs: PENDING, then the outcome after state.completeAfterMs (default 2000; control
 *   `configure`), by a timer (callback within a few ms) and lazily on any request. On completion
 *   the record is POSTed (JSON, header x-callback-token) to the URL registered for its callback
 *   type via /v1/callback/urls, else to config.callbackUrls.iluma. Callback body = GET-by-id body.
 *   Callback types: NAME_VALIDATOR_REQUEST (bank v1 and v1.1), ID_IMAGE_OCR_REQUEST,
 *   BUSINESS_DOCUMENT_OCR_REQUEST, DOCUMENT_OCR_CAPTURE_REQUEST.
 *
 * Bank name validator  POST /v1.1/identity/bank_account_data_requests  {bank_account_number, bank_code, reference_id?}
 *                      GET  /v1.1/identity/bank_account_data_requests/:id   (id bknv_<24 hex>)
 *                      POST/GET the same under /v1 (id <24 hex>, statuses SUCCESS/FAILED)
 *   bank_account_number not 5-20 digits -> 400 BANK_ACCOUNT_NUMBER_VALIDATION_ERROR;
 *   bank_code not in BANK_CODES -> 400 UNSUPPORTED_BANK_CODE_ERROR.
 *   account 0000000000 -> not found (v1.1 COMPLETED result.is_found false; v1 FAILED BANK_ACCOUNT_NOT_FOUND_ERROR)
 *           9999999999 -> FAILED failure_reason TEMPORARY_NETWORK_ERROR
 *           8888888888 -> found, virtual account (v1.1 is_virtual_account true; v1 is_normal_account false)
 *           7777777777 -> found, v1.1 result.need_review true
 *           any other  -> found, FIRA DIYANKA, not virtual
 *   magic v1.1: PENDING | WAITING_ON_BANK (PENDING for good, no callback), COMPLETED_FOUND,
 *               COMPLETED_NOT_FOUND, TEMPORARY_NETWORK_ERROR
 *   magic v1:   PENDING | WAITING_ON_BANK, SUCCESS, FAILED (not found), TEMPORARY_NETWORK_ERROR
 *   Recently queried (seed): the same version+bank_code+account already COMPLETED in this sandbox ->
 *   the new request answers COMPLETED at once (new id, no callback); still pending -> the new one
 *   completes together with it. configure({recentQueryCache: false}) turns this off.
 *
 * KTP name validation  POST /v1/identity/ktp_name/validations {nik (16 digits), name}
 *   -> 200 {"nik","status":"FOUND"|"NOT_FOUND","name_match":"true"|"false"} (string, as the seed's sample)
 *   nik 1234567890123456 = FIRA DIYANKA, 3275031210930027 = PENITO KRISTIAN (name compared
 *   case/space-insensitively), 3201000000000002 -> NOT_FOUND, other 16-digit NIKs -> FOUND "true".
 *   magic: FOUND, NOT_FOUND, NAME_NOT_MATCH.
 *
 * Individual photo authentication  POST /v1/identity/id_card_verifications (multipart, synchronous)
 *   name (2-100 chars), id_card_number, birthdate (DD-MM-YYYY), selfie + ktp_image (files),
 *   phone? (+62xxx / 08xxx), email?. Files, selfie first, each: not JPEG/PNG by magic bytes ->
 *   415 UNSUPPORTED_CONTENT_TYPE; > 2 MB (2097152) -> 413 FILE_TOO_LARGE; < 100 KB (102400) or
 *   < 500x500 px -> 413 FILE_TOO_SMALL. -> 200 {id idvr_<uuid>, created, updated, id_card_number,
 *   name, birthdate, phone?, email?, status COMPLETED|FAILED, is_verified, failure_reason?}
 *   id_card_number not 16 digits -> "NIK is Invalid"; 3201000000000002 -> "NIK not found";
 *   3275031210930027 / 1234567890123456: name (PENITO KRISTIAN / FIRA DIYANKA) and birthdate
 *   (12-10-1991 / 17-10-1975) compared -> "Full Name Not Match", "DOB Not Match" and combinations;
 *   selfie markers SANDBOX:selfie-not-match ("Selfie Not Match, Score More Than 0, Below 30"),
 *   SANDBOX:selfie-low-score ("... More Than 30, Less Than 70"), SANDBOX:selfie-invalid.
 *   magic: VERIFIED, NOT_VERIFIED ("Selfie Not Match"), TEMPORARY_NETWORK_ERROR (FAILED), or any
 *   failure_reason of the seed's list verbatim (e.g. "DOB Not Match").
 *
 * Face comparison  POST /v2/identity/face_comparisons (multipart image_one, image_two; JPEG/PNG/BMP,
 *   <= 2 MB; missing / other format / too large -> 400 API_VALIDATION_ERROR)
 *   -> {"status":"COMPLETED","match_percentage":97.5,"id":<24 hex>}
 *   SANDBOX:no-face (either image) / magic FAILED -> {"status":"FAILED","failure_reason":"No face detected in image","id"}
 *   SANDBOX:face-different / magic NOT_MATCH -> COMPLETED match_percentage 12.5; magic COMPLETED.
 *
 * CFT watchlist  POST /v1/identity/cft/individual_watchlist {given_name, surname?}
 *   -> {request_name, results[], id <uuid>}; a record matches when every word of the request name
 *   is a word of its name or of one alias (case-insensitive): "Abdul Aziz" -> both seed records
 *   (dttot_77, dttot_138); "Ayman" -> dttot_77; "Budi Santoso" -> []. magic: MATCH, NO_MATCH.
 *
 * ID card OCR  POST /v1/identity/id_card_images (multipart type passport|indonesia_ktp|npwp_card,
 *   image PNG/BMP/JPEG, reference_id?); not PNG/BMP/JPEG -> 415; > 2 MB or > 4096 px -> 413.
 *   id <uuid>; PENDING data {} -> COMPLETED data = the seed's sample for the type.
 *   SANDBOX:ocr-unreadable / magic COMPLETED_UNREADABLE -> COMPLETED data {};
 *   SANDBOX:ocr-failed / magic FAILED -> FAILED failure_reason IMAGE_RECOGNIZE_ERROR (no data);
 *   magic PENDING (stays), COMPLETED.
 *   GET /v1/identity/id_card_images/:id; GET /v1/identity/id_card_images?reference_id=&limit=&after_id=
 *
 * Business document OCR  POST /v1/identity/document_ocr_requests (multipart reference_id,
 *   type BUSINESS_REGISTRATION, country ID, document_name SK_MENKEH, image PNG/JPEG/PDF; all
 *   required; other file -> 415; > 500 MB -> 413). id ocr-<uuid>; PENDING result {} ->
 *   COMPLETED result {pages, data[]} (seed sample). SANDBOX:ocr-unreadable / magic
 *   COMPLETED_UNREADABLE -> the seed's unreadable result; SANDBOX:ocr-failed / magic FAILED ->
 *   FAILED TEMPORARY_NETWORK_ERROR; magic PENDING, COMPLETED.
 *   GET /v1/identity/document_ocr_requests/:id;
 *   GET /v1/identity/document_ocr_requests?reference_id=&limit=&after_id= (limit REQUIRED here, seed)
 *
 * Document OCR capture  POST /v1/identity/document_ocr_captures {types[] of IDENTITY_CARD|
 *   BUSINESS_REGISTRATION|SELFIE, country? (PH only, default PH), reference_id?}
 *   id ocr-<uuid>; PENDING with capture_link <baseUrl>/capture/<id> -> COMPLETED with result:
 *   id_card_ocr + selfie + face_match_percentage when IDENTITY_CARD, selfie when SELFIE,
 *   business_registration_ocr when BUSINESS_REGISTRATION (seed sample objects).
 *   magic: PENDING, IN_PROGRESS (both stay), COMPLETED, COMPLETED_REVIEW_REQUIRED, FAILED
 *   (TEMPORARY_NETWORK_ERROR).
 *   GET  /v1/identity/document_ocr_captures/:id                         (404 DATA_NOT_FOUND)
 *   GET  /v1/identity/document_ocr_capture?reference_id=&limit=&after_id=  (also ..._captures?...)
 *   POST (or GET) /v1/identity/document_ocr_captures/:id/recapture {types[]} -> status
 *        RECAPTURE_PENDING, then COMPLETED after completeAfterMs (callback).
 *   GET  /v1/identity/captures/:id/results/:link/download -> the bytes of a small real JPEG
 *        (image/jpeg) or PDF (application/pdf) for a link present in that capture's result.
 *
 * Lists: data[] in creation order, has_more, links [first, self, next?]; limit default 10,
 *   1..100 else 400; after_id = id of the last item of the previous page (unknown -> empty page).
 *
 * Callback URLs  GET /v1/callback/urls -> {data:[{type,url,created,updated}]}
 *   POST /v1/callback/urls {type, url}: sends the test payload {"type", "is_test": true} with
 *   x-callback-token to url first; not 2xx / unreachable -> 400 API_VALIDATION_ERROR (field url)
 *   (configure({verifyCallbackUrls: false}) skips the test). -> 200 {type,url,created,updated}.
 *   PATCH /v1/callback/urls {url, type?} (all registered types without type);
 *   DELETE /v1/callback/urls/:type (or ?type=) -> {type, deleted: true}. Undocumented by Iluma
 *   (a REST guess): configure({callbackUrlDelete: false}) answers it 404 NOT_FOUND like an
 *   unknown endpoint.
 * GET /v1/callback/authentication_tokens -> {"token":"sandbox-iluma-callback-token"}
 * GET /businesses/:business_id/api_keys?token=T -> {business_id, api_keys:[{environment:
 *   "DEVELOPMENT", api_key}]}; any non-empty token works once per business, a second use ->
 *   401 INVALID_TOKEN; no token -> 400.
 *
 * Control actions (POST /__sandbox/vendors/iluma/<action>, sandbox.vendorControl('iluma', ...))
 *   configure {completeAfterMs?, deferMagicReplies?, verifyCallbackUrls?, recentQueryCache?,
 *              callbackUrlDelete?}
 *   completeAll {}          completes every unfinished job now (magic PENDING ones too) and answers
 *                           when every callback sent so far has been answered
 *   complete {id}           completes one job
 *   callbacks {clear?}      log of sent callbacks [{type, id, url, status, at}]
 *   sendCallback {product, url?, token?: 'wrong'|'none', body?: 'malformed'|'oversized', id?, version?}
 *        product = a callback type or bank|bank_v1|id_card_ocr|document_ocr|capture|
 *        photo_authentication (no documented type: url or config's URL only); payload =
 *        job `id`'s record or a completed sample; url defaults to registered/config URL.
 *   seed {product: id_card_ocr|document_ocr|capture, reference_id, count?, status?} -> {ids}
 *        creates finished records for list/pagination tests.
 *   watchlist {entry?: {name, pid?, aliases?, origin?, place_of_birth?, date_of_birth?, nationality?,
 *        country_code?}, remove?: pid, reset?: true} -> {added?, pids}: adds a CFT record (pid
 *        dttot_<n> when not given), takes one off, or restores the seed's two; `{}` lists the pids.
 *        A CFT request matches it as it matches the seed's records (every word of the request name
 *        in its name or one alias). Kept until reset.
 *   state.dispose() clears the job timers (server.js should call it on reset/close).
 */

const crypto = require('crypto');
const { STATUS_CODES } = require('http');
const { mediaType, parseJson, parseMultipart, sniffImage, findMarkers } = require('../util');
const { imageKey, textKey } = require('../ledger');
const samples = require('../data/iluma-samples');
const images = require('../../fixtures/images');

const API_KEY = 'iluma_development_sandbox_key';
const NOT_LIVE_API_KEY = 'iluma_development_sandbox_key_not_live';
const CALLBACK_TOKEN = 'sandbox-iluma-callback-token';
const DEFAULT_COMPLETE_AFTER_MS = 2000;

const CALLBACK_TYPES = Object.freeze({
	bank: 'NAME_VALIDATOR_REQUEST',
	idCardOcr: 'ID_IMAGE_OCR_REQUEST',
	documentOcr: 'BUSINESS_DOCUMENT_OCR_REQUEST',
	capture: 'DOCUMENT_OCR_CAPTURE_REQUEST',
});

const BANK_CODES = Object.freeze([
	'BCA',
	'BNI',
	'BRI',
	'MANDIRI',
	'CIMB',
	'PERMATA',
	'MAYBANK',
	'NOBU',
	'SINARMAS',
	'BTPN',
	'BTN',
	'DANAMON',
	'BJB',
	'ARTHA',
	'HSBC',
	'BSI',
	'OCBC',
	'PANIN',
	'MEGA',
]);

const BANK_ACCOUNTS = Object.freeze({
	found: '1234567890',
	notFound: '0000000000',
	networkError: '9999999999',
	virtual: '8888888888',
	needReview: '7777777777',
});

/** NIK -> registered person (KTP validation and photo authentication). */
const PEOPLE = Object.freeze({
	1234567890123456: { name: 'FIRA DIYANKA', birthdate: '17-10-1975' },
	3275031210930027: { name: 'PENITO KRISTIAN', birthdate: '12-10-1991' },
});
const NIK_NOT_FOUND = '3201000000000002';

/** Marker names only this vendor reads (ekycpro's no-face etc. come from util.findMarkers). */
const ILUMA_MARKERS = Object.freeze([
	'selfie-not-match',
	'selfie-low-score',
	'selfie-invalid',
	'ocr-unreadable',
	'ocr-failed',
	'face-different',
	'no-face',
	'server-error',
	'unavailable',
]);

const ID_CARD_TYPES = ['passport', 'indonesia_ktp', 'npwp_card'];
const CAPTURE_TYPES = ['IDENTITY_CARD', 'BUSINESS_REGISTRATION', 'SELFIE'];
const MB = 1024 * 1024;

const ERROR_CODES = {
	400: ['API_VALIDATION_ERROR', 'The request payload does not match what was specified'],
	401: ['INVALID_API_KEY', 'API key format is invalid'],
	403: [
		'API_KEY_IS_NOT_LIVE_ERROR',
		'The API key does not have the permission to perform this request',
	],
	404: ['DATA_NOT_FOUND', 'The request id requested does not exist'],
	413: ['FILE_TOO_LARGE', 'The file is too large'],
	415: ['UNSUPPORTED_CONTENT_TYPE', 'The file is in an unsupported format'],
	429: ['RATE_LIMIT_EXCEEDED', 'API rate limit exceeded'],
	500: ['SERVER_ERROR', 'The service is down or other errors'],
	503: ['SERVICE_UNAVAILABLE', 'All upstream data suppliers are unavailable'],
};

/** Vendor-styled body for HTTP-level errors (also used by the server for 413/429/faults). */
function errorBody(httpStatus, message) {
	const known = ERROR_CODES[httpStatus];
	const code = known
		? known[0]
		: (STATUS_CODES[httpStatus] || 'Error').toUpperCase().replace(/[^A-Z]+/g, '_');
	return { error_code: code, message: message || (known ? known[1] : code) };
}

const fail = (httpStatus, code, message) => ({
	status: httpStatus,
	body: { error_code: code, message },
});
const httpError = (httpStatus, message) => ({
	status: httpStatus,
	body: errorBody(httpStatus, message),
});
const ok = (body) => ({ status: 200, body });

function validationError(problems) {
	return {
		status: 400,
		body: {
			error_code: 'API_VALIDATION_ERROR',
			message: problems.map((p) => p.message).join('; '),
			errors: problems,
		},
	};
}
const missing = (field) => ({ field, message: `"${field}" is required` });
const invalid = (field, why) => ({ field, message: `"${field}" ${why}` });

const now = () => new Date().toISOString();
const hex24 = () => crypto.randomBytes(12).toString('hex');
const uuid = () => crypto.randomUUID();
const isBlank = (value) => value === undefined || value === null || value === '';
const normalizeName = (name) => String(name).trim().replace(/\s+/g, ' ').toUpperCase();

// --- state, jobs and callbacks ----------------------------------------------------------------

function createState() {
	const state = {
		completeAfterMs: DEFAULT_COMPLETE_AFTER_MS,
		deferMagicReplies: false,
		verifyCallbackUrls: true,
		callbackUrlDelete: true,
		recentQueryCache: true,
		configCallbackUrl: null,
		baseUrl: '',
		jobs: new Map(), // id -> job, creation order (lists rely on it)
		callbackUrls: new Map(), // callback type -> { type, url, created, updated }
		callbackLog: [],
		deliveries: new Set(), // callbacks on their way
		usedTokens: new Set(),
		watchlist: structuredClone(samples.CFT_WATCHLIST), // CFT records; control `watchlist` adds more
		disposed: false,
		dispose() {
			state.disposed = true;
			for (const job of state.jobs.values()) clearTimeout(job.timer);
		},
	};
	return state;
}

/**
 * A job holds its public record and `finish(at)`, which returns the final record. Jobs without
 * completeAt stay as they are until completeAll/complete.
 */
function addJob(state, job) {
	state.jobs.set(job.record.id, job);
	return job;
}

function schedule(state, job, delayMs) {
	clearTimeout(job.timer);
	job.done = false;
	job.completeAt = Date.now() + delayMs;
	job.timer = setTimeout(() => completeJob(state, job), delayMs);
	job.timer.unref();
}

function completeJob(state, job) {
	if (job.done || state.disposed) return;
	job.done = true;
	clearTimeout(job.timer);
	job.record = job.finish(now());
	if (job.callback) deliverCallback(state, job.callbackType, job.record);
}

/** Lazy completion: every job whose time has come is finished before a request is answered. */
function settle(state) {
	const at = Date.now();
	for (const job of state.jobs.values()) {
		if (!job.done && job.completeAt !== null && job.completeAt <= at) completeJob(state, job);
	}
}

function callbackUrlFor(state, type) {
	const registered = state.callbackUrls.get(type);
	return registered ? registered.url : state.configCallbackUrl;
}

async function postJson(url, { token = CALLBACK_TOKEN, text }) {
	const headers = { 'content-type': 'application/json' };
	if (token !== null) headers['x-callback-token'] = token;
	try {
		const response = await fetch(url, {
			method: 'POST',
			headers,
			body: text,
			signal: AbortSignal.timeout(10000),
		});
		await response.arrayBuffer().catch(() => undefined);
		return response.status;
	} catch {
		return null;
	}
}

function deliverCallback(state, type, record, options = {}) {
	const url = options.url || callbackUrlFor(state, type);
	if (!url) return Promise.resolve(null);
	const text = options.text ?? JSON.stringify(record);
	const delivery = postJson(url, { token: options.token, text }).then((status) => {
		state.callbackLog.push({ type, id: record && record.id, url, status, at: Date.now() });
		state.deliveries.delete(delivery);
		return { url, status };
	});
	state.deliveries.add(delivery);
	return delivery;
}

/** Creates an async job: final at once (and called back), deferred, or pending for good. */
function startJob(state, { record, finish, callbackType, mode, alongWith }) {
	const job = addJob(state, {
		record,
		finish,
		callbackType,
		callback: true,
		done: false,
		completeAt: null,
		timer: null,
	});
	if (mode === 'now') {
		completeJob(state, job);
	} else if (mode === 'cached') {
		job.callback = false;
		completeJob(state, job);
	} else if (alongWith) {
		schedule(state, job, Math.max(0, alongWith.completeAt - Date.now()));
	} else if (mode !== 'stay') {
		schedule(state, job, state.completeAfterMs);
	}
	return job;
}

/** 'now' | 'later' | 'stay' for a magic reply (stay = PENDING-like values). */
function jobMode(state, magic, stayValues = ['PENDING']) {
	if (!magic) return 'later';
	if (stayValues.includes(magic)) return 'stay';
	return state.deferMagicReplies ? 'later' : 'now';
}

// --- request helpers ----------------------------------------------------------------------------

function apiKeyOf(headers) {
	const match = /^Basic\s+(\S+)\s*$/i.exec(String(headers.authorization || ''));
	if (!match) return null;
	const decoded = Buffer.from(match[1], 'base64').toString('utf8');
	const colon = decoded.indexOf(':');
	if (colon < 0 || decoded.slice(colon + 1) !== '') return null;
	return decoded.slice(0, colon);
}

function magicOf(req) {
	const value = req.headers['x-magic-reply'];
	return value === undefined ? null : String(value).trim().toUpperCase();
}

function unknownMagic(magic, known) {
	return validationError([
		invalid(
			'x-magic-reply',
			`value ${magic} is not supported here; use one of ${known.join(', ')}`,
		),
	]);
}

function readJson(req) {
	if (mediaType(req) !== 'application/json') {
		return { error: validationError([invalid('body', 'must be application/json')]) };
	}
	const value = parseJson(req.body);
	if (!value || typeof value !== 'object' || Array.isArray(value)) {
		return { error: validationError([invalid('body', 'must be a JSON object')]) };
	}
	return { value };
}

/** multipart -> { text: {name: string}, files: {name: part} } or { error }. */
function readForm(req) {
	const parts = parseMultipart(req.body, req.headers['content-type']);
	if (!parts || mediaType(req) !== 'multipart/form-data') {
		return { error: validationError([invalid('body', 'must be multipart/form-data')]) };
	}
	const text = {};
	const files = {};
	for (const [name, part] of Object.entries(parts)) {
		if (part.data) files[name] = part;
		else text[name] = part.value;
	}
	return { text, files };
}

function hasMarker(buffers, name) {
	const wanted = `SANDBOX:${name}`;
	return buffers.some((buffer) => {
		for (let at = buffer.indexOf(wanted); at !== -1; at = buffer.indexOf(wanted, at + 1)) {
			const next = buffer[at + wanted.length];
			// a longer marker name sharing this prefix is a different marker
			if (next === undefined || !/[a-z0-9-]/.test(String.fromCharCode(next))) return true;
			const longer = ILUMA_MARKERS.some(
				(other) =>
					other !== name &&
					other.startsWith(name) &&
					buffer.toString('latin1', at + 8, at + 8 + other.length) === other,
			);
			if (!longer) return true;
		}
		return false;
	});
}

function markerFault(buffers) {
	if (hasMarker(buffers, 'server-error')) return httpError(500);
	if (hasMarker(buffers, 'unavailable')) return httpError(503);
	return null;
}

/** Pixel size from the JPEG SOFn / PNG IHDR / BMP header, or null. */
function imageSize(buffer) {
	const kind = sniffImage(buffer);
	if (kind === 'png' && buffer.length >= 24) {
		return { width: buffer.readUInt32BE(16), height: buffer.readUInt32BE(20) };
	}
	if (kind === 'bmp' && buffer.length >= 26) {
		return { width: Math.abs(buffer.readInt32LE(18)), height: Math.abs(buffer.readInt32LE(22)) };
	}
	if (kind !== 'jpeg') return null;
	let at = 2;
	while (at + 9 < buffer.length) {
		if (buffer[at] !== 0xff) {
			at += 1;
			continue;
		}
		const code = buffer[at + 1];
		if (code === 0xff) {
			at += 1;
		} else if (code === 0xd8 || code === 0x01 || (code >= 0xd0 && code <= 0xd7)) {
			at += 2;
		} else if (code === 0xd9 || code === 0xda) {
			return null;
		} else {
			if (code >= 0xc0 && code <= 0xcf && code !== 0xc4 && code !== 0xc8 && code !== 0xcc) {
				return { height: buffer.readUInt16BE(at + 5), width: buffer.readUInt16BE(at + 7) };
			}
			at += 2 + buffer.readUInt16BE(at + 2);
		}
	}
	return null;
}

/**
 * Checks one uploaded file. rules: { formats, maxBytes, minBytes?, minPixels?, maxPixels?,
 * asValidation? (every problem is a 400, as face comparison documents) }.
 */
function checkFile(field, part, rules) {
	const reject = (httpStatus, code, message) =>
		rules.asValidation
			? validationError([invalid(field, message)])
			: fail(httpStatus, code, `${field}: ${message}`);
	const kind = sniffImage(part.data);
	if (!rules.formats.includes(kind)) {
		return reject(
			415,
			'UNSUPPORTED_CONTENT_TYPE',
			`file type is not supported; only ${rules.formats.join(', ').toUpperCase()} are accepted`,
		);
	}
	if (part.data.length > rules.maxBytes) {
		return reject(
			413,
			'FILE_TOO_LARGE',
			`file is larger than ${rules.maxBytes / MB} MB (${part.data.length} bytes)`,
		);
	}
	if (rules.minBytes && part.data.length < rules.minBytes) {
		return reject(
			413,
			'FILE_TOO_SMALL',
			`file is smaller than ${rules.minBytes / 1024} KB (${part.data.length} bytes)`,
		);
	}
	if (rules.minPixels || rules.maxPixels) {
		const size = imageSize(part.data);
		if (
			size &&
			rules.minPixels &&
			(size.width < rules.minPixels || size.height < rules.minPixels)
		) {
			return reject(
				413,
				'FILE_TOO_SMALL',
				`image is ${size.width}x${size.height} px, at least ${rules.minPixels}x${rules.minPixels} required`,
			);
		}
		if (
			size &&
			rules.maxPixels &&
			(size.width > rules.maxPixels || size.height > rules.maxPixels)
		) {
			return reject(
				413,
				'FILE_TOO_LARGE',
				`image is ${size.width}x${size.height} px, at most ${rules.maxPixels}x${rules.maxPixels} allowed`,
			);
		}
	}
	return null;
}

/** Fields in `names` that are missing from the form (files in fileNames must be file parts). */
function missingFormFields(form, names, fileNames = []) {
	const problems = [];
	for (const name of names) {
		if (fileNames.includes(name)) {
			if (!form.files[name]) {
				problems.push(
					form.text[name] !== undefined ? invalid(name, 'must be a file') : missing(name),
				);
			} else if (form.files[name].data.length === 0) {
				problems.push(invalid(name, 'is an empty file'));
			}
		} else if (isBlank(form.text[name])) {
			problems.push(missing(name));
		}
	}
	return problems;
}

function withReference(record, referenceId) {
	if (!isBlank(referenceId)) record.reference_id = String(referenceId);
	return record;
}

// --- bank account name validation ---------------------------------------------------------------

const BANK_MAGIC = {
	v1: {
		PENDING: 'stay',
		WAITING_ON_BANK: 'stay',
		SUCCESS: 'found',
		FAILED: 'notFound',
		TEMPORARY_NETWORK_ERROR: 'networkError',
	},
	'v1.1': {
		PENDING: 'stay',
		WAITING_ON_BANK: 'stay',
		COMPLETED_FOUND: 'found',
		COMPLETED_NOT_FOUND: 'notFound',
		TEMPORARY_NETWORK_ERROR: 'networkError',
	},
};

function bankOutcomeOf(accountNumber) {
	const entry = Object.entries(BANK_ACCOUNTS).find(([, number]) => number === accountNumber);
	return entry ? entry[0] : 'found';
}

function bankFinal(version, base, outcome, at) {
	const { status: _pending, created, ...rest } = base;
	if (version === 'v1') {
		const head = {
			bank_account_number: rest.bank_account_number,
			bank_code: rest.bank_code,
			updated: at,
		};
		const tail = withReference({ id: rest.id }, rest.reference_id);
		if (outcome === 'notFound' || outcome === 'networkError') {
			const reason =
				outcome === 'notFound' ? 'BANK_ACCOUNT_NOT_FOUND_ERROR' : 'TEMPORARY_NETWORK_ERROR';
			return { status: 'FAILED', ...head, failure_reason: reason, ...tail };
		}
		return {
			status: 'SUCCESS',
			...head,
			bank_account_holder_name: 'FIRA DIYANKA',
			is_normal_account: outcome !== 'virtual',
			...tail,
		};
	}
	const head = {
		bank_account_number: rest.bank_account_number,
		bank_code: rest.bank_code,
		created,
		updated: at,
		id: rest.id,
	};
	if (outcome === 'networkError') {
		return withReference(
			{ status: 'FAILED', ...head, failure_reason: 'TEMPORARY_NETWORK_ERROR' },
			rest.reference_id,
		);
	}
	const result =
		outcome === 'notFound'
			? { is_found: false }
			: {
					is_found: true,
					account_holder_name: 'FIRA DIYANKA',
					is_virtual_account: outcome === 'virtual',
				};
	if (outcome === 'needReview') result.need_review = true;
	return { status: 'COMPLETED', ...withReference(head, rest.reference_id), result };
}

function createBankRequest(version, req, ctx) {
	const { state } = ctx;
	const { value, error } = readJson(req);
	if (error) return error;
	const problems = ['bank_account_number', 'bank_code']
		.filter((field) => isBlank(value[field]))
		.map(missing);
	for (const field of ['bank_account_number', 'bank_code', 'reference_id']) {
		if (!isBlank(value[field]) && typeof value[field] !== 'string')
			problems.push(invalid(field, 'must be a string'));
	}
	if (problems.length) return validationError(problems);
	if (!/^\d{5,20}$/.test(value.bank_account_number)) {
		return fail(
			400,
			'BANK_ACCOUNT_NUMBER_VALIDATION_ERROR',
			'Destination bank account number is invalid.',
		);
	}
	if (!BANK_CODES.includes(value.bank_code)) {
		return fail(
			400,
			'UNSUPPORTED_BANK_CODE_ERROR',
			'Destination bank is not supported, request is using the wrong bank code.',
		);
	}
	const magic = magicOf(req);
	const magicTable = BANK_MAGIC[version];
	if (magic && !magicTable[magic]) return unknownMagic(magic, Object.keys(magicTable));

	const created = now();
	const id = version === 'v1' ? hex24() : `bknv_${hex24()}`;
	const record = withReference(
		{
			status: 'PENDING',
			bank_account_number: value.bank_account_number,
			bank_code: value.bank_code,
			updated: created,
			id,
		},
		value.reference_id,
	);
	const base = { ...record, created };
	const outcome =
		magic && magicTable[magic] !== 'stay'
			? magicTable[magic]
			: bankOutcomeOf(value.bank_account_number);
	const cacheKey = magic ? null : `${version}|${value.bank_code}|${value.bank_account_number}`;
	let mode = magic ? jobMode(state, magic, ['PENDING', 'WAITING_ON_BANK']) : 'later';
	let alongWith = null;
	if (cacheKey && state.recentQueryCache) {
		const previous = [...state.jobs.values()].find((job) => job.cacheKey === cacheKey);
		if (previous && previous.done) mode = 'cached';
		else if (previous && previous.completeAt !== null) alongWith = previous;
	}
	const job = startJob(state, {
		record,
		finish: (at) => bankFinal(version, base, outcome, at),
		callbackType: CALLBACK_TYPES.bank,
		mode,
		alongWith,
	});
	job.cacheKey = cacheKey;
	job.product = version === 'v1' ? 'bank_v1' : 'bank';
	return ok(job.record);
}

// --- KTP name validation --------------------------------------------------------------------------

function ktpValidation(req, ctx, _match, key) {
	if (key === NOT_LIVE_API_KEY) {
		return fail(401, 'INVALID_API_KEY', 'Development keys cannot use KTP name validation');
	}
	const magic = magicOf(req);
	if (magic === 'RATE_LIMIT_EXCEEDED') {
		return fail(400, 'RATE_LIMIT_EXCEEDED', 'You have exceeded the rate limit for this endpoint');
	}
	const { value, error } = readJson(req);
	if (error) return error;
	const problems = ['nik', 'name'].filter((field) => isBlank(value[field])).map(missing);
	if (!isBlank(value.nik) && !/^\d{16}$/.test(String(value.nik)))
		problems.push(invalid('nik', 'must be 16 numeric characters'));
	if (!isBlank(value.name) && typeof value.name !== 'string')
		problems.push(invalid('name', 'must be a string'));
	if (problems.length) return validationError(problems);
	const known = ['FOUND', 'NOT_FOUND', 'NAME_NOT_MATCH'];
	if (magic && !known.includes(magic)) return unknownMagic(magic, known);

	const nik = String(value.nik);
	let found = nik !== NIK_NOT_FOUND;
	let match = found;
	if (found && PEOPLE[nik]) match = normalizeName(value.name) === PEOPLE[nik].name;
	if (magic) {
		found = magic !== 'NOT_FOUND';
		match = magic === 'FOUND';
	}
	return ok({ nik, status: found ? 'FOUND' : 'NOT_FOUND', name_match: String(match) });
}

// --- individual photo authentication ---------------------------------------------------------------

const PHOTO_FAILURE_REASONS = [
	'NIK is Invalid',
	'Selfie is Invalid',
	'NIK not found',
	'Full Name Not Match',
	'DOB Not Match',
	'Selfie Not Match',
	'Selfie Not Match, Score More Than 30, Less Than 70',
	'Selfie Not Match, Score More Than 0, Below 30',
	'Full Name Not Match & DOB Not Match',
	'Full Name Not Match & Selfie Not Match',
	'DOB Not Match & Selfie Not Match',
	'Full Name Not Match & DOB Not Match & Selfie Not Match',
	'TEMPORARY_NETWORK_ERROR',
];

function isValidDate(text) {
	const match = /^(\d{2})-(\d{2})-(\d{4})$/.exec(text);
	if (!match) return false;
	const [day, month, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
	const date = new Date(Date.UTC(year, month - 1, day));
	return (
		date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
	);
}

function photoFailureReason(fields, selfie) {
	const nik = fields.id_card_number;
	if (!/^\d{16}$/.test(nik)) return 'NIK is Invalid';
	if (nik === NIK_NOT_FOUND) return 'NIK not found';
	if (hasMarker([selfie], 'selfie-invalid')) return 'Selfie is Invalid';
	const person = PEOPLE[nik];
	const mismatches = [];
	if (person && normalizeName(fields.name) !== person.name) mismatches.push('Full Name Not Match');
	if (person && fields.birthdate !== person.birthdate) mismatches.push('DOB Not Match');
	const lowScore = hasMarker([selfie], 'selfie-low-score');
	const noMatch = hasMarker([selfie], 'selfie-not-match');
	if (!mismatches.length && lowScore) return 'Selfie Not Match, Score More Than 30, Less Than 70';
	if (!mismatches.length && noMatch) return 'Selfie Not Match, Score More Than 0, Below 30';
	if (lowScore || noMatch) mismatches.push('Selfie Not Match');
	return mismatches.length ? mismatches.join(' & ') : null;
}

function idCardVerification(req, ctx, _match, key) {
	if (key === NOT_LIVE_API_KEY) {
		return fail(
			403,
			'API_KEY_IS_NOT_LIVE_ERROR',
			'The API key does not have the permission to perform this request',
		);
	}
	const form = readForm(req);
	if (form.error) return form.error;
	const fields = form.text;
	const problems = missingFormFields(
		form,
		['name', 'id_card_number', 'birthdate', 'selfie', 'ktp_image'],
		['selfie', 'ktp_image'],
	);
	if (!isBlank(fields.name) && (fields.name.trim().length < 2 || fields.name.length > 100))
		problems.push(invalid('name', 'must be 2 to 100 characters'));
	if (!isBlank(fields.birthdate) && !isValidDate(fields.birthdate))
		problems.push(invalid('birthdate', 'must be a date in the format DD-MM-YYYY'));
	if (!isBlank(fields.phone) && !/^(\+62|08)\d{6,13}$/.test(fields.phone))
		problems.push(invalid('phone', 'must be in the format +62xxx or 08xxx'));
	if (!isBlank(fields.email) && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(fields.email))
		problems.push(invalid('email', 'must be an email address'));
	if (problems.length) return validationError(problems);
	const rules = {
		formats: ['jpeg', 'png'],
		maxBytes: 2 * MB,
		minBytes: 100 * 1024,
		minPixels: 500,
	};
	for (const field of ['selfie', 'ktp_image']) {
		const problem = checkFile(field, form.files[field], rules);
		if (problem) return problem;
	}
	const fault = markerFault([form.files.selfie.data, form.files.ktp_image.data]);
	if (fault) return fault;

	const magicRaw = req.headers['x-magic-reply'];
	const magic = magicOf(req);
	let reason;
	if (magic === 'VERIFIED') reason = null;
	else if (magic === 'NOT_VERIFIED') reason = 'Selfie Not Match';
	else if (magic) {
		reason = PHOTO_FAILURE_REASONS.find((r) => r.toUpperCase() === magic);
		if (!reason)
			return unknownMagic(String(magicRaw), ['VERIFIED', 'NOT_VERIFIED', ...PHOTO_FAILURE_REASONS]);
	} else reason = photoFailureReason(fields, form.files.selfie.data);

	const at = now();
	const record = {
		id: `idvr_${uuid()}`,
		created: at,
		updated: at,
		id_card_number: fields.id_card_number,
		name: fields.name,
		birthdate: fields.birthdate,
	};
	if (!isBlank(fields.phone)) record.phone = fields.phone;
	if (!isBlank(fields.email)) record.email = fields.email;
	record.status = reason === 'TEMPORARY_NETWORK_ERROR' ? 'FAILED' : 'COMPLETED';
	record.is_verified = reason === null;
	if (reason) record.failure_reason = reason;
	return ok(record);
}

// --- face comparison and CFT ---------------------------------------------------------------------

function faceComparison(req) {
	const form = readForm(req);
	if (form.error) return form.error;
	const problems = missingFormFields(form, ['image_one', 'image_two'], ['image_one', 'image_two']);
	if (problems.length) return validationError(problems);
	const rules = { formats: ['jpeg', 'png', 'bmp'], maxBytes: 2 * MB, asValidation: true };
	for (const field of ['image_one', 'image_two']) {
		const problem = checkFile(field, form.files[field], rules);
		if (problem) return problem;
	}
	const buffers = [form.files.image_one.data, form.files.image_two.data];
	const fault = markerFault(buffers);
	if (fault) return fault;
	const magic = magicOf(req);
	const known = ['COMPLETED', 'FAILED', 'NOT_MATCH'];
	if (magic && !known.includes(magic)) return unknownMagic(magic, known);
	const id = hex24();
	const markers = findMarkers(...buffers);
	if (magic === 'FAILED' || (!magic && markers.has('no-face'))) {
		return ok({ status: 'FAILED', failure_reason: 'No face detected in image', id });
	}
	const different = magic === 'NOT_MATCH' || (!magic && markers.has('face-different'));
	return ok({ status: 'COMPLETED', match_percentage: different ? 12.5 : 97.5, id });
}

const words = (text) =>
	normalizeName(text)
		.split(/[^A-Z0-9]+/)
		.filter(Boolean);

function cftMatches(watchlist, requestName) {
	const wanted = words(requestName);
	if (!wanted.length) return [];
	return watchlist.filter((record) =>
		[record.name, ...(record.aliases || [])].some((name) => {
			const have = new Set(words(name));
			return wanted.every((word) => have.has(word));
		}),
	);
}

function cftWatchlist(req, ctx) {
	const { value, error } = readJson(req);
	if (error) return error;
	const problems = [];
	if (isBlank(value.given_name)) problems.push(missing('given_name'));
	else if (typeof value.given_name !== 'string')
		problems.push(invalid('given_name', 'must be a string'));
	if (!isBlank(value.surname) && typeof value.surname !== 'string')
		problems.push(invalid('surname', 'must be a string'));
	if (problems.length) return validationError(problems);
	const magic = magicOf(req);
	const known = ['MATCH', 'NO_MATCH'];
	if (magic && !known.includes(magic)) return unknownMagic(magic, known);
	const requestName = [value.given_name, value.surname].filter((part) => !isBlank(part)).join(' ');
	const { watchlist } = ctx.state;
	let results = cftMatches(watchlist, requestName);
	if (magic === 'MATCH') results = watchlist;
	if (magic === 'NO_MATCH') results = [];
	return ok({ request_name: requestName, results: structuredClone(results), id: uuid() });
}

// --- ID card OCR and business document OCR -------------------------------------------------------------

function ocrOutcome(magic, buffers) {
	if (magic === 'COMPLETED_UNREADABLE') return 'unreadable';
	if (magic === 'FAILED') return 'failed';
	if (magic) return 'completed';
	if (hasMarker(buffers, 'ocr-failed')) return 'failed';
	if (hasMarker(buffers, 'ocr-unreadable')) return 'unreadable';
	return 'completed';
}

function idCardFinal(base, outcome, at) {
	const { data: _data, ...rest } = base;
	if (outcome === 'failed') {
		return withReference(
			{
				id: rest.id,
				status: 'FAILED',
				created: rest.created,
				updated: at,
				type: rest.type,
				failure_reason: 'IMAGE_RECOGNIZE_ERROR',
			},
			rest.reference_id,
		);
	}
	const data = outcome === 'unreadable' ? {} : structuredClone(samples.ID_CARD_OCR_DATA[rest.type]);
	return withReference(
		{ id: rest.id, data, status: 'COMPLETED', created: rest.created, updated: at, type: rest.type },
		rest.reference_id,
	);
}

function createIdCardOcr(req, ctx) {
	const form = readForm(req);
	if (form.error) return form.error;
	const fields = form.text;
	const problems = missingFormFields(form, ['type', 'image'], ['image']);
	if (!isBlank(fields.type) && !ID_CARD_TYPES.includes(fields.type))
		problems.push(invalid('type', `must be one of ${ID_CARD_TYPES.join(', ')}`));
	if (problems.length) return validationError(problems);
	const problem = checkFile('image', form.files.image, {
		formats: ['png', 'bmp', 'jpeg'],
		maxBytes: 2 * MB,
		maxPixels: 4096,
	});
	if (problem) return problem;
	const buffers = [form.files.image.data];
	const fault = markerFault(buffers);
	if (fault) return fault;
	const magic = magicOf(req);
	const known = ['PENDING', 'COMPLETED', 'COMPLETED_UNREADABLE', 'FAILED'];
	if (magic && !known.includes(magic)) return unknownMagic(magic, known);

	const at = now();
	const record = withReference(
		{ id: uuid(), data: {}, status: 'PENDING', created: at, updated: at, type: fields.type },
		fields.reference_id,
	);
	const outcome = ocrOutcome(magic, buffers);
	const job = startJob(ctx.state, {
		record,
		finish: (doneAt) => idCardFinal(record, outcome, doneAt),
		callbackType: CALLBACK_TYPES.idCardOcr,
		mode: jobMode(ctx.state, magic),
	});
	job.product = 'id_card_ocr';
	return ok(job.record);
}

function documentFinal(base, outcome, at) {
	const { result: _result, ...rest } = base;
	if (outcome === 'failed') {
		return { ...rest, updated: at, status: 'FAILED', failure_reason: 'TEMPORARY_NETWORK_ERROR' };
	}
	const result =
		outcome === 'unreadable'
			? samples.BUSINESS_DOCUMENT_UNREADABLE_RESULT
			: samples.BUSINESS_DOCUMENT_RESULT;
	return { ...rest, updated: at, status: 'COMPLETED', result: structuredClone(result) };
}

function createDocumentOcr(req, ctx) {
	const form = readForm(req);
	if (form.error) return form.error;
	const fields = form.text;
	const problems = missingFormFields(
		form,
		['reference_id', 'type', 'image', 'country', 'document_name'],
		['image'],
	);
	const allowed = { type: 'BUSINESS_REGISTRATION', country: 'ID', document_name: 'SK_MENKEH' };
	for (const [field, only] of Object.entries(allowed)) {
		if (!isBlank(fields[field]) && fields[field] !== only)
			problems.push(invalid(field, `must be ${only}`));
	}
	if (problems.length) return validationError(problems);
	const problem = checkFile('image', form.files.image, {
		formats: ['png', 'jpeg', 'pdf'],
		maxBytes: 500 * MB,
	});
	if (problem) return problem;
	const buffers = [form.files.image.data];
	const fault = markerFault(buffers);
	if (fault) return fault;
	const magic = magicOf(req);
	const known = ['PENDING', 'COMPLETED', 'COMPLETED_UNREADABLE', 'FAILED'];
	if (magic && !known.includes(magic)) return unknownMagic(magic, known);

	const at = now();
	const record = {
		reference_id: fields.reference_id,
		type: fields.type,
		country: fields.country,
		document_name: fields.document_name,
		id: `ocr-${uuid()}`,
		created: at,
		updated: at,
		status: 'PENDING',
		result: {},
	};
	const outcome = ocrOutcome(magic, buffers);
	const job = startJob(ctx.state, {
		record,
		finish: (doneAt) => documentFinal(record, outcome, doneAt),
		callbackType: CALLBACK_TYPES.documentOcr,
		mode: jobMode(ctx.state, magic),
	});
	job.product = 'document_ocr';
	return ok(job.record);
}

// --- document OCR capture ----------------------------------------------------------------------------

function captureResult(types) {
	const sample = samples.CAPTURE_RESULT;
	const result = {};
	if (types.includes('IDENTITY_CARD')) result.id_card_ocr = sample.id_card_ocr;
	if (types.includes('IDENTITY_CARD') || types.includes('SELFIE')) result.selfie = sample.selfie;
	if (types.includes('IDENTITY_CARD')) result.face_match_percentage = sample.face_match_percentage;
	if (types.includes('BUSINESS_REGISTRATION'))
		result.business_registration_ocr = sample.business_registration_ocr;
	return structuredClone(result);
}

function captureFinal(base, outcome, at) {
	const { result: _result, ...rest } = base;
	if (outcome === 'FAILED') {
		const { capture_link: _link, ...withoutLink } = rest;
		return {
			...withoutLink,
			updated: at,
			status: 'FAILED',
			failure_reason: 'TEMPORARY_NETWORK_ERROR',
		};
	}
	if (outcome === 'IN_PROGRESS') return { ...rest, updated: at, status: 'IN_PROGRESS' };
	return { ...rest, updated: at, status: outcome, result: captureResult(rest.types) };
}

function checkCaptureTypes(types, problems) {
	if (isBlank(types)) problems.push(missing('types'));
	else if (
		!Array.isArray(types) ||
		types.length === 0 ||
		!types.every((t) => CAPTURE_TYPES.includes(t))
	)
		problems.push(invalid('types', `must be a non-empty array of ${CAPTURE_TYPES.join(', ')}`));
}

function createCapture(req, ctx) {
	const { value, error } = readJson(req);
	if (error) return error;
	const problems = [];
	checkCaptureTypes(value.types, problems);
	if (!isBlank(value.country) && value.country !== 'PH')
		problems.push(invalid('country', 'must be PH'));
	if (!isBlank(value.reference_id) && typeof value.reference_id !== 'string')
		problems.push(invalid('reference_id', 'must be a string'));
	if (problems.length) return validationError(problems);
	const magic = magicOf(req);
	const known = ['PENDING', 'IN_PROGRESS', 'COMPLETED', 'COMPLETED_REVIEW_REQUIRED', 'FAILED'];
	if (magic && !known.includes(magic)) return unknownMagic(magic, known);

	const at = now();
	const id = `ocr-${uuid()}`;
	const record = withReference({}, value.reference_id);
	Object.assign(record, {
		types: [...value.types],
		country: value.country || 'PH',
		id,
		created: at,
		updated: at,
		status: 'PENDING',
		capture_link: `${ctx.baseUrl}/capture/${id}`,
	});
	// PENDING and IN_PROGRESS are waiting states: shown at once, completed (COMPLETED) by completeAll
	const outcome = magic && !['PENDING', 'IN_PROGRESS'].includes(magic) ? magic : 'COMPLETED';
	const job = startJob(ctx.state, {
		record,
		finish: (doneAt) => captureFinal(record, outcome, doneAt),
		callbackType: CALLBACK_TYPES.capture,
		mode: jobMode(ctx.state, magic, ['PENDING', 'IN_PROGRESS']),
	});
	if (magic === 'IN_PROGRESS') job.record = { ...record, status: 'IN_PROGRESS' };
	job.product = 'capture';
	return ok(job.record);
}

function recapture(req, ctx, match) {
	const job = ctx.state.jobs.get(decodeURIComponent(match[1]));
	if (!job || job.product !== 'capture') return httpError(404);
	const body = req.body && req.body.length ? readJson(req) : { value: {} };
	if (body.error) return body.error;
	const problems = [];
	checkCaptureTypes(body.value.types, problems);
	if (problems.length) return validationError(problems);
	const { result: _result, failure_reason: _reason, ...rest } = job.record;
	const record = {
		...rest,
		types: [...body.value.types],
		updated: now(),
		status: 'RECAPTURE_PENDING',
		capture_link: rest.capture_link || `${ctx.baseUrl}/capture/${rest.id}`,
	};
	job.record = record;
	job.finish = (doneAt) => captureFinal(record, 'COMPLETED', doneAt);
	job.callback = true;
	schedule(ctx.state, job, ctx.state.completeAfterMs);
	return ok(record);
}

function downloadCapture(req, ctx, match) {
	const job = ctx.state.jobs.get(decodeURIComponent(match[1]));
	const link = decodeURIComponent(match[2]);
	const result = job && job.product === 'capture' ? job.record.result : null;
	const found = result && Object.values(result).some((doc) => doc && doc.link === link);
	if (!found) return httpError(404, 'The captured document does not exist');
	if (/\.pdf$/i.test(link)) {
		return { status: 200, body: images.pdf(), headers: { 'Content-Type': 'application/pdf' } };
	}
	return {
		status: 200,
		body: images.jpeg({ width: 64, height: 64 }),
		headers: { 'Content-Type': 'image/jpeg' },
	};
}

function capturePage(req, ctx, match) {
	const job = ctx.state.jobs.get(decodeURIComponent(match[1]));
	if (!job || job.product !== 'capture') return httpError(404);
	return {
		status: 200,
		body: `Iluma sandbox capture page for ${job.record.id}`,
		headers: { 'Content-Type': 'text/plain; charset=utf-8' },
	};
}

// --- GET by id and lists -----------------------------------------------------------------------------

function getById(product) {
	return (req, ctx, match) => {
		const job = ctx.state.jobs.get(decodeURIComponent(match[1]));
		const products = Array.isArray(product) ? product : [product];
		if (!job || !products.includes(job.product)) return httpError(404);
		return ok(job.record);
	};
}

function listByReference(product, listPath, { limitRequired = false } = {}) {
	return (req, ctx) => {
		const referenceId = req.query.get('reference_id');
		const limitText = req.query.get('limit');
		const afterId = req.query.get('after_id');
		const problems = [];
		if (isBlank(referenceId)) problems.push(missing('reference_id'));
		if (isBlank(limitText) && limitRequired) problems.push(missing('limit'));
		const limit = isBlank(limitText) ? 10 : Number(limitText);
		if (!Number.isInteger(limit) || limit < 1 || limit > 100)
			problems.push(invalid('limit', 'must be an integer from 1 to 100'));
		if (problems.length) return validationError(problems);

		const all = [...ctx.state.jobs.values()]
			.filter((job) => job.product === product && job.record.reference_id === referenceId)
			.map((job) => job.record);
		let start = 0;
		if (!isBlank(afterId)) {
			const index = all.findIndex((record) => record.id === afterId);
			start = index < 0 ? all.length : index + 1;
		}
		const data = all.slice(start, start + limit);
		const hasMore = start + limit < all.length;
		const ref = `${listPath}?reference_id=${encodeURIComponent(referenceId)}`;
		let self = ref;
		if (!isBlank(limitText)) self += `&limit=${limitText}`;
		if (!isBlank(afterId)) self += `&after_id=${encodeURIComponent(afterId)}`;
		const links = [
			{ href: ref, rel: 'first', method: 'GET' },
			{ href: self, rel: 'self', method: 'GET' },
		];
		if (hasMore) {
			const last = data[data.length - 1].id;
			links.push({
				rel: 'next',
				href: `${ref}&limit=${limit}&after_id=${encodeURIComponent(last)}`,
				method: 'GET',
			});
		}
		return ok({ data, has_more: hasMore, links });
	};
}

// --- callbacks and keys --------------------------------------------------------------------------------

const KNOWN_CALLBACK_TYPES = Object.values(CALLBACK_TYPES);

async function registerCallbackUrl(req, ctx) {
	const { value, error } = readJson(req);
	if (error) return error;
	const problems = [];
	if (isBlank(value.type)) problems.push(missing('type'));
	else if (!KNOWN_CALLBACK_TYPES.includes(value.type))
		problems.push(invalid('type', `must be one of ${KNOWN_CALLBACK_TYPES.join(', ')}`));
	if (isBlank(value.url)) problems.push(missing('url'));
	else if (typeof value.url !== 'string' || !/^https?:\/\/\S+$/.test(value.url))
		problems.push(invalid('url', 'must be an http(s) URL'));
	if (problems.length) return validationError(problems);
	if (ctx.state.verifyCallbackUrls) {
		const status = await postJson(value.url, {
			text: JSON.stringify({ type: value.type, is_test: true }),
		});
		ctx.state.callbackLog.push({
			type: value.type,
			id: null,
			url: value.url,
			status,
			at: Date.now(),
		});
		if (status === null || status < 200 || status > 299) {
			return validationError([
				invalid('url', `did not answer the test payload with 2xx (got ${status ?? 'no answer'})`),
			]);
		}
	}
	const at = now();
	const previous = ctx.state.callbackUrls.get(value.type);
	const entry = {
		type: value.type,
		url: value.url,
		created: previous ? previous.created : at,
		updated: at,
	};
	ctx.state.callbackUrls.set(value.type, entry);
	return ok(entry);
}

function updateCallbackUrls(req, ctx) {
	const { value, error } = readJson(req);
	if (error) return error;
	const problems = [];
	if (isBlank(value.url)) problems.push(missing('url'));
	else if (typeof value.url !== 'string' || !/^https?:\/\/\S+$/.test(value.url))
		problems.push(invalid('url', 'must be an http(s) URL'));
	if (!isBlank(value.type) && !KNOWN_CALLBACK_TYPES.includes(value.type))
		problems.push(invalid('type', `must be one of ${KNOWN_CALLBACK_TYPES.join(', ')}`));
	if (problems.length) return validationError(problems);
	const types = isBlank(value.type) ? [...ctx.state.callbackUrls.keys()] : [value.type];
	if (!types.length) return httpError(404, 'No callback URL is registered');
	const at = now();
	for (const type of types) {
		const previous = ctx.state.callbackUrls.get(type);
		ctx.state.callbackUrls.set(type, {
			type,
			url: value.url,
			created: previous ? previous.created : at,
			updated: at,
		});
	}
	return ok({ data: types.map((type) => ctx.state.callbackUrls.get(type)) });
}

function deleteCallbackUrl(req, ctx, match) {
	if (!ctx.state.callbackUrlDelete) return fail(404, 'NOT_FOUND', 'Page or endpoint not found');
	const type = match[1] ? decodeURIComponent(match[1]) : req.query.get('type');
	if (isBlank(type)) return validationError([missing('type')]);
	if (!ctx.state.callbackUrls.delete(type)) return httpError(404, `No callback URL for ${type}`);
	return ok({ type, deleted: true });
}

function businessApiKeys(req, ctx, match) {
	const token = req.query.get('token');
	if (isBlank(token)) return validationError([missing('token')]);
	const businessId = decodeURIComponent(match[1]);
	const used = `${businessId}\n${token}`;
	if (ctx.state.usedTokens.has(used)) {
		return fail(401, 'INVALID_TOKEN', 'The token is invalid or has already been used');
	}
	ctx.state.usedTokens.add(used);
	return ok({
		business_id: businessId,
		api_keys: [{ environment: 'DEVELOPMENT', api_key: API_KEY }],
	});
}

// --- routing -------------------------------------------------------------------------------------------

const BANK_V1 = '/v1/identity/bank_account_data_requests';
const BANK_V11 = '/v1.1/identity/bank_account_data_requests';
const ID_OCR = '/v1/identity/id_card_images';
const DOC_OCR = '/v1/identity/document_ocr_requests';
const CAPTURES = '/v1/identity/document_ocr_captures';
const ID = '([^/]+)';
const exact = (path) => new RegExp(`^${path.replace(/\./g, '\\.')}$`);
const withId = (path, tail = '') => new RegExp(`^${path.replace(/\./g, '\\.')}/${ID}${tail}$`);

/** [methods, pattern, run(req, ctx, match, key), { public? }] */
const ROUTES = [
	[['GET'], /^\/health$/, () => ok({ status: 'ok' }), { public: true }],
	[['GET'], /^\/businesses\/([^/]+)\/api_keys$/, businessApiKeys, { public: true }],
	[['GET'], /^\/capture\/([^/]+)$/, capturePage, { public: true }],
	[['POST'], exact(BANK_V1), (req, ctx) => createBankRequest('v1', req, ctx)],
	[['GET'], withId(BANK_V1), getById('bank_v1')],
	[['POST'], exact(BANK_V11), (req, ctx) => createBankRequest('v1.1', req, ctx)],
	[['GET'], withId(BANK_V11), getById('bank')],
	[['POST'], /^\/v1\/identity\/ktp_name\/validations$/, ktpValidation],
	[['POST'], /^\/v1\/identity\/id_card_verifications$/, idCardVerification],
	[['POST'], /^\/v2\/identity\/face_comparisons$/, faceComparison],
	[['POST'], /^\/v1\/identity\/cft\/individual_watchlist$/, cftWatchlist],
	[['POST'], exact(ID_OCR), createIdCardOcr],
	[['GET'], exact(ID_OCR), listByReference('id_card_ocr', ID_OCR)],
	[['GET'], withId(ID_OCR), getById('id_card_ocr')],
	[['POST'], exact(DOC_OCR), createDocumentOcr],
	[['GET'], exact(DOC_OCR), listByReference('document_ocr', DOC_OCR, { limitRequired: true })],
	[['GET'], withId(DOC_OCR), getById('document_ocr')],
	[['POST'], exact(CAPTURES), createCapture],
	[['GET'], exact(CAPTURES), listByReference('capture', '/v1/document_ocr_captures')],
	[
		['GET'],
		/^\/v1\/identity\/document_ocr_capture$/,
		listByReference('capture', '/v1/document_ocr_captures'),
	],
	[['POST', 'GET'], withId(CAPTURES, '/recapture'), recapture],
	[['GET'], withId(CAPTURES), getById('capture')],
	[['GET'], /^\/v1\/identity\/captures\/([^/]+)\/results\/([^/]+)\/download$/, downloadCapture],
	[['GET'], /^\/v1\/callback\/authentication_tokens$/, () => ok({ token: CALLBACK_TOKEN })],
	[
		['GET'],
		/^\/v1\/callback\/urls$/,
		(req, ctx) => ok({ data: [...ctx.state.callbackUrls.values()] }),
	],
	[['POST'], /^\/v1\/callback\/urls$/, registerCallbackUrl],
	[['PATCH'], /^\/v1\/callback\/urls$/, updateCallbackUrls],
	[['DELETE'], /^\/v1\/callback\/urls(?:\/([^/]+))?$/, deleteCallbackUrl],
];

const GENERIC_MAGIC = {
	SERVER_ERROR: 500,
	SERVICE_UNAVAILABLE: 503,
	RATE_LIMIT_EXCEEDED: 429,
};

async function handle(req, ctx) {
	ctx.state.configCallbackUrl = ctx.callbackUrl;
	ctx.state.baseUrl = ctx.baseUrl;
	settle(ctx.state);
	const matching = ROUTES.map(([methods, pattern, run, options = {}]) => ({
		methods,
		match: pattern.exec(req.path),
		run,
		options,
	})).filter((route) => route.match);
	if (!matching.length) return fail(404, 'NOT_FOUND', 'Page or endpoint not found');
	const route = matching.find((candidate) => candidate.methods.includes(req.method));
	if (!route) {
		const allow = [...new Set(matching.flatMap((candidate) => candidate.methods))].join(', ');
		return { ...fail(405, 'METHOD_NOT_ALLOWED', 'Method not allowed'), headers: { Allow: allow } };
	}
	let key = null;
	if (!route.options.public) {
		key = apiKeyOf(req.headers);
		if (key !== API_KEY && key !== NOT_LIVE_API_KEY) {
			return fail(401, 'INVALID_API_KEY', 'API key format is invalid');
		}
		const magic = magicOf(req);
		const ktp = /ktp_name/.test(req.path);
		if (magic && GENERIC_MAGIC[magic] && !(ktp && magic === 'RATE_LIMIT_EXCEEDED')) {
			return httpError(GENERIC_MAGIC[magic]);
		}
	}
	return route.run(req, ctx, route.match, key);
}

// --- control actions -------------------------------------------------------------------------------------

const PRODUCT_ALIASES = {
	bank: { type: CALLBACK_TYPES.bank, product: 'bank' },
	bank_v1: { type: CALLBACK_TYPES.bank, product: 'bank_v1' },
	[CALLBACK_TYPES.bank]: { type: CALLBACK_TYPES.bank, product: 'bank' },
	id_card_ocr: { type: CALLBACK_TYPES.idCardOcr, product: 'id_card_ocr' },
	[CALLBACK_TYPES.idCardOcr]: { type: CALLBACK_TYPES.idCardOcr, product: 'id_card_ocr' },
	document_ocr: { type: CALLBACK_TYPES.documentOcr, product: 'document_ocr' },
	[CALLBACK_TYPES.documentOcr]: { type: CALLBACK_TYPES.documentOcr, product: 'document_ocr' },
	capture: { type: CALLBACK_TYPES.capture, product: 'capture' },
	[CALLBACK_TYPES.capture]: { type: CALLBACK_TYPES.capture, product: 'capture' },
	// Iluma documents no callback type for photo authentication: sent to `url` or config's URL.
	photo_authentication: { type: null, product: 'photo_authentication' },
};

/** A finished record of `product` built from the seed's samples (for seed and sendCallback). */
function sampleRecord(product, { referenceId, status = 'COMPLETED', baseUrl = '', type } = {}) {
	const at = now();
	if (product === 'bank' || product === 'bank_v1') {
		const version = product === 'bank_v1' ? 'v1' : 'v1.1';
		const id = version === 'v1' ? hex24() : `bknv_${hex24()}`;
		const base = withReference(
			{ bank_account_number: BANK_ACCOUNTS.found, bank_code: 'BCA', created: at, id },
			referenceId,
		);
		return bankFinal(version, base, status === 'FAILED' ? 'networkError' : 'found', at);
	}
	if (product === 'id_card_ocr') {
		const base = withReference(
			{ id: uuid(), data: {}, created: at, type: type || 'indonesia_ktp' },
			referenceId,
		);
		return idCardFinal(base, status === 'FAILED' ? 'failed' : 'completed', at);
	}
	if (product === 'photo_authentication') {
		const person = PEOPLE['3275031210930027'];
		const verified = status !== 'FAILED';
		return withReference(
			{
				id: `idvr_${uuid()}`,
				created: at,
				updated: at,
				id_card_number: '3275031210930027',
				name: person.name.toLowerCase(),
				birthdate: person.birthdate,
				status: verified ? 'COMPLETED' : 'FAILED',
				is_verified: verified,
				...(verified ? {} : { failure_reason: 'TEMPORARY_NETWORK_ERROR' }),
			},
			referenceId,
		);
	}
	if (product === 'document_ocr') {
		const base = {
			reference_id: referenceId ?? 'foo123',
			type: 'BUSINESS_REGISTRATION',
			country: 'ID',
			document_name: 'SK_MENKEH',
			id: `ocr-${uuid()}`,
			created: at,
		};
		return documentFinal(base, status === 'FAILED' ? 'failed' : 'completed', at);
	}
	const id = `ocr-${uuid()}`;
	const base = withReference({}, referenceId);
	Object.assign(base, {
		types: ['IDENTITY_CARD', 'BUSINESS_REGISTRATION'],
		country: 'PH',
		id,
		created: at,
		capture_link: `${baseUrl}/capture/${id}`,
	});
	return captureFinal(base, status, at);
}

const WATCHLIST_TEXT_FIELDS = [
	'name',
	'place_of_birth',
	'date_of_birth',
	'nationality',
	'origin',
	'country_code',
];

/** A CFT record as the seed's Result Object Schema has it, from a control `entry`. */
function watchlistRecord(entry, watchlist) {
	if (!entry || typeof entry !== 'object' || Array.isArray(entry))
		throw new TypeError('entry must be an object {name, pid?, aliases?, origin?, ...}');
	if (typeof entry.name !== 'string' || isBlank(entry.name))
		throw new TypeError('entry.name must be a non-empty string');
	for (const field of WATCHLIST_TEXT_FIELDS) {
		if (entry[field] !== undefined && typeof entry[field] !== 'string')
			throw new TypeError(`entry.${field} must be a string`);
	}
	const aliases = entry.aliases === undefined ? [] : entry.aliases;
	if (!Array.isArray(aliases) || aliases.some((alias) => typeof alias !== 'string'))
		throw new TypeError('entry.aliases must be an array of strings');
	const taken = new Set(watchlist.map((record) => record.pid));
	let pid = entry.pid;
	if (pid === undefined) {
		let n = 1000 + watchlist.length;
		while (taken.has(`dttot_${n}`)) n += 1;
		pid = `dttot_${n}`;
	} else if (typeof pid !== 'string' || isBlank(pid)) {
		throw new TypeError('entry.pid must be a non-empty string');
	} else if (taken.has(pid)) {
		throw new TypeError(`entry.pid ${pid} is already on the watchlist`);
	}
	const record = { pid, name: entry.name, aliases: [...aliases], origin: 'DTTOT' };
	for (const field of WATCHLIST_TEXT_FIELDS) {
		if (entry[field] !== undefined) record[field] = entry[field];
	}
	return record;
}

const control = {
	configure(body, ctx) {
		const { state } = ctx;
		if (body.completeAfterMs !== undefined) {
			if (!Number.isFinite(body.completeAfterMs) || body.completeAfterMs < 0)
				throw new TypeError('completeAfterMs must be a number >= 0');
			state.completeAfterMs = body.completeAfterMs;
		}
		for (const flag of [
			'deferMagicReplies',
			'verifyCallbackUrls',
			'recentQueryCache',
			'callbackUrlDelete',
		]) {
			if (body[flag] !== undefined) {
				if (typeof body[flag] !== 'boolean') throw new TypeError(`${flag} must be a boolean`);
				state[flag] = body[flag];
			}
		}
		return {
			completeAfterMs: state.completeAfterMs,
			deferMagicReplies: state.deferMagicReplies,
			verifyCallbackUrls: state.verifyCallbackUrls,
			callbackUrlDelete: state.callbackUrlDelete,
			recentQueryCache: state.recentQueryCache,
		};
	},
	async completeAll(body, ctx) {
		ctx.state.configCallbackUrl = ctx.callbackUrl;
		const completed = [];
		for (const job of ctx.state.jobs.values()) {
			if (!job.done) {
				completeJob(ctx.state, job);
				completed.push(job.record.id);
			}
		}
		await Promise.all([...ctx.state.deliveries]);
		return { completed };
	},
	complete(body, ctx) {
		ctx.state.configCallbackUrl = ctx.callbackUrl;
		const job = ctx.state.jobs.get(body.id);
		if (!job) throw new TypeError(`no iluma job ${body.id}`);
		completeJob(ctx.state, job);
		return job.record;
	},
	callbacks(body, ctx) {
		const log = [...ctx.state.callbackLog];
		if (body.clear) ctx.state.callbackLog.length = 0;
		return log;
	},
	async sendCallback(body, ctx) {
		ctx.state.configCallbackUrl = ctx.callbackUrl;
		const target = PRODUCT_ALIASES[body.product];
		if (!target)
			throw new TypeError(`product must be one of ${Object.keys(PRODUCT_ALIASES).join(', ')}`);
		let record;
		if (body.id) {
			const job = ctx.state.jobs.get(body.id);
			if (!job) throw new TypeError(`no iluma job ${body.id}`);
			record = job.record;
		} else {
			const product =
				target.product === 'bank' && body.version === 'v1' ? 'bank_v1' : target.product;
			record = sampleRecord(product, { referenceId: body.reference_id });
		}
		const url = body.url || callbackUrlFor(ctx.state, target.type);
		if (!url) throw new TypeError('no url: pass url or register/configure a callback URL');
		let token = CALLBACK_TOKEN;
		if (body.token === 'wrong') token = 'wrong-iluma-callback-token';
		else if (body.token === 'none') token = null;
		let text = JSON.stringify(record);
		if (body.body === 'malformed') text = text.slice(0, Math.floor(text.length / 2));
		else if (body.body === 'oversized') {
			const bytes = Number.isInteger(body.oversizedBytes) ? body.oversizedBytes : 17 * MB;
			text = JSON.stringify({ ...record, padding: ' '.repeat(bytes) });
		}
		const result = await deliverCallback(ctx.state, target.type, record, { url, token, text });
		return { ...result, id: record.id };
	},
	/** The CFT watchlist: `{entry}` adds a record, `{remove: pid}` takes one off, `{reset: true}`
	 * restores the seed's two records (as a sandbox reset does); answers the pids on it now. */
	watchlist(body, ctx) {
		const { state } = ctx;
		const given = ['entry', 'remove', 'reset'].filter((key) => body[key] !== undefined);
		if (given.length > 1) throw new TypeError('give one of entry, remove, reset');
		let added;
		if (body.reset !== undefined) {
			if (body.reset !== true) throw new TypeError('reset must be true');
			state.watchlist = structuredClone(samples.CFT_WATCHLIST);
		} else if (body.remove !== undefined) {
			const index = state.watchlist.findIndex((record) => record.pid === body.remove);
			if (index < 0) throw new TypeError(`no watchlist record with pid ${body.remove}`);
			state.watchlist.splice(index, 1);
		} else if (body.entry !== undefined) {
			added = watchlistRecord(body.entry, state.watchlist);
			state.watchlist.push(added);
		}
		return { ...(added ? { added } : {}), pids: state.watchlist.map((record) => record.pid) };
	},
	seed(body, ctx) {
		const product = body.product;
		if (!['id_card_ocr', 'document_ocr', 'capture'].includes(product))
			throw new TypeError('product must be id_card_ocr, document_ocr or capture');
		if (isBlank(body.reference_id)) throw new TypeError('reference_id is required');
		const count = body.count === undefined ? 1 : body.count;
		if (!Number.isInteger(count) || count < 1 || count > 1000)
			throw new TypeError('count must be an integer from 1 to 1000');
		const ids = [];
		for (let i = 0; i < count; i += 1) {
			const record = sampleRecord(product, {
				referenceId: String(body.reference_id),
				status: body.status || 'COMPLETED',
				type: body.type,
				baseUrl: ctx.state.baseUrl || '',
			});
			addJob(ctx.state, {
				record,
				product,
				finish: () => record,
				callbackType: PRODUCT_ALIASES[product].type,
				callback: false,
				done: true,
				completeAt: null,
				timer: null,
			});
			ids.push(record.id);
		}
		return { ids };
	},
};

// --- billing ledger (test/sandbox/ledger.js) ------------------------------------------------------

/**
 * The record the call ends in: the answer itself, or for an async job its final record (decided
 * when the job was created, so the ledger knows it at once).
 */
function finalRecord(result, ctx) {
	const body = result.body || {};
	const job = typeof body.id === 'string' && ctx.state ? ctx.state.jobs.get(body.id) : undefined;
	if (!job) return body;
	return job.done ? job.record : job.finish(now());
}

/**
 * Iluma bills a data product's request once it accepts it (2xx). The seed says one outcome is not
 * charged: a TEMPORARY_NETWORK_ERROR on Iluma's side ("user won't be charged"); an error answer
 * (4xx/5xx: validation, key, rate limit, server) is not processed. Where the seed is silent
 * (other FAILED outcomes such as IMAGE_RECOGNIZE_ERROR or "No face detected", a "recently
 * queried" bank answer, a capture link) the accepted request is billed: Iluma processed it.
 * Recapture requests, reads, lists, downloads and callback settings are free (not in the ledger).
 */
function accepted(result, ctx) {
	if (result.status < 200 || result.status >= 300) return false;
	return finalRecord(result, ctx).failure_reason !== 'TEMPORARY_NETWORK_ERROR';
}
const billing = [
	[BANK_V1, 'bankNameValidation', (s) => textKey(s, 'bank_account_number')],
	[BANK_V11, 'bankNameValidation', (s) => textKey(s, 'bank_account_number')],
	['/v1/identity/ktp_name/validations', 'ktpNameValidation', (s) => textKey(s, 'nik')],
	['/v1/identity/id_card_verifications', 'idCardVerification', (s) => textKey(s, 'id_card_number')],
	['/v2/identity/face_comparisons', 'faceComparison', (s) => imageKey(s, 'image_one')],
	['/v1/identity/cft/individual_watchlist', 'cftWatchlist', (s) => textKey(s, 'given_name')],
	[ID_OCR, 'idCardOcr', (s) => imageKey(s, 'image')],
	[DOC_OCR, 'documentOcr', (s) => imageKey(s, 'image')],
	[CAPTURES, 'documentCapture', (s) => textKey(s, 'reference_id')],
].map(([path, product, key]) => ({
	method: 'POST',
	path: exact(path),
	product,
	key,
	billed: accepted,
}));

module.exports = {
	name: 'iluma',
	billing,
	prefix: '/iluma',
	credentials: { apiKey: API_KEY, notLiveApiKey: NOT_LIVE_API_KEY, callbackToken: CALLBACK_TOKEN },
	createState,
	handle,
	errorBody,
	control,
	// for tests
	BANK_ACCOUNTS,
	BANK_CODES,
	CALLBACK_TYPES,
	PEOPLE,
	NIK_NOT_FOUND,
};
