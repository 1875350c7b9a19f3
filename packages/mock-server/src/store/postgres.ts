import type { Ack, Feedback } from '@credit-check/sdk/contract';
import postgres, { type PendingQuery, type Row, type Sql } from 'postgres';
import type { CommitmentRecord, FulfilmentRecord, GradeRecord, ObjectionRecord } from '../domain/records.ts';
import { PLAIN_ROWS, type RowCodec, sealedRows } from './codec.ts';
import { type FeedRow, feedPage, feedRecord } from './feed-rows.ts';
import { GroupInsert } from './group-insert.ts';
import { GroupRead } from './group-read.ts';
import { guardSealing, LOCKS, migrate } from './postgres-schema.ts';
import type { Sealer } from './sealing.ts';
import type { CoverageFilter, CoverageRow, IdempotentResponse, Store, StoredCheck } from './store.ts';
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
} from './supervision.ts';
import { StoreUnavailable } from './unavailable.ts';

export interface PostgresStoreOptions {
  /** Seal personal records with SM4 + HMAC-SM3 and index subjects blindly (`--crypto gm`), as the SQLite store does. */
  sealer?: Sealer;
  /** Connections in this instance's pool (default 10). */
  max?: number;
  /** Shown in `pg_stat_activity` (default `credit-check-mock`). */
  applicationName?: string;
}

/**
 * Errors that mean "the database is out of reach now", not "this request is wrong": connection
 * failures, a server shutting down or starting, a pool that waited too long. They become
 * `StoreUnavailable` (503 with Retry-After at the HTTP edge); anything else is a bug and stays one.
 */
const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'CONNECT_TIMEOUT',
  'QUEUE_TIMEOUT',
  'QUERY_TIMEOUT',
  'CANCEL_UNANSWERED',
  // SQLSTATE: admin/crash shutdown, cannot connect now, too many connections, serialization/deadlock (retryable).
  '57P01',
  '57P02',
  '57P03',
  '53300',
  '40001',
  '40P01',
]);

function unreachable(error: unknown): boolean {
  const code = String((error as { code?: unknown })?.code ?? '');
  return UNREACHABLE.has(code) || code.startsWith('08');
}

type Body = { body: string };
type CheckRow = {
  check_id: string;
  subject_key: string;
  checked_at: string;
  matter: string;
  verdict: string;
  department: string;
  deferred: boolean;
  app_id: string;
  body: string;
};

/**
 * The store of a platform that runs past one host: PostgreSQL (or a distribution that speaks its
 * protocol), shared by any number of instances. What several instances could race on is decided by
 * the database in one statement — `INSERT … ON CONFLICT` for nonces, Idempotency-Key claims, first
 * feedback, first meta values and rate-limit buckets; `FOR UPDATE SKIP LOCKED` leases for the
 * outbox, so every instance delivers and none delivers what another holds; advisory locks for event
 * appends (a feed cursor's order is its commit order, so a page never skips a row committed late)
 * and for work that must run once (the sweep). Every write is committed when its promise resolves.
 */
export class PostgresStore implements Store {
  readonly kind = 'postgres';
  private readonly sql: Sql;
  private readonly rows: RowCodec;

  private constructor(sql: Sql, rows: RowCodec) {
    this.sql = sql;
    this.rows = rows;
  }

  /** Connects, migrates (once, under a lock) and checks the sealing marker. */
  static async open(url: string, options: PostgresStoreOptions = {}): Promise<PostgresStore> {
    const sql = postgres(url, {
      max: options.max ?? 10,
      // Never a hang: a connection that cannot be made, a pool that cannot serve, a query that does
      // not answer — each fails within seconds, and the request is a 503 the caller may retry.
      connect_timeout: 5,
      queue_timeout: 5,
      query_timeout: 15,
      idle_timeout: 60,
      onnotice: () => {},
      connection: { application_name: options.applicationName ?? 'credit-check-mock' },
    });
    try {
      await migrate(sql);
      await guardSealing(sql, options.sealer);
    } catch (error) {
      await sql.end({ timeout: 1 });
      if (unreachable(error))
        throw new StoreUnavailable(`无法连接 PostgreSQL 数据库 (PostgreSQL is not reachable: ${(error as Error).message})`);
      throw error;
    }
    return new PostgresStore(sql, options.sealer ? sealedRows(options.sealer) : PLAIN_ROWS);
  }

