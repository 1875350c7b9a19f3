import type { Verification, VerificationIssued, VerificationWithdrawn } from '@credit-check/sdk/contract';
import type { Principal } from '../auth/principal.ts';
import { ProblemError, problem } from '../problems.ts';
import { storedCheckFor } from './checks.ts';
import type { PlatformContext } from './context.ts';
import { maskSubject } from './views.ts';

/** Crockford's base32: no I, L, O or U, so a code read aloud or copied by hand survives. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const LENGTH = 8;

/** A new code, 40 random bits, shown as `7K3M-9QXD`. */
export function newCode(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(LENGTH));
  const chars = Array.from(bytes, (b) => ALPHABET[b & 31] as string).join('');
  return `${chars.slice(0, 4)}-${chars.slice(4)}`;
}

/** What was typed or scanned, as issued: upper case, no spaces or dashes, look-alikes mapped. Undefined when it cannot be a code. */
export function normaliseCode(input: string): string | undefined {
  const code = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (code.length !== LENGTH || [...code].some((c) => !ALPHABET.includes(c))) return undefined;
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/** Lookups a client may make: a burst of 10, then one every 2 seconds — enough for a person, not for guessing. */
const LOOKUPS = { perSecond: 0.5, burst: 10 };

/** The platform's 核查码 policy. */
export interface VerificationPolicy {
  /** How long a code verifies (the period the platform states on the sheet and in `expiresAt`). */
  validDays: number;
  /** The platform's public origin for the links it prints (`--public-url`); else the request's. */
  publicUrl?: string | undefined;
}

const hashOf = (ctx: PlatformContext, code: string) => ctx.digest(`verification:${code}`);

/** POST /checks/{id}/verification: a new code for a check the caller may read; its earlier one is superseded. */
export async function issueVerification(
  ctx: PlatformContext,
  policy: VerificationPolicy,
  principal: Principal,
  checkId: string,
  origin: string,
): Promise<VerificationIssued> {
  const stored = await storedCheckFor(ctx, principal, checkId);
  const code = newCode();
  const issuedAt = ctx.nowIso();
  const expiresAt = new Date(Date.parse(issuedAt) + policy.validDays * 86_400_000).toISOString();
  await ctx.store.issueVerification({
    codeHash: await hashOf(ctx, code),
    checkId: stored.check.checkId,
    appId: stored.appId,
    issuedAt,
    expiresAt,
    status: 'valid',
    endedAt: null,
  });
  return {
    code,
    checkId: stored.check.checkId,
    serial: stored.check.serial ?? null,
    issuedAt,
    expiresAt,
    validDays: policy.validDays,
    verifyUrl: `${policy.publicUrl ?? origin}/verify?code=${code}`,
  };
}

/** DELETE /checks/{id}/verification: the check's code stops verifying (`withdrawn`). */
export async function withdrawVerification(ctx: PlatformContext, principal: Principal, checkId: string): Promise<VerificationWithdrawn> {
  const stored = await storedCheckFor(ctx, principal, checkId);
  return { withdrawn: await ctx.store.withdrawVerifications(stored.check.checkId, ctx.nowIso()) };
}

/**
 * GET /verifications/{code}: public. What a third party may know — the masked subject, the matter,
 * the verdict, when — and whether the code still verifies. Unknown and malformed codes get the same
 * "not found"; each client has a small budget of lookups.
 */
export async function verify(ctx: PlatformContext, typed: string, client: string): Promise<Verification> {
  const bucket = await ctx.store.takeToken(`verify:${client}`, LOOKUPS.perSecond, LOOKUPS.burst, ctx.wallNow());
  if (!bucket.granted) {
    const retryAfter = Math.max(1, Math.ceil((1 - bucket.tokens) / LOOKUPS.perSecond));
    throw new ProblemError(
      'RATE_LIMITED',
      { 'zh-CN': `查询过于频繁，请 ${retryAfter} 秒后再试`, en: `Too many lookups: retry in ${retryAfter} s` },
      { retryAfter, headers: { 'retry-after': String(retryAfter) } },
    );
  }
  const notFound = () => problem('NOT_FOUND', '未找到该核查码，请核对后重新输入', 'No such verification code');
  const code = normaliseCode(typed);
  if (!code) throw notFound();
  const record = await ctx.store.getVerification(await hashOf(ctx, code));
  const stored = record && (await ctx.store.getCheck(record.checkId));
  if (!record || !stored) throw notFound();
  const { check } = stored;
  const expired = record.status === 'valid' && Date.parse(record.expiresAt) <= ctx.now();
  return {
    status: expired ? 'expired' : record.status,
    issuer: ctx.issuer,
    serial: check.serial ?? null,
    checkedAt: check.checkedAt,
    matter: check.matter,
    verdict: check.verdict,
    subject: maskSubject(check.subject),
    department: check.context.department,
    issuedAt: record.issuedAt,
    expiresAt: record.expiresAt,
    endedAt: record.endedAt,
  };
}
