import ipaddr from 'ipaddr.js';
import type { DestinationPolicy } from '../platform/webhook-policy.ts';
import { problem } from '../problems.ts';

export type { DestinationPolicy };

/*
 * Where the platform may POST a webhook (SSRF, issue 24): only to public unicast addresses, unless
 * the operator opted in to more. Loopback, private (RFC 1918, IPv6 ULA), link-local (the cloud
 * metadata service at 169.254.169.254), CGNAT, multicast, broadcast, unspecified, reserved and
 * documentation ranges are refused, and so are IPv6 forms that carry an IPv4 address (mapped,
 * NAT64, 6to4, Teredo) — whatever they carry. The same rule runs when a subscription is made (on
 * the URL's address, or on what its name resolves to) and again at every connection, after DNS:
 * a name that resolved outside yesterday and inside today (DNS rebinding) is refused then.
 * Node only (ipaddr.js is CommonJS; browsers never deliver).
 */

/** Why an address is no place for a webhook, in Chinese and English; undefined for a public unicast address. */
export function addressRefusal(address: string): { zh: string; en: string } | undefined {
  let parsed: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    parsed = ipaddr.parse(address);
  } catch {
    return { zh: '不是有效的 IP 地址', en: 'not a valid IP address' };
  }
  if (parsed.kind() === 'ipv6') {
    const embedded = embeddedIPv4(parsed as ipaddr.IPv6);
    if (embedded) {
      // Refused whatever it carries (a translator or relay forwards to the IPv4 address inside);
      // the words name that address, so an operator sees what was aimed at.
      const inner = embedded.inner ? `，内含 ${embedded.inner}${describe(embedded.inner)}` : '';
      return {
        zh: `内嵌 IPv4 的 IPv6 地址（${embedded.zh}${inner}）`,
        en: `an IPv6 address embedding IPv4 (${embedded.en}${embedded.inner ? `, carrying ${embedded.inner}` : ''})`,
      };
    }
  }
  const range = parsed.range();
  if (range === 'unicast') return undefined;
  return RANGES[range] ?? { zh: '保留地址', en: `a reserved address (${range})` };
}

/** The refusal of the IPv4 address inside, for the words (`：本机回环地址`), or nothing when public. */
function describe(inner: string): string {
  const why = addressRefusal(inner);
  return why ? `，${why.zh}` : '';
}

/**
 * The IPv6 forms that carry an IPv4 address, and the address they carry: IPv4-compatible (::/96,
 * deprecated by RFC 4291 — ipaddr.js has no range for it and calls it unicast), IPv4-mapped
 * (::ffff:0:0/96), SIIT (::ffff:0:0:0/96, RFC 6145), NAT64 (64:ff9b::/96 RFC 6052, 64:ff9b:1::/48
 * RFC 8215, where the position of the IPv4 address depends on the operator's prefix length), 6to4
 * (2002::/16, RFC 3056) and Teredo (2001::/32, RFC 4380: the client's address inverted in the last
 * 32 bits). `::` and `::1` are left to their own ranges (unspecified, loopback).
 */
function embeddedIPv4(address: ipaddr.IPv6): { zh: string; en: string; inner?: string } | undefined {
  const p = address.parts as number[];
  const v4 = (hi: number, lo: number) => `${hi >> 8}.${hi & 0xff}.${lo >> 8}.${lo & 0xff}`;
  const zero = (from: number, to: number) => p.slice(from, to).every((x) => x === 0);
  if (zero(0, 6) && !(p[6] === 0 && (p[7] === 0 || p[7] === 1))) {
    return { zh: 'IPv4 兼容地址 ::/96', en: 'IPv4-compatible ::/96', inner: v4(p[6] ?? 0, p[7] ?? 0) };
  }
  if (zero(0, 5) && p[5] === 0xffff) return { zh: 'IPv4 映射地址', en: 'IPv4-mapped', inner: v4(p[6] ?? 0, p[7] ?? 0) };
  if (zero(0, 4) && p[4] === 0xffff && p[5] === 0) return { zh: 'SIIT 转换地址', en: 'SIIT', inner: v4(p[6] ?? 0, p[7] ?? 0) };
  if (p[0] === 0x64 && p[1] === 0xff9b) {
    return zero(2, 6) ? { zh: 'NAT64', en: 'NAT64', inner: v4(p[6] ?? 0, p[7] ?? 0) } : { zh: 'NAT64（本地前缀）', en: 'local-use NAT64' };
  }
  if (p[0] === 0x2002) return { zh: '6to4', en: '6to4', inner: v4(p[1] ?? 0, p[2] ?? 0) };
  if (p[0] === 0x2001 && p[1] === 0) return { zh: 'Teredo', en: 'Teredo', inner: v4(~(p[6] ?? 0) & 0xffff, ~(p[7] ?? 0) & 0xffff) };
  return undefined;
}