  /** The connection pool, for the shared channel (LISTEN/NOTIFY) that rides on it. */
  get client(): Sql {
    return this.sql;
  }

  /** Runs a database step; an unreachable database becomes `StoreUnavailable`. */
  private async run<T>(step: (sql: Sql) => Promise<T>): Promise<T> {
    try {
      return await step(this.sql);
    } catch (error) {
      if (unreachable(error)) throw new StoreUnavailable(`PostgreSQL: ${(error as Error).message}`);
      throw error;
    }
  }

  private one<T>(table: string, rows: readonly Row[]): T | undefined {
    const row = rows[0] as Body | undefined;
    return row ? this.rows.read<T>(table, row.body) : undefined;
  }
  private all<T>(table: string, rows: readonly Row[]): T[] {
    return rows.map((r) => this.rows.read<T>(table, (r as Body).body));
  }
  private key(subjectKey: string): string {
    return this.rows.subject(subjectKey);
  }

  /** `AND`-joined conditions (or none) for the case and coverage filters, as `filterClause` does for SQLite. */
  private where(
    sql: Sql,
    instant: string,
    department: string,
    filter: CaseFilter,
    app?: [column: string, appId: string],
  ): PendingQuery<Row[]> {
    const parts: PendingQuery<Row[]>[] = [];
    if (app) parts.push(sql`${sql(app[0])} IN (${app[1]}, '')`);
    if (filter.from) parts.push(sql`substr(${sql(instant)}, 1, 10) >= ${filter.from}`);
    if (filter.to) parts.push(sql`substr(${sql(instant)}, 1, 10) <= ${filter.to}`);
    if (filter.department) parts.push(sql`${sql(department)} = ${filter.department}`);
    if (parts.length === 0) return sql``;
    return parts.slice(1).reduce((acc, p) => sql`${acc} AND ${p}`, sql`WHERE ${parts[0] as PendingQuery<Row[]>}`);
  }

  // ── checks, feedback ──────────────────────────────────────────────────────────────────────

  // What a check reads of a subject, for all requests of one moment in one statement per kind (group-read.ts).
  private readonly reads = {
    entries: new GroupRead<Body & { key: string }>((keys) =>
      this.run(
        (sql) =>
          sql<
            (Body & { key: string })[]
          >`SELECT subject_key AS key, body FROM entries WHERE subject_key = ANY(${keys}::text[]) ORDER BY seq`,
      ),
    ),
    grades: new GroupRead<Body & { key: string }>((keys) =>
      this.run(
        (sql) => sql<(Body & { key: string })[]>`SELECT subject_key AS key, body FROM grades WHERE subject_key = ANY(${keys}::text[])`,
      ),
    ),
    commitments: new GroupRead<Body & { key: string }>((keys) =>
      this.run(
        (sql) =>
          sql<
            (Body & { key: string })[]
          >`SELECT subject_key AS key, body FROM commitments WHERE subject_key = ANY(${keys}::text[]) ORDER BY seq`,
      ),
    ),
    fulfilments: new GroupRead<Body & { key: string }>((keys) =>
      this.run(
        (sql) =>
          sql<(Body & { key: string })[]>`SELECT commitment_id AS key, body FROM fulfilments WHERE commitment_id = ANY(${keys}::text[])`,
      ),
    ),
    objections: new GroupRead<Body & { key: string; filed_at: string }>((keys) =>
      this.run(
        (sql) => sql<(Body & { key: string; filed_at: string })[]>`
          SELECT entry_id AS key, body, filed_at FROM objections WHERE entry_id = ANY(${keys}::text[])`,
      ),
    ),
  };

