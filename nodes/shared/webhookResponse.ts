import type {
	IDataObject,
	INodeExecutionData,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import { triggerPrivacy } from './options';
import { maskSensitive } from './privacy';

/** A trigger's refusal: answers the caller with a fixed text (never what was sent) and starts nothing. */
export function refuseCall(
	fn: IWebhookFunctions,
	status: 400 | 401 | 403,
	text: 'Bad Request' | 'Unauthorized' | 'Forbidden',
): IWebhookResponseData {
	fn.getResponseObject().status(status).send(text).end();
	return { noWebhookResponse: true };
}

/** The item a trigger starts the workflow with; with Options → Privacy, its numbers masked. */
export function triggerItems(
	fn: IWebhookFunctions,
	json: IDataObject,
	sensitiveKeys?: RegExp,
): INodeExecutionData[] {
	return fn.helpers.returnJsonArray(triggerPrivacy(fn) ? maskSensitive(json, sensitiveKeys) : json);
}
