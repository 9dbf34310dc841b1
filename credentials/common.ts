import type {
	IAuthenticateRuleResponseCode,
	ICredentialDataDecryptedObject,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import { ALLOW_INSECURE_HTTP, requestTargetProblem } from '../nodes/shared/baseUrl';
import { REQUESTS_PER_SECOND } from '../nodes/shared/vendorPace';

/** What every credential of the package says about itself in its guard's messages. */
export interface CredentialGuard {
	/** The vendor's name, e.g. `ekycpro`. */
	vendor: string;
	/** The display name of the credential's URL field, e.g. `Base URL`. */
	urlLabel: string;
	/** What the credential sends, e.g. `API key`. */
	secret: string;
}

export function allowInsecureHttpProperty(urlLabel: string): INodeProperties {
	return {
		displayName: 'Allow Insecure HTTP',
		name: ALLOW_INSECURE_HTTP,
		type: 'boolean',
		default: false,
		description: `Whether the ${urlLabel} may use plain http:// to another machine. Leave it off: over http:// the key and the ID images travel unencrypted, readable and changeable by anyone on the way. http:// to this machine (localhost, 127.0.0.1, ::1) works without it.`,
	};
}

/**
 * The vendor's published rate limit for this account: every execution in one n8n process that uses
 * these credential values paces its calls to it (nodes/shared/vendorPace.ts).
 */
export function requestsPerSecondProperty(): INodeProperties {
	return {
		displayName: 'Requests per Second',
		name: REQUESTS_PER_SECOND,
		type: 'number',
		default: 0,
		typeOptions: { minValue: 0, numberPrecision: 2 },
		description:
			'The most calls per second the vendor allows this account, if it publishes a limit: every execution in this n8n process that uses this credential then paces its calls to it together (a queue-mode worker paces on its own, so divide the limit by the number of workers). 0 learns the limit from the vendor’s first rate-limit refusals.',
	};
}

/**
 * Every request made with one of the package's credentials, the credential test included (n8n
 * runs `authenticate` for it too): never to a URL that breaks the base URL rule, and never
 * following a redirect, which would send the key (and with 307 the body) wherever it points.
 * Throws before anything is sent.
 */
export function guardRequest(
	credentials: ICredentialDataDecryptedObject,
	requestOptions: IHttpRequestOptions,
	guard: CredentialGuard,
): IHttpRequestOptions {
	const found = requestTargetProblem(
		requestOptions.baseURL,
		requestOptions.url,
		credentials[ALLOW_INSECURE_HTTP] === true,
	);
	if (found) {
		const field = found.field === 'base' ? `the ${guard.urlLabel}` : 'the request URL';
		throw new Error(`${guard.vendor}: ${field} ${found.problem}; the ${guard.secret} was not sent`);
	}
	return { ...requestOptions, disableFollowRedirect: true };
}

/** `guardRequest`, then the credential's `field` sent as the `header` header. */
export function withHeaderAuth(
	credentials: ICredentialDataDecryptedObject,
	requestOptions: IHttpRequestOptions,
	guard: CredentialGuard,
	header: string,
	field: string,
): IHttpRequestOptions {
	const options = guardRequest(credentials, requestOptions, guard);
	return {
		...options,
		headers: { ...options.headers, [header]: String(credentials[field] ?? '') },
	};
}

const REDIRECT_STATUSES = [301, 302, 303, 307, 308];

/** The credential test's words for a redirect, which the guard keeps it from following. */
export function redirectRules(guard: CredentialGuard): IAuthenticateRuleResponseCode[] {
	return REDIRECT_STATUSES.map((value) => ({
		type: 'responseCode',
		properties: {
			value,
			message: `${guard.vendor} HTTP ${value}: the ${guard.urlLabel} answered with a redirect; redirects are not followed, so the ${guard.secret} was not sent where it points. Check the ${guard.urlLabel}: it must be the vendor's API address itself`,
		},
	}));
}
