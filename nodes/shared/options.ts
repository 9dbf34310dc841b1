import type {
	IDataObject,
	IExecuteFunctions,
	INodeProperties,
	IWebhookFunctions,
} from 'n8n-workflow';

import { billedCallLimitOptions } from './billedCallLimit';

export interface KycOptions {
	/** Whether output items carry `audit` (the Audit Record option). */
	audit: boolean;
	concurrency: number;
	privacy: boolean;
	/** How long a call the vendor refuses for its rate limit is tried again. */
	rateLimitWaitMs: number;
	retries: number;
	timeoutMs: number;
}

const auditRecordOption: INodeProperties = {
	displayName: 'Audit Record',
	name: 'auditRecord',
	type: 'boolean',
	default: true,
	description:
		'Whether to add `audit` to each item: one record per vendor call attempt with the vendor, product, operation, outcome, whether it was billed (true, false or "maybe" with the reason), the vendor’s reference, when it started, how long it took, how many HTTP calls it made, and the execution, workflow, node and item. It holds no image, name, ID number or credential value.',
};

const privacyOption: INodeProperties = {
	displayName: 'Privacy',
	name: 'privacy',
	type: 'boolean',
	default: false,
	description:
		'Whether to mask ID, document, licence, passport, card, account, tax and phone numbers in the output and leave the input images out of it, so that n8n does not store them with the execution',
};

/** The options every vendor node shares: how it sends, retries and what it keeps. */
export const optionsProperty: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		auditRecordOption,
		{
			displayName: 'Concurrency',
			name: 'concurrency',
			type: 'number',
			default: 1,
			typeOptions: { minValue: 1, maxValue: 50 },
			description:
				'How many items to send to the vendor at once. The output keeps the input order.',
		},
		...billedCallLimitOptions,
		privacyOption,
		{
			displayName: 'Rate-Limit Wait (Seconds)',
			name: 'rateLimitWait',
			type: 'number',
			default: 120,
			typeOptions: { minValue: 0, maxValue: 3600 },
			description:
				'How long to keep trying a call that the vendor refuses for its rate limit (HTTP 429, or its own rate-limit code), waiting as the vendor asks (Retry-After). Such a refusal is free, so waiting is safe; past this time the item fails. 0 fails at the first refusal.',
		},
		{
			displayName: 'Retries',
			name: 'retries',
			type: 'number',
			default: 3,
			typeOptions: { minValue: 0, maxValue: 10 },
			description:
				'How often to retry a call that the vendor refused for now (HTTP 503, its own "retry later" codes) or that failed to connect, waiting longer each time. Rate-limit refusals (HTTP 429) are retried for the Rate-Limit Wait instead. A billed call that may have been processed is never sent twice.',
		},
		{
			displayName: 'Timeout (Seconds)',
			name: 'timeout',
			type: 'number',
			default: 60,
			typeOptions: { minValue: 1, maxValue: 600 },
			description: 'How long to wait for the vendor’s answer to one call',
		},
	],
};

export function readOptions(fn: IExecuteFunctions, itemIndex: number): KycOptions {
	const options = fn.getNodeParameter('options', itemIndex, {}) as IDataObject;
	return {
		audit: options.auditRecord !== false,
		concurrency: Number(options.concurrency ?? 1),
		privacy: options.privacy === true,
		rateLimitWaitMs: Math.max(0, Number(options.rateLimitWait ?? 120)) * 1000,
		retries: Number(options.retries ?? 3),
		timeoutMs: Number(options.timeout ?? 60) * 1000,
	};
}

/** A trigger's Options: Audit Record and Privacy, since a trigger sends no billed calls. */
export const triggerOptionsProperty: INodeProperties = {
	...optionsProperty,
	options: [
		{
			...auditRecordOption,
			description:
				'Whether to add `audit` to the item: the vendor, the event, the vendor’s reference, when it arrived and which check accepted it (no personal data)',
		},
		{
			...privacyOption,
			description:
				'Whether to mask ID, document, licence, passport, card, account, tax and phone numbers (NIK, identityNumber, documentNumber, phoneNumber, …) in the output, so that n8n does not store them with the execution',
		},
	],
};

export function triggerAuditOn(fn: IWebhookFunctions): boolean {
	return (fn.getNodeParameter('options', {}) as IDataObject).auditRecord !== false;
}

export function triggerPrivacy(fn: IWebhookFunctions): boolean {
	return (fn.getNodeParameter('options', {}) as IDataObject).privacy === true;
}
