import type { Ack } from '@credit-check/sdk/contract';
import type { PendingQuery, Row, Sql } from 'postgres';
import type { GradeRecord } from '../domain/records.ts';
import type { RowCodec } from './codec.ts';
import { type FeedRow, feedPage, feedRecord } from './feed-rows.ts';
import { GroupRead } from './group-read.ts';
import { LOCKS } from './postgres-schema.ts';
import { unreachable } from './postgres-unreachable.ts';
import {
  type CaseFilter,
  type CheckerRecord,
  chainOf,
  type DeliveryLease,
  type DeliveryRecord,
  type EventRecord,
  type FeedQuery,
  type FeedRecord,
  type NewEvent,
  type Recipient,
  type StoredEntry,
  type SubscriptionRecord,
  type SupervisionStore,
} from './supervision.ts';
import { StoreUnavailable } from './unavailable.ts';

/**
 * Deliveries `d` that may go now: pending, due, not leased by a live deliverer, and the head of
 * their chain (no earlier pending one for the same subscription and subject: order per subject).
 */
const dueHeads = (sql: Sql, now: number) =>
  sql`d.status = 'pending' AND d.next_at <= ${now} AND (d.lease_until IS NULL OR d.lease_until < ${now})
    AND NOT EXISTS (SELECT 1 FROM deliveries e WHERE e.status = 'pending' AND e.subscription_id = d.subscription_id
      AND e.subject_key = d.subject_key AND e.sequence < d.sequence)`;

/** An ack of the feed row `f` by the recipient's app (or from before acks carried their app). */
const ackedBy = (sql: Sql, recipient: Recipient) =>
  sql`SELECT 1 FROM acks a WHERE a.event_id = f.event_id AND a.department = f.department AND a.app_id = ${recipient.appId}`;

export type Body = { body: string };
type Keyed = Body & { key: string };

/**
 * The supervision loop on PostgreSQL (entries and grades learnt since seeding, events, the feed,
 * subscriptions, the outbox, acks) and what every PostgreSQL statement goes through — as
 * `SqliteSupervision` is for SQLite; the platform's records and claims are `PostgresStore`.
 */
export abstract class PostgresSupervision implements SupervisionStore {
  protected readonly sql: Sql;
  protected readonly rows: RowCodec;

  protected constructor(sql: Sql, rows: RowCodec) {
    this.sql = sql;
    this.rows = rows;
  }

  /** Runs a database step; an unreachable database becomes `StoreUnavailable`. */
  protected async run<T>(step: (sql: Sql) => Promise<T>): Promise<T> {
    try {
      return await step(this.sql);
    } catch (error) {
      if (unreachable(error)) throw new StoreUnavailable(`PostgreSQL: ${(error as Error).message}`);
      throw error;
    }
  }

  protected one<T>(table: string, rows: readonly Row[]): T | undefined {
    const row = rows[0] as Body | undefined;
    return row ? this.rows.read<T>(table, row.body) : undefined;
  }
  protected all<T>(table: string, rows: readonly Row[]): T[] {
    return rows.map((r) => this.rows.read<T>(table, (r as Body).body));
  }
  protected key(subjectKey: string): string {
    return this.rows.subject(subjectKey);
  }

  /** `AND`-joined conditions (or none) for the case and coverage filters, as `filterClause` does for SQLite. */
  protected where(
    sql: Sql,
    instant: string,
    department: string,
    filter: CaseFilter,
    app?: [column: string, appId: string],
  ): PendingQuery<Row[]> {
    const parts: PendingQuery<Row[]>[] = [];
    if (app) parts.push(sql`${sql(app[0])} = ${app[1]}`);
    if (filter.from) parts.push(sql`substr(${sql(instant)}, 1, 10) >= ${filter.from}`);
    if (filter.to) parts.push(sql`substr(${sql(instant)}, 1, 10) <= ${filter.to}`);
    if (filter.department) parts.push(sql`${sql(department)} = ${filter.department}`);
    if (parts.length === 0) return sql``;
    return parts.slice(1).reduce((acc, p) => sql`${acc} AND ${p}`, sql`WHERE ${parts[0] as PendingQuery<Row[]>}`);
  }

