import * as z from 'zod/mini';
import { Instant, LongText, Prose, ResourceId, ShortText } from './common.ts';
import { SubjectRef } from './subjects.ts';
import './zod.ts';

/** 异议: a subject disputes a list entry; the provider verifies and corrects or revokes it (001 (十六); 002 (十九)). */
export const ObjectionRequest = /* @__PURE__ */ z.strictObject({
  entryId: ResourceId,
  /** The subject the entry belongs to (an objection must name whose record it disputes). */
  subject: SubjectRef,
  reason: /* @__PURE__ */ z.string().check(z.trim(), z.minLength(5), z.maxLength(1000), z.regex(/^(?:[^\p{Cc}\p{Cs}]|[\t\n\r])*$/u)),
  contact: z.optional(ShortText),
});
export type ObjectionInput = z.input<typeof ObjectionRequest>;
export type ObjectionRequest = z.infer<typeof ObjectionRequest>;

export const ObjectionStatus = /* @__PURE__ */ z.enum(['pending', 'upheld', 'rejected']);

export const Objection = /* @__PURE__ */ z.object({
  objectionId: ResourceId,
  entryId: ResourceId,
  status: ObjectionStatus,
  reason: Prose,
  filedAt: Instant,
  decidedAt: z.nullable(Instant),
  decisionNote: z.nullable(Prose),
});
export type Objection = z.infer<typeof Objection>;

/** The listing authority's decision: `upheld` revokes the entry, `rejected` restores it. */
export const ObjectionDecisionRequest = /* @__PURE__ */ z.strictObject({
  outcome: z.enum(['upheld', 'rejected']),
  note: LongText,
});
export type ObjectionDecisionInput = z.input<typeof ObjectionDecisionRequest>;
export type ObjectionDecisionRequest = z.infer<typeof ObjectionDecisionRequest>;
