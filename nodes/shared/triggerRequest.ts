import type { IDataObject, IHookFunctions, IWebhookFunctions } from 'n8n-workflow';

import { toNodeError, withoutSecrets } from './errors';
import { credentialSecrets } from './scrub';
import { checkBaseUrl, type KycRequest, sendRequest } from './transport';
import type { KycVendor } from './types';

export interface TriggerRequestSettings {
	retries: number;
	timeoutMs: number;
}

/** A trigger has no Options collection: these match the vendor nodes' defaults. */
const TRIGGER_SETTINGS: TriggerRequestSettings = { retries: 3, timeoutMs: 30_000 };

/**
 * One vendor call from a trigger's activation hooks or its webhook, with the same transport,
 * retries and error messages as the vendor nodes; failures become n8n errors without an item.
 */
export async function triggerRequest(
	fn: IHookFunctions | IWebhookFunctions,
	vendor: KycVendor,
	request: KycRequest,
	settings: TriggerRequestSettings = TRIGGER_SETTINGS,
): Promise<IDataObject> {
	let secrets: string[] = [];
	const send = async () => {
		const credentials = await fn.getCredentials(vendor.credentialType);
		secrets = credentialSecrets(credentials, vendor.baseUrlField);
		const baseUrl = checkBaseUrl(credentials, vendor);
		const response = await sendRequest(fn, vendor, request, { ...settings, baseUrl });
		return (response.body ?? {}) as IDataObject;
	};
	return await send().catch(
		async (error: unknown) =>
			await Promise.reject(toNodeError(fn.getNode(), withoutSecrets(error, secrets))),
	);
}
