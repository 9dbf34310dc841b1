'use strict';

/*
 * Argos ID imitation (seed 003, vendor-apis.md D): the two-step KYC submission, submission look-ups
 * and the webhook calls Argos makes, plain or encrypted.
 *
 *   Base URL   http://127.0.0.1:PORT/argos
 *   Key        header x-api-key: sandbox-argos-key
 *              sandbox-argos-ip-denied -> 403 {"message":"User is not authorized to access this resource with an explicit deny"}
 *              anything else           -> 403 {"message":"Forbidden"}
 *   Errors are API-Gateway style {"message": "..."}; the Step API's messages (D.7) come with HTTP 400.
 *
 * POST /v3/submission/step1 (multipart/form-data)
 *   email, issuingCountry, idType, idImage required -> else 400 "missing required parameters"
 *   email not an address -> 400 "invalid email address format"; unknown country or idType, or
 *   customOptions that is not a JSON object of booleans, or turns an off-only option on
 *   (blacklistCountries, approvePeriod, rejectPeriod, ageLimit) -> 400 "failed to parse the input data"
 *   email ALREADY_APPROVED_EMAIL -> 400 "<email> had submitted another KYC and is already approved."
 *   an image over 2 MiB -> 413 "Request Entity Too Large"; not JPEG/PNG -> 400 "invalid id image"
 *   submissionId (retry): unknown -> 400 "invalid submission id"; final -> "this submission is already processed"
 *   markers in idImage:  SANDBOX:argos-ocr-retry      -> kycStatus incomplete, retry id_image_badImage, retryCount+1
 *                        SANDBOX:argos-missing-fields -> success, missing_fields [gender, documentNumber]
 *                        SANDBOX:argos-invalid-id     -> 400 "invalid id image"
 *                        SANDBOX:argos-server-error   -> 500, SANDBOX:argos-bad-gateway -> 502
 *   otherwise: submissionId, reviewOCRData (HONG GILDONG, 1990-01-31, KOR), document_fields,
 *   missing_fields [], idImage/idBackImage paths, file_upload, file_back_upload, retryCount.
 *   retryCount reaching 3 makes the submission rejected (too_many_retry).
 *
 * POST /v3/submission/step2 (multipart/form-data)
 *   submissionId missing -> 400 "missing required parameters"; unknown -> "invalid submission id";
 *   final -> "this submission is already processed"; faceImage missing or not JPEG/PNG -> "invalid face image";
 *   name or date_of_birth (YYYY-MM-DD) missing -> "missing required parameters for identity verification"
 *   address (client guide, Step 2): addressImage given but not JPEG/PNG -> "invalid or missing an address
 *   image" (over 2 MiB -> 413); address_input/address_detail/addressImage without any of globalCode,
 *   compoundCode, formatted_address -> "missing address data parameters". With the project's
 *   collect-address option on (control `projectOptions {collectAddress: true}`) both are required.
 *   markers in faceImage: SANDBOX:argos-face-mismatch -> incomplete, retry face_compare_underscore (D.3 verbatim)
 *                         SANDBOX:argos-liveness-fail -> incomplete, retry liveness_error
 *                         SANDBOX:argos-pending       -> kycStatus pending (control `decide` finishes it)
 *                         SANDBOX:argos-server-error / argos-bad-gateway as in Step 1
 *   otherwise approved: {"verificationResult":"success","faceSimilarityScore":96,"livenessScore":99,"kycStatus":"approved","retryCount":n}
 *
 * GET /v3/submission ?submission_id ?userid ?email ?start_date ?end_date (YYYY-MM-DD) ?request_type
 *   ?count (default 50) ?nextpage_id ?nextpage_date -> {"Items":[...], nextpageKey?: {id, created_at}}
 *   (client guide: a next page exists when nextpageKey is returned; ask for it with
 *   nextpage_id = nextpageKey.id, nextpage_date = nextpageKey.created_at)
 *   newest first; any other parameter, a bad date, count or request_type -> 400 "Invalid Query String parameters".
 *
 * Webhooks: to callbackUrls.argos, POST JSON, for created (new submission), retry, submit (pending),
 * approved and rejected, with the payload fields of D.6. Encryption (control `webhookSettings`):
 * none, or {"data": base64} with the AES-256 key SHA-256(secretKey) as Argos documents it:
 * AES-256-ECB (no IV, PKCS#7), or AES-256-GCM, whose layout Argos does not document (default:
 * 12-byte IV first, 16-byte tag last; sendWebhook's gcmLayout iv-tag-ct | iv16-ct-tag | fields and
 * encoding hex send the other plausible shapes). Control actions:
 *   webhookSettings {encryption: none|ecb|gcm, key?}   flushWebhooks {} -> deliveries so far, once all arrived
 *   sendWebhook {event, submissionId?, encryption?, key?, tamper?, gcmLayout?, encoding?}
 *     -> {status, text} of the receiver's answer
 *   decide {submissionId, decision: approved|rejected}   seed {count, email?, userid?, requestType?}
 *   projectOptions {collectAddress?: boolean}
 */

