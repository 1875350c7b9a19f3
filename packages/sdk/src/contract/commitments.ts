import * as z from 'zod/mini';
import { CalendarDate, Code, Instant, Label, LongText, listOf, MatterCode, Prose, ResourceId, requiredWhen, ShortText } from './common.ts';
import { SubjectRef, SubjectView } from './subjects.ts';
import './zod.ts';

/**
 * 审批替代型 (告知承诺) · 容缺受理型 · 证明事项型 · 信用修复型 · 行业自律型 · 主动型
 * (domain.md "Commitment types"; 000 一(一); 001 (一); 002 (一)).
 */
export const CommitmentType = /* @__PURE__ */ z.enum(['informed', 'tolerance', 'certification', 'repair', 'self-discipline', 'voluntary']);
export type CommitmentType = z.infer<typeof CommitmentType>;

/** 全部履行 · 部分履行 · 全部未履行 (违诺). */
export const FulfilmentOutcome = /* @__PURE__ */ z.enum(['fulfilled', 'partly', 'violated']);
export type FulfilmentOutcome = z.infer<typeof FulfilmentOutcome>;

export const CommitmentStatus = /* @__PURE__ */ z.enum(['in-force', 'fulfilled', 'partly-fulfilled', 'violated']);
export type CommitmentStatus = z.infer<typeof CommitmentStatus>;

export const Commitment = /* @__PURE__ */ z.object({
  commitmentId: ResourceId,
  subject: SubjectView,
  type: CommitmentType,
  matterCode: z.nullable(Code),
  /**
   * The matter's name from the catalogue (what staff read; the code is for programs). Absent only on
   * records kept from before the platform gave it.
   */
  matterName: z.optional(z.nullable(Label)),
  /** Version of the standard commitment text that was signed (格式化标准记录, 002 (一)). */
  textVersion: Code,
  signedAt: Instant,
  /** 容缺受理: the date by which missing materials must be supplied. */
  deadline: z.nullable(CalendarDate),
  status: CommitmentStatus,
  /** In force with its deadline passed. */
  overdue: z.boolean(),
  applicationId: z.nullable(Label),
  missingMaterials: listOf(Label, 100),
  fulfilment: z.nullable(z.object({ outcome: FulfilmentOutcome, recordedAt: Instant, operator: Label, note: Prose })),
});
export type Commitment = z.infer<typeof Commitment>;

export const SignCommitmentRequest = /* @__PURE__ */ z
  .strictObject({
    subject: SubjectRef,
    type: CommitmentType,
    matter: MatterCode,
    /** Must equal the matter's current commitment text version (GET /catalog/matters). */
    textVersion: /* @__PURE__ */ z.string().check(z.minLength(1), z.maxLength(40), z.regex(/^[A-Za-z0-9._-]+$/)),
    /** Required for `tolerance` (容缺受理): when the missing materials will be supplied. */
    deadline: z.optional(CalendarDate),
    missingMaterials: z.optional(/* @__PURE__ */ z.array(ShortText).check(z.maxLength(20))),
    applicationId: z.optional(ShortText),
  })
  .check(
    requiredWhen(
      'deadline',
      (body) => body.type === 'tolerance',
      'DEADLINE_REQUIRED',
      '容缺受理承诺须填写补齐材料的期限',
      'A tolerance-acceptance commitment needs a deadline for the missing materials',
    ),
  );
export type SignCommitmentRequest = z.infer<typeof SignCommitmentRequest>;
export type SignCommitmentInput = z.input<typeof SignCommitmentRequest>;

export const CommitmentSearchRequest = /* @__PURE__ */ z.strictObject({
  subject: SubjectRef,
  matter: z.optional(MatterCode),
  status: z.optional(CommitmentStatus),
});
export type CommitmentSearchInput = z.input<typeof CommitmentSearchRequest>;
export type CommitmentSearchRequest = z.infer<typeof CommitmentSearchRequest>;

export const CommitmentList = /* @__PURE__ */ z.object({ commitments: listOf(Commitment) });

export const FulfilmentRequest = /* @__PURE__ */ z.strictObject({
  outcome: FulfilmentOutcome,
  operator: ShortText,
  note: z.optional(LongText),
});
export type FulfilmentInput = z.input<typeof FulfilmentRequest>;
export type FulfilmentRequest = z.infer<typeof FulfilmentRequest>;