  /**
   * One table's rows by one key column, the reads of all requests of a moment in one statement
   * (group-read.ts): what a check reads of a subject costs a round trip per kind, not per request.
   */
  protected keyed(table: string, column: string, ordered = false): GroupRead<Keyed> {
    return new GroupRead<Keyed>((keys) =>
      this.run(
        (sql) => sql<Keyed[]>`SELECT ${sql(column)} AS key, body FROM ${sql(table)}
          WHERE ${sql(column)} = ANY(${keys}::text[]) ${ordered ? sql`ORDER BY seq` : sql``}`,
      ),
    );
  }

  // A subject's overlay on its seed, read by every check.
  private readonly overlay = { entries: this.keyed('entries', 'subject_key', true), grades: this.keyed('grades', 'subject_key') };

  // ── the supervision loop ──────────────────────────────────────────────────────────────────

  async putEntry(record: StoredEntry): Promise<void> {
    await this.run(
      (sql) => sql`INSERT INTO entries (entry_id, subject_key, body)
        VALUES (${record.entry.entryId}, ${this.key(record.subjectKey)}, ${this.rows.write('entries', record)})
        ON CONFLICT (entry_id) DO UPDATE SET body = excluded.body`,
    );
  }
  async entriesOf(subjectKey: string): Promise<StoredEntry[]> {
    return this.all('entries', await this.overlay.entries.load(this.key(subjectKey)));
  }
  async getEntry(entryId: string): Promise<StoredEntry | undefined> {
    return this.one('entries', await this.run((sql) => sql`SELECT body FROM entries WHERE entry_id = ${entryId}`));
  }
  async allEntries(): Promise<StoredEntry[]> {
    return this.all('entries', await this.run((sql) => sql`SELECT body FROM entries ORDER BY seq`));
  }

  async putGrade(subjectKey: string, grade: GradeRecord): Promise<void> {
    await this.run(
      (sql) => sql`INSERT INTO grades (subject_key, body) VALUES (${this.key(subjectKey)}, ${this.rows.write('grades', grade)})
        ON CONFLICT (subject_key) DO UPDATE SET body = excluded.body`,
    );
  }
  async gradeOf(subjectKey: string): Promise<GradeRecord | undefined> {
    return this.one('grades', await this.overlay.grades.load(this.key(subjectKey)));
  }

  async checkersOf(subjectKey: string, sinceIso: string): Promise<CheckerRecord[]> {
    const rows = await this.run(
      (sql) => sql<{ app_id: string; department: string; matter: string; checked_at: string }[]>`
        SELECT app_id, department, matter, max(checked_at) AS checked_at FROM checks
        WHERE subject_key = ${this.key(subjectKey)} AND checked_at >= ${sinceIso} GROUP BY app_id, department, matter`,
    );
    return rows.map((r) => ({ appId: r.app_id, department: r.department, matter: r.matter, checkedAt: r.checked_at }));
  }

  async appendEvent(input: NewEvent): Promise<EventRecord> {
    const subject = this.key(input.event.subjectKey);
    return this.run((sql) =>
      sql.begin(async (tx) => {
        // Appends are serialised across instances: a subject's sequence is max + 1 without a race,
        // and feed cursors commit in their order (a reader paging by cursor never skips one).
        await tx`SELECT pg_advisory_xact_lock(${LOCKS.append})`;
        const [last] = await tx<{ s: number | null }[]>`SELECT max(sequence) AS s FROM events WHERE subject_key = ${subject}`;
        const event: EventRecord = { ...input.event, sequence: Number(last?.s ?? 0) + 1 };
        const writes: PendingQuery<Row[]>[] = [
          tx`INSERT INTO events (event_id, subject_key, sequence, body)
            VALUES (${event.eventId}, ${subject}, ${event.sequence}, ${this.rows.write('events', event)})`,
        ];
        for (const f of input.feed) {
          writes.push(tx`INSERT INTO feed (app_id, department, event_id, why)
            VALUES (${f.appId}, ${f.department}, ${event.eventId}, ${JSON.stringify(f.why)}) ON CONFLICT DO NOTHING`);
        }
        for (const d of input.deliveries) {
          const delivery: DeliveryRecord = { ...d, sequence: event.sequence };
          writes.push(tx`INSERT INTO deliveries (delivery_id, subscription_id, subject_key, sequence, status, next_at, body)
            VALUES (${delivery.deliveryId}, ${delivery.subscriptionId}, ${this.key(delivery.subjectKey)}, ${delivery.sequence},
              ${delivery.status}, ${delivery.nextAttemptAt}, ${this.rows.write('deliveries', delivery)})`);
        }
        // Pipelined within the transaction: one round trip for the event, its feed rows and its outbox.
        await Promise.all(writes);
        return event;
      }),
    );
  }
  async getEvent(eventId: string): Promise<EventRecord | undefined> {
    return this.one('events', await this.run((sql) => sql`SELECT body FROM events WHERE event_id = ${eventId}`));
  }

