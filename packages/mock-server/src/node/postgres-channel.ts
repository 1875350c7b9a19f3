import type { Sql } from 'postgres';
import type { SharedChange, SharedChannel } from '../http/shared.ts';

/** The channel every instance of one platform listens on. */
const CHANNEL = 'credit_check_shared';

/**
 * What one instance holds in memory (the scenario fault, the clock offset, a reset) and the news
 * that events were appended, carried to every other instance over the shared database with
 * LISTEN/NOTIFY — the `--workers` channel, for instances on any host. postgres.js keeps the
 * listening connection and re-listens after a reconnect.
 */
export async function postgresChannel(sql: Sql, instance: string): Promise<SharedChannel & { close(): Promise<void> }> {
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
      // A notification lost while the database is down is only a nudge: instances also poll.
      sql.notify(CHANNEL, JSON.stringify({ from: instance, change })).catch(() => {});
    },
    subscribe(apply) {
      appliers.push(apply);
    },
    close: () => unlisten().catch(() => {}),
  };
}
