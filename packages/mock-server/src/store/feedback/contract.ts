import type { Feedback } from '@credit-check/sdk/contract';
import type { StoredCheck } from '../checks/contract.ts';

/** Inclusive ISO dates on when something was recorded, and a department. */
export interface CaseFilter {
  from?: string;
  to?: string;
  department?: string;
}

/** The feedback aggregate: what the window did with each check (反馈, 003 §七), once per check. */
export interface FeedbackStore {
  /** Records feedback unless the check already has some; returns what is stored (the first). */
  putFeedback(feedback: Feedback): Promise<Feedback>;
  getFeedback(checkId: string): Promise<Feedback | undefined>;
  /** Feedback with its check (联合奖惩案例 from the counter), filtered on the feedback's date and the check's department. */
  feedbackCases(filter: CaseFilter, appId?: string): Promise<{ feedback: Feedback; check: StoredCheck }[]>;
}