  // Checks are the write of the hot path: those of one moment share a statement (group-insert.ts).
  private readonly checkRows = new GroupInsert<CheckRow>((rows) => this.run((sql) => sql`INSERT INTO checks ${sql(rows)}`));
  async putCheck(record: StoredCheck): Promise<void> {
    const c = record.check;
    const body = this.rows.sealed ? this.rows.write('checks', { subjectKey: record.subjectKey, check: c }) : JSON.stringify(c);
    await this.checkRows.add({
      check_id: c.checkId,
      subject_key: this.key(record.subjectKey),
      checked_at: c.checkedAt,
      matter: c.matter.code,
      verdict: c.verdict,
      department: c.context.department,
      deferred: Boolean(c.context.deferred?.at),
      app_id: record.appId,
      body,
    });
  }
  private checkOf(row: { subject_key: string; app_id: string; body: string }): StoredCheck {
    return this.rows.sealed
      ? { ...this.rows.read<Omit<StoredCheck, 'appId'>>('checks', row.body), appId: row.app_id }
      : { subjectKey: row.subject_key, appId: row.app_id, check: JSON.parse(row.body) };
  }
  async getCheck(checkId: string): Promise<StoredCheck | undefined> {
    const rows = await this.run(
      (sql) => sql<{ subject_key: string; app_id: string; body: string }[]>`
        SELECT subject_key, app_id, body FROM checks WHERE check_id = ${checkId}`,
    );
    return rows[0] ? this.checkOf(rows[0]) : undefined;
  }
  async checkStats(subjectKey: string) {
    const [row] = await this.run(
      (sql) => sql<{ total: number; last_at: string | null }[]>`
        SELECT count(*)::int AS total, max(checked_at) AS last_at FROM checks WHERE subject_key = ${this.key(subjectKey)}`,
    );
    return { total: Number(row?.total ?? 0), lastAt: row?.last_at ?? null };
  }

  async putFeedback(feedback: Feedback): Promise<Feedback> {
    // The first feedback of a check stays: whichever instance inserts first, the other reads it back.
    const inserted = await this.run(
      (sql) => sql`INSERT INTO feedback (check_id, recorded_at, body)
        VALUES (${feedback.checkId}, ${feedback.recordedAt}, ${this.rows.write('feedback', feedback)})
        ON CONFLICT (check_id) DO NOTHING RETURNING body`,
    );
    // Not inserted: another's is there, committed (the insert waited for it) — read in a statement of
    // its own, whose snapshot sees it.
    return (this.one<Feedback>('feedback', inserted) ?? (await this.getFeedback(feedback.checkId))) as Feedback;
  }
  async getFeedback(checkId: string): Promise<Feedback | undefined> {
    return this.one('feedback', await this.run((sql) => sql`SELECT body FROM feedback WHERE check_id = ${checkId}`));
  }
  async feedbackCases(filter: CaseFilter, appId?: string) {
    const rows = await this.run(
      (sql) => sql<{ feedback: string; subject_key: string; app_id: string; body: string }[]>`
        SELECT f.body AS feedback, c.subject_key, c.app_id, c.body FROM feedback f JOIN checks c ON c.check_id = f.check_id
        ${this.where(sql, 'f.recorded_at', 'c.department', filter, appId === undefined ? undefined : ['c.app_id', appId])}
        ORDER BY f.seq`,
    );
    return rows.map((r) => ({ feedback: this.rows.read<Feedback>('feedback', r.feedback), check: this.checkOf(r) }));
  }

  // ── commitments, objections ───────────────────────────────────────────────────────────────

