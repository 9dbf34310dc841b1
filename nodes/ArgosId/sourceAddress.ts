/**
 * Who is calling the Argos ID Trigger, and whether that address is on its allow-list.
 *
 * The caller is the connection's own peer (`req.socket.remoteAddress`), never Express's
 * `request.ip`: with n8n's N8N_PROXY_HOPS set, Express takes that from X-Forwarded-For, which any
 * caller can write. A forwarding header is read only when the user names it and the connection
 * comes from an address the user lists under Trusted Proxies (none by default): being on a private
 * network does not make a host a proxy, and a private address in the header is a client.
 */

export interface ParsedIp {
	version: 4 | 6;
	value: bigint;
}

/** `::ffff:1.2.3.4` → `1.2.3.4`, `1.2.3.4:5678` → `1.2.3.4`, `[::1]:80` → `::1`, zone ids dropped. */
export function normaliseIp(value: string): string {
	let ip = value.trim().replace(/^"|"$/g, '');
	const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(ip);
	if (bracketed) ip = bracketed[1];
	if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(ip)) ip = ip.replace(/:\d+$/, '');
	ip = ip.replace(/%.*$/, '');
	return ip.replace(/^::ffff:(\d{1,3}(\.\d{1,3}){3})$/i, '$1').toLowerCase();
}

function parseV4(ip: string): bigint | undefined {
	const parts = ip.split('.');
	if (parts.length !== 4) return undefined;
	let value = BigInt(0);
	for (const part of parts) {
		if (!/^\d{1,3}$/.test(part) || Number(part) > 255) return undefined;
		value = value * BigInt(256) + BigInt(part);
	}
	return value;
}

function parseV6(ip: string): bigint | undefined {
	if (!/^[0-9a-f:.]+$/.test(ip) || ip.split('::').length > 2) return undefined;
	let text = ip;
	const v4Tail = /(\d{1,3}(?:\.\d{1,3}){3})$/.exec(text);
	if (v4Tail) {
		const tail = parseV4(v4Tail[1]);
		if (tail === undefined) return undefined;
		const hex = tail.toString(16).padStart(8, '0');
		text = `${text.slice(0, -v4Tail[1].length)}${hex.slice(0, 4)}:${hex.slice(4)}`;
	}
	const [head, tail] = text.includes('::') ? text.split('::') : [text, undefined];
	const left = head ? head.split(':') : [];
	const right = tail ? tail.split(':') : [];
	const missing = 8 - left.length - right.length;
	if (tail === undefined ? missing !== 0 : missing < 1) return undefined;
	const groups = [...left, ...Array<string>(tail === undefined ? 0 : missing).fill('0'), ...right];
	let value = BigInt(0);
	for (const group of groups) {
		if (!/^[0-9a-f]{1,4}$/.test(group)) return undefined;
		value = value * BigInt(65536) + BigInt(parseInt(group, 16));
	}
	return value;
}

/** An IPv4 or IPv6 address as a number, or undefined when the text is not one. */
export function parseIp(text: string): ParsedIp | undefined {
	const ip = normaliseIp(text);
	const v4 = parseV4(ip);
	if (v4 !== undefined) return { version: 4, value: v4 };
	const v6 = parseV6(ip);
	return v6 === undefined ? undefined : { version: 6, value: v6 };
}

export interface Range {
	version: 4 | 6;
	network: bigint;
	prefix: number;
}

const bitsOf = (version: 4 | 6) => (version === 4 ? 32 : 128);

/** `52.78.194.237` (one address) or `10.0.0.0/8`, `2001:db8::/32`; undefined when malformed. */
export function parseRange(entry: string): Range | undefined {
	const [base, bits, extra] = entry.trim().split('/');
	if (extra !== undefined) return undefined;
	const ip = parseIp(base);
	if (!ip) return undefined;
	const prefix = bits === undefined ? bitsOf(ip.version) : Number(bits);
	if (!/^\d{1,3}$/.test(bits ?? '0') || prefix > bitsOf(ip.version)) return undefined;
	return { version: ip.version, network: ip.value >> BigInt(bitsOf(ip.version) - prefix), prefix };
}

export function inRange(ip: ParsedIp, range: Range): boolean {
	if (ip.version !== range.version) return false;
	return ip.value >> BigInt(bitsOf(ip.version) - range.prefix) === range.network;
}

/** The entries of a list of addresses and CIDR ranges, comma or space separated. */
export const rangeEntries = (list: string) =>
	list
		.split(/[\s,]+/)
		.map((entry) => entry.trim())
		.filter(Boolean);

/** The user's Trusted Proxies as ranges; malformed entries (refused at activation) are left out. */
export function parseRanges(list: string): Range[] {
	return rangeEntries(list)
		.map((entry) => parseRange(entry))
		.filter((range): range is Range => range !== undefined);
}

/** Why a Trusted Proxies list cannot be used (undefined: it can). */
export function trustedProxiesProblem(list: string): string | undefined {
	const entries = rangeEntries(list);
	const malformed = entries.find((entry) => parseRange(entry) === undefined);
	if (malformed !== undefined)
		return `Trusted Proxies: "${malformed.slice(0, 50)}" is not an IP address or CIDR range (e.g. 127.0.0.1 or 10.0.0.0/8)`;
	const everyone = entries.find((entry) => (parseRange(entry) as Range).prefix === 0);
	if (everyone !== undefined)
		return `Trusted Proxies: ${everyone} would believe any caller's forwarding header, so anyone could claim Argos's address. Name the address or range of your reverse proxy`;
	return undefined;
}

const within = (address: string, ranges: Range[]) => {
	const ip = parseIp(address);
	return ip !== undefined && ranges.some((range) => inRange(ip, range));
};

/** The addresses a forwarding header lists, first hop first; `Forwarded` (RFC 7239) by its `for=`. */
function forwardedChain(name: string, raw: string | string[] | undefined): string[] {
	const value = (Array.isArray(raw) ? raw.join(',') : (raw ?? '')).trim();
	if (!value) return [];
	const hops = value.split(',').map((hop) => hop.trim());
	if (name !== 'forwarded') return hops;
	return hops.map((hop) => {
		const pair = hop
			.split(';')
			.map((part) => part.trim())
			.find((part) => /^for=/i.test(part));
		return pair ? pair.slice(4) : '';
	});
}

export interface PeerRequest {
	socket?: { remoteAddress?: string };
	headers: Record<string, string | string[] | undefined>;
}

/**
 * The caller's address: the connection's peer; or, when `trustedHeader` is named and the peer is
 * one of `trustedProxies`, the right-most address in that header that is not itself a trusted
 * proxy (each proxy appends the address it saw, so entries to the left of the first other address
 * are whatever the caller wrote). A private address there is a client like any other. With no
 * trusted proxies, no header is believed. An entry that is not an address gives '' (refused by
 * any allow-list).
 */
export function clientAddress(
	request: PeerRequest,
	trustedHeader: string,
	trustedProxies: Range[],
): string {
	const peer = normaliseIp(request.socket?.remoteAddress ?? '');
	const name = trustedHeader.trim().toLowerCase();
	if (!name || !within(peer, trustedProxies)) return peer;
	const chain = forwardedChain(name, request.headers[name]);
	if (chain.length === 0) return peer;
	for (let index = chain.length - 1; index >= 0; index -= 1) {
		const hop = normaliseIp(chain[index]);
		if (!parseIp(hop)) return '';
		if (!within(hop, trustedProxies) || index === 0) return hop;
	}
	return peer;
}