  async feed(recipient: Recipient, q: FeedQuery) {
    const rows = await this.run((sql) => {
      const acked = ackedBy(sql, recipient);
      return sql<{ cursor: string; app_id: string; department: string; event_id: string; why: string; body: string }[]>`
        SELECT f.cursor, f.app_id, f.department, f.event_id, f.why, e.body FROM feed f JOIN events e ON e.event_id = f.event_id
        WHERE f.app_id = ${recipient.appId} AND f.department = ${recipient.department}
          ${q.after !== undefined ? sql`AND f.cursor > ${q.after}` : sql``}
          ${q.before !== undefined ? sql`AND f.cursor < ${q.before}` : sql``}
          ${q.acknowledged === undefined ? sql`` : q.acknowledged ? sql`AND EXISTS (${acked})` : sql`AND NOT EXISTS (${acked})`}
        ORDER BY f.cursor ${q.order === 'desc' ? sql`DESC` : sql`ASC`} LIMIT ${q.limit + 1}`;
    });
    return feedPage(rows, q.limit, this.rows);
  }
  async feedRow(recipient: Recipient, eventId: string): Promise<FeedRecord | undefined> {
    const [r] = await this.run(
      (sql) => sql<FeedRow[]>`
        SELECT cursor, app_id, department, event_id, why FROM feed
        WHERE app_id = ${recipient.appId} AND department = ${recipient.department} AND event_id = ${eventId}
        LIMIT 1`,
    );
    return r ? feedRecord(r) : undefined;
  }
  async unacknowledged(recipient: Recipient): Promise<number> {
    const [row] = await this.run(
      (sql) => sql<{ n: number }[]>`SELECT count(*)::int AS n FROM feed f
        WHERE f.app_id = ${recipient.appId} AND f.department = ${recipient.department}
          AND NOT EXISTS (${ackedBy(sql, recipient)})`,
    );
    return Number(row?.n ?? 0);
  }

  async putSubscription(record: SubscriptionRecord): Promise<void> {
    await this.run(
      (sql) => sql`INSERT INTO subscriptions (subscription_id, app_id, deleted, body)
        VALUES (${record.subscriptionId}, ${record.appId}, ${Boolean(record.deletedAt)}, ${this.rows.write('subscriptions', record)})
        ON CONFLICT (subscription_id) DO UPDATE SET deleted = excluded.deleted, body = excluded.body`,
    );
  }
  async getSubscription(subscriptionId: string): Promise<SubscriptionRecord | undefined> {
    return this.one(
      'subscriptions',
      await this.run((sql) => sql`SELECT body FROM subscriptions WHERE subscription_id = ${subscriptionId}`),
    );
  }
  async subscriptionsOf(appId: string): Promise<SubscriptionRecord[]> {
    return this.all(
      'subscriptions',
      await this.run((sql) => sql`SELECT body FROM subscriptions WHERE app_id = ${appId} AND NOT deleted ORDER BY seq`),
    );
  }
  async activeSubscriptions(): Promise<SubscriptionRecord[]> {
    return this.all('subscriptions', await this.run((sql) => sql`SELECT body FROM subscriptions WHERE NOT deleted ORDER BY seq`));
  }

