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
/** Every element of the page that uses an endpoint's policy: told when a read brings a new one. */
const watchers = new Map<string, Set<(policy: DeferralPolicy) => void>>();

/**
 * Calls `listener` with each policy a read of `endpoint` brings, whichever element started the
 * read: a counter whose own read failed (the catalogue was down when the page opened) learns the
 * policy as soon as any element on the page reads it again. Returns the unsubscribe.
 */
export function watchPolicy(endpoint: string, listener: (policy: DeferralPolicy) => void): () => void {
  const set = watchers.get(endpoint) ?? new Set();
  watchers.set(endpoint, set);
  set.add(listener);
  return () => set.delete(listener);
}

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
      for (const listener of watchers.get(endpoint) ?? []) listener(policy);
      return policy;
    } catch {
      read.stale = true;
      return kept;
    }
  })();
  reads.set(endpoint, read);
  return read.policy;
}
