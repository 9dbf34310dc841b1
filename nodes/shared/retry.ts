/** HTTP statuses that say "not now": the vendor did not process the call. */
const REFUSED_STATUSES = new Set([429, 503]);
/** Gateway failures: the vendor behind the gateway may or may not have processed the call. */
const GATEWAY_STATUSES = new Set([502, 504]);

/** Connection failures before the request reached the vendor: always safe to send again. */
const NOT_SENT_CODES = new Set([
	'ECONNREFUSED',
	'ENOTFOUND',
	'EAI_AGAIN',
	'EHOSTUNREACH',
	'ENETUNREACH',
]);
/** Failures after the request may have reached the vendor. */
const MAYBE_SENT_CODES = new Set([
	'ECONNRESET',
	'ETIMEDOUT',
	'ECONNABORTED',
	'EPIPE',
	'ESOCKETTIMEDOUT',
]);

/** TLS failures: the handshake failed, so the request itself was never sent. */
const TLS_CODES =
	/^(?:CERT_|DEPTH_ZERO_|SELF_SIGNED_|UNABLE_TO_(?:GET|VERIFY)_|ERR_TLS_|ERR_SSL_|EPROTO$)/;

export const MAX_WAIT_MS = 120_000;
const BASE_DELAY_MS = 500;
const MAX_BACKOFF_MS = 30_000;

export type Delivery = 'not-sent' | 'maybe-processed' | 'unknown';

export interface TransportFailure {
	delivery: Delivery;
	code: string;
	timedOut: boolean;
	/** The vendor's answer arrived, but broken: not valid HTTP, or cut short. */
	badAnswer?: 'malformed' | 'truncated';
}

/** An answer that arrived broken: the request had been sent, and may have been processed. */
function badAnswer(codes: string[], text: string): TransportFailure['badAnswer'] {
	if (codes.some((code) => code.startsWith('HPE_')) || /parse error/i.test(text))
		return 'malformed';
	if (
		codes.some((code) => code === 'ERR_BAD_RESPONSE' || code === 'ERR_STREAM_PREMATURE_CLOSE') ||
		/aborted|premature close/i.test(text)
	)
		return 'truncated';
	return undefined;
}

export function isRefusedStatus(status: number): boolean {
	return REFUSED_STATUSES.has(status);
}

export function isGatewayStatus(status: number): boolean {
	return GATEWAY_STATUSES.has(status);
}

/** Reads the network error code that n8n's request helper wraps, at whatever depth it sits. */
export function classifyTransportError(error: unknown): TransportFailure {
	const codes: string[] = [];
	const messages: string[] = [];
	let current: unknown = error;
	for (let depth = 0; current && typeof current === 'object' && depth < 5; depth++) {
		const record = current as {
			code?: unknown;
			httpCode?: unknown;
			message?: unknown;
			cause?: unknown;
		};
		if (typeof record.code === 'string') codes.push(record.code);
		// n8n 1.x's NodeApiError keeps a network error's code only here (no `code`, no `cause`).
		if (typeof record.httpCode === 'string' && /^E[A-Z_]+$/.test(record.httpCode))
			codes.push(record.httpCode);
		if (typeof record.message === 'string') messages.push(record.message);
		current = record.cause;
	}
	const text = messages.join(' ');
	const timedOut = /timeout|timed out/i.test(text) || codes.includes('ETIMEDOUT');
	const notSent = codes.find((code) => NOT_SENT_CODES.has(code) || TLS_CODES.test(code));
	if (notSent) return { delivery: 'not-sent', code: notSent, timedOut: false };
	const maybe = codes.find((code) => MAYBE_SENT_CODES.has(code));
	if (maybe || timedOut || /socket hang up/i.test(text)) {
		return {
			delivery: 'maybe-processed',
			code: maybe ?? (timedOut ? 'ETIMEDOUT' : 'ECONNRESET'),
			timedOut,
		};
	}
	const broken = badAnswer(codes, text);
	if (broken)
		return { delivery: 'maybe-processed', code: codes[0] ?? broken, timedOut, badAnswer: broken };
	return { delivery: 'unknown', code: codes[0] ?? 'UNKNOWN', timedOut: false };
}

/** `Retry-After` as milliseconds: delta-seconds or an HTTP date. */
export function parseRetryAfter(value: unknown, now = Date.now()): number | undefined {
	if (Array.isArray(value)) value = value[0];
	if (typeof value !== 'string' && typeof value !== 'number') return undefined;
	const text = String(value).trim();
	if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
	const date = Date.parse(text);
	return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Exponential backoff with jitter (half fixed, half random), never shorter than `Retry-After`. */
export function backoffDelay(attempt: number, retryAfterMs?: number, random = Math.random): number {
	const ceiling = Math.min(MAX_BACKOFF_MS, BASE_DELAY_MS * 2 ** attempt);
	const jittered = ceiling / 2 + random() * (ceiling / 2);
	return Math.round(Math.max(jittered, retryAfterMs ?? 0));
}
