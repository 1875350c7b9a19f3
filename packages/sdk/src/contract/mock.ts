import * as z from 'zod/mini';
import { CheckRequest, Grade, Verdict } from './checks.ts';
import { Commitment } from './commitments.ts';
import { CalendarDate, Code, Instant, Label, LongText, listOf, Prose, ShortText } from './common.ts';
import { EventType } from './events.ts';
import { BasisKind, ListEntry, RepairMethod, Severity } from './lists.ts';
import { SubjectRef } from './subjects.ts';
import { SupervisionTier } from './supervision.ts';
import './zod.ts';

/** GET /__mock/scenarios — the named scenario subjects and the verdict each demo matter must yield. */
export const ScenarioList = /* @__PURE__ */ z.object({
  scenarios: listOf(
    z.object({
      id: Code,
      title: Label,
      description: Prose,
      checks: listOf(z.object({ request: CheckRequest, verdict: Verdict, tier: SupervisionTier }), 100),
    }),
  ),
});
export type ScenarioList = z.infer<typeof ScenarioList>;

/**
 * A fault the mock platform injects (Prism-style `Prefer` header per request, or `/__mock/scenario`
 * for the next `times` requests): latency, an error status, 429 with Retry-After, a malformed or
 * off-contract body, a connection reset, a request that never answers, a platform outage.
 */
export const Fault = /* @__PURE__ */ z.strictObject({
  kind: z.enum(['latency', 'status', 'rate-limit', 'malformed', 'off-contract', 'reset', 'hang', 'outage']),
  /** For `status`: 500, 502, 503 … */
  status: z.optional(/* @__PURE__ */ z.int().check(z.gte(400), z.lte(599))),
  /** For `latency` (and added before any other fault). */
  delayMs: z.optional(/* @__PURE__ */ z.int().check(z.gte(0), z.lte(120_000))),
  /** For `rate-limit` and 503: seconds for `Retry-After`. */
  retryAfter: z.optional(/* @__PURE__ */ z.int().check(z.gte(0), z.lte(3600))),
  /** Apply to this many API requests, then clear (default: until reset). */
  times: z.optional(/* @__PURE__ */ z.int().check(z.gte(1), z.lte(1_000_000))),
  /** Only requests whose path starts with this (e.g. `/api/v1/checks`). */
  pathPrefix: z.optional(/* @__PURE__ */ z.string().check(z.maxLength(200), z.regex(/^\/[A-Za-z0-9/_.~-]*$/))),
});
export type Fault = z.infer<typeof Fault>;

export const FaultState = /* @__PURE__ */ z.object({
  fault: z.nullable(Fault),
  remaining: z.nullable(/* @__PURE__ */ z.int().check(z.gte(0))),
});

/** POST /__mock/entries — list a subject (认定 on the mock's say-so); everything but subject and list defaulted. */
export const MockEntryRequest = /* @__PURE__ */ z.strictObject({
  subject: SubjectRef,
  listCode: /* @__PURE__ */ z.string().check(z.minLength(1), z.maxLength(60), z.regex(/^[A-Z0-9_-]+$/)),
  severity: z.optional(Severity),
  /** Decision date (default today). */
  listedAt: z.optional(CalendarDate),
  /** 公示期限 end (default: the list's publication period from `listedAt`). */
  publicationEndsAt: z.optional(CalendarDate),
  basis: z.optional(
    z.strictObject({
      kind: BasisKind,
      document: ShortText,
      summary: LongText,
    }),
  ),
});
export type MockEntryRequest = z.infer<typeof MockEntryRequest>;
export type MockEntryInput = z.input<typeof MockEntryRequest>;

/** POST /__mock/entries/{id}/repair — 信用修复 completed. */
export const MockRepairRequest = /* @__PURE__ */ z.strictObject({ method: z.optional(RepairMethod) });

/** POST /__mock/grades — a new 公共信用综合评价 result. */
export const MockGradeRequest = /* @__PURE__ */ z.strictObject({
  subject: SubjectRef,
  level: /* @__PURE__ */ z.string().check(z.minLength(1), z.maxLength(10), z.regex(/^[A-Za-z0-9+-]+$/)),
  scaleId: z.optional(/* @__PURE__ */ z.string().check(z.maxLength(40), z.regex(/^[A-Za-z0-9_-]+$/))),
});

/** POST /__mock/clock — move the platform's clock forward (due commitments and expiries fire). */
export const MockClockRequest = /* @__PURE__ */ z.strictObject({
  days: z.optional(/* @__PURE__ */ z.int().check(z.gte(0), z.lte(3650))),
  hours: z.optional(/* @__PURE__ */ z.int().check(z.gte(0), z.lte(24 * 3650))),
});

/** What a control answers: what it changed and the events it emitted. */
export const MockChange = /* @__PURE__ */ z.object({
  entry: z.optional(ListEntry),
  commitment: z.optional(Commitment),
  grade: z.optional(z.nullable(Grade)),
  now: z.optional(Instant),
  events: listOf(z.object({ eventId: Code, type: EventType, sequence: /* @__PURE__ */ z.int().check(z.gte(1)) }), 1_000_000),
});
export type MockChange = z.infer<typeof MockChange>;
export type MockRepair = z.infer<typeof MockRepairRequest>;
