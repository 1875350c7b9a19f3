import ipaddr from 'ipaddr.js';

type Range = [ipaddr.IPv4 | ipaddr.IPv6, number];

/** An address as ipaddr.js reads it, IPv4-mapped IPv6 (`::ffff:10.0.0.5`, a dual-stack socket's) as IPv4. */
function parse(text: string): ipaddr.IPv4 | ipaddr.IPv6 | undefined {
  const t = text.trim().replace(/^\[(.*)\]$/, '$1');
  return ipaddr.isValid(t) ? ipaddr.process(t) : undefined;
}

/** `--trusted-proxies`: addresses and CIDR ranges, checked at start (a typo is an error, not a silent trust). */
export function parseTrustedProxies(entries: readonly string[]): Range[] {
  return entries
    .map((e) => e.trim())
    .filter(Boolean)
    .map((entry): Range => {
      if (entry.includes('/')) {
        if (!ipaddr.isValidCIDR(entry)) throw new Error(`"${entry}" is not a valid CIDR range`);
        return ipaddr.parseCIDR(entry);
      }
      const address = parse(entry);
      if (!address) throw new Error(`"${entry}" is not an address`);
      return [address, address.kind() === 'ipv4' ? 32 : 128];
    });
}

/**
 * The client a request is from, for what budgets by client (the public 核查码 lookups): the socket's
 * peer — unless that peer is one of the operator's proxies (`--trusted-proxies`), then the address
 * the proxies recorded in `X-Forwarded-For`, read from the right and skipping trusted hops (the
 * left-most entries are whatever the client sent, so a client cannot name itself someone else).
 * With no trusted proxies the header is never read: behind a proxy nobody declared, every client is
 * the proxy.
 */
export function clientAddress(trusted: readonly Range[]): (peer: string | undefined, forwardedFor: string | undefined) => string {
  // Every request asks: with no proxy declared, the peer as the socket says it, nothing parsed.
  if (trusted.length === 0) return (peer) => peer || 'local';
  const isTrusted = (text: string | undefined) => {
    const a = text === undefined ? undefined : parse(text);
    return a !== undefined && trusted.some(([range, bits]) => a.kind() === range.kind() && a.match(range, bits));
  };
  const shown = (text: string) => parse(text)?.toString() ?? text;
  return (peer, forwardedFor) => {
    if (!peer) return 'local';
    if (!forwardedFor || !isTrusted(peer)) return shown(peer);
    const hops = forwardedFor
      .split(',')
      .map((h) => h.trim())
      .filter(Boolean);
    for (let i = hops.length - 1; i >= 0; i--) {
      const hop = hops[i] as string;
      if (!parse(hop)) return shown(peer); // not an address: the chain cannot be trusted past it
      if (!isTrusted(hop)) return shown(hop);
    }
    return shown(hops[0] ?? peer);
  };
}
