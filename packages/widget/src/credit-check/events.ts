import type { Check, ErrorCode } from '@credit-check/sdk';
import type { DeferralReasonCode, FeedbackAction, IdType, ProblemCode, ResponsePath, Verdict } from '@credit-check/sdk/contract';

/** `credit-check-start`: a check was sent. No identifier but a masked one. */
export interface CreditCheckStartDetail {
  matter: string;
  idType: IdType;
  /** Masked for persons (身份证), as on screen. */
  subject: string;
  applicationId: string;
}

/** `credit-check-result`: the platform answered; `receipt` lets the host backend verify it. */
export interface CreditCheckResultDetail {
  checkId: string;
  verdict: Verdict;
  fastTrack: boolean;
  matter: string;
  checkedAt: string;
  receipt: string;
  /** Masked for persons; empty on a 补查 (the page may show another application by then). */
  subject: string;
  applicationId: string;
  /** True for a 补查: the application was accepted during an outage (先行受理) and checked now. */
  deferred: boolean;
  /** The deferral this 补查 settles (`deferred:<id>` in the form that was submitted). */
  deferralId?: string;
}

/**
 * `credit-check-deferred`: the staff accepted during an outage (先行受理，事后补查). What the form
 * submits as `<name>-deferral`; never the subject's identifier.
 */
export interface CreditCheckDeferredDetail {
  deferralId: string;
  applicationId: string;
  matter: string;
  department: string;
  operator: string;
  at: string;
  reason: { code: DeferralReasonCode; text: string };
}

/** `credit-check-error`: the check did not complete — never a clean result. */
export interface CreditCheckErrorDetail {
  code: ErrorCode;
  /** The platform's problem code when it answered with one (e.g. `SCOPE_MATTER`). */
  problemCode?: ProblemCode | (string & {}) | undefined;
  message: string;
  messageZh: string | undefined;
  status: number | undefined;
  retryAfter: number | undefined;
}

/**
 * `credit-check-feedback`: what the window did (响应 = 反馈) was recorded on the platform — or, with
 * `queued`, kept on this computer while the platform is down, and recorded once it is back.
 */
export interface CreditCheckFeedbackDetail {
  checkId: string;
  action: FeedbackAction;
  /** The path this outcome opens on the guarded form: `approve`, `refuse` or `refer`. */
  path: ResponsePath;
  /** Kept on this computer until the platform answers (no `feedbackId` yet). */
  queued: boolean;
  /** The platform's id of the feedback (absent while `queued`). */
  feedbackId?: string;
  recordedAt: string;
}

/** `credit-check-acknowledge`: staff confirmed a restrict/caution alert. */
export interface CreditCheckAcknowledgeDetail {
  checkId: string;
  verdict: Verdict;
}

/** The `credit-check-result` detail of a check: live (`subject` masked) or a 补查 (`deferred`, no subject). */
export function resultDetail(result: Check, subject: string, deferralId?: string): CreditCheckResultDetail {
  return {
    checkId: result.checkId,
    verdict: result.verdict,
    fastTrack: result.fastTrack,
    matter: result.matter.code,
    checkedAt: result.checkedAt,
    receipt: result.receipt,
    subject,
    applicationId: result.context.applicationId,
    deferred: deferralId !== undefined,
    ...(deferralId ? { deferralId } : {}),
  };
}

/** Every event of `<credit-check>` by name: `emit()` and listeners are typed from this one map. */
export interface CreditCheckEventMap {
  'credit-check-start': CreditCheckStartDetail;
  'credit-check-result': CreditCheckResultDetail;
  'credit-check-error': CreditCheckErrorDetail;
  'credit-check-feedback': CreditCheckFeedbackDetail;
  'credit-check-acknowledge': CreditCheckAcknowledgeDetail;
  'credit-check-deferred': CreditCheckDeferredDetail;
}

/** The DOM events, as `addEventListener` sees them. */
export type CreditCheckEvents = { [K in keyof CreditCheckEventMap]: CustomEvent<CreditCheckEventMap[K]> };

/** Dispatches a typed event: bubbling and composed, so a host page hears it through any shadow root. */
export function emit<K extends keyof CreditCheckEventMap>(target: EventTarget, type: K, detail: CreditCheckEventMap[K]): void {
  target.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
}

declare global {
  interface HTMLElementEventMap extends CreditCheckEvents {}
}
