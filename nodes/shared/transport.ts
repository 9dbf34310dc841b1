import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	IWebhookFunctions,
} from 'n8n-workflow';

import { ALLOW_INSECURE_HTTP, parseBaseUrl } from './baseUrl';
import { InputProblem, VendorFailure, type VendorFault } from './errors';
import {
	backoffDelay,
	classifyTransportError,
	isGatewayStatus,
	isRefusedStatus,
	MAX_WAIT_MS,
	parseRetryAfter,
} from './retry';
import { RateLimiter } from './rateLimiter';
import { describeBody } from './scrub';
import type { KycVendor } from './types';
import { CancelledError, waitOrAbort } from './wait';

export interface KycRequest {
	method: IHttpRequestMethods;
	path: string;
	qs?: IDataObject;
	/** JSON body. */
	json?: IDataObject;
	/** `application/x-www-form-urlencoded` body. */
	form?: Record<string, string>;
	/** Multipart body, built anew for every attempt. */
	multipart?: () => FormData;
	/** Extra headers for this call (the credential adds authentication). */
	headers?: Record<string, string>;
	/** The answer is a file: a successful body stays a Buffer instead of being parsed as JSON. */
	binary?: boolean;
	/** Safe to send again after a time-out: a read, or a vendor that dedupes the call. */
	repeatable: boolean;
	/** Whether the vendor may bill this call; by default every call that is not repeatable. */
	billable?: boolean;
	/** Values made afresh for each call (a request ID, a time stamp): they do not make it another call. */
	volatile?: string[];
}

export interface KycResponse {
	statusCode: number;
	headers: IDataObject;
	body: unknown;
}

export interface TransportSettings {
	baseUrl: string;
	retries: number;
	timeoutMs: number;
	/** The vendor account's pace, shared across executions (`vendorPace`); without one a call paces only itself. */
	limiter?: RateLimiter;
	/**
	 * How long a call the vendor refuses for its rate limit is tried again (the Rate-Limit Wait
	 * option); undefined: such refusals count against `retries` like any other (triggers).
	 */
	rateLimitWaitMs?: number;
	/** Told of every HTTP call made (retries and refusals included), when it began and ended. */
	onCall?: (startedAt: number, endedAt: number) => void;
}

function toHttpOptions(request: KycRequest, settings: TransportSettings): IHttpRequestOptions {
	const options: IHttpRequestOptions = {
		method: request.method,
		baseURL: settings.baseUrl,
		url: request.path,
		qs: request.qs,
		timeout: settings.timeoutMs,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		// A redirect would re-send the key (and with 307 the body) wherever it points.
		disableFollowRedirect: true,
		json: true,
		headers: { Accept: request.binary ? '*/*' : 'application/json', ...request.headers },
	};
	if (request.binary) {
		options.json = false;
		options.encoding = 'arraybuffer';
	}
	if (request.json) {
		options.body = request.json;
		options.headers = { ...options.headers, 'Content-Type': 'application/json' };
	} else if (request.form) {
		options.body = new URLSearchParams(request.form).toString();
		options.headers = { ...options.headers, 'Content-Type': 'application/x-www-form-urlencoded' };
	} else if (request.multipart) {
		options.body = request.multipart();
	}
	return options;
}

function toBuffer(body: unknown): Buffer {
	if (Buffer.isBuffer(body)) return body;
	if (body instanceof ArrayBuffer) return Buffer.from(body);
	if (typeof body === 'string') return Buffer.from(body, 'binary');
	return Buffer.alloc(0);
}

function parseBody(body: unknown): unknown {
	if (body instanceof ArrayBuffer) body = Buffer.from(body);
	if (Buffer.isBuffer(body)) body = body.toString('utf8');
	if (typeof body !== 'string') return body;
	try {
		return JSON.parse(body);
	} catch {
		return body;
	}
}

