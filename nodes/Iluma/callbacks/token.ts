import { createHash, timingSafeEqual } from 'crypto';
import type { IDataObject, IHookFunctions, IWebhookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { triggerRequest, type TriggerRequestSettings } from '../../shared/triggerRequest';
import { iluma } from '../vendor';

export const TOKEN_HEADER = 'x-callback-token';
export const VERIFICATION_ENDPOINT = '/v1/callback/authentication_tokens';

/** Static data keeps the token's digest, not the token: workflow exports must not carry a secret. */
const VERIFIER_FIELD = 'callbackVerifierSha256';

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

/**
 * The x-callback-token header's value, whatever the case of its name; undefined when it is
 * missing, empty or sent more than once (which no honest sender does).
 */
export function readTokenHeader(headers: IDataObject): string | undefined {
	const values = Object.entries(headers)
		.filter(([name]) => name.toLowerCase() === TOKEN_HEADER)
		.flatMap(([, value]) => (Array.isArray(value) ? value : [value]));
	if (values.length !== 1 || typeof values[0] !== 'string' || values[0] === '') return undefined;
	return values[0];
}

/** Compares in constant time: both sides are hashed first, so their lengths do not leak either. */
export function tokenMatches(expectedDigest: Buffer, received: string): boolean {
	return timingSafeEqual(expectedDigest, digest(received));
}

/** Iluma's documents do not show this answer's shape, so the usual spellings are all read. */
export function tokenFromAnswer(body: IDataObject): string | undefined {
	const nested = body.data && typeof body.data === 'object' ? (body.data as IDataObject) : {};
	const candidates = [
		body.token,
		body.callback_token,
		body.authentication_token,
		nested.token,
		nested.callback_token,
		nested.authentication_token,
	];
	const token = candidates.find((value) => typeof value === 'string' && value.trim() !== '');
	return typeof token === 'string' ? token.trim() : undefined;
}

async function credentialToken(fn: IHookFunctions | IWebhookFunctions): Promise<string> {
	const credentials = await fn.getCredentials('ilumaApi');
	return String(credentials.callbackToken ?? '').trim();
}

/** Reads the account's callback token from Iluma; the answer's shape is not documented. */
async function fetchDigest(
	fn: IHookFunctions | IWebhookFunctions,
	settings?: TriggerRequestSettings,
): Promise<Buffer> {
	const request = { method: 'GET' as const, path: VERIFICATION_ENDPOINT, repeatable: true };
	const answer = await triggerRequest(fn, iluma, request, settings);
	const token = tokenFromAnswer(answer);
	if (!token) {
		throw new NodeOperationError(
			fn.getNode(),
			`Iluma's answer to GET ${VERIFICATION_ENDPOINT} holds no callback token`,
			{
				description:
					'Copy the callback verification token from the Iluma dashboard into the credential’s Callback Verification Token field.',
			},
		);
	}
	return digest(token);
}

/**
 * Digests this process has just read or kept, per trigger node. Iluma calls a URL while it is
 * being registered (its test callback), before n8n has stored what the activation kept; this
 * bridges that moment without another call to Iluma. A failed read is remembered briefly, so
 * that callers with made-up tokens cannot make the node call Iluma again and again.
 */
const recent = new Map<string, { digest?: Buffer; at: number }>();
/** The look-up under way per credential: callbacks arriving meanwhile wait for it, not call Iluma again. */
const pending = new Map<string, Promise<Buffer | undefined>>();
const REMEMBER_MS = 10 * 60_000;
const RETRY_AFTER_FAILURE_MS = 30_000;

/** One trigger node, with its credential, at its production or test URL. */
const nodeKey = (fn: IHookFunctions | IWebhookFunctions) =>
	[
		fn.getWorkflow().id ?? '',
		fn.getNode().id,
		fn.getNode().credentials?.ilumaApi?.id ?? '',
		fn.getNodeWebhookUrl('default') ?? '',
	].join(' ');

/**
 * On activation: the digest of the credential's token when it has one, otherwise of Iluma's, read
 * once, kept in static data. Fails the activation when there is none, so a trigger never runs
 * without verification.
 */
export async function prepareToken(fn: IHookFunctions): Promise<void> {
	const token = await credentialToken(fn);
	const value = token ? digest(token) : await fetchDigest(fn);
	fn.getWorkflowStaticData('node')[VERIFIER_FIELD] = value.toString('hex');
	recent.set(nodeKey(fn), { digest: value, at: Date.now() });
}

/** Whether callbacks can be verified without reading the token from Iluma again. */
export async function tokenReady(fn: IHookFunctions): Promise<boolean> {
	if (typeof fn.getWorkflowStaticData('node')[VERIFIER_FIELD] === 'string') return true;
	return (await credentialToken(fn)) !== '';
}

export function forgetToken(fn: IHookFunctions): void {
	delete fn.getWorkflowStaticData('node')[VERIFIER_FIELD];
	recent.delete(nodeKey(fn));
}

/**
 * The digest a callback's token must match: the credential's token, else the one activation kept,
 * else one this process read moments ago, else (once per 30 s at most) Iluma's, read now and not
 * stored, since a webhook's static data write could overwrite the activation's. Undefined when
 * there is none; the callback is then refused.
 */
export async function expectedTokenDigest(fn: IWebhookFunctions): Promise<Buffer | undefined> {
	const fromCredential = await credentialToken(fn).catch(() => '');
	if (fromCredential) return digest(fromCredential);
	const kept = fn.getWorkflowStaticData('node')[VERIFIER_FIELD];
	if (typeof kept === 'string' && /^[0-9a-f]{64}$/.test(kept)) return Buffer.from(kept, 'hex');
	const key = nodeKey(fn);
	const last = recent.get(key);
	const age = last ? Date.now() - last.at : Infinity;
	if (last?.digest && age < REMEMBER_MS) return last.digest;
	if (last && !last.digest && age < RETRY_AFTER_FAILURE_MS) return undefined;
	const credential = fn.getNode().credentials?.ilumaApi?.id ?? key;
	let lookUp = pending.get(credential);
	if (!lookUp) {
		// One quick try: the caller is waiting, and Iluma retries a callback that was not answered 2xx.
		lookUp = fetchDigest(fn, { retries: 0, timeoutMs: 10_000 })
			.catch(() => undefined)
			.finally(() => pending.delete(credential));
		pending.set(credential, lookUp);
	}
	const value = await lookUp;
	recent.set(key, { digest: value, at: Date.now() });
	return value;
}
