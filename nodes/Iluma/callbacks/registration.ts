import type { IDataObject, IHookFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { triggerRequest } from '../../shared/triggerRequest';
import { iluma } from '../vendor';
import { defaultTypeOf, selectedEvents, typeParameterOf } from './events';

/**
 * Callback URLs at Iluma: one URL per callback type for the whole account. The seed documents
 * setting one with POST (Iluma first sends it a test callback); vendor-apis.md A.2 adds GET to
 * list them. Removing one has no documented call: DELETE …/{type} is the REST guess, and an
 * Iluma that does not know it gets a message that says to remove the URL in the dashboard.
 */
const URLS_PATH = '/v1/callback/urls';

/** Static data: for each type this trigger set, the URL it replaced ('' when there was none). */
const KEPT_KEY = 'callbackUrlsReplaced';

/** The callback type names of the selected events that have one, checked before any call. */
export function selectedCallbackTypes(fn: IHookFunctions): string[] {
	const events = selectedEvents(fn.getNodeParameter('events', []) as string[]);
	const types: string[] = [];
	for (const event of events) {
		const value = fn.getNodeParameter(typeParameterOf(event), defaultTypeOf(event)) as string;
		const type = String(value ?? '').trim();
		if (type === '') continue;
		if (!/^[A-Za-z0-9_-]{1,100}$/.test(type)) {
			throw new NodeOperationError(
				fn.getNode(),
				`${event.name} Callback Type: "${type.slice(0, 40)}" is not a callback type name (letters, digits, _ and - only)`,
			);
		}
		if (!types.includes(type)) types.push(type);
	}
	return types;
}

/** This node's production or test URL, wherever n8n is reached: never one to put back. */
function isOwnUrl(fn: IHookFunctions, url: string): boolean {
	const webhookId = fn.getNode().webhookId;
	if (!webhookId || !URL.canParse(url)) return false;
	return new URL(url).pathname.endsWith(`/${webhookId}/webhook`);
}

/** Type → URL as Iluma holds them now. */
async function registeredUrls(fn: IHookFunctions): Promise<Map<string, string>> {
	const answer = await triggerRequest(fn, iluma, {
		method: 'GET',
		path: URLS_PATH,
		repeatable: true,
	});
	const list = Array.isArray(answer.data) ? (answer.data as IDataObject[]) : [];
	return new Map(
		list
			.filter((entry) => typeof entry?.type === 'string' && typeof entry.url === 'string')
			.map((entry) => [entry.type as string, entry.url as string]),
	);
}

function kept(fn: IHookFunctions): Record<string, string> {
	const data = fn.getWorkflowStaticData('node');
	const value = data[KEPT_KEY];
	return value && typeof value === 'object' ? (value as Record<string, string>) : {};
}

export async function isRegistered(fn: IHookFunctions, url: string): Promise<boolean> {
	const types = selectedCallbackTypes(fn);
	// Nothing to register is a mistake that create() explains.
	if (types.length === 0) return false;
	const current = await registeredUrls(fn);
	return types.every((type) => current.get(type) === url);
}

async function setUrl(fn: IHookFunctions, type: string, url: string): Promise<void> {
	await triggerRequest(fn, iluma, {
		method: 'POST',
		path: URLS_PATH,
		json: { type, url },
		repeatable: true,
	});
}

async function removeUrl(fn: IHookFunctions, type: string): Promise<void> {
	const failure = await triggerRequest(fn, iluma, {
		method: 'DELETE',
		path: `${URLS_PATH}/${encodeURIComponent(type)}`,
		repeatable: true,
	}).then(
		() => undefined,
		(error: unknown) => error,
	);
	if (!failure) return;
	const status = failure instanceof NodeApiError ? failure.httpCode : undefined;
	// n8n 2.x only logs a failed deactivation, without the description: the advice goes in the message.
	if (status === '404' || status === '405') {
		throw new NodeOperationError(
			fn.getNode(),
			`Remove the ${type} callback URL in the Iluma dashboard: Iluma answered HTTP ${status} to DELETE ${URLS_PATH}/${type}, and documents no other way to remove it`,
		);
	}
	throw failure;
}

/** Gives a type back: the URL this trigger replaced, or none. */
async function putBack(fn: IHookFunctions, type: string, previous: string): Promise<void> {
	if (previous && !isOwnUrl(fn, previous)) await setUrl(fn, type, previous);
	else await removeUrl(fn, type);
}

/**
 * Sets `url` for every selected type, remembering the URL it replaced the first time (a URL of
 * this node's is never remembered). Iluma first sends the URL a test callback, which the webhook
 * answers. When one type fails, those already set are given back.
 */
export async function register(fn: IHookFunctions, url: string): Promise<void> {
	const types = selectedCallbackTypes(fn);
	if (types.length === 0) {
		throw new NodeOperationError(
			fn.getNode(),
			'Register Callback URL at Iluma is on, but no selected event has a callback type to register',
			{
				description: 'Select another event, enter a callback type name, or turn registration off.',
			},
		);
	}
	const current = await registeredUrls(fn);
	refuseToTakeOverProduction(fn, types, current, url);
	const replaced = kept(fn);
	const done: string[] = [];
	for (const type of types) {
		const previous = current.get(type) ?? '';
		if (previous !== url) {
			const failure = await setUrl(fn, type, url).then(
				() => undefined,
				(error: unknown) => error as Error,
			);
			if (failure) {
				await rollBack(fn, done, replaced, failure);
				throw failure;
			}
			done.push(type);
		}
		// Another receiver's URL is the one to give back; after this node's own, the one kept before.
		if (previous && !isOwnUrl(fn, previous)) replaced[type] = previous;
		else replaced[type] ??= '';
	}
	fn.getWorkflowStaticData('node')[KEPT_KEY] = replaced;
}

/**
 * "Listen for test event" while the published workflow holds the URL would send every applicant's
 * callback to the editor. n8n refuses the same for its own one-URL-per-account triggers.
 */
function refuseToTakeOverProduction(
	fn: IHookFunctions,
	types: string[],
	current: Map<string, string>,
	url: string,
): void {
	if (fn.getMode() !== 'manual') return;
	const held = types.filter((type) => {
		const registered = current.get(type);
		return registered !== undefined && registered !== url && isOwnUrl(fn, registered);
	});
	if (held.length === 0) return;
	throw new NodeOperationError(
		fn.getNode(),
		`Iluma sends the ${held.join(', ')} callbacks to this workflow's production URL: listening for a test event would take them away from it`,
		{
			description:
				'Iluma keeps one callback URL per product. Unpublish the workflow to test; if it is not published, that URL was left at Iluma: replace or remove it in the Iluma dashboard. Or turn off Register Callback URL at Iluma and test with a copy of a callback.',
		},
	);
}

async function rollBack(
	fn: IHookFunctions,
	types: string[],
	replaced: Record<string, string>,
	cause: Error & { description?: string | null },
): Promise<void> {
	const failed: string[] = [];
	for (const type of types) {
		await putBack(fn, type, replaced[type] ?? '').catch(() => failed.push(type));
	}
	const restored = types.filter((type) => !failed.includes(type));
	const notes = [
		cause.description,
		restored.length ? `The callback URLs already set (${restored.join(', ')}) were put back.` : '',
		failed.length
			? `Putting back ${failed.join(', ')} failed too: check them in the Iluma dashboard.`
			: '',
	].filter(Boolean);
	cause.description = notes.join(' ');
}

/**
 * Gives back every type this trigger set, and any selected type that still points at `url`:
 * the replaced URL is set again, or the entry removed. A type someone has since pointed
 * elsewhere is left alone.
 */
export async function unregister(fn: IHookFunctions, url: string): Promise<void> {
	const replaced = kept(fn);
	delete fn.getWorkflowStaticData('node')[KEPT_KEY];
	const types = [...new Set([...Object.keys(replaced), ...selectedCallbackTypes(fn)])];
	const current = await registeredUrls(fn);
	// Every type gets its turn even when one fails; the failures are reported together.
	const failures: Array<{ type: string; error: Error }> = [];
	for (const type of types) {
		if (current.get(type) !== url) continue;
		await putBack(fn, type, replaced[type] ?? '').catch((error: Error) =>
			failures.push({ type, error }),
		);
	}
	if (failures.length === 1) throw failures[0].error;
	if (failures.length > 1) {
		throw new NodeOperationError(
			fn.getNode(),
			failures.map(({ type, error }) => `${type}: ${error.message}`).join(' | '),
		);
	}
}