const crypto = require('crypto');
const { mediaType, parseMultipart, sniffImage } = require('../util');
const { imageKey } = require('../ledger');

const API_KEY = 'sandbox-argos-key';
const IP_DENIED_KEY = 'sandbox-argos-ip-denied';
const SECRET_KEY = 'sandbox-argos-secret';
const ALREADY_APPROVED_EMAIL = 'already.approved@example.com';
const MAX_IMAGE_BYTES = 2 * 1024 * 1024;
const MAX_ATTEMPTS = 3;
const ID_TYPES = new Set([
	'passport',
	'government_id',
	'drivers_license',
	'residence_permit',
	'visa',
	'vehicle_registration_certificate',
	'aadhaar',
	'pancard',
	'universal',
]);
const OFF_ONLY = ['blacklistCountries', 'approvePeriod', 'rejectPeriod', 'ageLimit'];
const CUSTOM_OPTIONS = new Set([...OFF_ONLY, 'rejectDuplicateUser']);
const QUERY_PARAMETERS = new Set([
	'submission_id',
	'userid',
	'email',
	'count',
	'nextpage_id',
	'nextpage_date',
	'start_date',
	'end_date',
	'request_type',
]);
const REQUEST_TYPES = new Set(['kyc', 'aml', 'data', 'others']);

const MARKERS = Object.freeze({
	ocrRetry: 'argos-ocr-retry',
	missingFields: 'argos-missing-fields',
	invalidId: 'argos-invalid-id',
	faceMismatch: 'argos-face-mismatch',
	livenessFail: 'argos-liveness-fail',
	pending: 'argos-pending',
	serverError: 'argos-server-error',
	badGateway: 'argos-bad-gateway',
});

const RETRIES = Object.freeze({
	ocr: {
		retryCode: 'id_image_badImage',
		retryMsg: 'The ID could not be read. Please retry with a clearer image of the whole ID.',
	},
	face: {
		retryCode: 'face_compare_underscore',
		retryMsg: 'The face doesn\u2019t match. Please retry with another face image.',
	},
	liveness: {
		retryCode: 'liveness_error',
		retryMsg: 'Liveness fail: Face is too close to one or more borders. Please retry.',
	},
});

/** The person on every sandbox ID. */
const PERSON = Object.freeze({
	firstName: 'GILDONG',
	lastName: 'HONG',
	name: 'HONG GILDONG',
	birthDate: '1990-01-31',
	gender: 'male',
	nationality: 'KOR',
	identityNumber: 'M12345678',
	documentNumber: 'M12345678',
	issueDate: '2020-03-02',
	expireDate: '2030-03-01',
});

const STATUS_TEXT = {
	400: 'Invalid Query String parameters',
	403: 'Forbidden',
	404: 'Not Found',
	405: 'Method Not Allowed',
	413: 'Request Entity Too Large',
	429: 'Too Many Requests',
	500: 'Internal Server Error',
	502: 'Bad Gateway',
	503: 'Service Unavailable',
	504: 'Gateway Timeout',
};

function errorBody(httpStatus, message) {
	return { message: STATUS_TEXT[httpStatus] || message || 'Error' };
}

const fail = (status, message) => ({ status, body: { message } });
const stepError = (message) => fail(400, message);
const ok = (body) => ({ status: 200, body });

const hasMarker = (buffer, name) => Boolean(buffer) && buffer.includes(`SANDBOX:${name}`);

function markerFailure(buffer) {
	if (hasMarker(buffer, MARKERS.serverError)) return fail(500, 'Internal Server Error');
	if (hasMarker(buffer, MARKERS.badGateway)) return fail(502, 'Bad Gateway');
	return null;
}

