import type { IDataObject } from 'n8n-workflow';

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

/** `::ffff:1.2.3.4` → `1.2.3.4`, `1.2.3.4:5678` → `1.2.3.4`, `[::1]` → `::1`. */
export function normaliseIp(value: string): string {
	let ip = value.trim();
	const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(ip);
	if (bracketed) ip = bracketed[1];
	if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(ip)) ip = ip.replace(/:\d+$/, '');
	return ip.replace(/^::ffff:(\d{1,3}(\.\d{1,3}){3})$/i, '$1').toLowerCase();
}

/** Loopback, private and link-local addresses: where a reverse proxy in front of n8n calls from. */
export function isPrivateAddress(value: string): boolean {
	const ip = normaliseIp(value);
	if (ip === '::1' || /^f[cd][0-9a-f]{2}:/.test(ip) || /^fe[89ab][0-9a-f]:/.test(ip)) return true;
	const n = ipv4ToNumber(ip);
	if (n === undefined) return false;
	const inRange = (base: string, bits: number) =>
		Math.floor(n / 2 ** (32 - bits)) === Math.floor((ipv4ToNumber(base) ?? -1) / 2 ** (32 - bits));
	return (
		inRange('127.0.0.0', 8) ||
		inRange('10.0.0.0', 8) ||
		inRange('172.16.0.0', 12) ||
		inRange('192.168.0.0', 16) ||
		inRange('169.254.0.0', 16) ||
		inRange('100.64.0.0', 10)
	);
}

/**
 * The caller's address: the connection's peer, or, when a trusted proxy header is configured, the
 * header's last entry (the one the nearest proxy wrote) — but only when the connection itself comes
 * from a loopback or private address, where a proxy sits; a caller on the internet cannot choose
 * its address by sending the header.
 */
export function clientIp(
	peer: string | undefined,
	headers: Record<string, string | string[] | undefined>,
	trustedHeader: string,
	socketAddress: string | undefined = peer,
): string {
	const name = trustedHeader.trim().toLowerCase();
	if (name && isPrivateAddress(socketAddress ?? '')) {
		const raw = headers[name];
		const value = Array.isArray(raw) ? raw.join(',') : raw;
		const entries = (value ?? '')
			.split(',')
			.map((entry) => entry.trim())
			.filter(Boolean);
		if (entries.length) return normaliseIp(entries[entries.length - 1]);
	}
	return normaliseIp(peer ?? '');
}

function ipv4ToNumber(ip: string): number | undefined {
	const parts = ip.split('.');
	if (parts.length !== 4) return undefined;
	let value = 0;
	for (const part of parts) {
		if (!/^\d{1,3}$/.test(part) || Number(part) > 255) return undefined;
		value = value * 256 + Number(part);
	}
	return value;
}

export const allowListEntries = (allowList: string) =>
	allowList
		.split(/[\s,]+/)
		.map((entry) => entry.trim())
		.filter(Boolean);

/** Whether `ip` is in the comma-separated allow-list of addresses and IPv4 CIDR ranges; an empty list allows all. */
export function ipAllowed(ip: string, allowList: string): boolean {
	const entries = allowListEntries(allowList);
	if (entries.length === 0) return true;
	if (!ip) return false;
	const address = normaliseIp(ip);
	return entries.some((entry) => {
		const [base, bits] = entry.split('/');
		if (bits === undefined) return normaliseIp(base) === address;
		const prefix = Number(bits);
		const network = ipv4ToNumber(base);
		const candidate = ipv4ToNumber(address);
		if (network === undefined || candidate === undefined) return false;
		if (!Number.isInteger(prefix) || prefix < 0 || prefix > 32) return false;
		const size = 2 ** (32 - prefix);
		return Math.floor(network / size) === Math.floor(candidate / size);
	});
}

/** Whether the payload's `webhook_trigger` is one of the selected events (`*`: all). */
export function eventSelected(payload: IDataObject, events: string[]): boolean {
	if (events.includes('*')) return true;
	return typeof payload.webhook_trigger === 'string' && events.includes(payload.webhook_trigger);
}
