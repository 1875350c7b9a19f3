import type { Feedback } from '@credit-check/sdk/contract';
import postgres, { type Sql } from 'postgres';
import type { CommitmentRecord, FulfilmentRecord, ObjectionRecord } from '../domain/records.ts';
import { type CheckRow, checkBody, checkOf } from './check-rows.ts';
import { PLAIN_ROWS, sealedRows } from './codec.ts';
import { GroupInsert } from './group-insert.ts';
import { KEPT_BY_RESET_LIKE, metaIn, metaOut, SIGNATURE_NONCE } from './meta.ts';
import { guardSealing, migrate } from './postgres-schema.ts';
import { PostgresSupervision } from './postgres-supervision.ts';
import { unreachable } from './postgres-unreachable.ts';
import type { Sealer } from './sealing.ts';
import type { CoverageFilter, CoverageRow, IdempotentResponse, Store, StoredCheck } from './store.ts';
import type { CaseFilter } from './supervision.ts';
import { StoreUnavailable } from './unavailable.ts';

export interface PostgresStoreOptions {
  /** Seal personal records with SM4 + HMAC-SM3 and index subjects blindly (`--crypto gm`), as the SQLite store does. */
  sealer?: Sealer;
  /** Connections in this instance's pool (default 10). */
  max?: number;
  /** Shown in `pg_stat_activity` (default `credit-check-mock`). */
  applicationName?: string;
}

type CheckInsert = {
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
export class PostgresStore extends PostgresSupervision implements Store {
  readonly kind = 'postgres';
  readonly keepsNonces = true;

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

  // ── checks, feedback ──────────────────────────────────────────────────────────────────────

  // What a check reads of a subject besides its overlay (postgres-supervision.ts), grouped likewise.
  private readonly reads = {
    commitments: this.keyed('commitments', 'subject_key', true),
    fulfilments: this.keyed('fulfilments', 'commitment_id'),
    objections: this.keyed('objections', 'entry_id'),
  };

  // Checks are the write of the hot path: those of one moment share a statement (group-insert.ts).
  private readonly checkRows = new GroupInsert<CheckInsert>((rows) => this.run((sql) => sql`INSERT INTO checks ${sql(rows)}`));
  async putCheck(record: StoredCheck): Promise<void> {
    const c = record.check;
    await this.checkRows.add({
      check_id: c.checkId,
      subject_key: this.key(record.subjectKey),
      checked_at: c.checkedAt,
      matter: c.matter.code,
      verdict: c.verdict,
      department: c.context.department,
      deferred: Boolean(c.context.deferred?.at),
      app_id: record.appId,
      body: checkBody(this.rows, record),
    });
  }
  async getCheck(checkId: string): Promise<StoredCheck | undefined> {
    const rows = await this.run((sql) => sql<CheckRow[]>`SELECT subject_key, app_id, body FROM checks WHERE check_id = ${checkId}`);
    return rows[0] ? checkOf(this.rows, rows[0]) : undefined;
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
    return rows.map((r) => ({ feedback: this.rows.read<Feedback>('feedback', r.feedback), check: checkOf(this.rows, r) }));
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
    return this.all<ObjectionRecord>('objections', rows).sort((a, b) => a.filedAt.localeCompare(b.filedAt));
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

  async getMeta(key: string): Promise<string | undefined> {
    const [row] = await this.run((sql) => sql<{ value: string }[]>`SELECT value FROM meta WHERE key = ${key}`);
    return row ? metaOut(this.rows, key, row.value) : undefined;
  }
  async putMeta(key: string, value: string): Promise<void> {
    await this.run(
      (sql) => sql`INSERT INTO meta (key, value) VALUES (${key}, ${metaIn(this.rows, key, value)})
        ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
    );
  }
  async claimMeta(key: string, value: string): Promise<string> {
    const [row] = await this.run(
      (sql) => sql<{ value: string }[]>`INSERT INTO meta (key, value) VALUES (${key}, ${metaIn(this.rows, key, value)})
        ON CONFLICT (key) DO NOTHING RETURNING value`,
    );
    // Not inserted: another instance's value is committed (see putFeedback) and is the one kept.
    return row ? metaOut(this.rows, key, row.value) : ((await this.getMeta(key)) as string);
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

  // ── lifecycle ─────────────────────────────────────────────────────────────────────────────

  async clear(): Promise<void> {
    await this.run(async (sql) => {
      await sql`TRUNCATE checks, feedback, commitments, fulfilments, objections, idempotency, rate_buckets,
        entries, grades, events, feed, subscriptions, deliveries, acks`;
      await sql`DELETE FROM meta WHERE NOT (key LIKE ANY(${KEPT_BY_RESET_LIKE as string[]}::text[]))`;
      await sql`DELETE FROM nonces WHERE key NOT LIKE ${`${SIGNATURE_NONCE}%`}`;
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