/** What any vendor's HTTP status means when the vendor's own mapping has nothing more specific. */
export function httpFault(status: number, vendor: KycVendor): VendorFault | undefined {
	if (status >= 200 && status < 300) return undefined;
	const credential = `the ${vendor.displayName} credential`;
	if (status === 401 || status === 403) {
		return {
			code: `HTTP ${status}`,
			meaning: 'the vendor rejected the credentials',
			httpStatus: status,
			unprocessed: 'credential',
			hint: `Check the key in ${credential}, and that it belongs to the environment its Base URL points at.`,
		};
	}
	if (status === 404) {
		return {
			code: 'HTTP 404',
			meaning: 'no such endpoint at this base URL',
			httpStatus: status,
			hint: `Check the Base URL in ${credential}.`,
		};
	}
	if (status === 413) {
		return {
			code: 'HTTP 413',
			meaning: 'the request is too large for the vendor',
			httpStatus: status,
		};
	}
	if (status === 429) {
		return {
			code: 'HTTP 429',
			meaning: 'rate limit reached; retries were used up',
			httpStatus: status,
			hint: 'Lower the Concurrency option or raise Retries.',
		};
	}
	if (status >= 500) {
		return { code: `HTTP ${status}`, meaning: 'the vendor had a server error', httpStatus: status };
	}
	return { code: `HTTP ${status}`, meaning: 'the vendor refused the request', httpStatus: status };
}

/** A successful status whose body is no JSON object (e.g. a proxy's HTML page) is not a result. */
function notJsonFault(response: KycResponse, request: KycRequest): VendorFault | undefined {
	const body = response.body;
	if (request.binary || (body && typeof body === 'object' && !Array.isArray(body)))
		return undefined;
	return {
		code: 'UNEXPECTED',
		meaning:
			'the answer is not the JSON object the vendor documents (a proxy or maintenance page?)',
		httpStatus: response.statusCode,
		detail:
			typeof body === 'string' ? describeBody(body, response.headers['content-type']) : undefined,
		hint: 'Check the base URL in the credential; if it is right, the vendor may be down.',
	};
}

/** The credential's base URL, once it passes the core's rule and the vendor's own. */
export function checkBaseUrl(
	credentials: ICredentialDataDecryptedObject,
	vendor: KycVendor,
): string {
	const field = `${vendor.baseUrlLabel ?? 'Base URL'} in the ${vendor.displayName} credential`;
	const parsed = parseBaseUrl(
		credentials[vendor.baseUrlField],
		credentials[ALLOW_INSECURE_HTTP] === true,
	);
	if ('problem' in parsed) throw new InputProblem(field, parsed.problem);
	const problem = vendor.baseUrlProblem?.(new URL(parsed.url));
	if (problem) throw new InputProblem(field, problem);
	return parsed.url;
}

/**
 * A 3xx answer is never followed: it is a failure that names where it points (origin only: a
 * path or query may carry tokens) and says nothing was sent there.
 */
function redirectFault(
	response: KycResponse,
	baseUrl: string,
	vendor: KycVendor,
): VendorFault | undefined {
	const status = response.statusCode;
	if (status < 300 || status >= 400 || status === 304) return undefined;
	const location = response.headers.location;
	const text = Array.isArray(location) ? location[0] : location;
	let where = 'an address it did not give (no Location header)';
	if (typeof text === 'string' && text.trim() !== '') {
		const url = URL.canParse(text.trim(), baseUrl) ? new URL(text.trim(), baseUrl) : undefined;
		if (!url) where = 'an address that is not a valid URL';
		else where = url.origin !== 'null' ? url.origin : `a ${url.protocol} address`;
	}
	return {
		code: `HTTP ${status}`,
		meaning: `the vendor answered with a redirect to ${where}; redirects are not followed, so nothing was sent there`,
		httpStatus: status,
		// The vendor answered without processing the call; a redirect still ends the item here.
		billed: false,
		hint: `Check the ${vendor.baseUrlLabel ?? 'Base URL'} in the ${vendor.displayName} credential: it must be the vendor's API address itself. If the vendor has moved, enter the new address once you have checked it belongs to the vendor.`,
	};
}

/** A refusal that says "too many calls now": the vendor processed nothing, so waiting is free. */
function isRateLimit(status: number, fault: VendorFault): boolean {
	return status === 429 || fault.rateLimit === true;
}

const seconds = (ms: number) => Math.max(0, Math.round(ms / 1000));

