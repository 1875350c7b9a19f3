import type { Sql } from 'postgres';
import type { SharedChange, SharedChannel } from '../mock/shared.ts';
import type { Store } from '../store/store.ts';

/** The channel every instance of one platform listens on. */
const CHANNEL = 'credit_check_shared';
/**
 * The staged scenario, also written down: an instance that starts after it was staged reads it
 * (a notification reaches only those listening). A reset clears it with the platform's records;
 * the clock offset is in the store already (`clock:offset`).
 */
const SCENARIO_META = 'mock:scenario';

/**
 * What one instance holds in memory (the scenario fault, the clock offset, a reset) and the news
 * that events were appended, carried to every other instance over the shared database with
 * LISTEN/NOTIFY — the `--workers` channel, for instances on any host. postgres.js keeps the
 * listening connection and re-listens after a reconnect.
 */
export async function postgresChannel(
  sql: Sql,
  store: Pick<Store, 'getMeta' | 'putMeta'>,
  instance: string,
): Promise<SharedChannel & { close(): Promise<void> }> {
  const appliers: ((change: SharedChange) => void)[] = [];
  // The newest scenario this instance knows of — heard, or read from where it was written down —
  // handed to a subscriber when it subscribes (it may subscribe after the news arrived).
  let staged: SharedChange | undefined;
  let known = false;
  const learn = (change: SharedChange) => {
    if (change.kind === 'scenario') staged = change;
    else if (change.kind === 'reset') staged = undefined;
    else return;
    known = true;
  };
  const { unlisten } = await sql.listen(CHANNEL, (payload) => {
    let message: { from?: string; change?: SharedChange };
    try {
      message = JSON.parse(payload);
    } catch {
      return;
    }
    if (message.from === instance || !message.change) return;
    learn(message.change);
    for (const apply of appliers) apply(message.change);
  });
  // Listening already: what was staged before this instance started, unless newer news came meanwhile.
  const kept = await store.getMeta(SCENARIO_META);
  if (kept && !known) staged = JSON.parse(kept) as SharedChange;
  return {
    publish(change) {
      learn(change);
      const written = change.kind === 'scenario' ? store.putMeta(SCENARIO_META, JSON.stringify(change)).catch(() => {}) : Promise.resolve();
      // A notification lost while the database is down is only a nudge: instances also poll.
      void written.then(() => sql.notify(CHANNEL, JSON.stringify({ from: instance, change })).catch(() => {}));
    },
    subscribe(apply) {
      appliers.push(apply);
      if (staged) apply(staged);
    },
    close: () => unlisten().catch(() => {}),
  };
}
