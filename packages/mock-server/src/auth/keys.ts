import { fromBase64Url, subtle, toBase64Url } from '@credit-check/sdk/auth';
import type { Jwk } from '@credit-check/sdk/contract';
import { type ReceiptAlg, type ReceiptSigner, webCryptoSigner } from '@credit-check/sdk/receipts';

/** The key that signs check receipts: Ed25519 (default) or SM2 (`--crypto gm`). */
export interface SigningKey {
  kid: string;
  alg: ReceiptAlg;
  /** Signature over bytes (WebCrypto or sm-crypto-v2; the Node server swaps in node:crypto for Ed25519). */
  sign: ReceiptSigner;
  publicJwk: Jwk;
  /** How the private key is persisted with --data-dir: PKCS#8 base64url (Ed25519), the scalar in hex (SM2). */
  exported: string;
}

/** Creates (or restores from PKCS#8) the Ed25519 key that signs check receipts. */
export async function signingKey(pkcs8?: string): Promise<SigningKey> {
  let privateKey: CryptoKey;
  if (pkcs8) {
    privateKey = await subtle().importKey('pkcs8', fromBase64Url(pkcs8) as Uint8Array<ArrayBuffer>, { name: 'Ed25519' }, true, ['sign']);
  } else {
    const pair = (await subtle().generateKey({ name: 'Ed25519' }, true, ['sign', 'verify'])) as CryptoKeyPair;
    privateKey = pair.privateKey;
  }
  const jwk = await subtle().exportKey('jwk', privateKey);
  const exported = toBase64Url(new Uint8Array(await subtle().exportKey('pkcs8', privateKey)));
  const x = jwk.x as string;
  // A short, stable key id derived from the public key.
  const digest = new Uint8Array(await subtle().digest('SHA-256', fromBase64Url(x) as Uint8Array<ArrayBuffer>));
  const kid = `rk_${toBase64Url(digest).slice(0, 12)}`;
  // Re-import without extractability for signing.
  const signer = await subtle().importKey('pkcs8', fromBase64Url(exported) as Uint8Array<ArrayBuffer>, { name: 'Ed25519' }, false, [
    'sign',
  ]);
  return {
    kid,
    alg: 'EdDSA',
    sign: webCryptoSigner(signer),
    exported,
    publicJwk: { kty: 'OKP', crv: 'Ed25519', x, kid, alg: 'EdDSA', use: 'sig' },
  };
}

/**
 * Creates (or restores from its hex scalar) the SM2 key that signs receipts under 国密. The `gm`
 * SDK entry (sm-crypto-v2) is loaded only here, so a standard platform never carries it.
 */
export async function sm2SigningKey(privateHex?: string): Promise<SigningKey> {
  const gm = await import('@credit-check/sdk/gm');
  const privateKey = privateHex ?? gm.generateSm2KeyPair().privateKey;
  const publicJwk = gm.sm2Jwk(gm.sm2PublicKeyOf(privateKey));
  return { kid: publicJwk.kid, alg: gm.SM2_ALG, sign: gm.sm2Signer(privateKey), exported: privateKey, publicJwk };
}
