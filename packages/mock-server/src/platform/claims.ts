import type { Store } from '../store/store.ts';

/** A claim that never expires (kept until the store is reset, as the record it guards). */
export const FOREVER = Date.UTC(9999, 0);

/**
 * Writes a record only one request may write — a fulfilment, an objection's decision, the next
 * objection of an entry — under a claim the store decides (of two instances racing, exactly one
 * gets it). False when another holds the claim. A write that fails gives the claim back: a store
 * that was briefly out of reach must not leave the record unwritable for good.
 */
export async function writeOnce(
  store: Pick<Store, 'useNonce' | 'releaseNonce'>,
  claim: string,
  until: number,
  write: () => Promise<void>,
): Promise<boolean> {
  if (!(await store.useNonce(claim, until))) return false;
  try {
    await write();
  } catch (error) {
    // Out of reach for the release too: an expiring claim lapses by itself; a FOREVER one waits for a reset.
    await store.releaseNonce(claim).catch(() => {});
    throw error;
  }
  return true;
}
