import type {
	IDataObject,
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { triggerOptionsProperty } from '../shared/options';
import { triggerAudit } from '../shared/triggerAudit';
import { refuseCall, triggerItems } from '../shared/webhookResponse';
import { ALL_EVENTS, CALLBACK_EVENTS, recogniseCallback, selectedEvents } from './callbacks/events';
import { isRegistered, register, unregister } from './callbacks/registration';
import { iluma } from './vendor';
import {
	expectedTokenDigest,
	forgetToken,
	prepareToken,
	readTokenHeader,
	tokenMatches,
	tokenReady,
} from './callbacks/token';

const registering = (fn: IHookFunctions) =>
	fn.getNodeParameter('registerCallbackUrl', false) === true;

export class IlumaTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Iluma Trigger',
		name: 'ilumaTrigger',
		icon: { light: 'file:iluma.svg', dark: 'file:iluma.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle:
			'={{$parameter["events"].includes("*") ? "all events" : $parameter["events"].join(", ")}}',
		description: 'Starts the workflow when Iluma sends the result of a request by callback',
		defaults: { name: 'Iluma Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'ilumaApi', required: true }],
		webhooks: [
			{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' },
		],
		properties: [
			{
				displayName:
					'Copy this node’s Production URL into the Iluma dashboard as the callback URL of each product you select, after activating the workflow (Iluma sends a test callback that must be answered), or turn on Register Callback URL at Iluma below',
				name: 'dashboardNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { registerCallbackUrl: [false] } },
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				options: [
					{
						name: 'All Events',
						value: ALL_EVENTS,
						description: 'Every verified callback, including products added after this node',
					},
					...CALLBACK_EVENTS.map(({ name, value, description }) => ({ name, value, description })),
				],
				default: [ALL_EVENTS],
				required: true,
				description:
					'The products whose callbacks start the workflow. Callbacks of other products are answered 200 and start nothing.',
			},
			{
				displayName: 'Register Callback URL at Iluma',
				name: 'registerCallbackUrl',
				type: 'boolean',
				default: false,
				description:
					'Whether to set this workflow’s URL as Iluma’s callback URL for each selected product on activation, and to put the previous URL back (or remove this one) on deactivation. Iluma keeps one URL per product for the whole account, so while this workflow is active no other receiver gets those callbacks.',
			},
			...CALLBACK_EVENTS.map((event) => event.typeProperty),
			triggerOptionsProperty,
		],
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				if (!(await tokenReady(this))) return false;
				const url = this.getNodeWebhookUrl('default') as string;
				if (!registering(this)) return this.getWorkflowStaticData('node').webhookUrl === url;
				return await isRegistered(this, url);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				await prepareToken(this);
				const url = this.getNodeWebhookUrl('default') as string;
				if (registering(this)) await register(this, url);
				this.getWorkflowStaticData('node').webhookUrl = url;
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				const data = this.getWorkflowStaticData('node');
				const url = (data.webhookUrl as string | undefined) ?? this.getNodeWebhookUrl('default');
				delete data.webhookUrl;
				forgetToken(this);
				if (registering(this) && url) await unregister(this, url);
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const receivedAt = Date.now();
		// No header, no work: an anonymous caller cannot make this node call Iluma.
		const received = readTokenHeader(this.getHeaderData() as IDataObject);
		if (received === undefined) return refuseCall(this, 401, 'Unauthorized');
		const expected = await expectedTokenDigest(this);
		if (!expected || !tokenMatches(expected, received))
			return refuseCall(this, 401, 'Unauthorized');

		const body = this.getBodyData();
		if (!body || typeof body !== 'object' || Array.isArray(body) || !Object.keys(body).length)
			return refuseCall(this, 400, 'Bad Request');
		// Iluma checks a new callback URL with {"type": …, "is_test": true}; it only needs a 2xx.
		if (body.is_test === true) return { webhookResponse: 'OK' };

		const values = this.getNodeParameter('events', []) as string[];
		const event = recogniseCallback(body);
		const wanted = event ? selectedEvents(values).includes(event) : values.includes(ALL_EVENTS);
		if (!wanted) return { webhookResponse: 'OK' };
		const eventName = event ? event.value : 'unknown';
		const json = { ...(event ? event.enrich(body) : body), iluma_event: eventName };
		const audit = triggerAudit('iluma', eventName, body.id, receivedAt, ['callbackToken']);
		return { workflowData: [await triggerItems(this, json as IDataObject, iluma, audit)] };
	}
}
