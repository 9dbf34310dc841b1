import type {
	IDataObject,
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { triggerOptionsProperty } from '../shared/options';
import { triggerAudit } from '../shared/triggerAudit';
import { refuseCall, triggerItems } from '../shared/webhookResponse';
import { eventIdentity } from './eventIdentity';
import { argosId } from './vendor';
import { firstDelivery, MAX_EVENT_AGE_HOURS } from './replayGuard';
import { clientAddress, parseRanges, trustedProxiesProblem } from './sourceAddress';
import { decryptPayload, type EncryptionMode } from './webhookDecryption';
import {
	allowListEntries,
	ARGOS_WEBHOOK_IP,
	eventSelected,
	ipAllowed,
	protectionProblem,
	WEBHOOK_EVENTS,
} from './webhookVerification';

const DEFAULT_MAX_EVENT_AGE_HOURS = 24;

/** Maximum Event Age in hours, as set (NaN when it is not a number). */
const maxEventAgeHours = (fn: IHookFunctions | IWebhookFunctions) =>
	Number(fn.getNodeParameter('maxEventAge', DEFAULT_MAX_EVENT_AGE_HOURS));

function maxEventAgeProblem(hours: number): string | undefined {
	if (Number.isFinite(hours) && hours >= 1 && hours <= MAX_EVENT_AGE_HOURS) return undefined;
	return `Maximum Event Age must be between 1 and ${MAX_EVENT_AGE_HOURS} hours: older events are refused, and the trigger remembers events for at most a week`;
}

/** Why this node's settings cannot tell Argos's calls from anyone else's (undefined: they can). */
function configurationProblem(fn: IHookFunctions | IWebhookFunctions): string | undefined {
	const allowList = String(fn.getNodeParameter('allowedIps', ARGOS_WEBHOOK_IP) ?? '');
	const mode = fn.getNodeParameter('encryption', 'none') as EncryptionMode;
	const proxies = String(fn.getNodeParameter('trustedProxies', '') ?? '');
	return (
		protectionProblem(mode, allowList) ??
		trustedProxiesProblem(proxies) ??
		maxEventAgeProblem(maxEventAgeHours(fn))
	);
}

/** Activation fails with the reason; n8n shows it and leaves the workflow inactive. */
function assertProtected(fn: IHookFunctions): void {
	const problem = configurationProblem(fn);
	if (problem) throw new NodeOperationError(fn.getNode(), problem);
}

export class ArgosIdTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Argos ID Trigger',
		name: 'argosIdTrigger',
		icon: { light: 'file:argosId.svg', dark: 'file:argosId.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle:
			'={{$parameter["events"].includes("*") ? "all events" : $parameter["events"].join(", ")}}',
		description: 'Starts the workflow when Argos Identity reports a submission event by webhook',
		defaults: { name: 'Argos ID Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'argosIdApi',
				required: true,
				displayOptions: { show: { encryption: ['ecb', 'gcm'] } },
			},
		],
		webhooks: [
			{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' },
		],
		properties: [
			{
				displayName:
					'Argos has no API to register webhooks: copy this node’s Production URL into the Argos dashboard under Settings → Access Management → Webhook URL (Argos requires HTTPS)',
				name: 'registrationNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				options: [
					{ name: 'All Events', value: '*', description: 'Any webhook_trigger' },
					...WEBHOOK_EVENTS,
				],
				default: ['approved', 'rejected'],
				required: true,
				description:
					'The webhook_trigger values that start the workflow; other events are acknowledged and ignored',
			},
			{
				displayName: 'Payload Encryption',
				name: 'encryption',
				type: 'options',
				options: [
					{
						name: 'None',
						value: 'none',
						description: 'Argos sends the payload as plain JSON',
					},
					{
						name: 'AES-256 (ECB)',
						value: 'ecb',
						description: 'Argos sends {"data": …} encrypted with AES-256-ECB',
					},
					{
						name: 'GCM-256',
						value: 'gcm',
						description:
							'Argos sends {"data": …} encrypted with AES-256-GCM, which also proves the payload was not changed',
					},
				],
				default: 'none',
				description:
					'Match the encryption set in the Argos dashboard. The key is the SHA-256 of the credential’s Webhook Secret Key or of its API key (both are tried). When on, a call that does not decrypt to an Argos event is refused with 401 and starts nothing.',
			},
			{
				displayName: 'Allowed Source IPs',
				name: 'allowedIps',
				type: 'string',
				default: ARGOS_WEBHOOK_IP,
				description:
					'Comma-separated addresses or CIDR ranges (IPv4 or IPv6) that may call this webhook; others get 403. The default is the address Argos sends webhooks from. Empty, or a range wider than /8 (IPv4) or /32 (IPv6), is accepted only with Payload Encryption GCM-256; ECB needs a narrow allow-list, because ECB payloads can be spliced.',
			},
			{
				displayName: 'Trusted Proxy Header',
				name: 'trustedProxyHeader',
				type: 'string',
				default: '',
				placeholder: 'X-Forwarded-For',
				description:
					'When n8n runs behind a reverse proxy, the header in which that proxy passes the caller’s address: X-Forwarded-For (the right-most address that is not itself a trusted proxy is used), Forwarded or X-Real-IP. It is read only on connections from an address in Trusted Proxies; leave empty to use the connection’s own address.',
			},
			{
				displayName: 'Trusted Proxies',
				name: 'trustedProxies',
				type: 'string',
				default: '',
				placeholder: 'e.g. 127.0.0.1, 10.0.0.0/8',
				description:
					'Addresses or CIDR ranges (comma or space separated) of your reverse proxies. The Trusted Proxy Header is believed only on connections from these, and its addresses that are in this list are skipped as hops; any other address, private ones included, is the caller. Empty: no forwarding header is believed, the connection’s own address is used.',
			},
			{
				displayName: 'Maximum Event Age (Hours)',
				name: 'maxEventAge',
				type: 'number',
				default: DEFAULT_MAX_EVENT_AGE_HOURS,
				typeOptions: { minValue: 1, maxValue: MAX_EVENT_AGE_HOURS },
				description:
					'An event whose kyc_result says it happened longer ago than this is answered 200 and starts nothing, so a captured webhook cannot be sent again later. Argos’s decisions (approved, rejected, updated) carry that time; created, retry and AML events do not and are not checked.',
			},
			triggerOptionsProperty,
		],
	};

	// Argos registers webhooks in its dashboard only. These keep n8n's activation lifecycle: they
	// remember which URL the user was shown, so there is nothing to create or delete at Argos.
	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				// Also here: on restart n8n calls only checkExists for a workflow that was active.
				assertProtected(this);
				const data = this.getWorkflowStaticData('node');
				return data.webhookUrl === this.getNodeWebhookUrl('default');
			},
			async create(this: IHookFunctions): Promise<boolean> {
				assertProtected(this);
				const data = this.getWorkflowStaticData('node');
				data.webhookUrl = this.getNodeWebhookUrl('default');
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				const data = this.getWorkflowStaticData('node');
				delete data.webhookUrl;
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const receivedAt = Date.now();
		// Fail closed even if the workflow was activated before these checks existed.
		if (configurationProblem(this)) return refuseCall(this, 401, 'Unauthorized');
		const allowList = String(this.getNodeParameter('allowedIps', ARGOS_WEBHOOK_IP) ?? '');
		const proxyHeader = String(this.getNodeParameter('trustedProxyHeader', '') ?? '');
		const proxies = parseRanges(String(this.getNodeParameter('trustedProxies', '') ?? ''));
		const request = this.getRequestObject();
		const ip = clientAddress(request, proxyHeader, proxies);
		if (!ipAllowed(ip, allowList)) return refuseCall(this, 403, 'Forbidden');
		// The checks that accept this call, for its audit record.
		const verifiedBy: string[] = [];
		if (allowListEntries(allowList).length > 0)
			verifiedBy.push(ip === clientAddress(request, '', []) ? 'sourceIp' : 'forwardedSourceIp');

		let payload = this.getBodyData();
		let delivery: Buffer | string = JSON.stringify(payload);
		const mode = this.getNodeParameter('encryption', 'none') as EncryptionMode;
		if (mode !== 'none') {
			const credentials = await this.getCredentials('argosIdApi').catch(() => undefined);
			// Argos encrypts with either the dedicated secretKey or the API key, as set in its dashboard.
			const keys = [credentials?.secretKey, credentials?.apiKey].map((key) => String(key ?? ''));
			const decrypted = decryptPayload(payload, mode, keys);
			if (!decrypted.ok) return refuseCall(this, 401, 'Unauthorized');
			payload = decrypted.payload;
			delivery = Buffer.concat([Buffer.from(`${mode}:`), decrypted.sealed]);
			verifiedBy.push(mode === 'gcm' ? 'decryptedGcm' : 'decryptedEcb');
		}

		// Argos sends one JSON object that names its event; anything else is not an Argos webhook.
		const record = payload as IDataObject | undefined;
		if (
			!record ||
			typeof record !== 'object' ||
			Array.isArray(record) ||
			typeof record.webhook_trigger !== 'string'
		)
			return refuseCall(this, 400, 'Bad Request');

		const events = this.getNodeParameter('events', []) as string[];
		if (!eventSelected(payload, events)) return { webhookResponse: 'OK' };
		// An event that already started the workflow, or is too old to tell, is acknowledged (Argos
		// must not retry it) and starts nothing.
		const maxAgeMs = maxEventAgeHours(this) * 3600 * 1000;
		const seen = firstDelivery(this, eventIdentity(record), maxAgeMs, delivery);
		if (seen !== 'first') {
			this.logger.info(
				`Argos ID Trigger: a ${String(record.webhook_trigger).slice(0, 20)} event was ${seen === 'replay' ? 'seen already' : 'older than Maximum Event Age or than what the replay memory holds'}; it starts nothing`,
			);
			return { webhookResponse: 'OK' };
		}
		// Answered here, before the execution starts, so that n8n saves the remembered digest now.
		this.getResponseObject().status(200).send('OK').end();
		const audit = triggerAudit(
			'argos',
			record.webhook_trigger,
			record.submission_id,
			receivedAt,
			verifiedBy,
		);
		const items = await triggerItems(this, record, argosId, audit);
		return { noWebhookResponse: true, workflowData: [items] };
	}
}