function createState() {
	return {
		submissions: new Map(),
		counter: 0,
		webhook: { encryption: 'none', key: SECRET_KEY },
		project: { collectAddress: false },
		deliveries: [],
		inflight: new Set(),
	};
}

const nowIso = () => new Date().toISOString();

function newSubmission(state, fields) {
	state.counter += 1;
	const id = `sbx${crypto.randomBytes(6).toString('hex')}${String(state.counter).padStart(4, '0')}`;
	const at = new Date(Date.now() + state.counter).toISOString();
	const submission = {
		id,
		email: fields.email,
		userid: fields.userid || '',
		cf: { cf1: fields.cf1 || '', cf2: fields.cf2 || '', cf3: fields.cf3 || '' },
		issuingCountry: fields.issuingCountry,
		idType: fields.idType,
		requestType: fields.requestType || 'kyc',
		customOptions: fields.customOptions || {},
		createdAt: fields.createdAt || at,
		updatedAt: at,
		status: 'incomplete',
		retryCount: 0,
		attempts: [],
		ocr: null,
		hasBack: false,
		selfie: false,
		reviewer: '',
		kycResultAt: '',
		pendingAt: '',
	};
	state.submissions.set(id, submission);
	return submission;
}

// ---------------------------------------------------------------------------------------------
// Webhooks

/** Argos's documented key: the SHA-256 digest of the API key or secretKey, as raw bytes. */
const aesKey = (secret) => crypto.createHash('sha256').update(secret, 'utf8').digest();

/** Where each GCM layout puts the ciphertext (the byte a tamper test flips). */
const GCM_LAYOUTS = {
	'iv-ct-tag': { ivBytes: 12, tagFirst: false },
	'iv-tag-ct': { ivBytes: 12, tagFirst: true },
	'iv16-ct-tag': { ivBytes: 16, tagFirst: false },
	fields: { ivBytes: 12, separate: true },
};

/**
 * ECB as documented (no IV, PKCS#7). GCM's layout is not documented: by default a 12-byte IV,
 * the ciphertext, then the 16-byte tag; `layout` picks another, `fields` sends iv and tag apart.
 */
function encrypt(mode, secret, text, layout = 'iv-ct-tag') {
	const key = aesKey(secret);
	if (mode === 'ecb') {
		const aes = crypto.createCipheriv('aes-256-ecb', key, null);
		return { data: Buffer.concat([aes.update(text, 'utf8'), aes.final()]), at: 0 };
	}
	const shape = GCM_LAYOUTS[layout];
	if (!shape)
		throw new TypeError(`gcmLayout must be one of ${Object.keys(GCM_LAYOUTS).join(', ')}`);
	const iv = crypto.randomBytes(shape.ivBytes);
	const aes = crypto.createCipheriv('aes-256-gcm', key, iv);
	const cipherText = Buffer.concat([aes.update(text, 'utf8'), aes.final()]);
	const tag = aes.getAuthTag();
	if (shape.separate) return { data: cipherText, at: 0, iv, tag };
	if (shape.tagFirst)
		return { data: Buffer.concat([iv, tag, cipherText]), at: shape.ivBytes + tag.length };
	return { data: Buffer.concat([iv, cipherText, tag]), at: shape.ivBytes };
}

/** Flips one bit of the ciphertext: an attacker's change. */
function tamper(encrypted) {
	const copy = Buffer.from(encrypted.data);
	copy[encrypted.at] ^= 0x01;
	return { ...encrypted, data: copy };
}

function webhookPayload(event, submission) {
	const s = submission;
	if (event === 'created' || event === 'retry') {
		const last = s.attempts[s.attempts.length - 1];
		return {
			webhook_trigger: event,
			submission_id: s.id,
			kyc_result: { status: 'incomplete' },
			cf: { ...s.cf },
			userid: s.userid,
			tokenId: '',
			retryCode: last ? last.retryCode : [],
			attempts: s.retryCount,
			ipAddress: '203.0.113.10',
		};
	}
	return {
		webhook_trigger: event,
		kyc_result: {
			status: s.status,
			updated_at: s.updatedAt,
			created_at: s.createdAt,
			kyc_result_at: s.kycResultAt,
			pending_at: s.pendingAt,
			reviewer: s.reviewer,
		},
		applicant_id: `applicant-${s.id}`,
		submission_id: s.id,
		email: s.email,
		tokenId: '',
		cf: { ...s.cf },
		userid: s.userid,
		age_group: '30s',
		gender: PERSON.gender,
		date_of_birth: PERSON.birthDate,
		nationality: PERSON.nationality,
		ipAddress: '203.0.113.10',
		fullName: PERSON.name,
		idType: s.idType,
		issuingCountry: s.issuingCountry,
		issueDate: PERSON.issueDate,
		expireDate: PERSON.expireDate,
		identityNumber: PERSON.identityNumber,
		documentNumber: PERSON.documentNumber,
		additional_list: [],
	};
}

