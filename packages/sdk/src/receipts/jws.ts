import { subtle, toBase64Url, utf8 } from '../auth/encoding.ts';

/**
 * Receipts are compact JWS (RFC 7515) signed with Ed25519 (`alg: EdDSA`) — any JOSE library verifies
 * them (the SDK's `verifyReceipt` uses jose) — or, under 国密, with SM2 (`alg: SM2SM3`, see `../gm`).
 * Signing stays this small function because the platform signs on its hot path with a synchronous
 * signer (node:crypto, sm-crypto-v2), which jose's async WebCrypto cannot use.
 */
export const RECEIPT_TYP = 'cc-receipt+jwt';

export type ReceiptAlg = 'EdDSA' | 'SM2SM3';

export interface JwsHeader {
  alg: ReceiptAlg;
  kid: string;
  typ: string;
}

/** Signs bytes (Ed25519 or SM2 r ‖ s): WebCrypto (async) or a synchronous native signer. */
export type ReceiptSigner = (data: Uint8Array) => Uint8Array | Promise<Uint8Array>;
export type Ed25519Signer = ReceiptSigner;

/** A WebCrypto Ed25519 signer for a private key. */
export const webCryptoSigner =
  (privateKey: CryptoKey): Ed25519Signer =>
  async (data) =>
    new Uint8Array(await subtle().sign('Ed25519', privateKey, data as Uint8Array<ArrayBuffer>));

export async function signJws(
  claims: object,
  sign: ReceiptSigner,
  kid: string,
  alg: ReceiptAlg = 'EdDSA',
  typ: string = RECEIPT_TYP,
): Promise<string> {
  const header: JwsHeader = { alg, kid, typ };
  const input = `${toBase64Url(utf8.encode(JSON.stringify(header)))}.${toBase64Url(utf8.encode(JSON.stringify(claims)))}`;
  return `${input}.${toBase64Url(await sign(utf8.encode(input)))}`;
}
