import { randomId } from '@credit-check/sdk/auth';

/** Base64url's 64 characters in ASCII order: strings of them sort as the numbers they encode. */
const SORTED = '-0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz';

/**
 * An id that sorts by creation time: the prefix, the millisecond clock in 8 ordered characters, then
 * 12 random bytes. Rows keyed by it are appended at the end of their B-tree instead of at random
 * places, so a burst of events and deliveries dirties a few pages per commit, not one per row. Still
 * opaque to callers (`ResourceId`), and unguessable by its random part.
 */
export function sortableId(prefix: string, now = Date.now()): string {
  let time = '';
  let t = Math.max(0, Math.floor(now));
  for (let i = 0; i < 8; i++) {
    time = SORTED[t % 64] + time;
    t = Math.floor(t / 64);
  }
  return randomId(prefix + time, 12);
}
