import { type ResultSheet, VERIFICATION_TYP, type VerificationClaims } from '@credit-check/sdk/contract';
import type { Principal } from '../auth/principal.ts';
import { storedCheckFor } from './checks.ts';
import type { PlatformContext } from './context.ts';
import { issueVerification, type VerificationPolicy } from './verifications.ts';
import { maskCheck } from './views.ts';

/**
 * POST /checks/{id}/sheet — the 信用核查结果单 (issue 41): the check as filed in the 办件档案 (身份证
 * masked, whoever asks), the window's response, a new 核查码, and a QR whose text is the public
 * page's link with the masked summary signed by the receipt key after `#` — verifiable offline with
 * `verifySheetQr` and the platform's keys.
 */
export async function createSheet(
  ctx: PlatformContext,
  policy: VerificationPolicy,
  principal: Principal,
  checkId: string,
  origin: string,
): Promise<ResultSheet> {
  const stored = await storedCheckFor(ctx, principal, checkId);
  const verification = await issueVerification(ctx, policy, principal, stored.check.checkId, origin);
  const feedback = (await ctx.store.getFeedback(stored.check.checkId)) ?? null;
  const check = maskCheck({ ...stored.check, supervision: stored.check.supervision ?? null, feedback });
  const claims: VerificationClaims = {
    iss: ctx.issuer,
    sn: check.serial ?? null,
    code: verification.code,
    v: check.verdict,
    m: check.matter.code,
    sub: check.subject.id,
    iat: Math.floor(Date.parse(check.checkedAt) / 1000),
    exp: Math.floor(Date.parse(verification.expiresAt) / 1000),
  };

  const text = `${verification.verifyUrl}#${await ctx.signReceipt(claims, VERIFICATION_TYP)}`;
  // uqr (unjs, no dependencies), loaded when a sheet is asked for: msw's bundle carries no QR encoder otherwise.
  const { renderSVG } = await import('uqr');
  const svg = renderSVG(text, { ecc: 'M', border: 4 }); // the quiet zone QR requires (ISO/IEC 18004: 4 modules)
  return { check, verification, qr: { text, svg }, dataAsOf: check.checkedAt, issuedAt: verification.issuedAt };
}
