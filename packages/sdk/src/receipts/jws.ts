import { fromBase64Url, subtle, toBase64Url, utf8 } from '../auth/encoding.ts';
import type { Jwk } from '../contract/tokens.ts';

/** Receipts are compact JWS (RFC 7515) signed with Ed25519 (`alg: EdDSA`): any JOSE library verifies them. */
export const RECEIPT_TYP = 'cc-receipt+jwt';

export interface JwsHeader {
  alg: 'EdDSA';
  kid: string;
  typ: string;
}

/** Signs bytes with Ed25519: WebCrypto (async) or a synchronous native signer. */
export type Ed25519Signer = (data: Uint8Array) => Uint8Array | Promise<Uint8Array>;

/** A WebCrypto Ed25519 signer for a private key. */
export const webCryptoSigner =
  (privateKey: CryptoKey): Ed25519Signer =>
  async (data) =>
    new Uint8Array(await subtle().sign('Ed25519', privateKey, data as Uint8Array<ArrayBuffer>));

export async function signJws(claims: object, sign: Ed25519Signer, kid: string): Promise<string> {
  const header: JwsHeader = { alg: 'EdDSA', kid, typ: RECEIPT_TYP };
  const input = `${toBase64Url(utf8.encode(JSON.stringify(header)))}.${toBase64Url(utf8.encode(JSON.stringify(claims)))}`;
  return `${input}.${toBase64Url(await sign(utf8.encode(input)))}`;
}

export interface DecodedJws {
  header: JwsHeader;
  payload: unknown;
  signingInput: string;
  signature: Uint8Array;
}

/** Splits and decodes a compact JWS without verifying it; throws TypeError when malformed. */
export function decodeJws(jws: string): DecodedJws {
  const parts = jws.split('.');
  if (parts.length !== 3) throw new TypeError('a compact JWS has three parts');
  const [h, p, s] = parts as [string, string, string];
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const header = JSON.parse(decoder.decode(fromBase64Url(h))) as JwsHeader;
  const payload = JSON.parse(decoder.decode(fromBase64Url(p))) as unknown;
  if (header?.alg !== 'EdDSA' || typeof header.kid !== 'string') throw new TypeError('unsupported JWS header');
  return { header, payload, signingInput: `${h}.${p}`, signature: fromBase64Url(s) };
}

export function importPublicJwk(jwk: Jwk): Promise<CryptoKey> {
  return subtle().importKey('jwk', { kty: jwk.kty, crv: jwk.crv, x: jwk.x }, { name: 'Ed25519' }, false, ['verify']);
}

export async function verifyJwsSignature(decoded: DecodedJws, key: CryptoKey): Promise<boolean> {
  return subtle().verify('Ed25519', key, decoded.signature as Uint8Array<ArrayBuffer>, utf8.encode(decoded.signingInput));
}