function webhookBody(state, payload, options = {}) {
	const encryption = options.encryption || state.webhook.encryption;
	const text = JSON.stringify(payload);
	if (encryption === 'none') return { encryption, body: text };
	let encrypted = encrypt(encryption, options.key || state.webhook.key, text, options.gcmLayout);
	if (options.tamper) encrypted = tamper(encrypted);
	const encoding = options.encoding === 'hex' ? 'hex' : 'base64';
	const message = { data: encrypted.data.toString(encoding) };
	if (encrypted.iv) {
		message.iv = encrypted.iv.toString(encoding);
		message.tag = encrypted.tag.toString(encoding);
	}
	return { encryption, body: JSON.stringify(message) };
}

/**
 * An attacker's copy of a real ECB webhook: the first 16-byte block lying wholly inside the text
 * of `field` is sent twice. It decrypts cleanly to the same event with that text 16 bytes longer.
 */
function ecbBlockDuplicated(payload, field, key = SECRET_KEY) {
	const plain = JSON.stringify(payload);
	const bytes = encrypt('ecb', key, plain).data;
	const from = plain.indexOf(JSON.stringify(payload[field]).slice(1, -1));
	const block = Math.ceil(from / 16);
	if (from < 0 || block * 16 + 16 > from + String(payload[field]).length)
		throw new TypeError(`${field} holds no whole 16-byte block`);
	const doubled = Buffer.concat([
		bytes.subarray(0, block * 16 + 16),
		bytes.subarray(block * 16, block * 16 + 16),
		bytes.subarray(block * 16 + 16),
	]);
	return JSON.stringify({ data: doubled.toString('base64') });
}

async function post(url, body) {
	const response = await fetch(url, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body,
		signal: AbortSignal.timeout(30_000),
	});
	return { status: response.status, text: await response.text() };
}

/** Sends one event to the configured URL without holding up the API answer. */
function notify(state, callbackUrl, event, submission) {
	if (!callbackUrl) return;
	const { encryption, body } = webhookBody(state, webhookPayload(event, submission));
	const delivery = { event, submissionId: submission.id, encryption, status: null };
	state.deliveries.push(delivery);
	const sending = post(callbackUrl, body)
		.then((answer) => {
			delivery.status = answer.status;
		})
		.catch((error) => {
			delivery.error = error.message;
		})
		.finally(() => state.inflight.delete(sending));
	state.inflight.add(sending);
}

// ---------------------------------------------------------------------------------------------
// Step 1 and Step 2

function readForm(req) {
	if (mediaType(req) !== 'multipart/form-data') return null;
	const parts = parseMultipart(req.body, req.headers['content-type']);
	if (!parts) return null;
	const fields = {};
	const files = {};
	for (const [name, part] of Object.entries(parts)) {
		if (part.data) files[name] = part.data;
		else fields[name] = part.value;
	}
	return { fields, files };
}

const isEmail = (text) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text);
const isIsoDate = (text) =>
	/^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(Date.parse(`${text}T00:00:00Z`));

function parseCustomOptions(text) {
	if (text === undefined || text === '') return {};
	let options;
	try {
		options = JSON.parse(text);
	} catch {
		return null;
	}
	if (!options || typeof options !== 'object' || Array.isArray(options)) return null;
	for (const [name, value] of Object.entries(options)) {
		if (!CUSTOM_OPTIONS.has(name) || typeof value !== 'boolean') return null;
		if (value && OFF_ONLY.includes(name)) return null;
	}
	return options;
}

function checkImage(data) {
	if (!data) return 'missing';
	if (data.length > MAX_IMAGE_BYTES) return 'too-large';
	if (!['jpeg', 'png'].includes(sniffImage(data))) return 'invalid';
	return null;
}