  async putCommitment(record: CommitmentRecord): Promise<void> {
    await this.run(
      (sql) => sql`INSERT INTO commitments (commitment_id, subject_key, body)
        VALUES (${record.commitmentId}, ${this.key(record.subjectKey)}, ${this.rows.write('commitments', record)})
        ON CONFLICT (commitment_id) DO UPDATE SET body = excluded.body`,
    );
  }
  async allCommitments(): Promise<CommitmentRecord[]> {
    return this.all('commitments', await this.run((sql) => sql`SELECT body FROM commitments ORDER BY seq`));
  }
  async getCommitment(commitmentId: string): Promise<CommitmentRecord | undefined> {
    return this.one('commitments', await this.run((sql) => sql`SELECT body FROM commitments WHERE commitment_id = ${commitmentId}`));
  }
  async commitmentsOf(subjectKey: string): Promise<CommitmentRecord[]> {
    return this.all('commitments', await this.reads.commitments.load(this.key(subjectKey)));
  }
  async putFulfilment(commitmentId: string, fulfilment: FulfilmentRecord): Promise<void> {
    await this.run(
      (sql) => sql`INSERT INTO fulfilments (commitment_id, body) VALUES (${commitmentId}, ${this.rows.write('fulfilments', fulfilment)})
        ON CONFLICT (commitment_id) DO UPDATE SET body = excluded.body`,
    );
  }
  async getFulfilment(commitmentId: string): Promise<FulfilmentRecord | undefined> {
    return this.one('fulfilments', await this.reads.fulfilments.load(commitmentId));
  }

  async putObjection(record: ObjectionRecord): Promise<void> {
    await this.run(
      (sql) => sql`INSERT INTO objections (objection_id, entry_id, filed_at, body)
        VALUES (${record.objectionId}, ${record.entryId}, ${record.filedAt}, ${this.rows.write('objections', record)})
        ON CONFLICT (objection_id) DO UPDATE SET body = excluded.body`,
    );
  }
  async getObjection(objectionId: string): Promise<ObjectionRecord | undefined> {
    return this.one('objections', await this.run((sql) => sql`SELECT body FROM objections WHERE objection_id = ${objectionId}`));
  }
  async objectionsOf(entryIds: readonly string[]): Promise<ObjectionRecord[]> {
    if (entryIds.length === 0) return [];
    const rows = (await Promise.all([...new Set(entryIds)].map((id) => this.reads.objections.load(id)))).flat();
    return this.all(
      'objections',
      rows.sort((a, b) => a.filed_at.localeCompare(b.filed_at) || a.key.localeCompare(b.key)),
    );
  }

  // ── claims: idempotency, nonces, rate limits, meta ─────────────────────────────────────────

  private lastIdempotencySweep = 0;
  async getIdempotent(key: string, notBefore: number): Promise<IdempotentResponse | undefined> {
    return this.one(
      'idempotency',
      await this.run((sql) => sql`SELECT body FROM idempotency WHERE key = ${key} AND created_at >= ${notBefore}`),
    );
  }
  async putIdempotent(key: string, response: IdempotentResponse, notBefore: number): Promise<void> {
    await this.run(async (sql) => {
      if (response.createdAt - this.lastIdempotencySweep > 60_000) {
        this.lastIdempotencySweep = response.createdAt;
        await sql`DELETE FROM idempotency WHERE created_at < ${notBefore}`;
      }
      await sql`INSERT INTO idempotency (key, created_at, body) VALUES (${key}, ${response.createdAt}, ${this.rows.write('idempotency', response)})
        ON CONFLICT (key) DO UPDATE SET created_at = excluded.created_at, body = excluded.body`;
    });
  }

  private lastNonceSweep = 0;
  async useNonce(key: string, expiresAt: number): Promise<boolean> {
    const now = Date.now();
    return this.run(async (sql) => {
      if (now - this.lastNonceSweep > 60_000) {
        this.lastNonceSweep = now;
        await sql`DELETE FROM nonces WHERE expires_at < ${now}`;
      }
      // One statement: of two instances claiming the same key, exactly one gets the row back.
      const rows = await sql`INSERT INTO nonces (key, expires_at) VALUES (${key}, ${expiresAt})
        ON CONFLICT (key) DO UPDATE SET expires_at = excluded.expires_at WHERE nonces.expires_at < ${now}
        RETURNING key`;
      return rows.length === 1;
    });
  }
  async releaseNonce(key: string): Promise<void> {
    await this.run((sql) => sql`DELETE FROM nonces WHERE key = ${key}`);
  }

