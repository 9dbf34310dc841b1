import type { IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

/** A trigger's refusal: answers the caller with a fixed text (never what was sent) and starts nothing. */
export function refuseCall(
	fn: IWebhookFunctions,
	status: 400 | 401 | 403,
	text: 'Bad Request' | 'Unauthorized' | 'Forbidden',
): IWebhookResponseData {
	fn.getResponseObject().status(status).send(text).end();
	return { noWebhookResponse: true };
}
