import type {
	IDataObject,
	INodeExecutionData,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import { triggerAuditOn, triggerPrivacy } from './options';
import { maskSensitive } from './privacy';
import { credentialSecrets } from './scrub';
import { removeSecretsDeep } from './secretValues';
import type { TriggerAudit } from './triggerAudit';
import type { KycVendor } from './types';

/** A trigger's refusal: answers the caller with a fixed text (never what was sent) and starts nothing. */
export function refuseCall(
	fn: IWebhookFunctions,
	status: 400 | 401 | 403,
	text: 'Bad Request' | 'Unauthorized' | 'Forbidden',
): IWebhookResponseData {
	fn.getResponseObject().status(status).send(text).end();
	return { noWebhookResponse: true };
}

/**
 * The items a trigger starts the workflow with: the one exit of a trigger's output. With Options →
 * Audit Record (on by default) the item gets `audit`, the accepted callback's record (replacing
 * any `audit` the callback carried); with Options → Privacy its numbers are masked, and the
 * credential's values leave in none of its texts (a callback that quotes the key or token gets
 * `[secret]` there).
 */
export async function triggerItems(
	fn: IWebhookFunctions,
	json: IDataObject,
	vendor: KycVendor,
	audit: TriggerAudit,
): Promise<INodeExecutionData[]> {
	const credentials = await fn.getCredentials(vendor.credentialType).catch(() => undefined);
	const secrets = credentials ? credentialSecrets(credentials, vendor.baseUrlField) : [];
	const item = triggerAuditOn(fn) ? { ...json, audit } : json;
	const shown = triggerPrivacy(fn) ? maskSensitive(item, vendor.sensitiveKeys) : item;
	return fn.helpers.returnJsonArray(removeSecretsDeep(shown, secrets));
}
