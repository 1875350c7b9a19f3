import type { DatabaseSync, SQLInputValue, StatementSync } from 'node:sqlite';
import type { RowCodec } from '../codec.ts';
import type { Memo, Param, SqlEngine, SqlSteps } from './engine.ts';

const bind = (params: readonly Param[]): SQLInputValue[] => params.map((p) => (typeof p === 'boolean' ? (p ? 1 : 0) : p));

/**
 * node:sqlite in WAL mode, for a `--data-dir`. The writes of one turn of the event loop commit
 * together (group commit), and the HTTP edge awaits that commit (`durable()`) before it answers,
 * so anything acknowledged survives `kill -9` of the server (the WAL is in the OS's hands once a
 * commit returns; synchronous=NORMAL trades only power-loss durability of the last commits for
 * speed). Statements are prepared once per text and run synchronously: the promises the
 * aggregates await are already settled.
 */
export class SqliteEngine implements SqlEngine {
  readonly kind = 'sqlite';
  readonly dialect = { seq: 'rowid', least: 'min', greatest: 'max' };
  readonly rows: RowCodec;
  readonly db: DatabaseSync;
  private readonly prepared = new Map<string, { statement: StatementSync; returns: boolean }>();
  private readonly dataVersion: StatementSync;
  private version: number | undefined;

  constructor(db: DatabaseSync, rows: RowCodec) {
    this.db = db;
    this.rows = rows;
    this.dataVersion = db.prepare('PRAGMA data_version');
  }

  private statement(text: string): { statement: StatementSync; returns: boolean } {
    let s = this.prepared.get(text);
    if (!s) {
      s = { statement: this.db.prepare(text), returns: /^\s*SELECT\b|\bRETURNING\b/i.test(text) };
      this.prepared.set(text, s);
    }
    return s;
  }

  async all<T>(text: string, params: readonly Param[] = []): Promise<T[]> {
    return this.statement(text).statement.all(...bind(params)) as T[];
  }
  async write<T = unknown>(text: string, params: readonly Param[] = []): Promise<T[]> {
    this.begin();
    const { statement, returns } = this.statement(text);
    if (returns) return statement.all(...bind(params)) as T[];
    statement.run(...bind(params));
    return [];
  }

  async atomically<T>(_lock: number | undefined, steps: (tx: SqlSteps) => Promise<T>): Promise<T> {
    // Within this turn's transaction, all of it or none of it.
    this.begin();
    try {
      return await steps(this);
    } catch (error) {
      // Other requests' writes may have joined between the steps: the whole turn is undone and
      // each of them told (their callers answer 503, never acknowledge what was rolled back).
      this.abort(error);
      throw error;
    }
  }

  keyed(table: string, column: string, ordered = false): (key: string) => Promise<{ body: string }[]> {
    const text = `SELECT body FROM ${table} WHERE ${column} = ?${ordered ? ' ORDER BY rowid' : ''}`;
    return (key) => this.all(text, [key]);
  }

  private readonly inserts = new Map<string, string>();
  async insertGrouped(table: string, row: Record<string, Param>): Promise<void> {
    // Group commit already shares the transaction of the moment's inserts.
    let text = this.inserts.get(table);
    if (!text) {
      const columns = Object.keys(row);
      text = `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`;
      this.inserts.set(table, text);
    }
    await this.write(text, Object.values(row));
  }

  // ── caches ───────────────────────────────────────────────────────────────────────────────
  private readonly cache = new Map<string, Promise<unknown>>();
  readonly memo: Memo = {
    get: <T>(key: string, compute: () => Promise<T>): Promise<T> => {
      this.fresh();
      let value = this.cache.get(key) as Promise<T> | undefined;
      if (!value) {
        value = compute();
        this.cache.set(key, value);
      }
      return value;
    },
    set: (key, value) => void this.cache.set(key, Promise.resolve(value)),
    forget: (key) => (key === undefined ? this.cache.clear() : this.cache.delete(key)),
  };

  /**
   * Before a cache is read: another process sharing the file (`--workers`) may have committed since.
   * `PRAGMA data_version` changes only on other connections' commits (this one keeps its caches
   * right as it writes), so the caches are dropped exactly when someone else wrote.
   */
  private fresh(): void {
    const version = Number((this.dataVersion.get() as { data_version: number }).data_version);
    if (version !== this.version) {
      this.version = version;
      this.cache.clear();
    }
  }

  // ── group commit ─────────────────────────────────────────────────────────────────────────
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
  private begin(): void {
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

  /** Commits this turn's transaction now; those waiting for it hear how it went. */
  private commit(): void {
    if (!this.open) return;
    this.open = false;
    const waiting = this.waiting;
    const committed = this.committed;
    this.waiting = [];
    this.committed = [];
    try {
      this.db.exec('COMMIT');
    } catch (error) {
      this.rollback(waiting, error);
      throw error;
    }
    for (const w of waiting) w.resolve();
    for (const fn of committed) fn();
  }

  /** Undoes this turn's transaction now; those waiting for it hear why. */
  private abort(error: unknown): void {
    if (!this.open) return;
    this.open = false;
    const waiting = this.waiting;
    this.waiting = [];
    this.committed = [];
    this.rollback(waiting, error);
  }

  private rollback(waiting: { reject: (error: unknown) => void }[], error: unknown): void {
    try {
      this.db.exec('ROLLBACK');
    } catch {
      // Already rolled back by SQLite.
    }
    this.cache.clear();
    for (const w of waiting) w.reject(error);
  }

  durable(): Promise<void> {
    if (!this.open) return Promise.resolve();
    return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
  }
  async flush(): Promise<void> {
    this.commit();
  }
  afterCommit(fn: () => void): void {
    if (this.open) this.committed.push(fn);
    else fn();
  }

  /** One process delivers and sweeps per data dir (`--workers`: worker 1): nothing else runs it. */
  async exclusive<T>(_name: string, fn: () => Promise<T>): Promise<T | undefined> {
    return fn();
  }
  /** The file is this process's own: it answers whenever the process does. */
  async ping(): Promise<void> {}
  async close(): Promise<void> {
    this.commit();
    this.db.close();
  }
}
