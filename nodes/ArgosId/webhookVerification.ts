import type { IDataObject } from 'n8n-workflow';

import { inRange, parseIp, parseRange, rangeEntries, type Range } from './sourceAddress';

/**
 * How the Argos ID Trigger tells Argos's webhook calls from anyone else's. Argos publishes no
 * signature; what it does publish is its source IP address and optional payload encryption
 * (see webhookDecryption.ts).
 */

/** The documented source address of Argos's webhook calls (vendor-apis.md D.6). */
export const ARGOS_WEBHOOK_IP = '52.78.194.237';

/** The documented `webhook_trigger` values. */
export const WEBHOOK_EVENTS: Array<{ name: string; value: string; description: string }> = [
	{ name: 'AML', value: 'aml', description: 'The AML process ran' },
	{ name: 'AML Monitor', value: 'aml_monitor', description: 'AML monitoring ran' },
	{ name: 'Approved', value: 'approved', description: 'The submission was approved' },
	{ name: 'Created', value: 'created', description: 'The submission was created' },
	{ name: 'Deleted', value: 'delete', description: 'The submission was deleted' },
	{
		name: 'Injection',
		value: 'injection',
		description: 'An additional process (injection) ran on the submission',
	},
	{ name: 'Rejected', value: 'rejected', description: 'The submission was rejected' },
	{
		name: 'Retry',
		value: 'retry',
		description: 'The applicant went on and a retry occurred',
	},
	{ name: 'Submitted (Pending)', value: 'submit', description: 'The submission became pending' },
	{ name: 'Updated', value: 'updated', description: 'The submission was updated' },
];

export const allowListEntries = rangeEntries;

/** Whether `ip` is in the allow-list of addresses and CIDR ranges (IPv4, IPv6); an empty list allows all. */
export function ipAllowed(ip: string, allowList: string): boolean {
	const entries = allowListEntries(allowList);
	if (entries.length === 0) return true;
	const address = parseIp(ip);
	if (!address) return false;
	return entries.some((entry) => {
		const range = parseRange(entry);
		return range !== undefined && inRange(address, range);
	});
}

/** Wider than this lets in far more than one sender: a /8 is 16 million IPv4 addresses. */
const WIDEST_PREFIX = { 4: 8, 6: 32 } as const;

export type EncryptionSetting = 'none' | 'ecb' | 'gcm';

/**
 * Why this configuration cannot tell Argos's calls from anyone else's, or undefined when it can.
 * Only GCM proves a payload came from the key holder unchanged; with no encryption or ECB, the
 * allow-list is the only real check, so it must exist and be narrow.
 */
export function protectionProblem(mode: EncryptionSetting, allowList: string): string | undefined {
	const entries = allowListEntries(allowList);
	const malformed = entries.find((entry) => parseRange(entry) === undefined);
	if (malformed !== undefined)
		return `Allowed Source IPs: "${malformed.slice(0, 50)}" is not an IP address or CIDR range (e.g. ${ARGOS_WEBHOOK_IP} or 10.0.0.0/8)`;
	if (mode === 'gcm') return undefined;
	const wide = entries.find((entry) => {
		const range = parseRange(entry) as Range;
		return range.prefix < WIDEST_PREFIX[range.version];
	});
	if (mode === 'ecb' && (entries.length === 0 || wide !== undefined))
		return `AES-256 (ECB) does not prove who wrote a payload: its 16-byte blocks can be cut from one real Argos webhook and joined to another's, so a forged \`approved\` event for any submission decrypts cleanly. With ECB, set Allowed Source IPs to Argos's address (${ARGOS_WEBHOOK_IP}) with no range wider than /8 (IPv4) or /32 (IPv6), or switch Argos and this node to GCM-256`;
	if (entries.length === 0)
		return 'Set Allowed Source IPs or Payload Encryption: without either, anyone who finds this webhook’s URL could start the workflow with a forged decision';
	if (wide !== undefined)
		return `Allowed Source IPs: ${wide} is wider than /8 (IPv4) or /32 (IPv6) and lets almost anyone call this webhook. Narrow it to Argos's address (${ARGOS_WEBHOOK_IP}), or turn on Payload Encryption GCM-256 as well`;
	return undefined;
}

/** Whether the payload's `webhook_trigger` is one of the selected events (`*`: all). */
export function eventSelected(payload: IDataObject, events: string[]): boolean {
	if (events.includes('*')) return true;
	return typeof payload.webhook_trigger === 'string' && events.includes(payload.webhook_trigger);
}
