import { CreditCheckError } from '../client/errors.ts';
import type { Jwk, Jwks } from '../contract/tokens.ts';
import { VERIFICATION_TYP, VerificationClaims } from '../contract/verifications.ts';
import { verifySigned } from './verify.ts';

export interface SheetVerification {
  claims: VerificationClaims;
  /** Past the code's period (`exp`) at `now`: the sheet is the platform's, but its code no longer verifies. */
  expired: boolean;
  /** The public page the QR points to (not signed: show it, never trust it over the claims). */
  url: string | null;
}

const invalid = (reason: string, message: string) =>
  new CreditCheckError('RECEIPT_INVALID', `Verification code rejected (${reason}): ${message}`, { reason });

/**
 * Verifies what a 信用核查结果单's QR carries — offline, with the platform's keys (GET /keys, kept
 * from before): that the sheet's summary is the platform's and unaltered (Ed25519, or SM2 under
 * 国密), and whether its 核查码 is past its period. Whether it was re-issued or withdrawn since is
 * the platform's to say: its public page answers that online.
 * `text` is the decoded QR (`https://…/verify?code=…#<jws>`) or the JWS alone. Throws
 * `CreditCheckError` `RECEIPT_INVALID` (reasons `MALFORMED`, `UNKNOWN_KEY`, `SIGNATURE`, `CLAIMS`, `MISMATCH`).
 */
export async function verifySheetQr(text: string, key: Jwk | Jwks | CryptoKey, options: { now?: number } = {}): Promise<SheetVerification> {
  const value = String(text ?? '').trim();
  const hash = value.lastIndexOf('#');
  const jws = hash >= 0 ? value.slice(hash + 1) : value;
  const url = hash >= 0 ? value.slice(0, hash) : null;
  const { payload } = await verifySigned(jws, key, VERIFICATION_TYP);
  let parsed: ReturnType<typeof VerificationClaims.safeParse>;
  try {
    parsed = VerificationClaims.safeParse(JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(payload)));
  } catch {
    throw invalid('CLAIMS', 'claims are not JSON');
  }
  if (!parsed.success) throw invalid('CLAIMS', 'claims are not a verification code');
  const claims = parsed.data;
  // The link beside the signature must be for the signed code (a swapped link would send the reader elsewhere).
  const linked = url ? new URL(url, 'https://x.invalid').searchParams.get('code') : null;
  if (linked !== null && linked !== claims.code) throw invalid('MISMATCH', 'the link names another code');
  return { claims, expired: claims.exp * 1000 <= (options.now ?? Date.now()), url };
}
