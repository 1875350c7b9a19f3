import { isPlatformUnavailable } from '@credit-check/sdk';
import type { CheckState } from '../check-state.ts';
import type { DeferralPolicy } from './policy.ts';

/** Why 先行受理 is not offered now (undefined: it is). */
export type DeferBlock = 'hold' | 'not-outage' | 'no-subject' | 'scope' | 'policy-unknown' | 'forbidden';

/** What decides whether 先行受理 may be offered, as plain data. */
export interface DeferSituation {
  outage: 'hold' | 'defer';
  state: CheckState;
  /** Why the live check failed (only an outage may be deferred, never an answer such as a 4xx). */
  error: unknown;
  /** The key of what is entered now ('' when nothing can be checked). */
  key: string;
  /** Does the token grant `checks:defer` (undefined: it does not say)? */
  deferScope: boolean | undefined;
  matter: string | undefined;
  /** The catalogue's 应急 policy, undefined when it was never read (fail closed). */
  policy: DeferralPolicy | undefined;
}

/**
 * 先行受理，事后补查 is offered only when the counter is configured for it (`outage="defer"`), the
 * platform is unavailable for the check of what is entered now, the backend granted `checks:defer`
 * and the matter's catalogue policy allows it (widget README, 应急 mode: the seeds name no outage
 * rule, so this is ours and fails closed). Pure: the controller gathers
 * the situation, this decides.
 */
export function deferBlock(s: DeferSituation): DeferBlock | undefined {
  if (s.outage !== 'defer') return 'hold';
  if (!(s.state === 'error' || s.state === 'stale') || !isPlatformUnavailable(s.error)) return 'not-outage';
  if (!s.key) return 'no-subject';
  if (s.deferScope !== true) return 'scope';
  const policy = s.policy?.[s.matter ?? ''];
  if (!policy) return 'policy-unknown';
  return policy === 'forbidden' ? 'forbidden' : undefined;
}
