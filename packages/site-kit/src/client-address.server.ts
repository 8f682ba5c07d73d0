// The client's address, decided in one place for both sites' Node servers (node-server.server.ts
// calls it for every request, before Astro reads X-Forwarded-For). The sites forward it to the
// API, which limits submissions, wrong access codes and logins per address, so a client must not
// be able to choose it.
//
// The rule: the socket's peer is the client unless it is a configured trusted proxy
// (LIANXIN_TRUSTED_PROXIES, none by default). Only then is X-Forwarded-For read, from the right:
// each proxy appends the address it saw, so the rightmost entries were written by our own
// proxies and the leftmost by whoever the client is. The first address, walking leftwards, that
// is not a trusted proxy is the client; everything further left is the client's own claim.
//
// On AWS this file does not run: CloudFront is the one proxy, and the sites' server functions
// take CloudFront's viewer address instead (infra/sites.ts, CLIENT_ADDRESS_INJECTION).

import { BlockList, isIP } from "node:net";

/** Which peers may speak for a client: built once from the configured list. */
export interface TrustedProxies {
  /** The entries as configured (addresses and CIDR ranges), for messages. */
  readonly entries: readonly string[];
  has(address: string): boolean;
}

/**
 * `203.0.113.7`, `203.0.113.7:4711`, `[2001:db8::1]:443`, `2001:db8::1`, `::ffff:203.0.113.7`
 * (an IPv4 client on a dual-stack socket) → the bare address, IPv4 in dotted form; null for
 * anything that is not an IP address.
 */
export function normalizeAddress(raw: string | null | undefined): string | null {
  let value = raw?.trim() ?? "";
  if (!value) return null;
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(value);
  if (bracketed?.[1]) value = bracketed[1];
  else if (/^[\d.]+:\d+$/.test(value)) value = value.slice(0, value.lastIndexOf(":"));
  const zone = value.indexOf("%");
  if (zone > 0 && value.includes(":")) value = value.slice(0, zone);
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(value);
  if (mapped?.[1]) value = mapped[1];
  const family = isIP(value);
  if (family === 6) return value.toLowerCase();
  return family === 4 ? value : null;
}

/**
 * One configured entry: an address or a CIDR range (no port, no brackets); null when it is
 * neither. An IPv4-mapped IPv6 entry (`::ffff:10.0.0.0/104`) is taken as the IPv4 one it means,
 * as addresses are compared in that form.
 */
function parseEntry(entry: string): { network: string; prefix: number | null; v6: boolean } | null {
  const [address = "", prefixText, extra] = entry.split("/");
  if (extra !== undefined || !isIP(address)) return null;
  const network = normalizeAddress(address);
  if (!network) return null;
  const v6 = isIP(network) === 6;
  if (prefixText === undefined) return { network, prefix: null, v6 };
  if (!/^\d{1,3}$/.test(prefixText)) return null;
  const mapped = isIP(address) === 6 && !v6;
  const prefix = Number(prefixText) - (mapped ? 96 : 0);
  return prefix >= 0 && prefix <= (v6 ? 128 : 32) ? { network, prefix, v6 } : null;
}

/**
 * `LIANXIN_TRUSTED_PROXIES`: addresses and CIDR ranges separated by commas (or spaces), e.g.
 * `10.0.0.0/8, 127.0.0.1, fd00::/8`. Empty or unset: none. Throws on an entry that is neither,
 * so a mistyped setting stops the server instead of quietly trusting nothing (or too much).
 */
export function parseTrustedProxies(value: string | null | undefined): string[] {
  const entries = (value ?? "").split(/[\s,]+/).filter(Boolean);
  const bad = entries.filter((entry) => parseEntry(entry) === null);
  if (bad.length > 0) {
    throw new Error(
      `LIANXIN_TRUSTED_PROXIES: not an IP address or CIDR range: ${bad.join(", ")} ` +
        "(expected e.g. 10.0.0.0/8, 127.0.0.1, fd00::/8)",
    );
  }
  return entries;
}

/** The configured entries as a matcher (node:net's BlockList, IPv4 and IPv6). */
export function trustedProxies(entries: readonly string[]): TrustedProxies {
  const list = new BlockList();
  for (const entry of entries) {
    const parsed = parseEntry(entry);
    if (!parsed) throw new Error(`not an IP address or CIDR range: ${entry}`);
    const type = parsed.v6 ? "ipv6" : "ipv4";
    if (parsed.prefix === null) list.addAddress(parsed.network, type);
    else list.addSubnet(parsed.network, parsed.prefix, type);
  }
  return {
    entries: [...entries],
    has: (address) =>
      entries.length > 0 && list.check(address, isIP(address) === 6 ? "ipv6" : "ipv4"),
  };
}

/**
 * The client's address for one request. `forwardedFor` is the request's X-Forwarded-For (Node
 * joins repeated headers with ", "; an array is taken in order), `socketAddress` the connection's
 * peer. With no trusted proxy, or a peer that is not one, the peer is the client and the header
 * is ignored whatever it says. Behind trusted proxies: the rightmost untrusted entry. If an entry
 * on the way is not an address (a proxy that wrote something else), the nearest trusted hop is
 * used, the last address known to be true; if every entry is trusted, the leftmost one. Null only
 * when the socket has no address (it has already closed).
 */
export function clientAddressOf(
  forwardedFor: string | readonly string[] | null | undefined,
  socketAddress: string | null | undefined,
  trusted: TrustedProxies,
): string | null {
  const peer = normalizeAddress(socketAddress);
  if (!peer || !trusted.has(peer)) return peer;
  const hops = [forwardedFor ?? []]
    .flat()
    .flatMap((value) => value.split(","))
    .map((hop) => hop.trim())
    .filter(Boolean);
  let nearest = peer;
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = normalizeAddress(hops[i]);
    if (!hop) return nearest;
    if (!trusted.has(hop)) return hop;
    nearest = hop;
  }
  return nearest;
}
