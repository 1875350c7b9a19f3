import { sqlChecks } from './checks/sql.ts';
import { sqlCommitments } from './commitments/sql.ts';
import type { SqlEngine } from './engines/engine.ts';
import { sqlEvents } from './events/sql.ts';
import { sqlFeedback } from './feedback/sql.ts';
import { sqlGuards } from './guards/sql.ts';
import { KEPT_BY_RESET_LIKE, SIGNATURE_NONCE } from './meta.ts';
import { sqlOutbox } from './outbox/sql.ts';
import { sqlOverlay } from './overlay/sql.ts';
import type { Store } from './store.ts';
import { sqlVerifications } from './verifications/sql.ts';

/** Every table a reset empties (meta and nonces keep what meta.ts says; `serials` stays: a 核查编号 is never handed out twice). */
const RECORDS = [
  'checks',
  'feedback',
  'commitments',
  'fulfilments',
  'objections',
  'entries',
  'grades',
  'events',
  'feed',
  'acks',
  'subscriptions',
  'deliveries',
  'idempotency',
  'rate_buckets',
  'verifications',
];

/** The store on an SQL engine: every aggregate's one SQL implementation, over SQLite or PostgreSQL. */
export function sqlStore(engine: SqlEngine): Store {
  return {
    kind: engine.kind,
    ...sqlChecks(engine),
    ...sqlFeedback(engine),
    ...sqlCommitments(engine),
    ...sqlOverlay(engine),
    ...sqlEvents(engine),
    ...sqlOutbox(engine),
    ...sqlGuards(engine),
    ...sqlVerifications(engine),
    async clear() {
      await engine.atomically(undefined, async (tx) => {
        for (const table of RECORDS) await tx.write(`DELETE FROM ${table}`);
        await tx.write(`DELETE FROM meta WHERE NOT (${KEPT_BY_RESET_LIKE.map(() => 'key LIKE ?').join(' OR ')})`, KEPT_BY_RESET_LIKE);
        await tx.write('DELETE FROM nonces WHERE key NOT LIKE ?', [`${SIGNATURE_NONCE}%`]);
      });
      engine.memo?.forget();
    },
    ping: () => engine.ping(),
    close: () => engine.close(),
    durable: () => engine.durable(),
    flush: () => engine.flush(),
    afterCommit: (fn) => engine.afterCommit(fn),
  };
}
