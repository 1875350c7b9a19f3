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

import type { Verdict } from '@credit-check/sdk/contract';
import { zh } from './credit-check/i18n-zh.ts';

/** A verdict as staff name it (限制办理, 从严审核, 提示, 未发现需处理的信用信息): for a host page that says what its element decided. */
export const VERDICT_LABEL: Readonly<Record<Verdict, string>> = Object.fromEntries(
  Object.entries(zh.verdict).map(([verdict, [label]]) => [verdict, label]),
) as Record<Verdict, string>;
