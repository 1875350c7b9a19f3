import { bodies, type Param, type SqlEngine } from '../engines/engine.ts';
import { chainOf, type DeliveryRecord, type OutboxStore, type SubscriptionRecord } from './contract.ts';

/**
 * Deliveries `d` that may go now: pending, due, not leased by a live deliverer, and the head of
 * their chain (no earlier pending one for the same subscription and subject: order per subject).
 */
const DUE_HEADS = `d.status = 'pending' AND d.next_at <= ?1 AND (d.lease_until IS NULL OR d.lease_until < ?1)
  AND NOT EXISTS (SELECT 1 FROM deliveries e WHERE e.status = 'pending' AND e.subscription_id = d.subscription_id
    AND e.subject_key = d.subject_key AND e.sequence < d.sequence)`;

export function sqlOutbox(db: SqlEngine): OutboxStore {
  const { seq, greatest } = db.dialect;
  const deliveries = (rows: readonly { body: string }[]) => bodies<DeliveryRecord>(db, 'deliveries', rows);
  const active = async () =>
    bodies<SubscriptionRecord>(db, 'subscriptions', await db.all(`SELECT body FROM subscriptions WHERE NOT deleted ORDER BY ${seq}`));
  return {
    async putSubscription(record) {
      db.memo?.forget('subscriptions:active');
      await db.write(
        `INSERT INTO subscriptions (subscription_id, app_id, deleted, body) VALUES (?, ?, ?, ?)
         ON CONFLICT (subscription_id) DO UPDATE SET deleted = excluded.deleted, body = excluded.body`,
        [record.subscriptionId, record.appId, Boolean(record.deletedAt), db.rows.write('subscriptions', record)],
      );
    },
    async getSubscription(subscriptionId) {
      return bodies<SubscriptionRecord>(
        db,
        'subscriptions',
        await db.all('SELECT body FROM subscriptions WHERE subscription_id = ?', [subscriptionId]),
      )[0];
    },
    async subscriptionsOf(appId) {
      return bodies(
        db,
        'subscriptions',
        await db.all(`SELECT body FROM subscriptions WHERE app_id = ? AND NOT deleted ORDER BY ${seq}`, [appId]),
      );
    },
    // Every event reads them to route it: SQLite keeps them parsed until one changes (here or in another process).
    activeSubscriptions: () => (db.memo ? db.memo.get('subscriptions:active', active) : active()),

    async dueDeliveries(now, limit, busy, lease) {
      if (!lease || db.kind === 'sqlite') {
        // A look, no claim (one deliverer per data dir; an operator's view; the contract tests).
        const rows = await db.all<{ body: string }>(`SELECT d.body FROM deliveries d WHERE ${DUE_HEADS} ORDER BY d.next_at LIMIT ?2`, [
          now,
          limit + busy.size,
        ]);
        return deliveries(rows)
          .filter((d) => !busy.has(chainOf(d)))
          .slice(0, limit);
      }
      // PostgreSQL, many deliverers: claimed in one statement; rows another instance is claiming
      // right now are skipped, not waited for.
      const rows = await db.write<{ body: string }>(
        `WITH due AS (SELECT d.delivery_id FROM deliveries d WHERE ${DUE_HEADS} ORDER BY d.next_at LIMIT ?2 FOR UPDATE SKIP LOCKED)
         UPDATE deliveries SET lease_owner = ?3, lease_until = ?4 FROM due WHERE deliveries.delivery_id = due.delivery_id
         RETURNING deliveries.body`,
        [now, limit, lease.owner, lease.until],
      );
      return deliveries(rows).filter((d) => !busy.has(chainOf(d)));
    },
    async nextDueAt(after) {
      // A leased delivery is due again when its lease runs out (its deliverer died).
      const [row] = await db.all<{ at: number | string | null }>(
        `SELECT min(${greatest}(next_at, coalesce(lease_until, 0))) AS at FROM deliveries
         WHERE status = 'pending' AND ${greatest}(next_at, coalesce(lease_until, 0)) > ?`,
        [after],
      );
      return row?.at == null ? null : Number(row.at);
    },
    async updateDelivery(record) {
      await db.write(
        'UPDATE deliveries SET status = ?, next_at = ?, body = ?, lease_owner = NULL, lease_until = NULL WHERE delivery_id = ?',
        [record.status, record.nextAttemptAt, db.rows.write('deliveries', record), record.deliveryId],
      );
    },
    async deliveriesOf(subscriptionId, status, limit) {
      const params: Param[] = status ? [subscriptionId, status, limit] : [subscriptionId, limit];
      const rows = await db.all<{ body: string }>(
        `SELECT body FROM deliveries WHERE subscription_id = ? ${status ? 'AND status = ?' : ''} ORDER BY ${seq} DESC LIMIT ?`,
        params,
      );
      return deliveries(rows).reverse();
    },
    async countDeliveries(subscriptionId, status) {
      const [row] = await db.all<{ n: number | string }>('SELECT count(*) AS n FROM deliveries WHERE subscription_id = ? AND status = ?', [
        subscriptionId,
        status,
      ]);
      return Number(row?.n ?? 0);
    },
    async dropPending(subscriptionId) {
      await db.write(`DELETE FROM deliveries WHERE subscription_id = ? AND status = 'pending'`, [subscriptionId]);
    },
  };
}
