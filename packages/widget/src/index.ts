export { type CheckState, CreditCheck } from './credit-check/credit-check.ts';
export type {
  CreditCheckAcknowledgeDetail,
  CreditCheckDeferredDetail,
  CreditCheckErrorDetail,
  CreditCheckEventMap,
  CreditCheckFeedbackDetail,
  CreditCheckResultDetail,
  CreditCheckStartDetail,
} from './credit-check/events.ts';
