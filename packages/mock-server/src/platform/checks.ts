import { randomId } from '@credit-check/sdk/auth';
import type { BatchCheckRequest, BatchResult, Check, CheckRequest, Matter } from '@credit-check/sdk/contract';
import { fieldErrors, Serial, SubjectRef } from '@credit-check/sdk/contract';
import { subjectDigestInput } from '@credit-check/sdk/receipts';
import type { Principal } from '../auth/principal.ts';
import { applyNameCheck } from '../domain/names.ts';
import { evaluate } from '../domain/verdict.ts';
import { ProblemError, problem } from '../problems.ts';
import { type StoredCheck, visibleTo } from '../store/store.ts';
import { allowContext, allowDeferral, allowMatter, allowRead, matterOf, presentCheck } from './access.ts';
import type { PlatformContext } from './context.ts';
import { subjectFile } from './subject-file.ts';
import { subjectView } from './views.ts';

/** POST /checks — 发起 (003 §七; 逢办必查 002 (十六)): evaluate, sign a receipt, store, answer. */
export async function createCheck(ctx: PlatformContext, principal: Principal, request: CheckRequest): Promise<Check> {
  const matter = matterOf(ctx, request.matter);
  allowMatter(principal, matter.code);
  allowContext(principal, request.context);
  allowDeferral(principal, matter, request.context, ctx.now());
  return presentCheck(await evaluateAndStore(ctx, principal.appId, request, matter), null, principal);
}

async function evaluateAndStore(ctx: PlatformContext, appId: string, request: CheckRequest, matter: Matter): Promise<Check> {
  const { idType, id } = request.subject;
  const { key, record, entries, commitments, grade, supervision, linked } = await subjectFile(ctx, idType, id, ctx.today());
  const evaluation = evaluate({
    matter,
    measures: ctx.catalog.measures,
    entries,
    commitments,
    grade,
    linked,
    isPerson: idType === 'idcard',
    found: record !== undefined,
  });
  const { verdict, reasons } = applyNameCheck(evaluation.verdict, evaluation.reasons, {
    registered: record?.name,
    given: request.subject.name,
    isPerson: idType === 'idcard',
  });
  const checkId = randomId('chk_', 12);
  const checkedAt = ctx.nowIso();
  const serial = await ctx.nextSerial();
  // Fast track (守信激励) only when nothing else needs attention.
  const fastTrack = evaluation.fastTrack && verdict === 'clear';
  const receipt = await ctx.signReceipt({
    iss: ctx.issuer,
    checkId,
    serial,
    applicationId: request.context.applicationId,
    department: request.context.department,
    matter: matter.code,
    verdict,
    fastTrack,
    checkedAt,
    subjectDigest: await ctx.digest(subjectDigestInput(idType, id, checkId)),
    iat: Math.floor(Date.parse(checkedAt) / 1000),
  });
  const check: Check = {
    checkId,
    serial,
    checkedAt,
    subject: subjectView(record, request.subject),
    matter: { code: matter.code, name: matter.name },
    context: request.context,
    verdict,
    fastTrack,
    reasons,
    entries,
    commitments,
    measures: evaluation.measures,
    eligibility: evaluation.eligibility,
    grade,
    supervision,
    linked,
    receipt,
    feedback: null,
  };
  const { feedback: _none, ...stored } = check;
  await ctx.store.putCheck({ check: stored, subjectKey: key, appId });
  ctx.observer?.checked?.(verdict, request.context.deferred !== undefined);
  return check;
}

/** POST /checks/batch: each subject validated and checked on its own (a bad one does not sink the batch). */
export async function createCheckBatch(
  ctx: PlatformContext,
  principal: Principal,
  request: BatchCheckRequest,
  max: number,
): Promise<BatchResult> {
  if (request.subjects.length > max) {
    throw problem(
      'BATCH_TOO_LARGE',
      `每批最多 ${max} 个主体，本批 ${request.subjects.length} 个`,
      `At most ${max} subjects per batch, got ${request.subjects.length}`,
    );
  }
  const matter = matterOf(ctx, request.matter);
  allowMatter(principal, matter.code);
  allowContext(principal, request.context);
  allowDeferral(principal, matter, request.context, ctx.now());
  const results: BatchResult['results'] = [];
  for (const [index, raw] of request.subjects.entries()) {
    const parsed = SubjectRef.safeParse(raw);
    if (!parsed.success) {
      const errors = fieldErrors(parsed.error.issues, raw).map((e) => ({ ...e, pointer: `/subjects/${index}${e.pointer}` }));
      results.push({
        index,
        ok: false,
        problem: new ProblemError(
          'VALIDATION_FAILED',
          { 'zh-CN': errors[0]?.message['zh-CN'], en: errors[0]?.message.en },
          { errors },
        ).toProblem(),
      });
      continue;
    }
    const check = await evaluateAndStore(
      ctx,
      principal.appId,
      { subject: parsed.data, matter: matter.code, context: request.context },
      matter,
    );
    results.push({ index, ok: true, check: presentCheck(check, null, principal) });
  }
  return { matter: matter.code, results };
}

/** GET /checks/{id}: the stored check with its feedback (可查可核可溯, 000 二(一)). */
export async function getCheck(ctx: PlatformContext, principal: Principal, checkId: string): Promise<Check> {
  const check = { ...(await storedCheckFor(ctx, principal, checkId)).check, feedback: null };
  return presentCheck(check, (await ctx.store.getFeedback(check.checkId)) ?? null, principal);
}

/**
 * A stored check this caller may read: another app's is "not found" (a shared sandbox keeps apps
 * apart without telling one what the other did), another department's a 403 for a token.
 */
export async function storedCheckFor(ctx: PlatformContext, principal: Principal, checkId: string): Promise<StoredCheck> {
  // A 核查编号 finds it as its id does (a clerk quotes the one, a backend keeps the other).
  const stored = Serial.safeParse(checkId).success ? await ctx.store.getCheckBySerial(checkId) : await ctx.store.getCheck(checkId);
  if (!stored || !visibleTo(stored.appId, principal.appId)) throw problem('NOT_FOUND', `核查记录 ${checkId} 不存在`, `No check ${checkId}`);
  allowRead(principal, stored.check);
  return stored;
}
