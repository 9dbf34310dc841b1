/**
 * Where a credential's key may be sent: the one rule for every vendor's base URL, used by the
 * nodes before any call (nodes/shared/transport.ts) and by the credentials' own `authenticate`,
 * which n8n also runs for the credential test. Pure: no n8n imports, so credentials can use it.
 */

/** The credential field that lets a key travel over plain http:// to another machine. */
export const ALLOW_INSECURE_HTTP = 'allowInsecureHttp';

/** This machine: localhost, 127.0.0.0/8 and ::1, as the WHATWG URL parser spells them. */
export function isLoopbackHost(hostname: string): boolean {
	const host = hostname.toLowerCase().replace(/\.$/, '');
	return host === 'localhost' || host === '[::1]' || /^127(\.\d{1,3}){3}$/.test(host);
}

/** Why a key may not travel to this URL: not http(s), or http:// to another machine. */
function transportProblem(url: URL, allowInsecureHttp: boolean): string | undefined {
	if (url.protocol !== 'https:' && url.protocol !== 'http:') {
		return `must use https://, not ${url.protocol}//`;
	}
	if (url.protocol === 'http:' && !isLoopbackHost(url.hostname) && !allowInsecureHttp) {
		return `must use https:// (http:// only to this machine: localhost, 127.0.0.0/8, ::1): over http:// to ${url.host} the key and the ID images would travel unencrypted. Turn on Allow Insecure HTTP in the credential only for a host on a network you trust`;
	}
	return undefined;
}

/** The normalised base URL, or why the credential's key may not be sent to it. */
export function parseBaseUrl(
	value: unknown,
	allowInsecureHttp: boolean,
): { url: string } | { problem: string } {
	const text = typeof value === 'string' ? value.trim() : '';
	if (text === '') return { problem: 'is empty' };
	if (!URL.canParse(text)) {
		return { problem: 'is not a valid URL; it must start with https://' };
	}
	const url = new URL(text);
	const problem = transportProblem(url, allowInsecureHttp);
	if (problem) return { problem };
	// n8n joins the call's path to the base URL: a query or fragment would swallow that path.
	if (/[?#]/.test(text)) {
		return {
			problem:
				'must not contain "?" or "#": a query string or fragment would cut off the path of every call; remove it',
		};
	}
	return { url: url.toString().replace(/\/+$/, '') };
}

/**
 * Why a request made with a credential may not go out: its base URL breaks the rule, or (with no
 * base URL, e.g. in n8n's HTTP Request node) its URL would carry the key over plain http.
 */
export function requestTargetProblem(
	baseURL: unknown,
	url: string,
	allowInsecureHttp: boolean,
): { field: 'base' | 'request'; problem: string } | undefined {
	if (baseURL !== undefined && baseURL !== '') {
		const parsed = parseBaseUrl(baseURL, allowInsecureHttp);
		if ('problem' in parsed) return { field: 'base', problem: parsed.problem };
	}
	const base = typeof baseURL === 'string' && baseURL.trim() !== '' ? baseURL.trim() : undefined;
	const target = URL.canParse(url, base) ? new URL(url, base) : undefined;
	if (!target) return { field: 'request', problem: 'is not a valid URL' };
	const problem = transportProblem(target, allowInsecureHttp);
	return problem ? { field: 'request', problem } : undefined;
}