/** Past the Rate-Limit Wait: the item fails, saying how long it waited and how to wait longer. */
function patienceFault(
	fault: VendorFault,
	waitedMs: number,
	budgetMs: number,
	retryAfterMs: number | undefined,
): VendorFault {
	const waited = seconds(waitedMs);
	const allowed = seconds(budgetMs);
	const note =
		retryAfterMs !== undefined && waitedMs + retryAfterMs > budgetMs
			? `the vendor asks to retry after ${seconds(retryAfterMs)} s; with the ${waited} s already waited that is past the ${allowed} s of Options → Rate-Limit Wait (Seconds), raise it to wait longer`
			: `still refused after ${waited} s of waiting, the ${allowed} s of Options → Rate-Limit Wait (Seconds); raise it to wait longer`;
	return {
		...fault,
		billed: false,
		unprocessed: fault.unprocessed ?? 'busy',
		meaning: fault.meaning.replace(/; retries were used up$/, ''),
		note,
		hint: `Raise Options → Rate-Limit Wait (Seconds) (now ${allowed}), set Requests per Second in the credential to the vendor's limit, or send fewer items at once.`,
	};
}

/**
 * Sends one vendor call through n8n's authenticated request helper, retrying what is safe to retry:
 * a rate-limit refusal (429, or the vendor's own rate-limit code) for as long as the Rate-Limit
 * Wait allows, honouring `Retry-After`; 503 and the vendor's other "retry later" codes and
 * connection failures before sending, up to Retries times; 502, 504, time-outs and dropped
 * connections only when the request is repeatable, because a billed call the vendor may have
 * processed must not be paid for twice.
 */
export async function sendRequest(
	fn: IExecuteFunctions | IHookFunctions | IWebhookFunctions,
	vendor: KycVendor,
	request: KycRequest,
	settings: TransportSettings,
): Promise<KycResponse> {
	// Only executions can be cancelled; a trigger's hooks and webhook run to the end.
	const signal = 'getExecutionCancelSignal' in fn ? fn.getExecutionCancelSignal?.() : undefined;
	const limiter = settings.limiter ?? new RateLimiter();
	const budgetMs = settings.rateLimitWaitMs;
	/** When the vendor first refused this call for its rate limit, and how often since. */
	let refusedSince: number | undefined;
	let refusals = 0;
	let last: { fault: VendorFault; retryAfter?: number } | undefined;
	for (let attempt = 0; ; ) {
		if (signal?.aborted) throw new CancelledError();
		const canRetry = attempt < settings.retries;
		const deadline =
			budgetMs !== undefined && refusedSince !== undefined ? refusedSince + budgetMs : Infinity;
		const startedAt = await limiter.acquire(signal, deadline);
		if (startedAt === undefined && last && refusedSince !== undefined && budgetMs !== undefined) {
			const fault = patienceFault(last.fault, Date.now() - refusedSince, budgetMs, last.retryAfter);
			throw new VendorFailure(vendor.displayName, fault);
		}
		const sentAt = Date.now();
		const outcome = await fn.helpers.httpRequestWithAuthentication
			.call(fn, vendor.credentialType, toHttpOptions(request, settings))
			.then((raw) => ({ raw: raw as { statusCode: number; headers?: IDataObject; body: unknown } }))
			.catch((error: unknown) => ({ error }));
		settings.onCall?.(sentAt, Date.now());
		if (signal?.aborted) throw new CancelledError();
		const began = startedAt ?? Date.now();
		if ('error' in outcome) {
			const failure = classifyTransportError(outcome.error);
			const safe = failure.delivery === 'not-sent' || request.repeatable;
			if (canRetry && safe) {
				await waitOrAbort(backoffDelay(attempt++), signal);
				continue;
			}
			throw new VendorFailure(vendor.displayName, transportFault(failure, request, settings));
		}
		const { raw } = outcome;
		const keepFile = request.binary && raw.statusCode >= 200 && raw.statusCode < 300;
		const response: KycResponse = {
			statusCode: raw.statusCode,
			headers: raw.headers ?? {},
			body: keepFile ? toBuffer(raw.body) : parseBody(raw.body),
		};
		if (response.statusCode !== 429) limiter.admit(began);

		const redirect = redirectFault(response, settings.baseUrl, vendor);
		if (redirect) throw new VendorFailure(vendor.displayName, redirect);
		const fault =
			vendor.inspect(response, request) ??
			httpFault(response.statusCode, vendor) ??
			notJsonFault(response, request);
		if (!fault) return response;

		const status = response.statusCode;
		const retryAfter = parseRetryAfter(response.headers['retry-after']);
		if (status === 429 && (retryAfter === undefined || retryAfter <= MAX_WAIT_MS)) {
			// Every call to this vendor account waits, so the others stop filling the vendor's window.
			const backoff = backoffDelay(budgetMs === undefined ? attempt : refusals);
			limiter.refuse(began, retryAfter || backoff);
		}
		if (budgetMs !== undefined && isRateLimit(status, fault)) {
			refusedSince ??= began;
			last = { fault, retryAfter };
			const waitedMs = Date.now() - refusedSince;
			// A 429 waits in the shared limiter; a vendor's own code with jitter, so waiting calls spread.
			const delay = status === 429 ? (retryAfter ?? 0) : backoffDelay(refusals, retryAfter);
			if (waitedMs + delay > budgetMs) {
				throw new VendorFailure(
					vendor.displayName,
					patienceFault(fault, waitedMs, budgetMs, retryAfter),
				);
			}
			// The shared pause holds at most MAX_WAIT_MS; a longer Retry-After is this call's own wait.
			if (status !== 429 || delay > MAX_WAIT_MS) await waitOrAbort(delay, signal);
			refusals++;
			continue;
		}
		// The vendor turned the call away for now: it did not process it.
		const refused = fault.transient === true || isRefusedStatus(status);
		const retryable = refused || (isGatewayStatus(status) && request.repeatable);
		const unprocessed = fault.unprocessed ?? (refused ? 'busy' : undefined);
		if (canRetry && retryable) {
			if (retryAfter === undefined || retryAfter <= MAX_WAIT_MS) {
				if (status !== 429) await waitOrAbort(backoffDelay(attempt, retryAfter), signal);
				attempt++;
				continue;
			}
			throw new VendorFailure(vendor.displayName, {
				...fault,
				unprocessed,
				meaning: fault.meaning.replace(/; retries were used up$/, ''),
				note: `the vendor asks to retry after ${Math.round(retryAfter / 1000)} s, longer than the ${MAX_WAIT_MS / 1000} s this node waits`,
				hint: 'Run the item again later, or lower the Concurrency option.',
			});
		}
		if (isGatewayStatus(status) && !request.repeatable) {
			throw new VendorFailure(vendor.displayName, {
				...fault,
				note: 'the call may have been processed and billed, so it was not sent again',
				mayHaveProcessed: true,
				hint: `Check the result at ${vendor.displayName} before you run this item again.`,
			});
		}
		throw new VendorFailure(vendor.displayName, unprocessed ? { ...fault, unprocessed } : fault);
	}
}

