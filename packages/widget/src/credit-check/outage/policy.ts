import { type Connection, listMatters } from '@credit-check/sdk';
import * as vault from './vault.ts';

/** The catalogue's 应急 policy per matter code. */
export type DeferralPolicy = Record<string, 'allowed' | 'forbidden'>;

interface Read {
  policy: Promise<DeferralPolicy | undefined>;
  /** The platform did not answer: the kept policy stands until it does. */
  stale: boolean;
}

const reads = new Map<string, Read>();

/**
 * The 应急 policy of an endpoint's matters, read once per page and shared by every element on it
 * (GET /catalog/matters), and kept in IndexedDB for when the platform is down — it is not personal
 * data. `again`: read again if the last read failed (the platform answered something since); never
 * in a loop. Undefined when it was never read: nothing is deferred then (fail closed).
 */
export function deferralPolicy(endpoint: string, connection: Connection, again = false): Promise<DeferralPolicy | undefined> {
  const known = reads.get(endpoint);
  if (known && !(again && known.stale)) return known.policy;
  const read: Read = { stale: false, policy: Promise.resolve(undefined) };
  read.policy = (async () => {
    const kept = known ? await known.policy : await vault.getPolicy(endpoint).catch(() => undefined);
    try {
      const { matters } = await listMatters(connection);
      const policy: DeferralPolicy = Object.fromEntries(matters.map((m) => [m.code, m.deferral]));
      await vault.putPolicy(endpoint, policy).catch(() => undefined);
      return policy;
    } catch {
      read.stale = true;
      return kept;
    }
  })();
  reads.set(endpoint, read);
  return read.policy;
}