function reviewOcrData(missing) {
	const gender = missing.includes('gender') ? '' : PERSON.gender;
	return {
		ocr_birthDate: PERSON.birthDate,
		accepted_ocr_birthDate: true,
		ocr_issueDate: PERSON.issueDate,
		accepted_ocr_issueDate: true,
		ocr_expireDate: PERSON.expireDate,
		accepted_ocr_expireDate: true,
		ocr_lastName: PERSON.lastName,
		accepted_ocr_lastName: true,
		ocr_firstName: PERSON.firstName,
		accepted_ocr_firstName: true,
		ocr_name: PERSON.name,
		accepted_ocr_name: true,
		ocr_gender: gender,
		accepted_ocr_gender: gender !== '',
		ocr_nationality: PERSON.nationality,
		accepted_ocr_nationality: true,
		ocr_identityNumber: PERSON.identityNumber,
		accepted_ocr_identityNumber: true,
		ocr_licenseNumber: '',
		accepted_ocr_licenseNumber: false,
	};
}

function documentFields(missing) {
	return {
		expireDate: true,
		idNumber: true,
		identityNumber: true,
		gender: !missing.includes('gender'),
		issueDate: true,
		nationality: true,
		number: false,
		name: true,
		birthDate: true,
		serialNumber: false,
		documentNumber: !missing.includes('documentNumber'),
	};
}

/** Counts one failed attempt; the third rejects the submission. */
function recordRetry(submission, retry) {
	submission.retryCount += 1;
	submission.attempts.push({
		attemptCnt: submission.retryCount,
		retryMsg: [retry.retryMsg],
		retryCode: [retry.retryCode],
	});
	submission.updatedAt = nowIso();
	if (submission.retryCount >= MAX_ATTEMPTS) {
		submission.status = 'rejected';
		submission.kycResultAt = submission.updatedAt;
		submission.comment = ['too_many_retry'];
	}
}

function openSubmission(state, id) {
	const submission = state.submissions.get(id);
	if (!submission) return { error: stepError('invalid submission id') };
	if (['approved', 'rejected', 'pending'].includes(submission.status))
		return { error: stepError('this submission is already processed') };
	return { submission };
}

function step1(req, ctx) {
	const form = readForm(req);
	if (!form) return stepError('failed to parse the input data');
	const { fields, files } = form;
	if (!fields.email || !fields.issuingCountry || !fields.idType || !files.idImage)
		return stepError('missing required parameters');
	if (!isEmail(fields.email)) return stepError('invalid email address format');
	if (!/^[A-Z]{3}$/.test(fields.issuingCountry) || !ID_TYPES.has(fields.idType))
		return stepError('failed to parse the input data');
	const customOptions = parseCustomOptions(fields.customOptions);
	if (!customOptions) return stepError('failed to parse the input data');
	for (const image of [files.idImage, files.idBackImage]) {
		const problem = image ? checkImage(image) : null;
		if (problem === 'too-large') return fail(413, 'Request Entity Too Large');
		if (problem) return stepError('invalid id image');
	}
	if (hasMarker(files.idImage, MARKERS.invalidId)) return stepError('invalid id image');
	const failure = markerFailure(files.idImage);
	if (failure) return failure;
	if (fields.email.toLowerCase() === ALREADY_APPROVED_EMAIL)
		return stepError(`${fields.email} had submitted another KYC and is already approved.`);

	let submission;
	const isRetry = Boolean(fields.submissionId);
	if (isRetry) {
		const found = openSubmission(ctx.state, fields.submissionId);
		if (found.error) return found.error;
		submission = found.submission;
	} else {
		submission = newSubmission(ctx.state, { ...fields, customOptions });
	}

	if (hasMarker(files.idImage, MARKERS.ocrRetry)) {
		recordRetry(submission, RETRIES.ocr);
		const final = submission.status === 'rejected';
		notify(
			ctx.state,
			ctx.callbackUrl,
			final ? 'rejected' : isRetry ? 'retry' : 'created',
			submission,
		);
		return ok({
			submissionId: submission.id,
			retry: [RETRIES.ocr],
			kycStatus: final ? 'rejected' : 'incomplete',
			retryCount: submission.retryCount,
		});
	}

	const missing = hasMarker(files.idImage, MARKERS.missingFields)
		? ['gender', 'documentNumber']
		: [];
	submission.ocr = reviewOcrData(missing);
	submission.hasBack = Boolean(files.idBackImage);
	submission.updatedAt = nowIso();
	if (!isRetry) notify(ctx.state, ctx.callbackUrl, 'created', submission);
	const base = `https://sandbox.argosidentity.invalid/images/${submission.id}`;
	return ok({
		submissionId: submission.id,
		reviewOCRData: submission.ocr,
		idImage: `${base}/idImage.jpg`,
		...(submission.hasBack ? { idBackImage: `${base}/idBackImage.jpg` } : {}),
		file_upload: 'true',
		file_back_upload: submission.hasBack ? 'true' : 'false',
		document_fields: documentFields(missing),
		missing_fields: missing,
		retryCount: submission.retryCount,
	});
}

