import * as z from 'zod/mini';
import { CalendarDate, Code, Instant, Label, listOf, ShortText } from './common.ts';
import './zod.ts';

export const CoverageQuery = /* @__PURE__ */ z.strictObject({
  from: z.optional(CalendarDate),
  to: z.optional(CalendarDate),
  department: z.optional(ShortText),
});
export type CoverageQuery = z.infer<typeof CoverageQuery>;

const Count = /* @__PURE__ */ z.int().check(z.gte(0));
const VerdictCounts = /* @__PURE__ */ z.object({ clear: Count, notice: Count, caution: Count, restrict: Count });

/** 逢办必查 coverage: checks per matter and verdict, and how many got feedback (003 §七 反馈). */
export const Coverage = /* @__PURE__ */ z.object({
  generatedAt: Instant,
  from: z.nullable(CalendarDate),
  to: z.nullable(CalendarDate),
  total: Count,
  withFeedback: Count,
  feedbackRate: /* @__PURE__ */ z.number().check(z.gte(0), z.lte(1)),
  /** 补查: checks run after the application was accepted during an outage, counted apart (also in `total`). */
  deferred: Count,
  verdicts: VerdictCounts,
  byMatter: listOf(
    z.object({
      matter: z.object({ code: Code, name: Label }),
      total: Count,
      verdicts: VerdictCounts,
      withFeedback: Count,
      feedbackRate: /* @__PURE__ */ z.number().check(z.gte(0), z.lte(1)),
      deferred: Count,
    }),
    10_000,
  ),
});
export type Coverage = z.infer<typeof Coverage>;
