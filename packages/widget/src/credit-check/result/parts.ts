import { type Check, type FeedbackInput, sendFeedback } from '@credit-check/sdk';
import { FeedbackRequest, fieldErrors, permittedOutcomes } from '@credit-check/sdk/contract';
import { pick } from '../i18n.ts';
import { resultStrings } from './words.ts';

// The SDK's connection and check: the request, its validation both ways, ky and zod live here, not
// in the entry that blocks the page.
export { Connection, check } from '@credit-check/sdk';
export { alertTemplate } from './alert.ts';
export { detailsTemplate, eligibilityTemplate, supervisionTemplate } from './details.ts';
export { feedbackTemplate } from './feedback.ts';
export { resultStrings } from './words.ts';
export { sendFeedback };

/**
 * What stops a response from being sent, in the staff's words: an outcome the check does not permit,
 * or the contract's own rule (an override needs a reason …); undefined when it may go.
 */
export function feedbackProblem(check: Check, body: FeedbackInput, lang: string): string | undefined {
  const s = resultStrings(lang);
  if (!permittedOutcomes(check).includes(body.action)) return s.chooseAction;
  const parsed = FeedbackRequest.safeParse(body);
  if (parsed.success) return undefined;
  const first = fieldErrors(parsed.error.issues, body)[0];
  return first ? pick(first.message, lang) : s.chooseAction;
}