  async takeToken(bucket: string, perSecond: number, burst: number, now: number) {
    // Refilled and spent in the statement that writes it (SET reads the row as it was).
    const [row] = await this.run(
      (sql) => sql<{ tokens: number; granted: boolean }[]>`
        INSERT INTO rate_buckets AS b (bucket, tokens, at, granted) VALUES (${bucket}, ${burst - 1}, ${now}, true)
        ON CONFLICT (bucket) DO UPDATE SET
          granted = least(${burst}::float8, b.tokens + greatest(0, ${now}::bigint - b.at) / 1000.0 * ${perSecond}::float8) >= 1,
          tokens = least(${burst}::float8, b.tokens + greatest(0, ${now}::bigint - b.at) / 1000.0 * ${perSecond}::float8)
            - CASE WHEN least(${burst}::float8, b.tokens + greatest(0, ${now}::bigint - b.at) / 1000.0 * ${perSecond}::float8) >= 1 THEN 1 ELSE 0 END,
          at = ${now}
        RETURNING tokens, granted`,
    );
    return { granted: row?.granted === true, tokens: Number(row?.tokens ?? 0) };
  }

  /** `key:*` values (receipt and token keys) are sealed in a sealed store like personal data. */
  private metaIn(key: string, value: string): string {
    return this.rows.sealed && key.startsWith('key:') ? this.rows.write('meta', value) : value;
  }
  private metaOut(key: string, value: string): string {
    return this.rows.sealed && key.startsWith('key:') ? this.rows.read<string>('meta', value) : value;
  }
  async getMeta(key: string): Promise<string | undefined> {
    const [row] = await this.run((sql) => sql<{ value: string }[]>`SELECT value FROM meta WHERE key = ${key}`);
    return row ? this.metaOut(key, row.value) : undefined;
  }
  async putMeta(key: string, value: string): Promise<void> {
    await this.run(
      (sql) => sql`INSERT INTO meta (key, value) VALUES (${key}, ${this.metaIn(key, value)})
        ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
    );
  }
  async claimMeta(key: string, value: string): Promise<string> {
    const [row] = await this.run(
      (sql) => sql<{ value: string }[]>`INSERT INTO meta (key, value) VALUES (${key}, ${this.metaIn(key, value)})
        ON CONFLICT (key) DO NOTHING RETURNING value`,
    );
    // Not inserted: another instance's value is committed (see putFeedback) and is the one kept.
    return row ? this.metaOut(key, row.value) : ((await this.getMeta(key)) as string);
  }

  async exclusive<T>(name: string, fn: () => Promise<T>): Promise<T | undefined> {
    // A session lock on a connection of its own, held while `fn` runs; another instance's try fails
    // and it skips. An instance that dies loses its session, and with it the lock.
    const conn = await this.run((sql) => sql.reserve());
    try {
      const [row] = await conn<{ ok: boolean }[]>`SELECT pg_try_advisory_lock(hashtext(${`credit-check:${name}`})) AS ok`;
      if (!row?.ok) return undefined;
      try {
        return await fn();
      } finally {
        await conn`SELECT pg_advisory_unlock(hashtext(${`credit-check:${name}`}))`.catch(() => {});
      }
    } finally {
      conn.release();
    }
  }

  async coverage(filter: CoverageFilter): Promise<CoverageRow[]> {
    const rows = await this.run(
      (sql) => sql<{ matter: string; verdict: CoverageRow['verdict']; total: number; with_feedback: number; deferred: number }[]>`
        SELECT c.matter, c.verdict, count(*)::int AS total, count(f.check_id)::int AS with_feedback,
          count(*) FILTER (WHERE c.deferred)::int AS deferred
        FROM checks c LEFT JOIN feedback f ON f.check_id = c.check_id
        ${this.where(sql, 'c.checked_at', 'c.department', filter, filter.appId === undefined ? undefined : ['c.app_id', filter.appId])}
        GROUP BY c.matter, c.verdict`,
    );
    return rows.map((r) => ({
      matter: r.matter,
      verdict: r.verdict,
      total: Number(r.total),
      withFeedback: Number(r.with_feedback),
      deferred: Number(r.deferred),
    }));
  }

  // ── the supervision loop ──────────────────────────────────────────────────────────────────

  async putEntry(record: StoredEntry): Promise<void> {
    await this.run(
      (sql) => sql`INSERT INTO entries (entry_id, subject_key, body)
        VALUES (${record.entry.entryId}, ${this.key(record.subjectKey)}, ${this.rows.write('entries', record)})
        ON CONFLICT (entry_id) DO UPDATE SET body = excluded.body`,
    );
  }
  async entriesOf(subjectKey: string): Promise<StoredEntry[]> {
    return this.all('entries', await this.reads.entries.load(this.key(subjectKey)));
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
    return this.one('grades', await this.reads.grades.load(this.key(subjectKey)));
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
      const acked = sql`SELECT 1 FROM acks a WHERE a.event_id = f.event_id AND a.department = f.department AND a.app_id IN (${recipient.appId}, '')`;
      return sql<{ cursor: string; app_id: string; department: string; event_id: string; why: string; body: string }[]>`
        SELECT f.cursor, f.app_id, f.department, f.event_id, f.why, e.body FROM feed f JOIN events e ON e.event_id = f.event_id
        WHERE f.app_id IN (${recipient.appId}, '') AND f.department = ${recipient.department}
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
        WHERE app_id IN (${recipient.appId}, '') AND department = ${recipient.department} AND event_id = ${eventId}
        ORDER BY app_id DESC LIMIT 1`,
    );
    return r ? feedRecord(r) : undefined;
  }
  async unacknowledged(recipient: Recipient): Promise<number> {
    const [row] = await this.run(
      (sql) => sql<{ n: number }[]>`SELECT count(*)::int AS n FROM feed f
        WHERE f.app_id IN (${recipient.appId}, '') AND f.department = ${recipient.department}
          AND NOT EXISTS (SELECT 1 FROM acks a WHERE a.event_id = f.event_id AND a.department = f.department AND a.app_id IN (${recipient.appId}, ''))`,
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
        (sql) => sql`SELECT d.body FROM deliveries d WHERE d.status = 'pending' AND d.next_at <= ${now}
          AND (d.lease_until IS NULL OR d.lease_until < ${now})
          AND NOT EXISTS (SELECT 1 FROM deliveries e WHERE e.status = 'pending' AND e.subscription_id = d.subscription_id
            AND e.subject_key = d.subject_key AND e.sequence < d.sequence)
          ORDER BY d.next_at LIMIT ${limit + busy.size}`,
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
          SELECT d.delivery_id FROM deliveries d
          WHERE d.status = 'pending' AND d.next_at <= ${now} AND (d.lease_until IS NULL OR d.lease_until < ${now})
            AND NOT EXISTS (SELECT 1 FROM deliveries e WHERE e.status = 'pending' AND e.subscription_id = d.subscription_id
              AND e.subject_key = d.subject_key AND e.sequence < d.sequence)
          ORDER BY d.next_at LIMIT ${limit}
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
        (sql) => sql`SELECT body FROM acks WHERE app_id IN (${recipient.appId}, '') AND department = ${recipient.department}
          AND event_id = ${eventId} ORDER BY app_id DESC LIMIT 1`,
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

  // ── lifecycle ─────────────────────────────────────────────────────────────────────────────

  async clear(): Promise<void> {
    await this.run(async (sql) => {
      await sql`TRUNCATE checks, feedback, commitments, fulfilments, objections, idempotency, nonces, rate_buckets,
        entries, grades, events, feed, subscriptions, deliveries, acks`;
      await sql`DELETE FROM meta WHERE key NOT LIKE 'key:%' AND key NOT LIKE 'store:%'`;
    });
  }
  async ping(): Promise<void> {
    await this.run((sql) => sql`SELECT 1`);
  }
  async close(): Promise<void> {
    await this.sql.end({ timeout: 5 });
  }
  // Every write is committed when its promise resolves.
  async durable(): Promise<void> {}
  async flush(): Promise<void> {}
  afterCommit(fn: () => void): void {
    fn();
  }
}
