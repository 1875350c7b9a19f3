import * as z from 'zod/mini';
import { Verdict } from './checks.ts';
import { CalendarDate, Code, Instant, Label, listOf, Prose, ResourceId } from './common.ts';
import { EventType } from './events.ts';
import { SubjectView } from './subjects.ts';
import './zod.ts';

/**
 * What kind of case a feedback makes (联合奖惩案例, 003 §七 归集上报): 惩戒 (restricted, strict
 * review, punished), 激励 (fast-tracked, rewarded), 告知 (informed), 无 (not applicable, overridden).
 */
export const CaseKind = /* @__PURE__ */ z.enum(['punishment', 'reward', 'informed', 'none']);
export type CaseKind = z.infer<typeof CaseKind>;

/** One case: a feedback on a check at the counter, or an ack of a pushed event. 可查可核可溯: both ids kept. */
export const Case = /* @__PURE__ */ z.object({
  caseId: Code,
  source: z.enum(['check', 'event']),
  kind: CaseKind,
  /** The FeedbackAction of a check, or the AckAction of an event. */
  action: Code,
  recordedAt: Instant,
  department: Label,
  operator: Label,
  matter: z.nullable(z.object({ code: Code, name: Label })),
  subject: SubjectView,
  /** The check's verdict (checks only). */
  verdict: z.nullable(Verdict),
  /** The event's type (events only). */
  eventType: z.nullable(EventType),
  measuresApplied: listOf(Code, 100),
  amount: z.nullable(z.number()),
  basis: Prose,
  reason: Prose,
  checkId: z.nullable(ResourceId),
  eventId: z.nullable(ResourceId),
});
export type Case = z.infer<typeof Case>;

const Offset = /* @__PURE__ */ z.string().check(z.maxLength(9), z.regex(/^[0-9]{1,9}$/));

/** GET /cases — JSON, or CSV with `Accept: text/csv` (UTF-8 with a BOM, every match, no paging). */
export const CaseQuery = /* @__PURE__ */ z.strictObject({
  /** Inclusive dates on `recordedAt`. */
  from: z.optional(CalendarDate),
  to: z.optional(CalendarDate),
  department: z.optional(/* @__PURE__ */ z.string().check(z.maxLength(100))),
  matter: z.optional(/* @__PURE__ */ z.string().check(z.maxLength(40))),
  type: z.optional(CaseKind),
  verdict: z.optional(Verdict),
  limit: z.optional(z.coerce.number().check(/* @__PURE__ */ z.int(), z.gte(1), z.lte(500))),
  after: z.optional(Offset),
});
export type CaseQuery = z.infer<typeof CaseQuery>;
export type CaseQueryInput = z.input<typeof CaseQuery>;

export const CaseList = /* @__PURE__ */ z.object({
  cases: listOf(Case, 500),
  total: /* @__PURE__ */ z.int().check(z.gte(0)),
  /** Pass as `after` for the next page; null on the last. */
  next: z.nullable(Code),
});
export type CaseList = z.infer<typeof CaseList>;
