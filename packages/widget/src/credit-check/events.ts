import type { ErrorCode } from '@credit-check/sdk';
import type { FeedbackAction, IdType, ProblemCode, Verdict } from '@credit-check/sdk/contract';

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
  subject: string;
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

/** `credit-check-feedback`: what the window did was recorded on the platform. */
export interface CreditCheckFeedbackDetail {
  checkId: string;
  feedbackId: string;
  action: FeedbackAction;
  recordedAt: string;
}

/** `credit-check-acknowledge`: staff confirmed a restrict/caution alert. */
export interface CreditCheckAcknowledgeDetail {
  checkId: string;
  verdict: Verdict;
}

/** Every event of `<credit-check>` by name: `emit()` and listeners are typed from this one map. */
export interface CreditCheckEventMap {
  'credit-check-start': CreditCheckStartDetail;
  'credit-check-result': CreditCheckResultDetail;
  'credit-check-error': CreditCheckErrorDetail;
  'credit-check-feedback': CreditCheckFeedbackDetail;
  'credit-check-acknowledge': CreditCheckAcknowledgeDetail;
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
