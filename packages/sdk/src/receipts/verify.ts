import { compactVerify, createLocalJWKSet, decodeProtectedHeader, importJWK, type JWK } from 'jose';
import { timingSafeEqual } from '../auth/encoding.ts';
import { CreditCheckError } from '../client/errors.ts';
import { ReceiptClaims } from '../contract/checks.ts';
import type { IdType } from '../contract/subjects.ts';
import type { Jwk, Jwks } from '../contract/tokens.ts';
import { subjectDigest } from './digest.ts';

export interface ReceiptExpectations {
  checkId?: string;
  applicationId?: string;
  matter?: string;
  department?: string;
  /** The subject the backend is approving: its digest must match the receipt's. */
  subject?: { idType: IdType; id: string };
  /** Refuse receipts older than this (seconds since `checkedAt`). */
  maxAgeSeconds?: number;
  /** "Now" for `maxAgeSeconds` (ms since epoch); defaults to Date.now(). */
  now?: number;
}

function invalid(reason: string, message: string): CreditCheckError {
  return new CreditCheckError('RECEIPT_INVALID', `Receipt rejected (${reason}): ${message}`, { reason });
}

/** jose's error codes, as the reasons this SDK has always given. */
const REASONS: Record<string, string> = {
  ERR_JWKS_NO_MATCHING_KEY: 'UNKNOWN_KEY',
  ERR_JWKS_MULTIPLE_MATCHING_KEYS: 'UNKNOWN_KEY',
  ERR_JWS_SIGNATURE_VERIFICATION_FAILED: 'SIGNATURE',
  ERR_JWS_INVALID: 'MALFORMED',
  ERR_JOSE_ALG_NOT_ALLOWED: 'MALFORMED',
};

/**
 * Verifies a check receipt offline with the platform's published key (GET /keys) and, when given,
 * that it is the receipt of *this* application, matter and subject. Lets a host backend prove a
 * check happened before it approves (a browser widget alone can be bypassed). EdDSA receipts are
 * checked by `jose` (the audited JOSE library); SM2 receipts (`alg: SM2SM3`, 国密) by the SDK's `gm`
 * module, loaded only when such a receipt arrives. The key is chosen by `kid` and must be of the
 * receipt's algorithm; under SM2 the subject digest is SM3 instead of SHA-256.
 * Throws `CreditCheckError` with code `RECEIPT_INVALID` and a `reason`:
 * `MALFORMED`, `UNKNOWN_KEY`, `SIGNATURE`, `CLAIMS`, `MISMATCH`, `TOO_OLD`.
 */
export async function verifyReceipt(
  receipt: string,
  key: Jwk | Jwks | CryptoKey,
  expect: ReceiptExpectations = {},
): Promise<ReceiptClaims> {
  const { payload, digest } = await verifySigned(String(receipt ?? ''), key);
  let parsed: ReturnType<typeof ReceiptClaims.safeParse>;
  try {
    parsed = ReceiptClaims.safeParse(JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(payload)));
  } catch {
    throw invalid('CLAIMS', 'claims are not JSON');
  }
  if (!parsed.success) throw invalid('CLAIMS', 'claims are not a check receipt');
  const claims = parsed.data;
  for (const field of ['checkId', 'applicationId', 'matter', 'department'] as const) {
    const want = expect[field];
    if (want !== undefined && claims[field] !== want) throw invalid('MISMATCH', `${field} does not match`);
  }
  if (expect.subject) {
    const expected = await digest(expect.subject.idType, expect.subject.id, claims.checkId);
    if (!timingSafeEqual(expected, claims.subjectDigest)) throw invalid('MISMATCH', 'subject does not match');
  }
  if (expect.maxAgeSeconds !== undefined) {
    const age = ((expect.now ?? Date.now()) - Date.parse(claims.checkedAt)) / 1000;
    if (age > expect.maxAgeSeconds) throw invalid('TOO_OLD', `checked ${Math.round(age)} s ago`);
  }
  return claims;
}

/** A compact JWS signed by the platform (EdDSA, or SM2 under 国密), verified by `kid` against `key`. */
export async function verifySigned(jws: string, key: Jwk | Jwks | CryptoKey, typ?: string): Promise<Verified> {
  let header: { kid?: unknown; alg?: unknown; typ?: unknown };
  try {
    header = decodeProtectedHeader(jws);
  } catch {
    throw invalid('MALFORMED', 'not a compact JWS receipt');
  }
  const kid = header.kid;
  if (typeof kid !== 'string') throw invalid('MALFORMED', 'the receipt names no key (kid)');
  if (typ !== undefined && header.typ !== typ) throw invalid('MALFORMED', `not a ${typ}`);
  return header.alg === 'SM2SM3' ? verifySm2(jws, key, kid) : verifyEdDsa(jws, key, kid);
}

type Verified = { payload: Uint8Array; digest: (idType: string, id: string, checkId: string) => string | Promise<string> };

async function verifyEdDsa(jws: string, key: Jwk | Jwks | CryptoKey, kid: string): Promise<Verified> {
  try {
    const { payload } = await compactVerify(jws, await verificationKey(key, kid), { algorithms: ['EdDSA'] });
    return { payload, digest: subjectDigest };
  } catch (error) {
    if (error instanceof CreditCheckError) throw error;
    const reason = REASONS[(error as { code?: string })?.code ?? ''] ?? 'SIGNATURE';
    throw invalid(reason, MESSAGES[reason]?.(kid) ?? 'signature does not verify');
  }
}

async function verifySm2(jws: string, key: Jwk | Jwks | CryptoKey, kid: string): Promise<Verified> {
  if (typeof CryptoKey !== 'undefined' && key instanceof CryptoKey)
    throw invalid('UNKNOWN_KEY', 'an SM2 receipt needs the SM2 JWK from /keys');
  const gm = await import('../gm/receipts.ts');
  const result = gm.verifySm2Jws(jws, key as Jwk | Jwks, kid);
  if ('reason' in result) throw invalid(result.reason, MESSAGES[result.reason]?.(kid) ?? 'signature does not verify');
  return { payload: result.payload, digest: gm.sm3SubjectDigest };
}

const MESSAGES: Record<string, (kid: string) => string> = {
  UNKNOWN_KEY: (kid) => `no key with kid "${kid}" for this algorithm`,
  MALFORMED: () => 'not an EdDSA or SM2SM3 compact JWS',
  SIGNATURE: () => 'signature does not verify',
};

/** A key, one JWK (its kid must match) or a JWKS (jose picks by kid). */
async function verificationKey(key: Jwk | Jwks | CryptoKey, kid: string) {
  if (typeof CryptoKey !== 'undefined' && key instanceof CryptoKey) return key;
  const jwk = key as Jwk | Jwks;
  if ('keys' in jwk) return createLocalJWKSet({ keys: jwk.keys.filter((k) => k.kty === 'OKP') as JWK[] });
  if (jwk.kid !== kid || jwk.kty !== 'OKP') throw invalid('UNKNOWN_KEY', `no EdDSA key with kid "${kid}"`);
  return importJWK(jwk as JWK, 'EdDSA');
}
