import * as z from 'zod/mini';
import { Reason, Serial, Verdict } from './checks.ts';
import { Code, Instant, listOf, Message, ResourceId } from './common.ts';
import './zod.ts';

/** What changed in a subject's record between a check and now, in plain words. */
export const ChangeKind = /* @__PURE__ */ z.enum([
  'listed',
  'repaired',
  'revoked',
  'expired',
  'reinstated',
  'objection-filed',
  'objection-upheld',
  'objection-rejected',
  'commitment',
  'grade',
]);
export type ChangeKind = z.infer<typeof ChangeKind>;

export const RecordChange = /* @__PURE__ */ z.object({
  kind: ChangeKind,
  /** The list entry or commitment it concerns (null for the grade). */
  ref: z.nullable(ResourceId),
  words: Message,
});
export type RecordChange = z.infer<typeof RecordChange>;

/** A verdict as re-derived from the data of one moment. */
export const ReplayedVerdict = /* @__PURE__ */ z.object({
  asOf: Instant,
  verdict: Verdict,
  reasons: listOf(Reason),
});
export type ReplayedVerdict = z.infer<typeof ReplayedVerdict>;

/**
 * GET /checks/{checkId}/replay — the check replayed: `atCheck`, the rules applied again to the data it
 * was decided on (what the platform knew at 受理 — the audit proof: `matchesReceipt` when it gives
 * the verdict the receipt signed); `now`, the same subject and matter on today's data; and what
 * changed in between (listed since, repaired since, objection upheld …).
 */
export const Replay = /* @__PURE__ */ z.object({
  checkId: ResourceId,
  serial: z.nullable(Serial),
  matter: z.object({ code: Code, name: /* @__PURE__ */ z.string().check(z.maxLength(200)) }),
  atCheck: z.object({ ...ReplayedVerdict.shape, matchesReceipt: z.boolean() }),
  now: ReplayedVerdict,
  /** `now.verdict` differs from `atCheck.verdict`. */
  changed: z.boolean(),
  changes: listOf(RecordChange, 200),
});
export type Replay = z.infer<typeof Replay>;
