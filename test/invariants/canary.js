'use strict';
/**
 * The secret-canary check: nothing secret comes out of a node.
 *
 * The canaries of a run are what it was given: every credential value (every field but the base,
 * invoke or server URL, 6+ characters as the scrubber's MIN_SECRET_LENGTH), every input image
 * (its base64: binaries, and json strings or parameters that are base64 images) and every NIK
 * (16-digit numbers in the input json, the parameters or a webhook's body).
 *
 * What is searched is everything the node produced: every output's items (all json fields,
 * `attempts`, `raw`, `details`; binary metadata; the binary data a node passes through only for an
 * input image, and only with Privacy, which leaves the input's binaries out), the
 * node's error as n8n saves it (its own enumerable fields: message, description, context,
 * errorResponse, httpCode…, plus message and stack, and `cause` as the error's toJSON gives it),
 * the execution's error, a webhook's answer and the items a trigger emits.
 *
 * Rules: a credential value, in any form of `canaryForms`, nowhere; 40 characters of an input
 * image's base64, nowhere in json or error text; a NIK, in any form of `nikForms`, nowhere in error
 * text (`error`, `message`, `description`, `errorResponse`, `context`, `cause` fields, the vendor's
 * own answer under `raw` aside) and, when the run's Privacy option is on, nowhere in the json.
 * A violation names the run, the field and the form, never the value.
 *
 * Audit records (`audit[…]`, on the error output `details.audit[…]`; issue 23) say what was checked
 * and what it cost, never about whom: only the contract's fields, each a single value of at most
 * 200 characters (no image fits), no NIK in any form even with Privacy off, and in the fields the
 * node fills from the vendor's answers or its own words (all but `node`, `workflowId` and
 * `executionId`, which the workflow names) none of the run's personal text: the input's names,
 * e-mail addresses, phone numbers, birth dates and addresses (fields so named, 4+ characters) and
 * digit runs of 8 or more (account, card and ID numbers; not from a field named as an id, e.g.
 * `submissionId`, which the record's `vendorReference` may rightly repeat).
 *
 * `checkCanaries(runs)` is the engine-test check; `searchPlaces(places, canaries)` serves any
 * other source (the e2e suites' saved executions, test/e2e/invariants.js).
 */
const { canaryForms, nikForms } = require('./encodings');

const MIN_SECRET_LENGTH = 6;
const IMAGE_WINDOW = 40;
/** Image windows are indexed every INDEX_STRIDE characters: a 40-character match holds one whole. */
const INDEX_STRIDE = 20;
const ERROR_KEYS = new Set([
	'error',
	'errors',
	'message',
	'messages',
	'description',
	'errorResponse',
	'context',
	'cause',
	'stack',
]);
/**
 * Outputs that are a credential by design: Iluma's Account → Retrieve API Keys hands out the
 * account's keys (the one the node called with among them); its docs tell the user so.
 */
const BY_DESIGN = [
	{
		nodeType: 'iluma',
		operation: 'getApiKeys',
		path: /(?:^|\.)items\[\d+\]\.json\.api_keys\[\d+\]\.api_key$/,
	},
];

/** Whether a place of this node's output is a credential by design (BY_DESIGN). */
function byDesign(nodeType, parameters, path) {
	return BY_DESIGN.some(
		(output) =>
			output.nodeType === nodeType &&
			output.operation === parameters?.operation &&
			output.path.test(path),
	);
}
const NIK_IN_INPUT = /(?<!\d)\d{16}(?!\d)/g;
/** Input fields that hold personal text, by their name. */
const PERSONAL_FIELD = /name|mail|phone|mobile|birth|address|holder/i;
const DIGIT_RUN = /\d{8,}/g;
/** An input field that holds an id (a vendor's own, e.g. `submissionId`): the record may repeat it. */
const ID_FIELD = /(?:^|[a-z_])id$/i;
const AUDIT_FIELDS = new Set([
	'vendor',
	'product',
	'operation',
	'outcome',
	'billed',
	'billedReason',
	'vendorReference',
	'startedAt',
	'durationMs',
	'calls',
	'executionId',
	'workflowId',
	'node',
	'itemIndex',
]);
/** The fields of an audit record the workflow itself names. */
const WORKFLOW_FIELDS = new Set(['executionId', 'workflowId', 'node']);
const AUDIT_PLACE = /(?:^|\.)audit\[(\d+)\](.*)$/;
const MAX_AUDIT_TEXT = 200;
const URL_FIELD = /url$/i;
const WHITE_SPACE = /\s|\\[rnt]/;
const WHITE_SPACES = /\s+|\\[rnt]/g;

