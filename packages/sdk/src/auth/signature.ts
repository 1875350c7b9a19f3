import { subtle, toBase64Url, toHex, utf8 } from './encoding.ts';

/**
 * Server-to-server request signing (002 (十八) "加强信息交换通道安全"): an app id, a timestamp,
 * a one-time nonce and an HMAC-SHA256 over the method, path, timestamp, nonce and body hash.
 *
 *   Authorization: CC-HMAC-SHA256 app=<appId>, ts=<unix ms>, nonce=<nonce>, sig=<base64url>
 */
export const SIGNATURE_SCHEME = 'CC-HMAC-SHA256';
/** How far a timestamp may be from the platform's clock. */
export const SIGNATURE_WINDOW_MS = 5 * 60 * 1000;

export interface SignatureParts {
  method: string;
  /** Path and query exactly as sent (`/api/v1/checks?x=1`). */
  pathAndQuery: string;
  timestamp: number;
  nonce: string;
  body: string;
}

export async function canonicalRequest(parts: SignatureParts): Promise<string> {
  const bodyHash = toHex(await subtle().digest('SHA-256', utf8.encode(parts.body)));
  return [SIGNATURE_SCHEME, parts.method.toUpperCase(), parts.pathAndQuery, parts.timestamp, parts.nonce, bodyHash].join('\n');
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

export async function computeSignature(secret: string, parts: SignatureParts): Promise<string> {
  const mac = await subtle().sign('HMAC', await hmacKey(secret), utf8.encode(await canonicalRequest(parts)));
  return toBase64Url(new Uint8Array(mac));
}

export async function authorizationHeader(appId: string, secret: string, parts: SignatureParts): Promise<string> {
  const sig = await computeSignature(secret, parts);
  return `${SIGNATURE_SCHEME} app=${appId}, ts=${parts.timestamp}, nonce=${parts.nonce}, sig=${sig}`;
}

export interface ParsedSignature {
  appId: string;
  timestamp: number;
  nonce: string;
  signature: string;
}

/** Parses the Authorization header of a signed request; undefined when it is not one. */
export function parseSignatureHeader(header: string): ParsedSignature | undefined {
  if (!header.startsWith(`${SIGNATURE_SCHEME} `)) return undefined;
  const fields = new Map<string, string>();
  for (const part of header.slice(SIGNATURE_SCHEME.length + 1).split(',')) {
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
  return { appId, timestamp: ts, nonce, signature };
}

/** Constant-time string comparison for signatures. */
export function timingSafeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}
