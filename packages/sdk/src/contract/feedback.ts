import * as z from 'zod/mini';
import { Instant, Label, LongText, listOf, Prose, ResourceId, requiredWhen, ShortText } from './common.ts';
import './zod.ts';

/**
 * What the window did with the result — the 反馈 of 发起—响应—反馈 (003 §七):
 * 不予受理 · 限制办理 · 转人工复核 · 从严审核后受理 · 已告知 · 已加速办理 · 不适用 ·
 * 未按核查结果办理 (override, reason required). Which of them a check permits: `permittedOutcomes`.
 */
export const FeedbackAction = /* @__PURE__ */ z.enum([
  'refused',
  'restricted',
  'referred',
  'strict-review',
  'informed',
  'fast-tracked',
  'not-applicable',
  'overridden',
]);
export type FeedbackAction = z.infer<typeof FeedbackAction>;

export const FeedbackRequest = /* @__PURE__ */ z
  .strictObject({
    action: FeedbackAction,
    operator: ShortText,
    note: z.optional(LongText),
    /** Required when `action` is `overridden`. */
    reason: z.optional(LongText),
    /** The measures actually applied (ids from the check). */
    measuresApplied: z.optional(/* @__PURE__ */ z.array(ResourceId).check(z.maxLength(50))),
  })
  .check(
    requiredWhen(
      'reason',
      (body) => body.action === 'overridden',
      'REASON_REQUIRED',
      '未按核查结果办理时必须填写理由',
      'An override needs a reason',
    ),
  );
export type FeedbackRequest = z.infer<typeof FeedbackRequest>;
export type FeedbackInput = z.input<typeof FeedbackRequest>;

export const Feedback = /* @__PURE__ */ z.object({
  feedbackId: ResourceId,
  checkId: ResourceId,
  action: FeedbackAction,
  operator: Label,
  note: Prose,
  reason: Prose,
  measuresApplied: listOf(ResourceId, 100),
  recordedAt: Instant,
});
export type Feedback = z.infer<typeof Feedback>;
