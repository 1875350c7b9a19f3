import type { RowCodec } from '../codec.ts';

/** Advisory lock keys (one namespace for the project): migrations, event appends, 核查码 issues. */
export const LOCKS = { migrate: 7_404_001, append: 7_404_002, verify: 7_404_003 } as const;

/** A statement's parameter. Booleans are 1/0 in SQLite, booleans in PostgreSQL: the engine converts. */
export type Param = string | number | boolean | null;

/**
 * The statements of one transaction (`atomically`): the same reads and writes as the engine's,
 * pipelined in PostgreSQL (await them together), run at once in SQLite.
 */
export interface SqlSteps {
  all<T>(text: string, params?: readonly Param[]): Promise<T[]>;
  write<T = unknown>(text: string, params?: readonly Param[]): Promise<T[]>;
}

/**
 * What an aggregate's SQL runs on: one interface over node:sqlite (`--data-dir`) and PostgreSQL, so
 * each aggregate has one SQL implementation for both (see `checks/sql.ts` and its siblings).
 *
 * SQL is written once in the dialect both speak — `?` placeholders (`?N` to repeat one; never
 * both in one statement), `INSERT … ON CONFLICT … RETURNING`, `NOT flag` for booleans, explicit
 * `CAST`s where PostgreSQL cannot infer a parameter's type. The differences that are real stay
 * here: how rows are ordered by insertion (`seq`), `least`/`greatest`, grouped inserts and reads,
 * advisory locks, group commit, and what an unreachable database means (`StoreUnavailable`).
 */
export interface SqlEngine {
  readonly kind: 'sqlite' | 'postgres';
  /** JSON or SM4-sealed JSON bodies; subject keys or their blind index. */
  readonly rows: RowCodec;
  /** Dialect words: the column that orders a table by insertion, and the scalar min / max. */
  readonly dialect: { seq: string; least: string; greatest: string };

  all<T>(text: string, params?: readonly Param[]): Promise<T[]>;
  /** A write: joins this turn's transaction in SQLite (group commit); the rows it `RETURNING`s. */
  write<T = unknown>(text: string, params?: readonly Param[]): Promise<T[]>;
  /**
   * Statements that stand or fall together. With `lock`, serialised across every instance on the
   * same database (PostgreSQL's transaction-scoped advisory lock; SQLite's write lock already is).
   */
  atomically<T>(lock: number | undefined, steps: (tx: SqlSteps) => Promise<T>): Promise<T>;
  /**
   * `table`'s bodies whose `column` equals a key, in insertion order when `ordered`. PostgreSQL
   * answers the keys asked in the same moment — by any request in flight — with one statement.
   */
  keyed(table: string, column: string, ordered?: boolean): (key: string) => Promise<{ body: string }[]>;
  /** Inserts a row; PostgreSQL groups the rows of one moment into one statement (the hot path's writes). */
  insertGrouped(table: string, row: Record<string, Param>): Promise<void>;
  /**
   * Values derived from the rows, kept until someone writes them — only where the engine can know
   * (SQLite: this process's, dropped when another process commits or a transaction rolls back).
   * Undefined in PostgreSQL, where any instance may write at any time.
   */
  readonly memo: Memo | undefined;

  /** Runs `fn` unless another process or instance runs the same `name` now. */
  exclusive<T>(name: string, fn: () => Promise<T>): Promise<T | undefined>;
  ping(): Promise<void>;
  close(): Promise<void>;
  durable(): Promise<void>;
  flush(): Promise<void>;
  afterCommit(fn: () => void): void;
}

export interface Memo {
  get<T>(key: string, compute: () => Promise<T>): Promise<T>;
  set<T>(key: string, value: T): void;
  forget(key?: string): void;
}

/** `WHERE` over a date range (the day of an ISO instant column), a department and an app, with its parameters. */
export function filterClause(
  instant: string,
  department: string,
  filter: { from?: string; to?: string; department?: string },
  app?: [column: string, appId: string],
): { where: string; params: string[] } {
  const where: string[] = [];
  const params: string[] = [];
  if (app) {
    where.push(`${app[0]} = ?`);
    params.push(app[1]);
  }
  if (filter.from) {
    where.push(`substr(${instant}, 1, 10) >= ?`);
    params.push(filter.from);
  }
  if (filter.to) {
    where.push(`substr(${instant}, 1, 10) <= ?`);
    params.push(filter.to);
  }
  if (filter.department) {
    where.push(`${department} = ?`);
    params.push(filter.department);
  }
  return { where: where.length ? `WHERE ${where.join(' AND ')}` : '', params };
}

/** The bodies of rows, decoded. */
export const bodies = <T>(engine: Pick<SqlEngine, 'rows'>, table: string, rows: readonly { body: string }[]): T[] =>
  rows.map((r) => engine.rows.read<T>(table, r.body));
