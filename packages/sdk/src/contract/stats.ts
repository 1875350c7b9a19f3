import * as z from 'zod/mini';
import { CalendarDate, Instant } from './common.ts';
import './zod.ts';

export const CoverageQuery = z.strictObject({
  from: z.optional(CalendarDate),
  to: z.optional(CalendarDate),
  department: z.optional(z.string().check(z.maxLength(100))),
});
export type CoverageQuery = z.infer<typeof CoverageQuery>;

const VerdictCounts = z.object({ clear: z.int(), notice: z.int(), caution: z.int(), restrict: z.int() });

/** 逢办必查 coverage: checks per matter and verdict, and how many got feedback (003 §七 反馈). */
export const Coverage = z.object({
  generatedAt: Instant,
  from: z.nullable(CalendarDate),
  to: z.nullable(CalendarDate),
  total: z.int(),
  withFeedback: z.int(),
  feedbackRate: z.number(),
  /** 补查: checks run after the application was accepted during an outage, counted apart (also in `total`). */
  deferred: z.int(),
  verdicts: VerdictCounts,
  byMatter: z.array(
    z.object({
      matter: z.object({ code: z.string(), name: z.string() }),
      total: z.int(),
      verdicts: VerdictCounts,
      withFeedback: z.int(),
      feedbackRate: z.number(),
      deferred: z.int(),
    }),
  ),
});
export type Coverage = z.infer<typeof Coverage>;
