import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { Ack } from '@credit-check/sdk/contract';
import type { GradeRecord } from '../domain/records.ts';
import type { RowCodec } from './codec.ts';
import { type FeedRow, feedPage, feedRecord } from './feed-rows.ts';
import {
  type CaseFilter,
  type CheckerRecord,
  chainOf,
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

export const SUPERVISION_TABLES = ['entries', 'grades', 'events', 'feed', 'subscriptions', 'deliveries', 'acks'];

/** An ack of the feed row `f` by the recipient's app (?1) or from before acks carried their app. */
const ACKED = `SELECT 1 FROM acks a WHERE a.event_id = f.event_id AND a.department = f.department AND a.app_id IN (?1, '')`;

function statements(db: DatabaseSync) {
  const p = (sql: string): StatementSync => db.prepare(sql);
  return {
    putEntry: p('INSERT INTO entries VALUES (?, ?, ?) ON CONFLICT(entry_id) DO UPDATE SET body = excluded.body'),
    entriesOf: p('SELECT body FROM entries WHERE subject_key = ? ORDER BY rowid'),
    getEntry: p('SELECT body FROM entries WHERE entry_id = ?'),
    allEntries: p('SELECT body FROM entries ORDER BY rowid'),
    putGrade: p('INSERT INTO grades VALUES (?, ?) ON CONFLICT(subject_key) DO UPDATE SET body = excluded.body'),
    gradeOf: p('SELECT body FROM grades WHERE subject_key = ?'),
    checkersOf: p(
      'SELECT app_id AS appId, department, matter, max(checked_at) AS checkedAt FROM checks WHERE subject_key = ? AND checked_at >= ? GROUP BY app_id, department, matter',
    ),
    lastSequence: p('SELECT max(sequence) AS s FROM events WHERE subject_key = ?'),
    putEvent: p('INSERT INTO events VALUES (?, ?, ?, ?)'),
    getEvent: p('SELECT body FROM events WHERE event_id = ?'),
    putFeed: p('INSERT INTO feed (app_id, department, event_id, why) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING'),
    feedRow: p(
      `SELECT cursor, app_id, department, event_id, why FROM feed WHERE app_id IN (?, '') AND department = ? AND event_id = ? ORDER BY app_id DESC LIMIT 1`,
    ),
    unacknowledged: p(`SELECT count(*) AS n FROM feed f WHERE f.app_id IN (?1, '') AND f.department = ?2 AND NOT EXISTS (${ACKED})`),
    putSubscription: p(
      'INSERT INTO subscriptions VALUES (?, ?, ?, ?) ON CONFLICT(subscription_id) DO UPDATE SET deleted = excluded.deleted, body = excluded.body',
    ),
    getSubscription: p('SELECT body FROM subscriptions WHERE subscription_id = ?'),
    subscriptionsOf: p('SELECT body FROM subscriptions WHERE app_id = ? AND deleted = 0 ORDER BY rowid'),
    activeSubscriptions: p('SELECT body FROM subscriptions WHERE deleted = 0 ORDER BY rowid'),
    putDelivery: p('INSERT INTO deliveries VALUES (?, ?, ?, ?, ?, ?, ?)'),
    updateDelivery: p('UPDATE deliveries SET status = ?, next_at = ?, body = ? WHERE delivery_id = ?'),
    due: p(`SELECT body FROM deliveries d WHERE d.status = 'pending' AND d.next_at <= ?
      AND NOT EXISTS (SELECT 1 FROM deliveries e WHERE e.status = 'pending' AND e.subscription_id = d.subscription_id
        AND e.subject_key = d.subject_key AND e.sequence < d.sequence)
      ORDER BY d.next_at LIMIT ?`),
    nextDue: p(`SELECT min(next_at) AS at FROM deliveries WHERE status = 'pending' AND next_at > ?`),
    deliveriesOf: p('SELECT body FROM deliveries WHERE subscription_id = ? AND (? IS NULL OR status = ?) ORDER BY rowid DESC LIMIT ?'),
    countDeliveries: p('SELECT count(*) AS n FROM deliveries WHERE subscription_id = ? AND status = ?'),
    dropPending: p(`DELETE FROM deliveries WHERE subscription_id = ? AND status = 'pending'`),
    putAck: p('INSERT INTO acks (app_id, event_id, department, recorded_at, body) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING'),
    getAck: p(`SELECT body FROM acks WHERE app_id IN (?, '') AND department = ? AND event_id = ? ORDER BY app_id DESC LIMIT 1`),
  };
}

/** `WHERE` over a date range (on the day of an ISO instant column) and a department, with its arguments. */
export function filterClause(
  instant: string,
  department: string,
  filter: CaseFilter,
  /** Column and app: that app's rows and those stored before rows carried their app (''). */
  app?: [column: string, appId: string],
): { where: string; args: string[] } {
  const where: string[] = [];
  const args: string[] = [];
  if (app) {
    where.push(`${app[0]} IN (?, '')`);
    args.push(app[1]);
  }
  if (filter.from) {
    where.push(`substr(${instant}, 1, 10) >= ?`);
    args.push(filter.from);
  }
  if (filter.to) {
    where.push(`substr(${instant}, 1, 10) <= ?`);
    args.push(filter.to);
  }
  if (filter.department) {
    where.push(`${department} = ?`);
    args.push(filter.department);
  }
  return { where: where.length ? `WHERE ${where.join(' AND ')}` : '', args };
}

/**
 * The supervision loop on node:sqlite. An event, its feed rows and its deliveries commit in one
 * transaction: after `kill -9` the outbox holds every delivery not yet acknowledged by its receiver.
 */
export class SqliteSupervision implements SupervisionStore {
  private readonly s: ReturnType<typeof statements>;
  protected readonly db: DatabaseSync;
  /** JSON or SM4-sealed JSON; subject keys or their blind index. */
  protected readonly rows: RowCodec;

  private readonly dataVersion: StatementSync;
  private version: number | undefined;

  constructor(db: DatabaseSync, rows: RowCodec) {
    this.db = db;
    this.rows = rows;
    this.s = statements(db);
    this.dataVersion = db.prepare('PRAGMA data_version');
  }

  // --- group commit ---------------------------------------------------------------------------
  /** A write transaction is open: every write of this turn of the event loop joins it. */
  private open = false;
  private waiting: { resolve: () => void; reject: (error: unknown) => void }[] = [];
  private committed: (() => void)[] = [];

  /**
   * Before any write: opens this turn's transaction, or joins it. One commit per turn instead of
   * one per statement (a burst of events, deliveries, checks shares its WAL writes); the commit
   * follows right after the turn (setImmediate). `BEGIN IMMEDIATE` takes the write lock at once, so
   * processes sharing the file (`--workers`) still serialise their writes: a claim another process
   * made waits for its commit, never reads past it.
   */
  protected write(): void {
    if (this.open) return;
    this.db.exec('BEGIN IMMEDIATE');
    this.open = true;
    setImmediate(() => {
      try {
        this.commit();
      } catch {
        // Told to those waiting (their requests fail with a 503); the next write opens a new one.
      }
    });
  }

  async flush(): Promise<void> {
    this.commit();
  }

  /** Commits this turn's transaction now; those waiting for it hear how it went. */
  protected commit(): void {
    if (!this.open) return;
    this.open = false;
    const waiting = this.waiting;
    const committed = this.committed;
    this.waiting = [];
    this.committed = [];
    try {
      this.db.exec('COMMIT');
    } catch (error) {
      try {
        this.db.exec('ROLLBACK');
      } catch {
        // Already rolled back by SQLite.
      }
      this.forgetCaches();
      for (const w of waiting) w.reject(error);
      throw error;
    }
    for (const w of waiting) w.resolve();
    for (const fn of committed) fn();
  }

  durable(): Promise<void> {
    if (!this.open) return Promise.resolve();
    return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
  }

  afterCommit(fn: () => void): void {
    if (this.open) this.committed.push(fn);
    else fn();
  }

  /**
   * Before a cache is read: another process sharing the file (`--workers`) may have committed since.
   * `PRAGMA data_version` changes only on other connections' commits (this one keeps its caches
   * right as it writes), so the caches are dropped exactly when someone else wrote.
   */
  protected fresh(): void {
    const version = Number((this.dataVersion.get() as { data_version: number }).data_version);
    if (version !== this.version) {
      this.version = version;
      this.forgetCaches();
    }
  }

  protected one<T>(table: string, row: unknown): T | undefined {
    return row ? this.rows.read<T>(table, (row as { body: string }).body) : undefined;
  }
  protected all<T>(table: string, rows: unknown[]): T[] {
    return rows.map((r) => this.rows.read<T>(table, (r as { body: string }).body));
  }

  /**
   * Whether any entry or grade was recorded since seeding: every check reads the overlay, and
   * most sandboxes have none, so the check path skips two lookups until there is one.
   */
  private overlays: boolean | undefined;
  private hasOverlays(): boolean {
    this.fresh();
    this.overlays ??=
      Number((this.db.prepare('SELECT (SELECT count(*) FROM entries) + (SELECT count(*) FROM grades) AS n').get() as { n: number }).n) > 0;
    return this.overlays;
  }
  /** After a clear or another process's commit: nothing cached may outlive the rows. */
  protected forgetCaches(): void {
    this.overlays = undefined;
    this.active = undefined;
  }

  async putEntry(record: StoredEntry): Promise<void> {
    this.write();
    this.s.putEntry.run(record.entry.entryId, this.rows.subject(record.subjectKey), this.rows.write('entries', record));
    this.overlays = true;
  }
  async entriesOf(subjectKey: string): Promise<StoredEntry[]> {
    return this.hasOverlays() ? this.all('entries', this.s.entriesOf.all(this.rows.subject(subjectKey))) : [];
  }
  async getEntry(entryId: string) {
    return this.one<StoredEntry>('entries', this.s.getEntry.get(entryId));
  }
  async allEntries(): Promise<StoredEntry[]> {
    return this.all('entries', this.s.allEntries.all());
  }

  async putGrade(subjectKey: string, grade: GradeRecord): Promise<void> {
    this.write();
    this.s.putGrade.run(this.rows.subject(subjectKey), this.rows.write('grades', grade));
    this.overlays = true;
  }
  async gradeOf(subjectKey: string) {
    return this.hasOverlays() ? this.one<GradeRecord>('grades', this.s.gradeOf.get(this.rows.subject(subjectKey))) : undefined;
  }

  async checkersOf(subjectKey: string, sinceIso: string): Promise<CheckerRecord[]> {
    return (this.s.checkersOf.all(this.rows.subject(subjectKey), sinceIso) as unknown as CheckerRecord[]).map((r) => ({ ...r }));
  }

  async appendEvent(input: NewEvent): Promise<EventRecord> {
    this.write();
    // Within this turn's transaction, all of it or none of it (its sequence, feed rows, outbox).
    this.db.exec('SAVEPOINT append_event');
    try {
      const subject = this.rows.subject(input.event.subjectKey);
      const last = (this.s.lastSequence.get(subject) as { s: number | null }).s;
      const event: EventRecord = { ...input.event, sequence: Number(last ?? 0) + 1 };
      this.s.putEvent.run(event.eventId, subject, event.sequence, this.rows.write('events', event));
      for (const f of input.feed) this.s.putFeed.run(f.appId, f.department, event.eventId, JSON.stringify(f.why));
      for (const d of input.deliveries) {
        const delivery: DeliveryRecord = { ...d, sequence: event.sequence };
        this.s.putDelivery.run(
          delivery.deliveryId,
          delivery.subscriptionId,
          this.rows.subject(delivery.subjectKey),
          delivery.sequence,
          delivery.status,
          delivery.nextAttemptAt,
          this.rows.write('deliveries', delivery),
        );
      }
      this.db.exec('RELEASE append_event');
      return event;
    } catch (error) {
      this.db.exec('ROLLBACK TO append_event');
      this.db.exec('RELEASE append_event');
      throw error;
    }
  }
  async getEvent(eventId: string) {
    return this.one<EventRecord>('events', this.s.getEvent.get(eventId));
  }

  async feed(recipient: Recipient, q: FeedQuery) {
    const where = [`f.app_id IN (?1, '')`, 'f.department = ?2'];
    const args: (string | number)[] = [recipient.appId, recipient.department];
    if (q.after !== undefined) {
      args.push(q.after);
      where.push(`f.cursor > ?${args.length}`);
    }
    if (q.before !== undefined) {
      args.push(q.before);
      where.push(`f.cursor < ?${args.length}`);
    }
    if (q.acknowledged !== undefined) where.push(`${q.acknowledged ? '' : 'NOT '}EXISTS (${ACKED})`);
    args.push(q.limit + 1);
    const sql = `SELECT f.cursor, f.app_id, f.department, f.event_id, f.why, e.body FROM feed f JOIN events e ON e.event_id = f.event_id
      WHERE ${where.join(' AND ')} ORDER BY f.cursor ${q.order === 'desc' ? 'DESC' : 'ASC'} LIMIT ?${args.length}`;
    const rows = this.db.prepare(sql).all(...args) as {
      cursor: number;
      app_id: string;
      department: string;
      event_id: string;
      why: string;
      body: string;
    }[];
    return feedPage(rows, q.limit, this.rows);
  }
  async feedRow(recipient: Recipient, eventId: string): Promise<FeedRecord | undefined> {
    const r = this.s.feedRow.get(recipient.appId, recipient.department, eventId) as FeedRow | undefined;
    return r ? feedRecord(r) : undefined;
  }
  async unacknowledged(recipient: Recipient): Promise<number> {
    return Number((this.s.unacknowledged.get(recipient.appId, recipient.department) as { n: number }).n);
  }

  /** Every event reads the subscriptions to route it: kept parsed until one changes (here or in another process). */
  private active: SubscriptionRecord[] | undefined;

  async putSubscription(record: SubscriptionRecord): Promise<void> {
    this.active = undefined;
    this.write();
    this.s.putSubscription.run(record.subscriptionId, record.appId, record.deletedAt ? 1 : 0, this.rows.write('subscriptions', record));
  }
  async getSubscription(subscriptionId: string) {
    return this.one<SubscriptionRecord>('subscriptions', this.s.getSubscription.get(subscriptionId));
  }
  async subscriptionsOf(appId: string): Promise<SubscriptionRecord[]> {
    return this.all('subscriptions', this.s.subscriptionsOf.all(appId));
  }
  async activeSubscriptions(): Promise<SubscriptionRecord[]> {
    this.fresh();
    this.active ??= this.all('subscriptions', this.s.activeSubscriptions.all());
    return this.active;
  }

  async dueDeliveries(now: number, limit: number, busy: ReadonlySet<string>): Promise<DeliveryRecord[]> {
    const rows = this.all<DeliveryRecord>('deliveries', this.s.due.all(now, limit + busy.size));
    return rows.filter((d) => !busy.has(chainOf(d))).slice(0, limit);
  }
  async nextDueAt(after: number): Promise<number | null> {
    const at = (this.s.nextDue.get(after) as { at: number | null }).at;
    return at === null ? null : Number(at);
  }
  async updateDelivery(record: DeliveryRecord): Promise<void> {
    this.write();
    this.s.updateDelivery.run(record.status, record.nextAttemptAt, this.rows.write('deliveries', record), record.deliveryId);
  }
  async deliveriesOf(subscriptionId: string, status: DeliveryRecord['status'] | undefined, limit: number): Promise<DeliveryRecord[]> {
    return this.all<DeliveryRecord>('deliveries', this.s.deliveriesOf.all(subscriptionId, status ?? null, status ?? null, limit)).reverse();
  }
  async countDeliveries(subscriptionId: string, status: DeliveryRecord['status']): Promise<number> {
    return Number((this.s.countDeliveries.get(subscriptionId, status) as { n: number }).n);
  }
  async dropPending(subscriptionId: string): Promise<void> {
    this.write();
    this.s.dropPending.run(subscriptionId);
  }

  async putAck(appId: string, ack: Ack): Promise<Ack> {
    this.write();
    this.s.putAck.run(appId, ack.eventId, ack.department, ack.recordedAt, this.rows.write('acks', ack));
    return (await this.getAck({ appId, department: ack.department }, ack.eventId)) as Ack;
  }
  async getAck(recipient: Recipient, eventId: string) {
    return this.one<Ack>('acks', this.s.getAck.get(recipient.appId, recipient.department, eventId));
  }
  async acks(filter: CaseFilter, appId: string) {
    const { where, args } = filterClause('a.recorded_at', 'a.department', filter, ['a.app_id', appId]);
    const sql = `SELECT a.app_id, a.body AS ack, e.body AS event FROM acks a JOIN events e ON e.event_id = a.event_id
      ${where} ORDER BY a.id`;
    return (this.db.prepare(sql).all(...args) as { app_id: string; ack: string; event: string }[]).map((r) => ({
      ack: this.rows.read<Ack>('acks', r.ack),
      appId: r.app_id,
      event: this.rows.read<EventRecord>('events', r.event),
    }));
  }
}
