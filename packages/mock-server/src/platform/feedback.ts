import { randomId } from '@credit-check/sdk/auth';
import { type Feedback, type FeedbackRequest, OUTCOMES, permits, permittedOutcomes } from '@credit-check/sdk/contract';
import type { Principal } from '../auth/principal.ts';
import { problem } from '../problems.ts';
import { storedCheckFor } from './checks.ts';
import type { PlatformContext } from './context.ts';

/**
 * POST /checks/{id}/feedback — 反馈 (003 §七): recorded once; the same feedback again returns it
 * (`created: false`), a different one is a 409. Only measures of this check may be named, and only
 * an outcome its measures permit (自动响应, 002 (十六): `permittedOutcomes` — no acceptance under a ban).
 */
export async function createFeedback(
  ctx: PlatformContext,
  principal: Principal,
  checkId: string,
  request: FeedbackRequest,
): Promise<{ feedback: Feedback; created: boolean }> {
  const stored = await storedCheckFor(ctx, principal, checkId);
  if (principal.kind === 'token' && request.operator !== principal.operator) {
    throw problem('SCOPE_OPERATOR', '反馈的经办人与访问令牌不一致', 'Feedback operator differs from the token operator');
  }
  if (!permits(stored.check, request.action)) {
    const allowed = permittedOutcomes(stored.check);
    throw problem(
      'OUTCOME_NOT_PERMITTED',
      `本次核查结论下不能记录“${OUTCOMES[request.action].label['zh-CN']}”，可选：${allowed.map((a) => OUTCOMES[a].label['zh-CN']).join('、')}`,
      `"${request.action}" is not permitted for this check; permitted: ${allowed.join(', ')}`,
    );
  }
  const known = new Set(stored.check.measures.map((m) => m.measureId));
  const unknown = (request.measuresApplied ?? []).filter((m) => !known.has(m));
  if (unknown.length > 0)
    throw problem(
      'UNKNOWN_MEASURE',
      `措施 ${unknown.join('、')} 不属于本次核查结果`,
      `Measures ${unknown.join(', ')} are not in this check`,
    );
  const candidate: Feedback = {
    feedbackId: randomId('fb_', 12),
    // The check's id, also when it was named by its 核查编号.
    checkId: stored.check.checkId,
    action: request.action,
    operator: request.operator,
    note: request.note ?? '',
    reason: request.reason ?? '',
    measuresApplied: request.measuresApplied ?? [],
    recordedAt: ctx.nowIso(),
  };
  // The store keeps the first feedback of a check (one statement, whichever instance wins).
  const saved = await ctx.store.putFeedback(candidate);
  if (saved.feedbackId === candidate.feedbackId) return { feedback: saved, created: true };
  if (sameFeedback(saved, candidate)) return { feedback: saved, created: false };
  throw problem(
    'FEEDBACK_EXISTS',
    `该核查已于 ${saved.recordedAt} 记录反馈“${OUTCOMES[saved.action].label['zh-CN']}”`,
    `Feedback "${saved.action}" was already recorded at ${saved.recordedAt}`,
  );
}

function sameFeedback(a: Feedback, b: Feedback): boolean {
  return (
    a.action === b.action &&
    a.operator === b.operator &&
    a.note === b.note &&
    a.reason === b.reason &&
    a.measuresApplied.join(',') === b.measuresApplied.join(',')
  );
}
