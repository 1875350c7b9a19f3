import { sm2 } from 'sm-crypto-v2';
import { fromBase64Url, toBase64Url, toHex } from '../auth/encoding.ts';
import type { Jwk } from '../contract/tokens.ts';
import { fromHex, sm3 } from './sm3.ts';

/**
 * SM2 signatures as GB/T 32918.2 defines them: e = SM3(Z ‖ M) with Z = SM3(ENTL ‖ ID ‖ a ‖ b ‖
 * G ‖ P) and the default user ID, signature r ‖ s (64 bytes). This is what `sm-crypto`'s
 * `doSignature(msg, key, { hash: true })` makes — and what Node's OpenSSL SM2 does *not* (it skips Z).
 */
export const SM2_ALG = 'SM2SM3';
/** GB/T 35276 §10's default signer ID (ASCII `1234567812345678`). */
export const SM2_DEFAULT_USER_ID = '1234567812345678';

export interface Sm2KeyPair {
  /** 32-byte private scalar, hex. */
  privateKey: string;
  /** Uncompressed point `04 ‖ x ‖ y`, hex. */
  publicKey: string;
}

export function generateSm2KeyPair(): Sm2KeyPair {
  const { privateKey, publicKey } = sm2.generateKeyPairHex();
  return { privateKey, publicKey };
}

export function sm2PublicKeyOf(privateKey: string): string {
  return sm2.getPublicKeyFromPrivateKey(privateKey);
}

/** Signs bytes; returns r ‖ s. */
export function sm2Sign(privateKey: string, data: Uint8Array, publicKey = sm2PublicKeyOf(privateKey)): Uint8Array {
  // Passing the public key spares a scalar multiplication per signature (Z needs it).
  return fromHex(sm2.doSignature(data, privateKey, { hash: true, publicKey, userId: SM2_DEFAULT_USER_ID }));
}

/** A signer for one key, with the public point precomputed. */
export function sm2Signer(privateKey: string): (data: Uint8Array) => Uint8Array {
  const publicKey = sm2PublicKeyOf(privateKey);
  return (data) => sm2Sign(privateKey, data, publicKey);
}

/**
 * Public keys with their multiplication tables, by hex: a backend verifies every receipt with the
 * platform's one or two keys, and the table makes each verification ~5× cheaper.
 */
const precomputed = new Map<string, ReturnType<typeof sm2.precomputePublicKey>>();

function pointOf(publicKey: string) {
  let point = precomputed.get(publicKey);
  if (!point) {
    point = sm2.precomputePublicKey(publicKey);
    if (precomputed.size >= 16) precomputed.clear();
    precomputed.set(publicKey, point);
  }
  return point;
}

/** Verifies r ‖ s (64 bytes) over bytes with an uncompressed public key (hex). */
export function sm2Verify(publicKey: string, data: Uint8Array, signature: Uint8Array): boolean {
  if (signature.length !== 64) return false;
  try {
    return sm2.doVerifySignature(data, toHex(signature), pointOf(publicKey), { hash: true, userId: SM2_DEFAULT_USER_ID });
  } catch {
    return false;
  }
}

/** The public JWK of an SM2 key (`kty: "EC"`, `crv: "SM2"`), its kid derived from the point with SM3. */
export function sm2Jwk(publicKey: string): Extract<Jwk, { kty: 'EC' }> {
  const point = fromHex(publicKey);
  if (point.length !== 65 || point[0] !== 4) throw new TypeError('an SM2 public key is an uncompressed point (04 ‖ x ‖ y)');
  const x = toBase64Url(point.subarray(1, 33));
  const y = toBase64Url(point.subarray(33));
  const kid = `rk_sm2_${toBase64Url(sm3(point)).slice(0, 12)}`;
  return { kty: 'EC', crv: 'SM2', x, y, kid, alg: SM2_ALG, use: 'sig' };
}

/** The uncompressed point (hex) of an SM2 JWK; undefined when it is not a valid one on the curve. */
export function sm2PublicKeyFromJwk(jwk: { x?: unknown; y?: unknown }): string | undefined {
  try {
    const x = fromBase64Url(String(jwk.x));
    const y = fromBase64Url(String(jwk.y));
    if (x.length !== 32 || y.length !== 32) return undefined;
    const hex = `04${toHex(x)}${toHex(y)}`;
    return sm2.verifyPublicKey(hex) ? hex : undefined;
  } catch {
    return undefined;
  }
}
