import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { Feedback } from '@credit-check/sdk/contract';
import type { CommitmentRecord, FulfilmentRecord, ObjectionRecord } from '../domain/records.ts';
import { type CheckRow, checkBody, checkOf } from './check-rows.ts';
import { PLAIN_ROWS, sealedRows } from './codec.ts';
import { KEPT_BY_RESET_LIKE, metaIn, metaOut, SIGNATURE_NONCE } from './meta.ts';
import type { Sealer } from './sealing.ts';
import { guardSealing, openDatabase } from './sqlite-schema.ts';
import { filterClause, SqliteSupervision, SUPERVISION_TABLES } from './sqlite-supervision.ts';
import type { CoverageFilter, CoverageRow, IdempotentResponse, Store, StoredCheck } from './store.ts';
import type { CaseFilter } from './supervision.ts';

function statements(db: DatabaseSync) {
  const p = (sql: string): StatementSync => db.prepare(sql);
  return {
    putCheck: p(
      'INSERT INTO checks (check_id, subject_key, checked_at, matter, verdict, department, body, deferred, app_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ),
    getCheck: p('SELECT subject_key, app_id, body FROM checks WHERE check_id = ?'),
    checkStats: p('SELECT count(*) AS total, max(checked_at) AS lastAt FROM checks WHERE subject_key = ?'),
    putFeedback: p('INSERT INTO feedback (check_id, body, recorded_at) VALUES (?, ?, ?) ON CONFLICT(check_id) DO NOTHING'),
    getFeedback: p('SELECT body FROM feedback WHERE check_id = ?'),
    allCommitments: p('SELECT body FROM commitments ORDER BY rowid'),
    putCommitment: p('INSERT INTO commitments VALUES (?, ?, ?) ON CONFLICT(commitment_id) DO UPDATE SET body = excluded.body'),
    getCommitment: p('SELECT body FROM commitments WHERE commitment_id = ?'),
    commitmentsOf: p('SELECT body FROM commitments WHERE subject_key = ? ORDER BY rowid'),
    putFulfilment: p('INSERT INTO fulfilments VALUES (?, ?) ON CONFLICT(commitment_id) DO UPDATE SET body = excluded.body'),
    getFulfilment: p('SELECT body FROM fulfilments WHERE commitment_id = ?'),
    putObjection: p('INSERT INTO objections VALUES (?, ?, ?, ?) ON CONFLICT(objection_id) DO UPDATE SET body = excluded.body'),
    getObjection: p('SELECT body FROM objections WHERE objection_id = ?'),
    countObjections: p('SELECT count(*) AS n FROM objections'),
    getIdempotent: p('SELECT body FROM idempotency WHERE key = ? AND created_at >= ?'),
    putIdempotent: p(
      'INSERT INTO idempotency VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET created_at = excluded.created_at, body = excluded.body',
    ),
    sweepIdempotent: p('DELETE FROM idempotency WHERE created_at < ?'),
    // One statement, so one of two processes claiming the same nonce wins (a read-then-write would let both).
    claimNonce: p(
      'INSERT INTO nonces VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET expires_at = excluded.expires_at WHERE nonces.expires_at < ?',
    ),
    releaseNonce: p('DELETE FROM nonces WHERE key = ?'),
    sweepNonces: p('DELETE FROM nonces WHERE expires_at < ?'),
    getMeta: p('SELECT value FROM meta WHERE key = ?'),
    putMeta: p('INSERT INTO meta VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value'),
    claimMeta: p('INSERT INTO meta VALUES (?, ?) ON CONFLICT(key) DO NOTHING'),
    // The bucket refilled and, when a whole token is there, spent — in the statement that writes it
    // (every SET expression reads the row as it was).
    takeToken: p(`INSERT INTO rate_buckets (bucket, tokens, at, granted) VALUES (?1, ?3 - 1, ?4, 1)
      ON CONFLICT(bucket) DO UPDATE SET
        granted = min(?3, tokens + max(0, ?4 - at) / 1000.0 * ?2) >= 1,
        tokens = min(?3, tokens + max(0, ?4 - at) / 1000.0 * ?2) - (min(?3, tokens + max(0, ?4 - at) / 1000.0 * ?2) >= 1),
        at = ?4
      RETURNING tokens, granted`),
  };
}

/**
 * The `--data-dir` store: the built-in node:sqlite in WAL mode. The writes of one turn of the event
 * loop commit together (group commit), and the HTTP edge awaits that commit (`durable()`) before it
 * answers, so anything acknowledged survives `kill -9` of the server (the WAL is in the OS's hands
 * once a commit returns; synchronous=NORMAL trades only power-loss durability of the last commits
 * for speed).
 */
export interface SqliteStoreOptions {
  /** Seal personal records with SM4 + HMAC-SM3 and index subjects blindly (`--crypto gm`). */
  sealer?: Sealer;
}

export class SqliteStore extends SqliteSupervision implements Store {
  readonly kind = 'sqlite';
  readonly keepsNonces = true;
  private readonly q: ReturnType<typeof statements>;

  constructor(dataDir: string, options: SqliteStoreOptions = {}) {
    const db = openDatabase(dataDir);
    try {
      guardSealing(db, options.sealer);
    } catch (error) {
      db.close();
      throw error;
    }
    super(db, options.sealer ? sealedRows(options.sealer) : PLAIN_ROWS);
    this.q = statements(this.db);
  }

  private lastSweep = 0;
  private lastIdempotencySweep = 0;
  private objectionCount: number | undefined;
  /** Prepared `IN (?, …)` lookups by the number of entries (a subject has a few at most). */
  private readonly byArity = new Map<number, StatementSync>();

  async putCheck(record: StoredCheck): Promise<void> {
    const c = record.check;
    this.write();
    this.q.putCheck.run(
      c.checkId,
      this.rows.subject(record.subjectKey),
      c.checkedAt,
      c.matter.code,
      c.verdict,
      c.context.department,
      checkBody(this.rows, record),
      c.context.deferred?.at ? 1 : 0,
      record.appId,
    );
  }
  async getCheck(checkId: string): Promise<StoredCheck | undefined> {
    const row = this.q.getCheck.get(checkId) as CheckRow | undefined;
    return row ? checkOf(this.rows, row) : undefined;
  }
  async checkStats(subjectKey: string) {
    const row = this.q.checkStats.get(this.rows.subject(subjectKey)) as { total: number; lastAt: string | null };
    return { total: Number(row.total), lastAt: row.lastAt };
  }

  async putFeedback(feedback: Feedback): Promise<Feedback> {
    this.write();
    this.q.putFeedback.run(feedback.checkId, this.rows.write('feedback', feedback), feedback.recordedAt);
    return (await this.getFeedback(feedback.checkId)) as Feedback;
  }
  async getFeedback(checkId: string): Promise<Feedback | undefined> {
    return this.one('feedback', this.q.getFeedback.get(checkId));
  }

  async feedbackCases(filter: CaseFilter, appId?: string) {
    const { where, args } = filterClause('f.recorded_at', 'c.department', filter, appId === undefined ? undefined : ['c.app_id', appId]);
    const sql = `SELECT f.body AS feedback, c.subject_key, c.app_id, c.body FROM feedback f JOIN checks c ON c.check_id = f.check_id
      ${where} ORDER BY f.rowid`;
    return (this.db.prepare(sql).all(...args) as unknown as (CheckRow & { feedback: string })[]).map((r) => ({
      feedback: this.rows.read<Feedback>('feedback', r.feedback),
      check: checkOf(this.rows, r),
    }));
  }

  async allCommitments(): Promise<CommitmentRecord[]> {
    return this.all('commitments', this.q.allCommitments.all());
  }
  async putCommitment(record: CommitmentRecord): Promise<void> {
    this.write();
    this.q.putCommitment.run(record.commitmentId, this.rows.subject(record.subjectKey), this.rows.write('commitments', record));
  }
  async getCommitment(commitmentId: string): Promise<CommitmentRecord | undefined> {
    return this.one('commitments', this.q.getCommitment.get(commitmentId));
  }
  async commitmentsOf(subjectKey: string): Promise<CommitmentRecord[]> {
    return this.all('commitments', this.q.commitmentsOf.all(this.rows.subject(subjectKey)));
  }
  async putFulfilment(commitmentId: string, fulfilment: FulfilmentRecord): Promise<void> {
    this.write();
    this.q.putFulfilment.run(commitmentId, this.rows.write('fulfilments', fulfilment));
  }
  async getFulfilment(commitmentId: string): Promise<FulfilmentRecord | undefined> {
    return this.one('fulfilments', this.q.getFulfilment.get(commitmentId));
  }

  async putObjection(record: ObjectionRecord): Promise<void> {
    this.write();
    this.q.putObjection.run(record.objectionId, record.entryId, record.filedAt, this.rows.write('objections', record));
    this.objectionCount = undefined;
  }
  async getObjection(objectionId: string): Promise<ObjectionRecord | undefined> {
    return this.one('objections', this.q.getObjection.get(objectionId));
  }
  async objectionsOf(entryIds: readonly string[]): Promise<ObjectionRecord[]> {
    if (entryIds.length === 0) return [];
    this.fresh();
    this.objectionCount ??= Number((this.q.countObjections.get() as { n: number }).n);
    if (this.objectionCount === 0) return [];
    let statement = this.byArity.get(entryIds.length);
    if (!statement) {
      const marks = entryIds.map(() => '?').join(',');
      statement = this.db.prepare(`SELECT body FROM objections WHERE entry_id IN (${marks}) ORDER BY filed_at`);
      this.byArity.set(entryIds.length, statement);
    }
    return this.all('objections', statement.all(...entryIds));
  }

  async getIdempotent(key: string, notBefore: number): Promise<IdempotentResponse | undefined> {
    return this.one('idempotency', this.q.getIdempotent.get(key, notBefore));
  }
  async putIdempotent(key: string, response: IdempotentResponse, notBefore: number): Promise<void> {
    this.write();
    if (response.createdAt - this.lastIdempotencySweep > 60_000) {
      this.lastIdempotencySweep = response.createdAt;
      this.q.sweepIdempotent.run(notBefore);
    }
    this.q.putIdempotent.run(key, response.createdAt, this.rows.write('idempotency', response));
  }

  async useNonce(key: string, expiresAt: number): Promise<boolean> {
    this.write();
    const now = Date.now();
    if (now - this.lastSweep > 60_000) {
      this.lastSweep = now;
      this.q.sweepNonces.run(now);
    }
    return Number(this.q.claimNonce.run(key, expiresAt, now).changes) === 1;
  }

  async releaseNonce(key: string): Promise<void> {
    this.write();
    this.q.releaseNonce.run(key);
  }

  async coverage(filter: CoverageFilter): Promise<CoverageRow[]> {
    const { where, args } = filterClause(
      'c.checked_at',
      'c.department',
      filter,
      filter.appId === undefined ? undefined : ['c.app_id', filter.appId],
    );
    const sql = `SELECT c.matter AS matter, c.verdict AS verdict, count(*) AS total, count(f.check_id) AS withFeedback,
      sum(c.deferred) AS deferred
      FROM checks c LEFT JOIN feedback f ON f.check_id = c.check_id
      ${where} GROUP BY c.matter, c.verdict`;
    return (this.db.prepare(sql).all(...args) as unknown as CoverageRow[]).map((r) => ({
      matter: r.matter,
      verdict: r.verdict,
      total: Number(r.total),
      withFeedback: Number(r.withFeedback),
      deferred: Number(r.deferred),
    }));
  }

  async getMeta(key: string): Promise<string | undefined> {
    const value = (this.q.getMeta.get(key) as { value: string } | undefined)?.value;
    return value === undefined ? undefined : metaOut(this.rows, key, value);
  }
  async putMeta(key: string, value: string): Promise<void> {
    this.write();
    this.q.putMeta.run(key, metaIn(this.rows, key, value));
  }

  async claimMeta(key: string, value: string): Promise<string> {
    this.write();
    this.q.claimMeta.run(key, metaIn(this.rows, key, value));
    return (await this.getMeta(key)) as string;
  }

  async takeToken(bucket: string, perSecond: number, burst: number, now: number) {
    this.write();
    const row = this.q.takeToken.get(bucket, perSecond, burst, now) as { tokens: number; granted: number };
    return { granted: Number(row.granted) === 1, tokens: Number(row.tokens) };
  }

  /** One process delivers and sweeps per data dir (`--workers`: worker 1): nothing else runs it. */
  async exclusive<T>(_name: string, fn: () => Promise<T>): Promise<T | undefined> {
    return fn();
  }

  async clear(): Promise<void> {
    this.write();
    this.db.exec(
      `DELETE FROM checks; DELETE FROM feedback; DELETE FROM commitments; DELETE FROM fulfilments; DELETE FROM objections; DELETE FROM idempotency; DELETE FROM nonces WHERE key NOT LIKE '${SIGNATURE_NONCE}%'; DELETE FROM rate_buckets; DELETE FROM meta WHERE ${KEPT_BY_RESET_LIKE.map((p) => `key NOT LIKE '${p}'`).join(' AND ')};`,
    );
    for (const table of SUPERVISION_TABLES) this.db.exec(`DELETE FROM ${table}`);
    this.forgetCaches();
  }

  protected override forgetCaches(): void {
    super.forgetCaches();
    this.objectionCount = undefined;
  }

  /** The file is this process's own: it answers whenever the process does. */
  async ping(): Promise<void> {}

  async close(): Promise<void> {
    this.commit();
    this.db.close();
  }

  /** The database itself, for the sealing migration. */
  get database(): DatabaseSync {
    return this.db;
  }
}