const ADDRESS_CODES = ['globalCode', 'compoundCode', 'formatted_address'];
const ADDRESS_FIELDS = [...ADDRESS_CODES, 'address_input', 'address_detail'];

/** Step 2's address check: an error answer, or null with the address to keep (or none). */
function checkAddress(fields, files, project) {
	const image = files.addressImage;
	const given = ADDRESS_FIELDS.some((name) => fields[name]) || Boolean(image);
	if (!given && !project.collectAddress) return { address: null };
	if (!ADDRESS_CODES.some((name) => fields[name]))
		return { error: stepError('missing address data parameters') };
	const problem = image ? checkImage(image) : project.collectAddress ? 'missing' : null;
	if (problem === 'too-large') return { error: fail(413, 'Request Entity Too Large') };
	if (problem) return { error: stepError('invalid or missing an address image') };
	const address = {};
	for (const name of ADDRESS_FIELDS) if (fields[name]) address[name] = fields[name];
	return { address, hasImage: Boolean(image) };
}

function finish(state, callbackUrl, submission, status, reviewer = '') {
	submission.status = status;
	submission.updatedAt = nowIso();
	submission.kycResultAt = submission.updatedAt;
	submission.reviewer = reviewer;
	notify(state, callbackUrl, status, submission);
}

function step2(req, ctx) {
	const form = readForm(req);
	if (!form) return stepError('failed to parse the input data');
	const { fields, files } = form;
	if (!fields.submissionId) return stepError('missing required parameters');
	const found = openSubmission(ctx.state, fields.submissionId);
	if (found.error) return found.error;
	const { submission } = found;
	const problem = checkImage(files.faceImage);
	if (problem === 'too-large') return fail(413, 'Request Entity Too Large');
	if (problem) return stepError('invalid face image');
	if (!fields.name || !fields.date_of_birth || !isIsoDate(fields.date_of_birth))
		return stepError('missing required parameters for identity verification');
	const address = checkAddress(fields, files, ctx.state.project);
	if (address.error) return address.error;
	const failure = markerFailure(files.faceImage);
	if (failure) return failure;
	submission.selfie = true;
	submission.fullName = fields.name;
	if (address.address) {
		submission.address = address.address;
		submission.hasAddressImage = address.hasImage;
	}

	const retry = hasMarker(files.faceImage, MARKERS.faceMismatch)
		? RETRIES.face
		: hasMarker(files.faceImage, MARKERS.livenessFail)
			? RETRIES.liveness
			: null;
	if (retry) {
		recordRetry(submission, retry);
		if (submission.status === 'rejected') {
			notify(ctx.state, ctx.callbackUrl, 'rejected', submission);
			return ok({
				verificationResult: 'success',
				faceSimilarityScore: 0,
				livenessScore: 99,
				kycStatus: 'rejected',
				retryCount: submission.retryCount,
			});
		}
		notify(ctx.state, ctx.callbackUrl, 'retry', submission);
		return ok({ retry: [retry], kycStatus: 'incomplete', retryCount: submission.retryCount });
	}
	if (hasMarker(files.faceImage, MARKERS.pending)) {
		submission.status = 'pending';
		submission.pendingAt = submission.updatedAt = nowIso();
		notify(ctx.state, ctx.callbackUrl, 'submit', submission);
		return ok({
			verificationResult: 'success',
			faceSimilarityScore: 71,
			livenessScore: 99,
			kycStatus: 'pending',
			retryCount: submission.retryCount,
		});
	}
	finish(ctx.state, ctx.callbackUrl, submission, 'approved');
	return ok({
		verificationResult: 'success',
		faceSimilarityScore: 96,
		livenessScore: 99,
		kycStatus: 'approved',
		retryCount: submission.retryCount,
	});
}

