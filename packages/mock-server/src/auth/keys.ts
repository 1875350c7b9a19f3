import { fromBase64Url, subtle, toBase64Url } from '@credit-check/sdk/auth';
import type { Jwk } from '@credit-check/sdk/contract';
import { type Ed25519Signer, webCryptoSigner } from '@credit-check/sdk/receipts';

export interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  /** Ed25519 signature over bytes (WebCrypto here; the Node server swaps in node:crypto). */
  sign: Ed25519Signer;
  publicJwk: Jwk;
  /** PKCS#8, base64url: how the key is persisted with --data-dir. */
  pkcs8: string;
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
    privateKey: signer,
    sign: webCryptoSigner(signer),
    pkcs8: exported,
    publicJwk: { kty: 'OKP', crv: 'Ed25519', x, kid, alg: 'EdDSA', use: 'sig' },
  };
}
