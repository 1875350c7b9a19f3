import * as z from 'zod/mini';
import { Commitment } from './commitments.ts';
import { CalendarDate, Code, Instant, Label, listOf, MatterCode, Message, Opaque, ResourceId, requiredWhen, ShortText } from './common.ts';
import { Feedback } from './feedback.ts';
import { ListEntry } from './lists.ts';
import { AppliedMeasure } from './measures.ts';
import { Problem } from './problem.ts';
import { SubjectRef, SubjectRefShape, SubjectView } from './subjects.ts';
import { Supervision } from './supervision.ts';
import './zod.ts';

/** `window`: at the counter (窗口); `online`: the applicant on 一网通办. */
export const Channel = /* @__PURE__ */ z.enum(['window', 'online']);

/**
 * Why the window accepted before the check could run (应急, 先行受理): a reason from a short list
 * and the staff's own words, both required.
 */
export const DeferralReasonCode = /* @__PURE__ */ z.enum(['platform-unavailable', 'network-failure', 'timeout', 'other']);
export type DeferralReasonCode = z.infer<typeof DeferralReasonCode>;

export const DeferralReason = /* @__PURE__ */ z
  .strictObject({
    code: DeferralReasonCode,
    /** Required: what happened, in the staff's words. */
    text: z.optional(/* @__PURE__ */ z.string().check(z.trim(), z.maxLength(200), z.regex(/^[^\p{Cc}\p{Cs}]*$/u))),
  })
  .check(
    requiredWhen(
      'text',
      () => true,
      'DEFERRAL_REASON_REQUIRED',
      '先行受理必须选择原因并填写具体情况',
      'A deferral needs a reason: pick one and describe what happened',
    ),
  );
export type DeferralReason = z.infer<typeof DeferralReason>;

/**
 * A 补查: this check was run after the application had been accepted during a platform outage
 * (先行受理，事后补查). `at` is when the window accepted it. Needs the `checks:defer` scope and a
 * matter whose catalogue `deferral` is `allowed`.
 */
export const Deferral = /* @__PURE__ */ z.strictObject({ at: Instant, reason: DeferralReason });
export type Deferral = z.infer<typeof Deferral>;

export const CheckContext = /* @__PURE__ */ z.strictObject({
  /** 办件编号: the application this check belongs to. */
  applicationId: ShortText,
  department: ShortText,
  operator: ShortText,
  channel: Channel,
  /** Present on a 补查 only. */
  deferred: z.optional(Deferral),
});
export type CheckContext = z.infer<typeof CheckContext>;

/** POST /checks — the 逢办必查 check (002 §十六). */
export const CheckRequest = /* @__PURE__ */ z.strictObject({
  subject: SubjectRef,
  matter: MatterCode,
  context: CheckContext,
});
export type CheckRequest = z.infer<typeof CheckRequest>;
export type CheckInput = z.input<typeof CheckRequest>;

/** `restrict` 限制/不予办理 · `caution` 从严审核 · `notice` 提示 · `clear` 未发现需处理的信用信息. */
export const Verdict = /* @__PURE__ */ z.enum(['clear', 'notice', 'caution', 'restrict']);
export type Verdict = z.infer<typeof Verdict>;

/** One reason behind the verdict, with the record it comes from. */
export const Reason = /* @__PURE__ */ z.object({
  code: Code,
  verdict: Verdict,
  message: Message,
  entryId: z.nullable(ResourceId),
  measureId: z.nullable(ResourceId),
  commitmentId: z.nullable(ResourceId),
});
export type Reason = z.infer<typeof Reason>;

export const EligibilityItem = /* @__PURE__ */ z.object({
  /** The matter offers this route at all. */
  offered: z.boolean(),
  eligible: z.boolean(),
  reasons: listOf(z.object({ code: Code, message: Message }), 100),
});

/** 告知承诺 and 容缺受理 (001 (一)2; 004 1): only for subjects in good standing. */
export const Eligibility = /* @__PURE__ */ z.object({
  informedCommitment: EligibilityItem,
  toleranceAcceptance: EligibilityItem,
});
export type Eligibility = z.infer<typeof Eligibility>;

/** 公共信用综合评价: the scale is data (GET /catalog/grades), not an enum. */
export const Grade = /* @__PURE__ */ z.object({
  scaleId: Code,
  level: Code,
  label: Message,
  goodStanding: z.boolean(),
  evaluatedAt: CalendarDate,
});
export type Grade = z.infer<typeof Grade>;