// ---- canaries ---------------------------------------------------------------------------------

const IMAGE_MAGIC = [
	[0xff, 0xd8, 0xff], // JPEG
	[0x89, 0x50, 0x4e, 0x47], // PNG
	[0x25, 0x50, 0x44, 0x46], // PDF
	[0x49, 0x49, 0x2a, 0x00], // TIFF
	[0x4d, 0x4d, 0x00, 0x2a], // TIFF
	[0x47, 0x49, 0x46, 0x38], // GIF
	[0x52, 0x49, 0x46, 0x46], // RIFF (WebP)
	[0x42, 0x4d], // BMP
];

/** The base64 of an image held in a string (plain or a data: URL), or undefined. */
function imageBase64(text) {
	if (typeof text !== 'string' || text.length < 100) return undefined;
	const body = text.replace(/^data:[\w.+/-]+;base64,/, '').replace(/\s+/g, '');
	if (!/^[A-Za-z0-9+/]+=*$/.test(body)) return undefined;
	const head = Buffer.from(body.slice(0, 16), 'base64');
	return IMAGE_MAGIC.some((magic) => magic.every((byte, i) => head[i] === byte)) ? body : undefined;
}

/** Every string and number in a plain value, with its path. */
function* leaves(value, path, seen = new Set()) {
	if (typeof value === 'string') {
		yield [path, value];
		return;
	}
	if (typeof value === 'number' || typeof value === 'bigint') {
		yield [path, String(value)];
		return;
	}
	if (!value || typeof value !== 'object' || seen.has(value)) return;
	seen.add(value);
	if (Buffer.isBuffer(value)) return;
	const entries = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
	for (const [key, inner] of entries) yield* leaves(inner, join(path, key), seen);
}

