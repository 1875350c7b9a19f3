import type { AckAction, CreditEvent } from '@credit-check/sdk/contract';
import { TIER_RANK } from '@credit-check/sdk/contract';

/**
 * The response offered first for a pushed event — following the event, never 已惩戒 for a positive
 * change (响应—反馈, 003 §七): a listing on a black list or a broken commitment → 已惩戒; a red-list
 * listing, or a grade that now earns fewer inspections → 已激励; an entry repaired, expired or revoked
 * (its measures stop, 000 三(六)) → 不适用 (with a reason). Anything else offers nothing: the staff
 * choose.
 */
export function ackDefault(event: CreditEvent): AckAction | undefined {
  switch (event.type) {
    case 'entry.listed':
      return event.data.entry.listType === 'blacklist' ? 'punished' : event.data.entry.listType === 'redlist' ? 'rewarded' : undefined;
    case 'commitment.violated':
      return 'punished';
    case 'entry.repaired':
    case 'entry.expired':
    case 'entry.revoked':
      return 'not-applicable';
    case 'grade.changed': {
      const { tier, previousTier } = event.data;
      return tier === 'reduced' && previousTier && TIER_RANK[tier] < TIER_RANK[previousTier] ? 'rewarded' : undefined;
    }
    default:
      return undefined;
  }
}
