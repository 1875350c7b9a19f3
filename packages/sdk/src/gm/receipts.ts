import { fromBase64Url, toBase64Url, utf8 } from '../auth/encoding.ts';
import type { Jwk, Jwks } from '../contract/tokens.ts';
import { subjectDigestInput } from '../receipts/digest.ts';
import { SM2_ALG, sm2PublicKeyFromJwk, sm2Verify } from './sm2.ts';
import { sm3 } from './sm3.ts';

/** Why an SM2 receipt did not verify (the same reasons as `verifyReceipt`'s). */
export type Sm2Rejection = 'MALFORMED' | 'UNKNOWN_KEY' | 'SIGNATURE';

/**
 * Verifies a compact JWS with `alg: "SM2SM3"` against the SM2 key with its kid. jose has no SM2,
 * so the JWS steps are done here: three base64url parts, the header's alg, r ‖ s over
 * `header.payload` (RFC 7515 §5.2).
 */
export function verifySm2Jws(jws: string, key: Jwk | Jwks, kid: string): { payload: Uint8Array } | { reason: Sm2Rejection } {
  const parts = jws.split('.');
  if (parts.length !== 3) return { reason: 'MALFORMED' };
  const [head, body, sig] = parts as [string, string, string];
  let header: { alg?: unknown };
  let signature: Uint8Array;
  let payload: Uint8Array;
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(fromBase64Url(head)));
    signature = fromBase64Url(sig);
    payload = fromBase64Url(body);
  } catch {
    return { reason: 'MALFORMED' };
  }
  if (header.alg !== SM2_ALG || signature.length !== 64) return { reason: 'MALFORMED' };
  const candidates = 'keys' in key ? key.keys : [key];
  const jwk = candidates.find((k) => k.kid === kid && k.kty === 'EC' && k.crv === 'SM2');
  const publicKey = jwk && sm2PublicKeyFromJwk(jwk);
  if (!publicKey) return { reason: 'UNKNOWN_KEY' };
  if (!sm2Verify(publicKey, utf8.encode(`${head}.${body}`), signature)) return { reason: 'SIGNATURE' };
  return { payload };
}

/** The receipt's `subjectDigest` under SM2: base64url SM3 of the same input as the SHA-256 one. */
export function sm3SubjectDigest(idType: string, id: string, checkId: string): string {
  return toBase64Url(sm3(subjectDigestInput(idType, id, checkId)));
}
