import type { Sql } from 'postgres';
import type { SharedChange, SharedChannel } from '../http/shared.ts';
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
): Promise<SharedChannel & { recall(): Promise<SharedChange[]>; close(): Promise<void> }> {
  const appliers: ((change: SharedChange) => void)[] = [];
  const { unlisten } = await sql.listen(CHANNEL, (payload) => {
    let message: { from?: string; change?: SharedChange };
    try {
      message = JSON.parse(payload);
    } catch {
      return;
    }
    if (message.from === instance || !message.change) return;
    for (const apply of appliers) apply(message.change);
  });
  return {
    publish(change) {
      const kept = change.kind === 'scenario' ? store.putMeta(SCENARIO_META, JSON.stringify(change)).catch(() => {}) : Promise.resolve();
      // A notification lost while the database is down is only a nudge: instances also poll.
      void kept.then(() => sql.notify(CHANNEL, JSON.stringify({ from: instance, change })).catch(() => {}));
    },
    /** What was staged before this instance listened, to apply as if it had been heard. */
    async recall() {
      const scenario = await store.getMeta(SCENARIO_META);
      return scenario ? [JSON.parse(scenario) as SharedChange] : [];
    },
    subscribe(apply) {
      appliers.push(apply);
    },
    close: () => unlisten().catch(() => {}),
  };
}
