import type { Feedback } from '@credit-check/sdk/contract';
import { type StoredCheck, visibleTo } from '../checks/contract.ts';
import type { MemoryTables } from '../engines/memory.ts';
import type { FeedbackStore } from './contract.ts';

export function memoryFeedback(t: MemoryTables): FeedbackStore {
  return {
    async putFeedback(feedback) {
      const existing = t.feedback.get(feedback.checkId);
      if (existing) return existing;
      t.feedback.set(feedback.checkId, feedback);
      return feedback;
    },
    async getFeedback(checkId) {
      return t.feedback.get(checkId);
    },
    async feedbackCases(filter, appId) {
      const out: { feedback: Feedback; check: StoredCheck }[] = [];
      for (const feedback of t.feedback.values()) {
        const check = t.checks.get(feedback.checkId);
        const day = feedback.recordedAt.slice(0, 10);
        if (!check || (filter.from && day < filter.from) || (filter.to && day > filter.to)) continue;
        if (filter.department && check.check.context.department !== filter.department) continue;
        if (!visibleTo(check.appId, appId)) continue;
        out.push({ feedback, check });
      }
      return out;
    },
  };
}