// ---------------------------------------------------------------------------------------------
// GET /v3/submission

function item(s) {
	const base = `https://sandbox.argosidentity.invalid/images/${s.id}`;
	return {
		data: {
			fullName: s.fullName || (s.ocr ? s.ocr.ocr_name : ''),
			birthDate: s.ocr ? s.ocr.ocr_birthDate : '',
			idType: s.idType,
			issuingCountry: s.issuingCountry,
			cf1: s.cf.cf1,
			cf2: s.cf.cf2,
			cf3: s.cf.cf3,
			...(s.address ? { ...s.address } : {}),
		},
		email: s.email,
		submission_id: s.id,
		created_at: s.createdAt,
		updated_at: s.updatedAt,
		kyc_result_at: s.kycResultAt,
		reviewer: s.reviewer,
		recognition_score: s.ocr ? 0.97 : 0,
		argos_score: s.status === 'approved' ? 0.95 : 0,
		duplicated_information: [],
		userid: s.userid,
		request_type: s.requestType,
		image: {
			idImage: `${base}/idImage.jpg`,
			idBackImage: s.hasBack ? `${base}/idBackImage.jpg` : '',
			selfieImage: s.selfie ? `${base}/selfieImage.jpg` : '',
			addressImage: s.hasAddressImage ? `${base}/addressImage.jpg` : '',
		},
		OCR_raw: s.ocr ? { ...s.ocr } : {},
		project_options: { ...s.customOptions },
		kyc: {
			result: s.status,
			comment: s.comment || [],
			commentCode: s.comment || [],
			attempts: s.attempts.map((attempt) => ({ ...attempt })),
		},
	};
}

function list(req, ctx) {
	const query = req.query;
	for (const key of query.keys())
		if (!QUERY_PARAMETERS.has(key)) return fail(400, STATUS_TEXT[400]);
	const get = (key) => query.get(key) || '';
	const count = query.has('count') ? Number(get('count')) : 50;
	const dates = [get('start_date'), get('end_date')].filter(Boolean);
	if (
		!Number.isInteger(count) ||
		count < 1 ||
		dates.some((date) => !isIsoDate(date)) ||
		(get('request_type') && !REQUEST_TYPES.has(get('request_type')))
	)
		return fail(400, STATUS_TEXT[400]);

	let rows = [...ctx.state.submissions.values()].sort((a, b) =>
		a.createdAt === b.createdAt ? (a.id < b.id ? 1 : -1) : a.createdAt < b.createdAt ? 1 : -1,
	);
	const filters = [
		['submission_id', (s, v) => s.id === v],
		['userid', (s, v) => s.userid === v],
		['email', (s, v) => s.email.toLowerCase() === v.toLowerCase()],
		['start_date', (s, v) => s.createdAt.slice(0, 10) >= v],
		['end_date', (s, v) => s.createdAt.slice(0, 10) <= v],
		['request_type', (s, v) => s.requestType === v],
	];
	for (const [key, keep] of filters) {
		const value = get(key);
		if (value) rows = rows.filter((s) => keep(s, value));
	}
	if (get('nextpage_id')) {
		// Both halves of nextpageKey are needed, as the client guide says.
		const at = rows.findIndex(
			(s) => s.id === get('nextpage_id') && s.createdAt === get('nextpage_date'),
		);
		if (at < 0) return fail(400, STATUS_TEXT[400]);
		rows = rows.slice(at + 1);
	}
	const page = rows.slice(0, count);
	const body = { Items: page.map(item) };
	if (rows.length > count) {
		const last = page[page.length - 1];
		body.nextpageKey = { id: last.id, created_at: last.createdAt };
	}
	return ok(body);
}

// ---------------------------------------------------------------------------------------------

const ROUTES = {
	'POST /v3/submission/step1': step1,
	'POST /v3/submission/step2': step2,
	'GET /v3/submission': list,
};

function handle(req, ctx) {
	const route = ROUTES[`${req.method} ${req.path}`];
	if (!route) {
		const known = Object.keys(ROUTES).some((key) => key.endsWith(` ${req.path}`));
		return known ? fail(405, STATUS_TEXT[405]) : fail(404, STATUS_TEXT[404]);
	}
	const key = req.headers['x-api-key'];
	if (key === IP_DENIED_KEY)
		return fail(403, 'User is not authorized to access this resource with an explicit deny');
	if (key !== API_KEY) return fail(403, 'Forbidden');
	return route(req, ctx);
}

