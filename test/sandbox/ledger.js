'use strict';

// The sandbox's billing ledger: one entry for every call to a billable product that the sandbox
// processed, { vendor, product, billed, key, status, at }; `product` is `<vendor in lower case>.<key>`,
// the key the audit records of the nodes use (nodes/shared/audit.ts).
//
// Each vendor module lists its billable products as `billing`: [{ method, path (RegExp on the
// vendor path), product, key(subject) , billed(result, ctx) }]. A call that matches none is free
// (reads, polls, balance, look-ups) and is not in the ledger. `billed` says whether the vendor
// bills that outcome per its documents (test/sandbox/vendors/*.js say where the documents are
// silent and what was chosen). `key` ties the call to an input item: a text field as sent (NIK,
// account number, name) or `sha256:<hex>` of an image's bytes; the ledger check
// (test/invariants/ledger.js) computes the same keys from the input items.
//
// A call answered by an injected fault was not processed and is not in the ledger, unless the
// fault says `processed: true` (the vendor handled and billed it, then the answer was lost).

const crypto = require('crypto');
const { mediaType, parseForm, parseJson, parseMultipart, decodeBase64 } = require('./util');

const sha256 = (buffer) => `sha256:${crypto.createHash('sha256').update(buffer).digest('hex')}`;

/**
 * The request's fields, whatever its encoding: { text: {name: string}, files: {name: Buffer},
 * json: the parsed JSON body or null }.
 */
function subjectOf(request) {
	const type = mediaType({ headers: request.headers });
	const body = request.body || Buffer.alloc(0);
	const text = {};
	const files = {};
	let json = null;
	if (type === 'application/json') {
		json = parseJson(body) ?? null;
		if (json && typeof json === 'object' && !Array.isArray(json)) {
			for (const [name, value] of Object.entries(json)) {
				if (typeof value === 'string' || typeof value === 'number') text[name] = String(value);
			}
		}
	} else if (type === 'application/x-www-form-urlencoded') {
		Object.assign(text, parseForm(body));
	} else if (type === 'multipart/form-data') {
		const parts = parseMultipart(body, request.headers['content-type']) || {};
		for (const [name, part] of Object.entries(parts)) {
			if (part.data) files[name] = part.data;
			else text[name] = part.value;
		}
	}
	return { text, files, json };
}

/** The key of an image field: its bytes sent as a file, or as base64 text. */
function imageKey(subject, name) {
	if (subject.files[name]) return sha256(subject.files[name]);
	const decoded = decodeBase64(subject.text[name]);
	return decoded ? sha256(decoded) : null;
}

/** The key of a text field, as sent (null when absent). */
function textKey(subject, name) {
	const value = subject.text[name];
	return value === undefined || value === '' ? null : String(value);
}

/** The ledger entry for a processed call, or null when the call is free. */
function ledgerEntry(vendor, request, result, ctx) {
	const rules = vendor.billing || [];
	const rule = rules.find(
		(candidate) => candidate.method === request.method && candidate.path.test(request.path),
	);
	if (!rule) return null;
	let key = null;
	try {
		key = rule.key(subjectOf(request)) ?? null;
	} catch {
		key = null;
	}
	return {
		vendor: vendor.name,
		// As the nodes' audit records name it (vendor in lower case): `widekyc.idRecognize`.
		product: `${vendor.name.toLowerCase()}.${rule.product}`,
		billed: Boolean(rule.billed(result, ctx)),
		key,
		status: result.status,
		at: ctx.at,
	};
}

module.exports = { ledgerEntry, subjectOf, imageKey, textKey, sha256 };
