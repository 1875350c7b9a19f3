import * as z from 'zod/mini';
import { Serial, Verdict } from './checks.ts';
import { Code, Instant, Label } from './common.ts';
import { SubjectView } from './subjects.ts';
import './zod.ts';

/**
 * 核查码: a short code a third party enters (or scans) on the platform's public page to see that a
 * check happened and what it said — 8 characters of Crockford's base32 (no I, L, O, U), shown as
 * `7K3M-9QXD`. Lookups accept lower case, spaces and the look-alikes (O → 0, I/L → 1).
 */
export const VerificationCode = /* @__PURE__ */ z.string().check(z.minLength(8), z.maxLength(12), z.regex(/^[0-9A-Za-z -]+$/));

/** POST /checks/{checkId}/verification — a new 核查码 for a check; the check's earlier one stops verifying. */
export const VerificationIssued = /* @__PURE__ */ z.object({
  code: VerificationCode,
  checkId: Code,
  serial: z.nullable(Serial),
  issuedAt: Instant,
  /** After this the code answers `expired` (the platform's stated period, `validDays`). */
  expiresAt: Instant,
  validDays: /* @__PURE__ */ z.int().check(z.gte(1)),
  /** The platform's public page for this code (what the QR on the 结果单 opens). */
  verifyUrl: /* @__PURE__ */ z.string().check(z.maxLength(500)),
});
export type VerificationIssued = z.infer<typeof VerificationIssued>;

/**
 * What a code says now: `valid`; `superseded` — a newer code was issued for the check; `expired`
 * — past its period; `withdrawn` — the app that issued it withdrew it.
 */
export const VerificationStatus = /* @__PURE__ */ z.enum(['valid', 'superseded', 'expired', 'withdrawn']);
export type VerificationStatus = z.infer<typeof VerificationStatus>;

/**
 * GET /verifications/{code} — public, no login: the masked summary a third party may see, and
 * whether the code still verifies. A code that was never issued is a 404 like any other.
 */
export const Verification = /* @__PURE__ */ z.object({
  status: VerificationStatus,
  /** Who made the check (the platform's `iss`). */
  issuer: Label,
  serial: z.nullable(Serial),
  checkedAt: Instant,
  matter: z.object({ code: Code, name: Label }),
  verdict: Verdict,
  /** Always masked: the page is public. */
  subject: SubjectView,
  department: Label,
  issuedAt: Instant,
  expiresAt: Instant,
  /** When it stopped verifying (superseded or withdrawn); null otherwise. */
  endedAt: z.nullable(Instant),
});
export type Verification = z.infer<typeof Verification>;

/** DELETE /checks/{checkId}/verification — the check's codes withdrawn. */
export const VerificationWithdrawn = /* @__PURE__ */ z.object({ withdrawn: /* @__PURE__ */ z.int().check(z.gte(0)) });
export type VerificationWithdrawn = z.infer<typeof VerificationWithdrawn>;

/** The `typ` of the JWS a 结果单's QR carries (never a receipt's: one cannot pass for the other). */
export const VERIFICATION_TYP = 'cc-verification+jwt';

/**
 * What a 结果单's QR carries, signed with the platform's receipt key (Ed25519, or SM2 under 国密): a
 * compact summary — short names, no Chinese, as a QR must stay small enough to scan from paper — so a
 * verifier with the platform's public key (GET /keys) checks offline that the sheet is the
 * platform's and unaltered, and until when its code runs. The names, department and reasons are on
 * the sheet and on the public page.
 */
export const VerificationClaims = /* @__PURE__ */ z.object({
  iss: Label,
  /** The 核查编号 (null for a check made before it was issued). */
  sn: z.nullable(Serial),
  code: VerificationCode,
  /** The verdict. */
  v: Verdict,
  /** The matter's code. */
  m: Code,
  /** The subject's identifier, masked as on the sheet (a 身份证 never in clear). */
  sub: /* @__PURE__ */ z.string().check(z.maxLength(64)),
  /** Seconds since the epoch: when the check was made. */
  iat: /* @__PURE__ */ z.int(),
  /** Seconds since the epoch: when the code stops verifying. */
  exp: /* @__PURE__ */ z.int(),
});
export type VerificationClaims = z.infer<typeof VerificationClaims>;