  async dueDeliveries(now: number, limit: number, busy: ReadonlySet<string>, lease?: DeliveryLease): Promise<DeliveryRecord[]> {
    if (!lease) {
      // A look, no claim (an operator's view, the contract tests): what a deliverer would get.
      const rows = await this.run(
        (sql) => sql`SELECT d.body FROM deliveries d WHERE ${dueHeads(sql, now)} ORDER BY d.next_at LIMIT ${limit + busy.size}`,
      );
      return this.all<DeliveryRecord>('deliveries', rows)
        .filter((d) => !busy.has(chainOf(d)))
        .slice(0, limit);
    }
    // Claimed in one statement: heads of their chains, due, not leased by a live deliverer; rows
    // another instance is claiming right now are skipped, not waited for.
    const rows = await this.run(
      (sql) => sql`
        WITH due AS (
          SELECT d.delivery_id FROM deliveries d WHERE ${dueHeads(sql, now)} ORDER BY d.next_at LIMIT ${limit}
          FOR UPDATE SKIP LOCKED)
        UPDATE deliveries SET lease_owner = ${lease.owner}, lease_until = ${lease.until}
        FROM due WHERE deliveries.delivery_id = due.delivery_id
        RETURNING deliveries.body`,
    );
    return this.all<DeliveryRecord>('deliveries', rows).filter((d) => !busy.has(chainOf(d)));
  }
  async nextDueAt(after: number): Promise<number | null> {
    const [row] = await this.run(
      (sql) => sql<{ at: string | null }[]>`
        SELECT min(greatest(next_at, coalesce(lease_until, 0))) AS at FROM deliveries
        WHERE status = 'pending' AND greatest(next_at, coalesce(lease_until, 0)) > ${after}`,
    );
    return row?.at == null ? null : Number(row.at);
  }
  async updateDelivery(record: DeliveryRecord): Promise<void> {
    await this.run(
      (sql) => sql`UPDATE deliveries SET status = ${record.status}, next_at = ${record.nextAttemptAt},
        body = ${this.rows.write('deliveries', record)}, lease_owner = NULL, lease_until = NULL
        WHERE delivery_id = ${record.deliveryId}`,
    );
  }
  async deliveriesOf(subscriptionId: string, status: DeliveryRecord['status'] | undefined, limit: number): Promise<DeliveryRecord[]> {
    const rows = await this.run(
      (sql) => sql`SELECT body FROM deliveries WHERE subscription_id = ${subscriptionId}
        ${status ? sql`AND status = ${status}` : sql``} ORDER BY seq DESC LIMIT ${limit}`,
    );
    return this.all<DeliveryRecord>('deliveries', rows).reverse();
  }
  async countDeliveries(subscriptionId: string, status: DeliveryRecord['status']): Promise<number> {
    const [row] = await this.run(
      (sql) =>
        sql<{ n: number }[]>`SELECT count(*)::int AS n FROM deliveries WHERE subscription_id = ${subscriptionId} AND status = ${status}`,
    );
    return Number(row?.n ?? 0);
  }
  async dropPending(subscriptionId: string): Promise<void> {
    await this.run((sql) => sql`DELETE FROM deliveries WHERE subscription_id = ${subscriptionId} AND status = 'pending'`);
  }

  async putAck(appId: string, ack: Ack): Promise<Ack> {
    await this.run(
      (sql) => sql`INSERT INTO acks (app_id, event_id, department, recorded_at, body)
        VALUES (${appId}, ${ack.eventId}, ${ack.department}, ${ack.recordedAt}, ${this.rows.write('acks', ack)}) ON CONFLICT DO NOTHING`,
    );
    return (await this.getAck({ appId, department: ack.department }, ack.eventId)) as Ack;
  }
  async getAck(recipient: Recipient, eventId: string): Promise<Ack | undefined> {
    return this.one(
      'acks',
      await this.run(
        (sql) => sql`SELECT body FROM acks WHERE app_id = ${recipient.appId} AND department = ${recipient.department}
          AND event_id = ${eventId}`,
      ),
    );
  }
  async acks(filter: CaseFilter, appId: string) {
    const rows = await this.run(
      (sql) => sql<{ app_id: string; ack: string; event: string }[]>`
        SELECT a.app_id, a.body AS ack, e.body AS event FROM acks a JOIN events e ON e.event_id = a.event_id
        ${this.where(sql, 'a.recorded_at', 'a.department', filter, ['a.app_id', appId])} ORDER BY a.id`,
    );
    return rows.map((r) => ({
      ack: this.rows.read<Ack>('acks', r.ack),
      appId: r.app_id,
      event: this.rows.read<EventRecord>('events', r.event),
    }));
  }
}
