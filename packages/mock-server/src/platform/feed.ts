import { randomId } from '@credit-check/sdk/auth';
import type { Ack, AckRequest, EventFeedQuery, EventPage } from '@credit-check/sdk/contract';
import { canSeePii, type Principal } from '../auth/principal.ts';
import { problem } from '../problems.ts';
import type { PlatformContext } from './context.ts';
import { eventView } from './events.ts';

/**
 * The department a caller reads or acknowledges for: a token's own (another is refused), or the
 * one an app names.
 */
export function departmentOf(principal: Principal, asked: string | undefined): string {
  if (principal.kind === 'token') {
    if (asked !== undefined && asked !== principal.department) {
      throw problem(
        'SCOPE_DEPARTMENT',
        `访问令牌属于“${principal.department}”，不能读取“${asked}”的推送`,
        'The token is for another department',
      );
    }
    return principal.department;
  }
  if (!asked) {
    throw problem('VALIDATION_FAILED', '请指定接收推送的部门（department）', 'Name the receiving department (department)', {
      errors: [{ pointer: '/department', code: 'REQUIRED', message: { 'zh-CN': '请指定部门', en: 'department is required' } }],
    });
  }
  return asked;
}

/** GET /events — the pull feed of one of the caller's app's departments: what its webhooks carry, by stable cursor. */
export async function feed(ctx: PlatformContext, principal: Principal, query: EventFeedQuery): Promise<EventPage> {
  const recipient = { appId: principal.appId, department: departmentOf(principal, query.department) };
  const order = query.order ?? 'asc';
  const limit = query.limit ?? 100;
  const { rows, more } = await ctx.store.feed(recipient, {
    order,
    limit,
    ...(query.after !== undefined ? { after: Number(query.after) } : {}),
    ...(query.before !== undefined ? { before: Number(query.before) } : {}),
    ...(query.acknowledged ? { acknowledged: query.acknowledged === 'true' } : {}),
  });
  const pii = canSeePii(principal);
  const [acks, unacknowledged] = await Promise.all([
    Promise.all(rows.map((r) => ctx.store.getAck(recipient, r.eventId))),
    ctx.store.unacknowledged(recipient),
  ]);
  const items = rows.map((r, i) => ({
    cursor: String(r.cursor),
    event: eventView(r.event, r.why, pii),
    ack: acks[i] ?? null,
  }));
  const last = rows.at(-1);
  return { items, next: more && last ? String(last.cursor) : null, unacknowledged };
}

/**
 * POST /events/{id}/ack — 响应—反馈 (003 §七) on a pushed event: once per department of the
 * caller's app (another app's department of the same name acknowledges apart); the same ack again
 * returns it (`created: false`), a different one is a 409.
 */
export async function ack(
  ctx: PlatformContext,
  principal: Principal,
  eventId: string,
  request: AckRequest,
): Promise<{ ack: Ack; created: boolean }> {
  const department = departmentOf(principal, request.department);
  const recipient = { appId: principal.appId, department };
  if (!(await ctx.store.feedRow(recipient, eventId))) {
    throw problem('NOT_FOUND', `推送 ${eventId} 不存在或未推送给“${department}”`, `No event ${eventId} for this department`);
  }
  if (principal.kind === 'token' && request.operator !== principal.operator) {
    throw problem('SCOPE_OPERATOR', '反馈的经办人与访问令牌不一致', 'The operator differs from the token operator');
  }
  const known = new Set(ctx.catalog.measures.map((m) => m.measureId));
  const unknown = (request.measuresApplied ?? []).filter((m) => !known.has(m));
  if (unknown.length > 0) {
    throw problem('UNKNOWN_MEASURE', `措施 ${unknown.join('、')} 不在联合奖惩措施清单中`, `Unknown measures: ${unknown.join(', ')}`);
  }
  const candidate: Ack = {
    ackId: randomId('ack_', 12),
    eventId,
    department,
    action: request.action,
    operator: request.operator,
    reason: request.reason ?? '',
    measuresApplied: request.measuresApplied ?? [],
    amount: request.amount ?? null,
    basis: request.basis ?? '',
    note: request.note ?? '',
    recordedAt: ctx.nowIso(),
  };
  const saved = await ctx.store.putAck(principal.appId, candidate);
  if (saved.ackId === candidate.ackId) return { ack: saved, created: true };
  const same = (['action', 'operator', 'reason', 'amount', 'basis', 'note'] as const).every((k) => saved[k] === candidate[k]);
  if (same && saved.measuresApplied.join(',') === candidate.measuresApplied.join(',')) return { ack: saved, created: false };
  throw problem(
    'ACK_EXISTS',
    `该推送已于 ${saved.recordedAt} 反馈“${saved.action}”`,
    `Already acknowledged as ${saved.action} at ${saved.recordedAt}`,
  );
}