const control = {
	webhookSettings(body, { state }) {
		if (body.encryption !== undefined) {
			if (!['none', 'ecb', 'gcm'].includes(body.encryption))
				throw new TypeError('encryption must be none, ecb or gcm');
			state.webhook.encryption = body.encryption;
		}
		if (body.key !== undefined) state.webhook.key = String(body.key);
		return { ...state.webhook, key: undefined };
	},
	async flushWebhooks(_body, { state }) {
		await Promise.allSettled([...state.inflight]);
		return state.deliveries.map((delivery) => ({ ...delivery }));
	},
	async sendWebhook(body, { state, callbackUrl }) {
		const url = body.url || callbackUrl;
		if (!url) throw new TypeError('no callback URL: configure callbackUrls.argos or pass url');
		let submission = body.submissionId ? state.submissions.get(body.submissionId) : undefined;
		if (!submission) {
			submission = newSubmission(state, {
				email: 'applicant@example.com',
				issuingCountry: 'KOR',
				idType: 'passport',
			});
			submission.ocr = reviewOcrData([]);
			submission.status = body.event === 'rejected' ? 'rejected' : 'approved';
		}
		const payload = webhookPayload(body.event || 'approved', submission);
		const message = webhookBody(state, payload, body);
		return { ...(await post(url, message.body)), encryption: message.encryption };
	},
	decide(body, { state, callbackUrl }) {
		const submission = state.submissions.get(body.submissionId);
		if (!submission) throw new TypeError('no such submission');
		if (!['approved', 'rejected'].includes(body.decision))
			throw new TypeError('decision must be approved or rejected');
		finish(state, callbackUrl, submission, body.decision, body.reviewer || 'reviewer@sandbox');
		return item(submission);
	},
	projectOptions(body, { state }) {
		if (body.collectAddress !== undefined) {
			if (typeof body.collectAddress !== 'boolean')
				throw new TypeError('collectAddress must be true or false');
			state.project.collectAddress = body.collectAddress;
		}
		return { ...state.project };
	},
	seed(body, { state }) {
		const count = Number(body.count ?? 1);
		if (!Number.isInteger(count) || count < 1 || count > 1000)
			throw new TypeError('count must be 1-1000');
		const ids = [];
		for (let i = 0; i < count; i += 1) {
			const submission = newSubmission(state, {
				email: body.email || `applicant${i}@example.com`,
				userid: body.userid || `user-${i}`,
				issuingCountry: 'KOR',
				idType: 'passport',
				requestType: body.requestType,
				createdAt: body.createdAt,
			});
			submission.ocr = reviewOcrData([]);
			submission.status = 'approved';
			ids.push(submission.id);
		}
		return { ids };
	},
};

/**
 * Billable products (test/sandbox/ledger.js): submission steps 1 (ID image) and 2 (selfie and
 * face comparison). Argos's documents give no billing rule; chosen: a step answered HTTP 200 is
 * billed (it was processed, a retry answer included), an error status is not. Reads are free.
 */
const billing = [
	['/v3/submission/step1', 'submissionStep1', 'idImage'],
	['/v3/submission/step2', 'submissionStep2', 'faceImage'],
].map(([path, product, field]) => ({
	method: 'POST',
	path: new RegExp(`^${path}$`),
	product,
	key: (s) => imageKey(s, field),
	billed: (result) => result.status === 200,
}));

module.exports = {
	name: 'argos',
	billing,
	prefix: '/argos',
	credentials: { apiKey: API_KEY, ipDeniedKey: IP_DENIED_KEY, secretKey: SECRET_KEY },
	scenarios: { MARKERS, RETRIES, PERSON, ALREADY_APPROVED_EMAIL, MAX_IMAGE_BYTES },
	/** The body Argos would POST for `payload`: plain, or {"data"} encrypted (optionally tampered). */
	webhookBody: (payload, options = {}) =>
		webhookBody({ webhook: { encryption: 'none', key: SECRET_KEY } }, payload, options).body,
	ecbBlockDuplicated,
	createState,
	control,
	handle,
	errorBody,
};