/** 法定代表人 of an organisation, or the organisations a person represents (000 三(四); 003 §八). */
export const LinkedSubject = /* @__PURE__ */ z.object({
  relation: z.enum(['legal-representative', 'represented-organisation']),
  subject: SubjectView,
  activeEntries: listOf(ListEntry),
});
export type LinkedSubject = z.infer<typeof LinkedSubject>;

/**
 * 核查编号: the number people quote for a check — the platform's prefix, the day and a sequence the
 * platform's database hands out (unique across its instances), e.g. `HC-20261207-000123`.
 */
export const Serial = /* @__PURE__ */ z.string().check(z.maxLength(27), z.regex(/^[A-Z]{1,8}-[0-9]{8}-[0-9]{6,9}$/));
export type Serial = z.infer<typeof Serial>;

export const Check = /* @__PURE__ */ z.object({
  checkId: ResourceId,
  /** 核查编号 (see `Serial`); `GET /checks/{serial}` finds the check by it. Absent on checks made before it was issued. */
  serial: z.optional(Serial),
  checkedAt: Instant,
  subject: SubjectView,
  matter: z.object({ code: Code, name: Label }),
  context: CheckContext,
  verdict: Verdict,
  /** 守信激励: a red-list subject with nothing negative is fast-tracked. */
  fastTrack: z.boolean(),
  reasons: listOf(Reason),
  entries: listOf(ListEntry),
  commitments: listOf(Commitment),
  measures: listOf(AppliedMeasure),
  eligibility: Eligibility,
  grade: z.nullable(Grade),
  /**
   * 分级分类监管: the subject's supervision tier from the evaluations the platform holds (public,
   * industry, market) and its own 失信 records. Null only on checks stored before it was computed.
   */
  supervision: z.nullable(Supervision),
  linked: listOf(LinkedSubject, 100),
  /** Compact JWS (EdDSA) the host backend verifies offline with the platform's key (GET /keys). */
  receipt: Opaque,
  /** What the window did; null until feedback is recorded. */
  feedback: z.nullable(Feedback),
});
export type Check = z.infer<typeof Check>;

/** The most subjects one batch request may carry; above it the platform answers 400. */
export const BATCH_MAX = 100;

/** POST /checks/batch — many subjects for one matter; each item succeeds or fails alone. */
export const BatchCheckRequest = /* @__PURE__ */ z.strictObject({
  matter: MatterCode,
  context: CheckContext,
  /** At most BATCH_MAX are checked (400 BATCH_TOO_LARGE above it); the schema's ceiling only bounds the body. */
  subjects: /* @__PURE__ */ z.array(SubjectRefShape).check(z.minLength(1), z.maxLength(10_000)),
});
export type BatchCheckInput = z.input<typeof BatchCheckRequest>;
export type BatchCheckRequest = z.infer<typeof BatchCheckRequest>;

export const BatchItem = /* @__PURE__ */ z.discriminatedUnion('ok', [
  z.object({ index: /* @__PURE__ */ z.int().check(z.gte(0)), ok: z.literal(true), check: Check }),
  z.object({ index: /* @__PURE__ */ z.int().check(z.gte(0)), ok: z.literal(false), problem: Problem }),
]);
export type BatchItem = z.infer<typeof BatchItem>;

export const BatchResult = /* @__PURE__ */ z.object({ matter: Code, results: listOf(BatchItem, BATCH_MAX) });
export type BatchResult = z.infer<typeof BatchResult>;

/** The claims of a check receipt (JWS payload). */
export const ReceiptClaims = /* @__PURE__ */ z.object({
  iss: Label,
  checkId: ResourceId,
  /** The 核查编号, signed with the rest (absent on receipts issued before it was). */
  serial: z.optional(Serial),
  applicationId: Label,
  department: Label,
  matter: Code,
  verdict: Verdict,
  fastTrack: z.boolean(),
  checkedAt: Instant,
  /**
   * base64url SHA-256 (SM3 in an `SM2SM3` receipt) of `${idType}:${normalizedId}:${checkId}` — binds
   * the subject without revealing it.
   */
  subjectDigest: Code,
  iat: /* @__PURE__ */ z.int(),
});
export type ReceiptClaims = z.infer<typeof ReceiptClaims>;
