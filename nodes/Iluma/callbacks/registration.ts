import type { IDataObject, IHookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { triggerRequest } from '../../shared/triggerRequest';
import { iluma } from '../vendor';
import { defaultTypeOf, selectedEvents, typeParameterOf } from './events';

/**
 * Callback URLs at Iluma (vendor-apis.md A.2): one URL per callback type for the whole account.
 * GET and POST /v1/callback/urls list and set them, PATCH changes one, DELETE …/:type removes it.
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
	const current = await registeredUrls(fn);
	return types.every((type) => current.get(type) === url);
}

/** Gives a type back: the URL this trigger replaced, or none. */
async function putBack(fn: IHookFunctions, type: string, previous: string): Promise<void> {
	if (previous) {
		await triggerRequest(fn, iluma, {
			method: 'PATCH',
			path: URLS_PATH,
			json: { type, url: previous },
			repeatable: true,
		});
	} else {
		await triggerRequest(fn, iluma, {
			method: 'DELETE',
			path: `${URLS_PATH}/${encodeURIComponent(type)}`,
			repeatable: true,
		});
	}
}

/**
 * Sets `url` for every selected type, remembering what it replaced. Iluma first sends the URL a
 * test payload, which the webhook answers. When one type fails, those already set are given back.
 */
export async function register(fn: IHookFunctions, url: string): Promise<void> {
	const types = selectedCallbackTypes(fn);
	const current = await registeredUrls(fn);
	const replaced = kept(fn);
	const done: string[] = [];
	for (const type of types) {
		const previous = current.get(type) ?? '';
		if (previous === url) {
			replaced[type] ??= '';
			continue;
		}
		const outcome = await triggerRequest(fn, iluma, {
			method: 'POST',
			path: URLS_PATH,
			json: { type, url },
			repeatable: true,
		}).then(
			() => undefined,
			(error: unknown) => error as Error,
		);
		if (outcome) {
			await rollBack(fn, done, replaced, outcome);
			throw outcome;
		}
		replaced[type] = previous;
		done.push(type);
	}
	fn.getWorkflowStaticData('node')[KEPT_KEY] = replaced;
}

async function rollBack(
	fn: IHookFunctions,
	types: string[],
	replaced: Record<string, string>,
	cause: Error & { description?: string | null },
): Promise<void> {
	const failed: string[] = [];
	for (const type of types) {
		await putBack(fn, type, replaced[type]).catch(() => failed.push(type));
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
 * the replaced URL is restored, or the entry removed. A type someone has since pointed elsewhere
 * is left alone.
 */
export async function unregister(fn: IHookFunctions, url: string): Promise<void> {
	const replaced = kept(fn);
	const types = [...new Set([...Object.keys(replaced), ...selectedCallbackTypes(fn)])];
	const current = await registeredUrls(fn);
	for (const type of types) {
		if (current.get(type) !== url) continue;
		const previous = replaced[type] ?? '';
		await putBack(fn, type, previous === url ? '' : previous);
	}
	delete fn.getWorkflowStaticData('node')[KEPT_KEY];
}
