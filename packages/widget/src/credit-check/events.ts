import type { FeedbackAction, IdType, Verdict } from '@credit-check/sdk/contract';

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
  code: string;
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

declare global {
  interface HTMLElementEventMap {
    'credit-check-start': CustomEvent<CreditCheckStartDetail>;
    'credit-check-result': CustomEvent<CreditCheckResultDetail>;
    'credit-check-error': CustomEvent<CreditCheckErrorDetail>;
    'credit-check-feedback': CustomEvent<CreditCheckFeedbackDetail>;
    'credit-check-acknowledge': CustomEvent<CreditCheckAcknowledgeDetail>;
  }
}