const RANGES: Record<string, { zh: string; en: string }> = {
  loopback: { zh: '本机回环地址', en: 'a loopback address' },
  private: { zh: '内网地址', en: 'a private address' },
  uniqueLocal: { zh: '内网地址（IPv6 唯一本地地址）', en: 'a private (unique local) address' },
  linkLocal: { zh: '链路本地地址（含云主机元数据服务）', en: 'a link-local address (cloud metadata lives here)' },
  carrierGradeNat: { zh: '运营商级 NAT 地址', en: 'a carrier-grade NAT address' },
  multicast: { zh: '组播地址', en: 'a multicast address' },
  broadcast: { zh: '广播地址', en: 'the broadcast address' },
  unspecified: { zh: '未指定地址（0.0.0.0 / ::，会连到本机）', en: 'the unspecified address (it reaches this host)' },
};

/** A URL's host as compared: lower case, no brackets around IPv6, no trailing dot. */
export function hostOf(url: URL): string {
  return url.hostname
    .replace(/^\[(.*)\]$/, '$1')
    .replace(/\.$/, '')
    .toLowerCase();
}

type AllowList = { names: Set<string>; ranges: [ipaddr.IPv4 | ipaddr.IPv6, number][] };

/** Parsed once per list (it is configuration): every delivery asks, twice. */
const parsedLists = new WeakMap<readonly string[], AllowList>();
/** No opt-ins (the default): one shared empty list, never written. */
const NONE: AllowList = { names: new Set(), ranges: [] };

/** The allow list split into names and address ranges. */
function allowList(policy: DestinationPolicy): AllowList {
  const entries = policy.allow;
  if (!entries) return NONE;
  let list = parsedLists.get(entries);
  if (!list) {
    list = parseEntries(entries);
    parsedLists.set(entries, list);
  }
  return list;
}

function parseEntries(entries: readonly string[]): AllowList {
  const names = new Set<string>();
  const ranges: [ipaddr.IPv4 | ipaddr.IPv6, number][] = [];
  for (const entry of entries) {
    const text = entry
      .trim()
      .toLowerCase()
      .replace(/^\[(.*)\]$/, '$1');
    if (!text) continue;
    if (text.includes('/')) ranges.push(ipaddr.parseCIDR(text));
    else if (ipaddr.isValid(text)) {
      const address = ipaddr.parse(text);
      ranges.push([address, address.kind() === 'ipv4' ? 32 : 128]);
    } else names.add(text.replace(/\.$/, ''));
  }
  return { names, ranges };
}

/** The allow list checked, so a typo is an error at start, not a silently refused webhook later. */
export function parseAllowList(entries: readonly string[]): string[] {
  const kept = entries.map((e) => e.trim()).filter(Boolean);
  for (const entry of kept) {
    const text = entry.replace(/^\[(.*)\]$/, '$1');
    if (text.includes('/') && !ipaddr.isValidCIDR(text)) throw new Error(`"${entry}" is not a valid CIDR range`);
    if (!text.includes('/') && !ipaddr.isValid(text) && !/^[a-z0-9.-]+$/i.test(text))
      throw new Error(`"${entry}" is not a host name or an address`);
  }
  return kept;
}

/** Whether the operator allowed this host name (the URL's host, before any DNS). */
export function nameAllowed(host: string, policy: DestinationPolicy): boolean {
  return allowList(policy).names.has(host);
}

/** Why the platform must not connect to this address under the policy; undefined when it may. */
export function connectRefusal(address: string, policy: DestinationPolicy): { zh: string; en: string } | undefined {
  const { ranges } = allowList(policy);
  if (ipaddr.isValid(address)) {
    const parsed = ipaddr.parse(address);
    if (ranges.some(([range, bits]) => parsed.kind() === range.kind() && parsed.match(range, bits))) return undefined;
  }
  return addressRefusal(address);
}

const forbidden = (url: string, why: { zh: string; en: string }) =>
  problem(
    'WEBHOOK_DESTINATION_FORBIDDEN',
    `${url}：${why.zh}。平台只向公网地址推送；本机联调请以 --allow-webhook-hosts 明确放行`,
    `Webhook destination ${url} refused: ${why.en}. The platform posts to public addresses only; for local development opt in with --allow-webhook-hosts`,
  );

/**
 * Checks a subscription's URL before it is kept. A name that does not resolve now is accepted (it
 * may be set up later); every delivery checks it again after DNS, and refuses then.
 */
export async function checkDestination(raw: string, policy: DestinationPolicy): Promise<void> {
  const url = new URL(raw);
  const shown = `${url.protocol}//${url.host}`;
  if (url.username || url.password) throw forbidden(shown, { zh: '地址中不能含用户名或密码', en: 'credentials in the URL' });
  const host = hostOf(url);
  if (nameAllowed(host, policy)) return;
  if (ipaddr.isValid(host)) {
    const why = connectRefusal(host, policy);
    if (why) throw forbidden(shown, why);
    return;
  }
  // RFC 6761: localhost and everything under it is this machine, whatever a resolver says.
  if (host === 'localhost' || host.endsWith('.localhost')) throw forbidden(shown, { zh: '本机地址（localhost）', en: 'localhost' });
  let addresses: string[] = [];
  try {
    addresses = (await policy.lookup?.(host)) ?? [];
  } catch {
    return;
  }
  for (const address of addresses) {
    const why = connectRefusal(address, policy);
    if (why) throw forbidden(shown, { zh: `域名解析到 ${address}，${why.zh}`, en: `the name resolves to ${address}, ${why.en}` });
  }
}
