import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import type { Feedback } from '@credit-check/sdk/contract';
import type { CommitmentRecord, FulfilmentRecord, ObjectionRecord } from '../domain/records.ts';
import { filterClause, SqliteSupervision, SUPERVISION_TABLES } from './sqlite-supervision.ts';
import type { CoverageFilter, CoverageRow, IdempotentResponse, Store, StoredCheck } from './store.ts';
import type { CaseFilter } from './supervision.ts';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS checks (
  check_id TEXT PRIMARY KEY, subject_key TEXT NOT NULL, checked_at TEXT NOT NULL,
  matter TEXT NOT NULL, verdict TEXT NOT NULL, department TEXT NOT NULL, body TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS checks_subject ON checks(subject_key);
CREATE TABLE IF NOT EXISTS feedback (check_id TEXT PRIMARY KEY, body TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS commitments (commitment_id TEXT PRIMARY KEY, subject_key TEXT NOT NULL, body TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS commitments_subject ON commitments(subject_key);
CREATE TABLE IF NOT EXISTS fulfilments (commitment_id TEXT PRIMARY KEY, body TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS objections (objection_id TEXT PRIMARY KEY, entry_id TEXT NOT NULL, filed_at TEXT NOT NULL, body TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS objections_entry ON objections(entry_id);
CREATE TABLE IF NOT EXISTS idempotency (key TEXT PRIMARY KEY, created_at INTEGER NOT NULL, body TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS idempotency_created ON idempotency(created_at);
CREATE TABLE IF NOT EXISTS nonces (key TEXT PRIMARY KEY, expires_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
`;

function openDatabase(dataDir: string): DatabaseSync {
  mkdirSync(dataDir, { recursive: true });
  const db = new DatabaseSync(join(dataDir, 'platform.sqlite'));
  db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 5000;');
  db.exec(SCHEMA);
  return db;
}

function statements(db: DatabaseSync) {
  const p = (sql: string): StatementSync => db.prepare(sql);
  return {
    putCheck: p('INSERT INTO checks VALUES (?, ?, ?, ?, ?, ?, ?)'),
    getCheck: p('SELECT subject_key, body FROM checks WHERE check_id = ?'),
    checkStats: p('SELECT count(*) AS total, max(checked_at) AS lastAt FROM checks WHERE subject_key = ?'),
    putFeedback: p('INSERT INTO feedback VALUES (?, ?) ON CONFLICT(check_id) DO NOTHING'),
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
    getNonce: p('SELECT expires_at FROM nonces WHERE key = ?'),
    putNonce: p('INSERT INTO nonces VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET expires_at = excluded.expires_at'),
    sweepNonces: p('DELETE FROM nonces WHERE expires_at < ?'),
    getMeta: p('SELECT value FROM meta WHERE key = ?'),
    putMeta: p('INSERT INTO meta VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value'),
  };
}

/**
 * The `--data-dir` store: the built-in node:sqlite in WAL mode. Every write is committed before
 * the HTTP response is sent, so anything acknowledged survives `kill -9` of the server (the WAL
 * is in the OS's hands once a commit returns; synchronous=NORMAL trades only power-loss
 * durability of the last commits for speed).
 */
export class SqliteStore extends SqliteSupervision implements Store {
  private readonly q: ReturnType<typeof statements>;

  constructor(dataDir: string) {
    super(openDatabase(dataDir));
    this.q = statements(this.db);
  }

  private lastSweep = 0;
  private lastIdempotencySweep = 0;
  private objectionCount: number | undefined;
  /** Prepared `IN (?, …)` lookups by the number of entries (a subject has a few at most). */
  private readonly byArity = new Map<number, StatementSync>();

  putCheck(record: StoredCheck): void {
    const c = record.check;
    this.q.putCheck.run(c.checkId, record.subjectKey, c.checkedAt, c.matter.code, c.verdict, c.context.department, JSON.stringify(c));
  }
  getCheck(checkId: string): StoredCheck | undefined {
    const row = this.q.getCheck.get(checkId) as { subject_key: string; body: string } | undefined;
    return row ? { subjectKey: row.subject_key, check: JSON.parse(row.body) } : undefined;
  }
  checkStats(subjectKey: string) {
    const row = this.q.checkStats.get(subjectKey) as { total: number; lastAt: string | null };
    return { total: Number(row.total), lastAt: row.lastAt };
  }

  putFeedback(feedback: Feedback): Feedback {
    this.q.putFeedback.run(feedback.checkId, JSON.stringify(feedback));
    return this.getFeedback(feedback.checkId) as Feedback;
  }
  getFeedback(checkId: string): Feedback | undefined {
    return this.json(this.q.getFeedback.get(checkId));
  }

  feedbackCases(filter: CaseFilter) {
    const { where, args } = filterClause("json_extract(f.body, '$.recordedAt')", 'c.department', filter);
    const sql = `SELECT f.body AS feedback, c.subject_key AS subjectKey, c.body AS check_ FROM feedback f JOIN checks c ON c.check_id = f.check_id
      ${where} ORDER BY f.rowid`;
    return (this.db.prepare(sql).all(...args) as { feedback: string; subjectKey: string; check_: string }[]).map((r) => ({
      feedback: JSON.parse(r.feedback) as Feedback,
      check: { subjectKey: r.subjectKey, check: JSON.parse(r.check_) } as StoredCheck,
    }));
  }

  allCommitments(): CommitmentRecord[] {
    return (this.q.allCommitments.all() as { body: string }[]).map((r) => JSON.parse(r.body));
  }
  putCommitment(record: CommitmentRecord): void {
    this.q.putCommitment.run(record.commitmentId, record.subjectKey, JSON.stringify(record));
  }
  getCommitment(commitmentId: string): CommitmentRecord | undefined {
    return this.json(this.q.getCommitment.get(commitmentId));
  }
  commitmentsOf(subjectKey: string): CommitmentRecord[] {
    return (this.q.commitmentsOf.all(subjectKey) as { body: string }[]).map((r) => JSON.parse(r.body));
  }
  putFulfilment(commitmentId: string, fulfilment: FulfilmentRecord): void {
    this.q.putFulfilment.run(commitmentId, JSON.stringify(fulfilment));
  }
  getFulfilment(commitmentId: string): FulfilmentRecord | undefined {
    return this.json(this.q.getFulfilment.get(commitmentId));
  }

  putObjection(record: ObjectionRecord): void {
    this.q.putObjection.run(record.objectionId, record.entryId, record.filedAt, JSON.stringify(record));
    this.objectionCount = undefined;
  }
  getObjection(objectionId: string): ObjectionRecord | undefined {
    return this.json(this.q.getObjection.get(objectionId));
  }
  objectionsOf(entryIds: readonly string[]): ObjectionRecord[] {
    if (entryIds.length === 0) return [];
    this.objectionCount ??= Number((this.q.countObjections.get() as { n: number }).n);
    if (this.objectionCount === 0) return [];
    let statement = this.byArity.get(entryIds.length);
    if (!statement) {
      const marks = entryIds.map(() => '?').join(',');
      statement = this.db.prepare(`SELECT body FROM objections WHERE entry_id IN (${marks}) ORDER BY filed_at`);
      this.byArity.set(entryIds.length, statement);
    }
    const rows = statement.all(...entryIds) as { body: string }[];
    return rows.map((r) => JSON.parse(r.body));
  }

  getIdempotent(key: string, notBefore: number): IdempotentResponse | undefined {
    return this.json(this.q.getIdempotent.get(key, notBefore));
  }
  putIdempotent(key: string, response: IdempotentResponse, notBefore: number): void {
    if (response.createdAt - this.lastIdempotencySweep > 60_000) {
      this.lastIdempotencySweep = response.createdAt;
      this.q.sweepIdempotent.run(notBefore);
    }
    this.q.putIdempotent.run(key, response.createdAt, JSON.stringify(response));
  }

  useNonce(key: string, expiresAt: number): boolean {
    const now = Date.now();
    if (now - this.lastSweep > 60_000) {
      this.lastSweep = now;
      this.q.sweepNonces.run(now);
    }
    const row = this.q.getNonce.get(key) as { expires_at: number } | undefined;
    if (row && Number(row.expires_at) >= now) return false;
    this.q.putNonce.run(key, expiresAt);
    return true;
  }

  coverage(filter: CoverageFilter): CoverageRow[] {
    const { where, args } = filterClause('c.checked_at', 'c.department', filter);
    const sql = `SELECT c.matter AS matter, c.verdict AS verdict, count(*) AS total, count(f.check_id) AS withFeedback,
      sum(json_extract(c.body, '$.context.deferred.at') IS NOT NULL) AS deferred
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

  getMeta(key: string): string | undefined {
    return (this.q.getMeta.get(key) as { value: string } | undefined)?.value;
  }
  putMeta(key: string, value: string): void {
    this.q.putMeta.run(key, value);
  }

  clear(): void {
    this.db.exec(
      "DELETE FROM checks; DELETE FROM feedback; DELETE FROM commitments; DELETE FROM fulfilments; DELETE FROM objections; DELETE FROM idempotency; DELETE FROM nonces; DELETE FROM meta WHERE key NOT LIKE 'key:%';",
    );
    for (const table of SUPERVISION_TABLES) this.db.exec(`DELETE FROM ${table}`);
    this.forgetCaches();
    this.objectionCount = undefined;
  }

  close(): void {
    this.db.close();
  }

  private json<T>(row: unknown): T | undefined {
    return row ? (JSON.parse((row as { body: string }).body) as T) : undefined;
  }
}
