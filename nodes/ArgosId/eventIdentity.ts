import type { IDataObject } from 'n8n-workflow';

/**
 * What makes one Argos webhook the same event as another, and when it happened, read from the
 * decrypted payload (never from the bytes that carried it: re-encrypting, re-ordering keys, adding
 * fields or, in ECB, duplicating a block inside a text field leaves the decision the same).
 *
 * Argos documents these payloads (webhooks overview, vendor-apis.md D.6):
 * - `approved` / `rejected` / `updated`: `submission_id`, `kyc_result{status, updated_at,
 *   created_at, kyc_result_at, pending_at, reviewer}` and the applicant's data;
 * - `created` / `retry`: `submission_id`, `kyc_result{status}`, `retryCode`, `attempts`, no time;
 * - `aml`: `submission_id`, `aml_result{currentstatus, risk_level_summary}`, no time.
 * The decision is `webhook_trigger` + `submission_id` + those result fields. An event type whose
 * payload Argos does not document (`submit`, `delete`, `injection`, `aml_monitor`, others) is keyed
 * on its whole payload, canonicalised, since nothing says which of its fields decide.
 * The time is the latest of `kyc_result`'s four times; events without one carry no time.
 */

const KYC_RESULT_FIELDS = [
	'status',
	'updated_at',
	'created_at',
	'kyc_result_at',
	'pending_at',
	'reviewer',
];
const AML_RESULT_FIELDS = ['currentstatus', 'risk_level_summary'];
const TIME_FIELDS = ['updated_at', 'kyc_result_at', 'pending_at', 'created_at'];
const DOCUMENTED_EVENTS = new Set(['approved', 'rejected', 'updated', 'created', 'retry', 'aml']);

export interface EventIdentity {
	/** Canonical JSON of the decision: equal for the same decision however it was sent. */
	key: string;
	/** When Argos says the event happened, in ms since the epoch; undefined when it does not say. */
	time?: number;
}

const isRecord = (value: unknown): value is IDataObject =>
	value !== null && typeof value === 'object' && !Array.isArray(value);

/** Objects with their keys sorted, at any depth, so that key order does not matter. */
function canonical(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(canonical);
	if (!isRecord(value)) return value;
	return Object.fromEntries(
		Object.keys(value)
			.sort()
			.map((key) => [key, canonical(value[key])]),
	);
}

function pick(value: unknown, fields: string[]): unknown {
	if (!isRecord(value)) return value;
	return Object.fromEntries(
		fields.filter((field) => value[field] !== undefined).map((field) => [field, value[field]]),
	);
}

/** A time as ms since the epoch: ISO 8601, `YYYY-MM-DD HH:mm:ss` (read as UTC), or epoch s/ms. */
export function parseEventTime(value: unknown): number | undefined {
	let number: number | undefined;
	if (typeof value === 'number') number = value;
	else if (typeof value === 'string' && /^\d{9,13}(\.\d+)?$/.test(value.trim()))
		number = Number(value);
	if (number !== undefined)
		return Number.isFinite(number) && number > 0
			? number < 1e11
				? number * 1000
				: number
			: undefined;
	if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}/.test(value.trim())) return undefined;
	let text = value.trim().replace(/^(\d{4}-\d{2}-\d{2}) (\d)/, '$1T$2');
	// Without a zone, Date.parse reads a date-time as local time; Argos's servers speak UTC.
	if (/T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(text)) text = `${text}Z`;
	const ms = Date.parse(text);
	return Number.isNaN(ms) ? undefined : ms;
}

/** When the event happened: the latest of the times its `kyc_result` carries. */
export function eventTime(payload: IDataObject): number | undefined {
	const result = payload.kyc_result;
	if (!isRecord(result)) return undefined;
	const times = TIME_FIELDS.map((field) => parseEventTime(result[field])).filter(
		(time): time is number => time !== undefined,
	);
	return times.length > 0 ? Math.max(...times) : undefined;
}

/** The decision's identity and time. */
export function eventIdentity(payload: IDataObject): EventIdentity {
	const trigger = payload.webhook_trigger;
	const decision = {
		webhook_trigger: trigger,
		submission_id: payload.submission_id,
		kyc_result: pick(payload.kyc_result, KYC_RESULT_FIELDS),
		aml_result: pick(payload.aml_result, AML_RESULT_FIELDS),
		retryCode: payload.retryCode,
		attempts: payload.attempts,
		...(DOCUMENTED_EVENTS.has(String(trigger)) ? {} : { payload }),
	};
	return { key: JSON.stringify(canonical(decision)), time: eventTime(payload) };
}
