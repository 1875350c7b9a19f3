export { type CheckState, CreditCheck } from './credit-check/credit-check.ts';
export type {
  CreditCheckAcknowledgeDetail,
  CreditCheckErrorDetail,
  CreditCheckFeedbackDetail,
  CreditCheckResultDetail,
  CreditCheckStartDetail,
} from './credit-check/events.ts';
