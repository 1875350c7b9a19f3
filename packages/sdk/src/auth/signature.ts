import { subtle, toBase64Url, toHex, utf8 } from './encoding.ts';

export { timingSafeEqual } from './encoding.ts';

/**
 * Server-to-server request signing (002 (十八) "加强信息交换通道安全"): an app id, a timestamp,
 * a one-time nonce and an HMAC over the method, path, timestamp, nonce and body digest.
 *
 *   Authorization: <scheme> app=<appId>, ts=<unix ms>, nonce=<nonce>, sig=<base64url>
 *
 * Two schemes share the canonical string and differ in the hash: `CC-HMAC-SHA256` (default) and
 * `CC-HMAC-SM3` (国密, GB/T 32905; its implementation is in `@credit-check/sdk/gm`, so a bundle
 * that does not sign with SM3 does not carry it). The platform accepts only the app's scheme.
 */
export const SIGNATURE_SCHEME = 'CC-HMAC-SHA256';
export const SIGNATURE_SCHEMES = ['CC-HMAC-SHA256', 'CC-HMAC-SM3'] as const;
export type SignatureSchemeName = (typeof SIGNATURE_SCHEMES)[number];
/** How far a timestamp may be from the platform's clock. */
export const SIGNATURE_WINDOW_MS = 5 * 60 * 1000;

/** One request-signing scheme: its name, the body digest and the MAC (both may be synchronous). */
export interface SignatureAlgorithm {
  name: SignatureSchemeName;
  /** Hex digest of the body. */
  digestHex(data: Uint8Array): string | Promise<string>;
  /** MAC of the canonical string under the app secret. */
  mac(secret: string, data: Uint8Array): Uint8Array | Promise<Uint8Array>;
}

export interface SignatureParts {
  method: string;
  /** Path and query exactly as sent (`/api/v1/checks?x=1`). */
  pathAndQuery: string;
  timestamp: number;
  nonce: string;
  body: string;
}

const keyCache = new Map<string, Promise<CryptoKey>>();
function hmacKey(secret: string): Promise<CryptoKey> {
  let key = keyCache.get(secret);
  if (!key) {
    key = subtle().importKey('raw', utf8.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    keyCache.set(secret, key);
  }
  return key;
}

/** `CC-HMAC-SHA256` with WebCrypto (browsers and Node alike). */
export const HMAC_SHA256: SignatureAlgorithm = {
  name: 'CC-HMAC-SHA256',
  digestHex: async (data) => toHex(await subtle().digest('SHA-256', data as Uint8Array<ArrayBuffer>)),
  mac: async (secret, data) => new Uint8Array(await subtle().sign('HMAC', await hmacKey(secret), data as Uint8Array<ArrayBuffer>)),
};

export async function canonicalRequest(parts: SignatureParts, algorithm: SignatureAlgorithm = HMAC_SHA256): Promise<string> {
  const bodyHash = await algorithm.digestHex(utf8.encode(parts.body));
  return [algorithm.name, parts.method.toUpperCase(), parts.pathAndQuery, parts.timestamp, parts.nonce, bodyHash].join('\n');
}

export async function computeSignature(
  secret: string,
  parts: SignatureParts,
  algorithm: SignatureAlgorithm = HMAC_SHA256,
): Promise<string> {
  const mac = await algorithm.mac(secret, utf8.encode(await canonicalRequest(parts, algorithm)));
  return toBase64Url(mac);
}

export async function authorizationHeader(
  appId: string,
  secret: string,
  parts: SignatureParts,
  algorithm: SignatureAlgorithm = HMAC_SHA256,
): Promise<string> {
  const sig = await computeSignature(secret, parts, algorithm);
  return `${algorithm.name} app=${appId}, ts=${parts.timestamp}, nonce=${parts.nonce}, sig=${sig}`;
}

export interface ParsedSignature {
  scheme: SignatureSchemeName;
  appId: string;
  timestamp: number;
  nonce: string;
  signature: string;
}

/** Parses the Authorization header of a signed request (either scheme); undefined when it is not one. */
export function parseSignatureHeader(header: string): ParsedSignature | undefined {
  const scheme = SIGNATURE_SCHEMES.find((s) => header.startsWith(`${s} `));
  if (!scheme) return undefined;
  const fields = new Map<string, string>();
  for (const part of header.slice(scheme.length + 1).split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const appId = fields.get('app');
  const ts = Number(fields.get('ts'));
  const nonce = fields.get('nonce');
  const signature = fields.get('sig');
  if (!appId || !Number.isFinite(ts) || !nonce || nonce.length < 8 || nonce.length > 64 || !signature) {
    return undefined;
  }
  return { scheme, appId, timestamp: ts, nonce, signature };
}
