import { timingSafeEqual } from '../auth/signature.ts';
import { CreditCheckError } from '../client/errors.ts';
import { ReceiptClaims } from '../contract/checks.ts';
import type { IdType } from '../contract/subjects.ts';
import type { Jwk, Jwks } from '../contract/tokens.ts';
import { subjectDigest } from './digest.ts';
import { decodeJws, importPublicJwk, verifyJwsSignature } from './jws.ts';

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

/**
 * Verifies a check receipt offline with the platform's published key (GET /keys) and, when given,
 * that it is the receipt of *this* application, matter and subject. Lets a host backend prove a
 * check happened before it approves (a browser widget alone can be bypassed).
 * Throws `CreditCheckError` with code `RECEIPT_INVALID` and a `reason`:
 * `MALFORMED`, `UNKNOWN_KEY`, `SIGNATURE`, `CLAIMS`, `MISMATCH`, `TOO_OLD`.
 */
export async function verifyReceipt(
  receipt: string,
  key: Jwk | Jwks | CryptoKey,
  expect: ReceiptExpectations = {},
): Promise<ReceiptClaims> {
  let decoded: ReturnType<typeof decodeJws>;
  try {
    decoded = decodeJws(String(receipt ?? ''));
  } catch {
    throw invalid('MALFORMED', 'not a compact JWS receipt');
  }
  let cryptoKey: CryptoKey;
  if (typeof CryptoKey !== 'undefined' && key instanceof CryptoKey) {
    cryptoKey = key;
  } else {
    const jwk = 'keys' in key ? key.keys.find((k) => k.kid === decoded.header.kid) : (key as Jwk);
    if (!jwk || jwk.kid !== decoded.header.kid) throw invalid('UNKNOWN_KEY', `no key with kid "${decoded.header.kid}"`);
    cryptoKey = await importPublicJwk(jwk);
  }
  if (!(await verifyJwsSignature(decoded, cryptoKey))) throw invalid('SIGNATURE', 'signature does not verify');
  const parsed = ReceiptClaims.safeParse(decoded.payload);
  if (!parsed.success) throw invalid('CLAIMS', 'claims are not a check receipt');
  const claims = parsed.data;
  for (const field of ['checkId', 'applicationId', 'matter', 'department'] as const) {
    const want = expect[field];
    if (want !== undefined && claims[field] !== want) throw invalid('MISMATCH', `${field} does not match`);
  }
  if (expect.subject) {
    const digest = await subjectDigest(expect.subject.idType, expect.subject.id, claims.checkId);
    if (!timingSafeEqual(digest, claims.subjectDigest)) throw invalid('MISMATCH', 'subject does not match');
  }
  if (expect.maxAgeSeconds !== undefined) {
    const age = ((expect.now ?? Date.now()) - Date.parse(claims.checkedAt)) / 1000;
    if (age > expect.maxAgeSeconds) throw invalid('TOO_OLD', `checked ${Math.round(age)} s ago`);
  }
  return claims;
}
