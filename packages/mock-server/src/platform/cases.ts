import type { Case, CaseKind, CaseList, CaseQuery, FeedbackAction } from '@credit-check/sdk/contract';
import { canSeePii, type Principal } from '../auth/principal.ts';
import { problem } from '../problems.ts';
import type { PlatformContext } from './context.ts';
import { departmentOf } from './feed.ts';
import { maskSubject } from './views.ts';

/** What kind of case a feedback makes (惩戒 · 激励 · 告知 · 无). */
const KIND: Record<FeedbackAction | 'punished' | 'rewarded', CaseKind> = {
  refused: 'punishment',
  restricted: 'punishment',
  referred: 'none',
  'strict-review': 'punishment',
  punished: 'punishment',
  'fast-tracked': 'reward',
  rewarded: 'reward',
  informed: 'informed',
  'not-applicable': 'none',
  overridden: 'none',
};

/**
 * 联合奖惩案例 (003 §七 归集上报; 可查可核可溯): every feedback, at the counter and on pushed
 * events, as one list; a token sees its own department's.
 */
export async function allCases(ctx: PlatformContext, principal: Principal, query: CaseQuery): Promise<Case[]> {
  const department = principal.kind === 'token' ? departmentOf(principal, query.department) : query.department;
  const filter = {
    ...(query.from ? { from: query.from } : {}),
    ...(query.to ? { to: query.to } : {}),
    ...(department ? { department } : {}),
  };
  const fromChecks: Case[] = (await ctx.store.feedbackCases(filter, principal.appId)).map(({ feedback: f, check: { check: c } }) => ({
    caseId: `case_${f.feedbackId}`,
    source: 'check',
    kind: KIND[f.action],
    action: f.action,
    recordedAt: f.recordedAt,
    department: c.context.department,
    operator: f.operator,
    matter: c.matter,
    subject: c.subject,
    verdict: c.verdict,
    eventType: null,
    measuresApplied: f.measuresApplied,
    amount: null,
    basis: c.measures
      .filter((m) => f.measuresApplied.includes(m.measureId))
      .map((m) => m.basis)
      .join('；'),
    reason: f.reason,
    checkId: c.checkId,
    eventId: null,
  }));
  const acks = await ctx.store.acks(filter, principal.appId);
  const rows = await Promise.all(
    acks.map(({ ack: a }) => ctx.store.feedRow({ appId: principal.appId, department: a.department }, a.eventId)),
  );
  const fromEvents: Case[] = acks.map(({ ack: a, event: e }, i) => {
    const why = rows[i]?.why ?? [];
    const data = e.data as { commitment?: { matterCode: string | null } };
    const code = data.commitment?.matterCode ?? why.find((r) => r.matter)?.matter ?? null;
    const matter = code ? { code, name: ctx.matters.get(code)?.name ?? code } : null;
    return {
      caseId: `case_${a.ackId}`,
      source: 'event',
      kind: KIND[a.action],
      action: a.action,
      recordedAt: a.recordedAt,
      department: a.department,
      operator: a.operator,
      matter,
      subject: e.subject,
      verdict: null,
      eventType: e.type,
      measuresApplied: a.measuresApplied,
      amount: a.amount,
      basis: a.basis,
      reason: a.reason,
      checkId: null,
      eventId: a.eventId,
    };
  });
  const pii = canSeePii(principal);
  return [...fromChecks, ...fromEvents]
    .filter((c) => (!query.matter || c.matter?.code === query.matter) && (!query.type || c.kind === query.type))
    .filter((c) => !query.verdict || c.verdict === query.verdict)
    .sort((a, b) => a.recordedAt.localeCompare(b.recordedAt) || a.caseId.localeCompare(b.caseId))
    .map((c) => (pii ? c : { ...c, subject: maskSubject(c.subject) }));
}

export async function listCases(ctx: PlatformContext, principal: Principal, query: CaseQuery): Promise<CaseList> {
  const all = await allCases(ctx, principal, query);
  const start = query.after ? Number(query.after) : 0;
  const limit = query.limit ?? 100;
  const cases = all.slice(start, start + limit);
  return { cases, total: all.length, next: start + limit < all.length ? String(start + limit) : null };
}

const COLUMNS: [string, (c: Case) => string | number | null][] = [
  ['案例编号', (c) => c.caseId],
  ['来源', (c) => (c.source === 'check' ? '办件核查' : '定向推送')],
  ['类型', (c) => ({ punishment: '惩戒', reward: '激励', informed: '告知', none: '无' })[c.kind]],
  ['反馈', (c) => c.action],
  ['反馈时间', (c) => c.recordedAt],
  ['部门', (c) => c.department],
  ['经办人', (c) => c.operator],
  ['事项', (c) => c.matter?.name ?? ''],
  ['事项编码', (c) => c.matter?.code ?? ''],
  ['主体名称', (c) => c.subject.name ?? ''],
  ['主体标识', (c) => c.subject.id],
  ['核查结论', (c) => c.verdict ?? ''],
  ['推送类型', (c) => c.eventType ?? ''],
  ['所采取措施', (c) => c.measuresApplied.join(' ')],
  ['金额（元）', (c) => c.amount],
  ['依据', (c) => c.basis],
  ['理由', (c) => c.reason],
  ['核查编号', (c) => c.checkId ?? ''],
  ['推送编号', (c) => c.eventId ?? ''],
];

/** RFC 4180 field: quoted when needed; a leading =+-@ is defused so a spreadsheet never runs it as a formula. */
function field(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The cases as CSV: UTF-8 with a BOM so a spreadsheet opens the Chinese intact; CRLF lines (RFC 4180). */
/** The most characters one CSV export may have (the OpenAPI document declares it): beyond, narrow the dates. */
export const CSV_MAX_CHARS = 50_000_000;

export function casesCsv(cases: readonly Case[]): string {
  const lines = [COLUMNS.map(([h]) => h).join(','), ...cases.map((c) => COLUMNS.map(([, get]) => field(get(c))).join(','))];
  const csv = `\uFEFF${lines.join('\r\n')}\r\n`;
  if (csv.length > CSV_MAX_CHARS) {
    throw problem(
      'EXPORT_TOO_LARGE',
      `共 ${cases.length} 条案例，超过一次导出的上限，请缩小日期范围（from/to）分次导出`,
      `${cases.length} cases exceed one export: narrow the dates (from/to)`,
    );
  }
  return csv;
}