function join(path, key) {
	if (typeof key === 'number') return `${path}[${key}]`;
	return /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

const formCache = new Map();

/** `canaryForms`, remembered: the same few credential values come back in every test. */
function formsOf(value, others) {
	const key = JSON.stringify([value, ...others]);
	if (!formCache.has(key)) {
		if (formCache.size >= 500) formCache.delete(formCache.keys().next().value);
		formCache.set(key, canaryForms(value, others));
	}
	return formCache.get(key);
}

/**
 * A run's canaries: { secrets: [{ label, value, forms }], images: [{ label, base64 }],
 * niks: [{ label, forms }] }. Labels say where the canary came from, never what it is.
 */
function canariesOf({ credentials = {}, items = [], parameters = {}, body } = {}) {
	const values = [];
	for (const [type, fields] of Object.entries(credentials ?? {})) {
		for (const [field, value] of Object.entries(fields ?? {})) {
			if (URL_FIELD.test(field) || typeof value !== 'string') continue;
			if (value.trim().length < MIN_SECRET_LENGTH) continue;
			values.push({ label: `the ${type} ${field}`, value: value.trim() });
		}
	}
	const secrets = [];
	for (const { label, value } of values) {
		const known = secrets.find((secret) => secret.value === value);
		if (known) continue;
		const others = values.map((v) => v.value).filter((v) => v !== value);
		secrets.push({ label, value, forms: formsOf(value, others) });
	}

	const images = [];
	const addImage = (label, base64) => {
		if (base64 && !images.some((image) => image.base64 === base64)) images.push({ label, base64 });
	};
	const personal = [];
	const addPersonal = (label, text) => {
		if (typeof text !== 'string' || text.startsWith('=')) return;
		const found = [];
		const field = label.split('.').pop();
		if (PERSONAL_FIELD.test(field) && text.trim().length >= 4) found.push(text.trim());
		if (!ID_FIELD.test(field)) found.push(...(text.match(DIGIT_RUN) ?? []));
		for (const value of found) {
			if (!personal.some((known) => known.value === value))
				personal.push({ label: `the personal text in ${label}`, value });
		}
	};
	const niks = [];
	const addNiks = (label, text) => {
		for (const nik of String(text).match(NIK_IN_INPUT) ?? []) {
			if (!niks.some((known) => known.nik === nik))
				niks.push({ label: `the NIK in ${label}`, nik, forms: nikForms(nik) });
		}
	};
	(Array.isArray(items) ? items : []).forEach((item, index) => {
		for (const [field, binary] of Object.entries(item?.binary ?? {})) {
			const data = binary?.data;
			const base64 = Buffer.isBuffer(data) ? data.toString('base64') : data;
			if (typeof base64 === 'string' && base64.length >= IMAGE_WINDOW)
				addImage(`input image items[${index}].binary.${field}`, base64.replace(/\s+/g, ''));
		}
		for (const [path, text] of leaves(item?.json, `items[${index}].json`)) {
			addImage(`input image ${path}`, imageBase64(text));
			addNiks(path, text);
			// An audit record a later node copies (a case workflow's audit rows) is our node's own
			// output, not the input's personal text: its vendorReference would match itself.
			if (!AUDIT_PLACE.test(path)) addPersonal(path, text);
		}
	});
	for (const [path, text] of leaves(parameters, 'parameters')) {
		addImage(`input image ${path}`, imageBase64(text));
		addNiks(path, text);
		addPersonal(path, text);
	}
	for (const [path, text] of leaves(body, 'body')) {
		addImage(`input image ${path}`, imageBase64(text));
		addNiks(path, text);
	}
	return { secrets, images, niks, personal };
}

// ---- places: what a node produced ------------------------------------------------------------

/**
 * A place is { path, text, error (it is error text), json (json or error text, not the node's
 * echo of its input such as an error's `node`) }, or an output binary's data ({ binaryData: true }:
 * searched for an input image only, and only with Privacy).
 */
function placesOfValue(value, path, { error = false, json = true } = {}) {
	const places = [];
	walk(value, path, error, new Set(), false);
	return places;

	/** `inRaw`: below a `raw` field in json, the vendor's own answer (kept by design unless Privacy). */
	function walk(inner, at, isError, seen, inRaw) {
		if (typeof inner === 'string' || typeof inner === 'number' || typeof inner === 'bigint') {
			places.push({ path: at, text: String(inner), error: isError, json });
			return;
		}
		if (!inner || typeof inner !== 'object' || seen.has(inner) || Buffer.isBuffer(inner)) return;
		seen.add(inner);
		if (inner instanceof Error) return walkError(inner, at, seen);
		const entries = Array.isArray(inner) ? inner.map((v, i) => [i, v]) : Object.entries(inner);
		for (const [key, next] of entries) {
			if (typeof next === 'function') continue;
			const raw = inRaw || (!isError && key === 'raw');
			walk(next, join(at, key), !raw && (isError || ERROR_KEYS.has(key)), seen, raw);
		}
	}

	/** An Error as n8n saves it: `{ ...error, message, stack }`; its cause as toJSON projects it. */
	function walkError(error, at, seen) {
		const saved = { ...error, message: error.message, stack: error.stack };
		const cause = error.cause;
		if (cause !== undefined && !Object.prototype.propertyIsEnumerable.call(error, 'cause'))
			saved.cause = cause instanceof Error ? { name: cause.name, message: cause.message } : cause;
		for (const [key, next] of Object.entries(saved)) {
			if (typeof next === 'function') continue;
			if (key === 'node') {
				places.push(...placesOfValue(next, join(at, key), { error: false, json: false }));
				continue;
			}
			walk(next, join(at, key), true, seen, false);
		}
	}
}

/** An error as n8n saves it in the execution: every field error text, its `node` the workflow's. */
function errorPlaces(error, path) {
	if (!error || typeof error !== 'object') return placesOfValue(error, path, { error: true });
	const places = [];
	const plain = error instanceof Error ? undefined : error;
	if (plain) {
		for (const [key, value] of Object.entries(plain)) {
			const at = join(path, key);
			places.push(
				...(key === 'node'
					? placesOfValue(value, at, { error: false, json: false })
					: placesOfValue(value, at, { error: true })),
			);
		}
		return places;
	}
	return placesOfValue(error, path, { error: true });
}

/** Items (json and binary metadata; binary data passes through by design). */
function itemPlaces(items, path) {
	const places = [];
	(Array.isArray(items) ? items : []).forEach((item, index) => {
		const at = `${path}[${index}]`;
		if (!item || typeof item !== 'object') return;
		places.push(...placesOfValue(item.json, `${at}.json`));
		for (const [field, binary] of Object.entries(item.binary ?? {})) {
			const { data, ...meta } = binary ?? {};
			places.push(...placesOfValue(meta, `${at}.binary.${field}`));
			// Searched for an input image only with Privacy, which leaves the input's binaries out.
			if (typeof data === 'string')
				places.push({ path: `${at}.binary.${field}.data`, text: data, binaryData: true });
		}
		if (item.error) places.push(...errorPlaces(item.error, `${at}.error`));
	});
	return places;
}

const OUTPUT_NAMES = ['items', 'errorItems'];

/** One task of n8n's run data (one node run): its outputs, its error, its hints. */
function taskPlaces(task, prefix = '') {
	if (!task) return [];
	const places = [];
	(task.data?.main ?? []).forEach((output, index) => {
		places.push(...itemPlaces(output, `${prefix}${OUTPUT_NAMES[index] ?? `outputs[${index}]`}`));
	});
	// A node run as an agent's or MCP client's tool: its answer, `{ response }`, is on ai_tool.
	(task.data?.ai_tool ?? []).forEach((output, index) => {
		places.push(...itemPlaces(output, `${prefix}ai_tool[${index}]`));
	});
	if (task.error) places.push(...errorPlaces(task.error, `${prefix}error`));
	if (task.hints) places.push(...placesOfValue(task.hints, `${prefix}hints`, { error: true }));
	return places;
}

/** Everything a recorded engine-test run produced (see test/invariants/runs.js). */
function placesOfRun(run) {
	const result = run.result ?? {};
	const places = [];
	if (result.thrown !== undefined) places.push(...errorPlaces(result.thrown, 'thrown'));
	if (run.kind === 'node') {
		const runData = result.run?.data?.resultData;
		const tasks = runData ? Object.values(runData.runData ?? {}).flat() : [];
		if (tasks.length > 0) {
			for (const task of tasks) places.push(...taskPlaces(task));
		} else {
			places.push(...itemPlaces(result.items, 'items'));
			places.push(...itemPlaces(result.errorItems, 'errorItems'));
			if (result.error) places.push(...errorPlaces(result.error, 'error'));
		}
		const executionError = runData?.error;
		if (executionError && !tasks.some((task) => task?.error === executionError))
			places.push(...errorPlaces(executionError, 'executionError'));
		return places;
	}
	if (run.kind === 'webhook') {
		const answer = result.result ?? {};
		(answer.workflowData ?? []).forEach((output, index) =>
			places.push(...itemPlaces(output, `workflowData[${index}]`)),
		);
		const rest = { ...answer };
		delete rest.workflowData;
		places.push(...placesOfValue(rest, 'webhookResult'));
		const response = result.response;
		if (response) {
			const failed = Number(response.statusCode) >= 400;
			places.push(...placesOfValue(response.body, 'response.body', { error: failed }));
			if (response.headers) places.push(...placesOfValue(response.headers, 'response.headers'));
		}
		return places;
	}
	places.push(...placesOfValue(result.result, 'result'));
	return places;
}

// ---- the search -------------------------------------------------------------------------------

const SEPARATOR = '\u0001';

const imageIndexes = new Map();

/** The image's 20-character windows at every 20th position → their positions. */
function imageIndex(base64) {
	let index = imageIndexes.get(base64);
	if (index) return index;
	index = new Map();
	for (let at = 0; at + INDEX_STRIDE <= base64.length; at += INDEX_STRIDE) {
		const key = base64.slice(at, at + INDEX_STRIDE);
		const positions = index.get(key);
		if (!positions) index.set(key, [at]);
		else if (positions.length < 8) positions.push(at);
	}
	if (imageIndexes.size >= 16) imageIndexes.delete(imageIndexes.keys().next().value);
	imageIndexes.set(base64, index);
	return index;
}

/** Whether `text` holds 40 consecutive characters of `base64`. */
function holdsImageWindow(text, base64) {
	const index = imageIndex(base64);
	for (const run of text.replace(/\\\//g, '/').match(/[A-Za-z0-9+/=]{40,}/g) ?? []) {
		for (let at = 0; at + INDEX_STRIDE <= run.length; at++) {
			const positions = index.get(run.slice(at, at + INDEX_STRIDE));
			if (!positions) continue;
			for (const position of positions) {
				// The run's window at `at` is the image's at `position`: extend both ways.
				let start = 0;
				while (
					start < at &&
					start < position &&
					run[at - start - 1] === base64[position - start - 1]
				)
					start++;
				let end = INDEX_STRIDE;
				while (at + end < run.length && run[at + end] === base64[position + end]) end++;
				if (start + end >= IMAGE_WINDOW) return true;
			}
		}
	}
	return false;
}

/**
 * The violations in `places` for `canaries` (from `canariesOf`), each `${where}: ${path}: ${what}`.
 * `privacy`: the NIK rule covers all json, not only error text.
 */
function searchPlaces(places, canaries, { where, privacy = false }) {
	const violations = [];
	const report = (path, what) => violations.push(`${where}: ${path}: ${what}`);
	const all = places.filter((place) => place.text.length > 0);
	// A value's base64 may be broken by line breaks anywhere, also more than once, and a scrubber
	// that collapses white space turns them into spaces (base64 decoders skip both): each text with
	// white space is searched once more without it (real, and JSON-escaped `\n`, `\r`, `\t`).
	const texts = all
		.filter((place) => !place.binaryData)
		.flatMap((place) =>
			WHITE_SPACE.test(place.text)
				? [place, { ...place, text: place.text.replace(WHITE_SPACES, ''), unwrapped: true }]
				: [place],
		);
	const haystack = texts.map((place) => place.text).join(SEPARATOR);
	for (const secret of canaries.secrets) {
		const found = new Set();
		for (const { form, text } of secret.forms) {
			if (!haystack.includes(text)) continue;
			for (const place of texts) {
				if (found.has(place.path) || !place.text.includes(text)) continue;
				found.add(place.path);
				const broken = place.unwrapped ? ', broken by white space' : '';
				report(place.path, `${form}${broken} of ${secret.label}`);
			}
		}
	}
	const produced = all.filter((place) => place.json);
	const imagePlaces = all.filter((place) => place.json || (privacy && place.binaryData));
	for (const image of canaries.images) {
		for (const place of imagePlaces) {
			if (place.text.length >= IMAGE_WINDOW && holdsImageWindow(place.text, image.base64))
				report(place.path, `40+ characters of the base64 of the ${image.label}`);
		}
	}
	const nikPlaces = produced.filter((place) => place.error || privacy);
	const nikHaystack = nikPlaces.map((place) => place.text).join(SEPARATOR);
	for (const nik of canaries.niks) {
		const found = new Set();
		for (const { form, text } of nik.forms) {
			if (!nikHaystack.includes(text)) continue;
			for (const place of nikPlaces) {
				if (found.has(place.path) || !place.text.includes(text)) continue;
				found.add(place.path);
				const kind = place.error ? 'error text' : 'json with Privacy on';
				report(place.path, `${form} (${nik.label}) in ${kind}`);
			}
		}
	}
	checkAuditRecords(all, canaries, report);
	return violations;
}

/** The audit records' rules (see the head of this file), each violation through `report`. */
function checkAuditRecords(places, canaries, report) {
	const say = report;
	for (const place of places) {
		const at = AUDIT_PLACE.exec(place.path);
		if (!at || place.binaryData) continue;
		const field = /^\.([A-Za-z]+)$/.exec(at[2])?.[1];
		if (!field || !AUDIT_FIELDS.has(field)) {
			say(place.path, 'an audit record holds a field that is not in the contract');
			continue;
		}
		if (place.text.length > MAX_AUDIT_TEXT)
			say(place.path, `an audit record's value is longer than ${MAX_AUDIT_TEXT} characters`);
		for (const nik of canaries.niks) {
			if (nik.forms.some(({ text }) => place.text.includes(text)))
				say(place.path, `${nik.label} in an audit record`);
		}
		if (WORKFLOW_FIELDS.has(field)) continue;
		const lower = place.text.toLowerCase();
		for (const personal of canaries.personal ?? []) {
			if (lower.includes(personal.value.toLowerCase()))
				say(place.path, `${personal.label} in an audit record`);
		}
	}
}

/** `run 3 (node KycAnyVendor check=readKtp mode=failover)`. */
function describeRun(run, index) {
	const p = run.parameters ?? {};
	const what = ['resource', 'operation', 'check', 'mode']
		.filter((key) => typeof p[key] === 'string')
		.map((key) => `${key}=${p[key]}`);
	if (run.method) what.unshift(run.method);
	return `run ${index + 1} (${[run.kind, run.nodeType, ...what].join(' ')})`;
}

const privacyOf = (run) => run.parameters?.options?.privacy === true;

/** The engine-test check: `(runs) => violations`. */
function checkCanaries(runs) {
	const violations = [];
	runs.forEach((run, index) => {
		const canaries = canariesOf(run);
		const places = placesOfRun(run).filter(
			(place) => !byDesign(run.nodeType, run.parameters, place.path),
		);
		violations.push(
			...searchPlaces(places, canaries, {
				where: describeRun(run, index),
				privacy: privacyOf(run),
			}),
		);
	});
	return violations;
}

module.exports = {
	checkCanaries,
	byDesign,
	canariesOf,
	placesOfRun,
	placesOfValue,
	errorPlaces,
	itemPlaces,
	taskPlaces,
	searchPlaces,
	imageBase64,
};