/** Words, not the raw codes: n8n replaces any message that contains ECONNREFUSED & co. with generic text. */
function failureName(failure: ReturnType<typeof classifyTransportError>): string {
	if (failure.badAnswer) return `${failure.badAnswer} answer`;
	if (failure.timedOut) return 'time-out';
	if (failure.delivery === 'not-sent')
		return failure.code === 'ECONNREFUSED' ? 'connection refused' : 'host unreachable';
	return failure.delivery === 'maybe-processed' ? 'connection lost' : 'network error';
}

function transportFault(
	failure: ReturnType<typeof classifyTransportError>,
	request: KycRequest,
	settings: TransportSettings,
): VendorFault {
	const what = failure.badAnswer
		? `the answer was ${failure.badAnswer === 'malformed' ? 'not valid HTTP' : 'cut short'}`
		: failure.timedOut
			? `no answer within ${Math.round(settings.timeoutMs / 1000)} s`
			: failure.delivery === 'not-sent'
				? 'could not connect'
				: 'the connection failed';
	// A failure that does not say the request stayed here may have reached the vendor.
	if (failure.delivery !== 'not-sent' && !request.repeatable) {
		const when = failure.delivery === 'maybe-processed' ? ' after the request was sent' : '';
		return {
			code: failureName(failure),
			meaning: `${what}${when}; it may have been processed and billed, so it was not sent again`,
			mayHaveProcessed: true,
			hint: 'Check the result at the vendor before you run this item again, or raise the Timeout option.',
		};
	}
	return {
		code: failureName(failure),
		meaning: `${what}; retries were used up`,
		...(failure.delivery === 'not-sent' ? { unprocessed: 'notSent' as const } : {}),
	};
}
