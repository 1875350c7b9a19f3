import type { Sql, TransactionSql } from 'postgres';
import type { RowCodec } from '../codec.ts';
import { StoreUnavailable } from '../unavailable.ts';
import type { Param, SqlEngine, SqlSteps } from './engine.ts';
import { GroupInsert } from './group-insert.ts';
import { GroupRead } from './group-read.ts';
import { unreachable } from './postgres-unreachable.ts';

/** `?` and `?N` placeholders as PostgreSQL's `$N`, converted once per text. */
const numbered = new Map<string, string>();
export function toPostgres(text: string): string {
  let out = numbered.get(text);
  if (out === undefined) {
    let n = 0;
    out = text.replace(/\?(\d+)?/g, (_, index: string | undefined) => `$${index ?? ++n}`);
    numbered.set(text, out);
  }
  return out;
}

type Executor = Sql | TransactionSql;
const run = <T>(sql: Executor, text: string, params: readonly Param[]): Promise<T[]> =>
  sql.unsafe(toPostgres(text), params as never[], { prepare: true }) as unknown as Promise<T[]>;

/**
 * PostgreSQL (or a distribution that speaks its protocol), shared by any number of instances. Every
 * write is committed when its promise resolves. What many instances need is here: inserts and
 * reads of one moment grouped into one statement each (a round trip is most of a check's database
 * cost), advisory locks for work that must run once and for appends whose order is their commit
 * order, and every unreachable database turned into `StoreUnavailable` (a 503 the caller may retry).
 */
export class PostgresEngine implements SqlEngine {
  readonly kind = 'postgres';
  readonly dialect = { seq: 'seq', least: 'least', greatest: 'greatest' };
  readonly rows: RowCodec;
  readonly sql: Sql;
  readonly memo = undefined;

  constructor(sql: Sql, rows: RowCodec) {
    this.sql = sql;
    this.rows = rows;
  }

  /** Runs a database step; an unreachable database becomes `StoreUnavailable`. */
  async guard<T>(step: () => Promise<T>): Promise<T> {
    try {
      return await step();
    } catch (error) {
      if (unreachable(error)) throw new StoreUnavailable(`PostgreSQL: ${(error as Error).message}`);
      throw error;
    }
  }

  all<T>(text: string, params: readonly Param[] = []): Promise<T[]> {
    return this.guard(() => run<T>(this.sql, text, params));
  }
  write<T = unknown>(text: string, params: readonly Param[] = []): Promise<T[]> {
    return this.all<T>(text, params);
  }

  atomically<T>(lock: number | undefined, steps: (tx: SqlSteps) => Promise<T>): Promise<T> {
    return this.guard(
      () =>
        this.sql.begin(async (tx) => {
          if (lock !== undefined) await tx`SELECT pg_advisory_xact_lock(${lock})`;
          const t: SqlSteps = { all: (text, params = []) => run(tx, text, params), write: (text, params = []) => run(tx, text, params) };
          return steps(t);
        }) as Promise<T>,
    );
  }

  private readonly reads = new Map<string, GroupRead<{ key: string; body: string }>>();
  keyed(table: string, column: string, ordered = false): (key: string) => Promise<{ body: string }[]> {
    const name = `${table}.${column}`;
    let group = this.reads.get(name);
    if (!group) {
      const text = `SELECT ${column} AS key, body FROM ${table} WHERE ${column} = ANY(CAST(? AS text[]))${ordered ? ' ORDER BY seq' : ''}`;
      group = new GroupRead((keys) => this.guard(() => this.sql.unsafe(text.replace('?', '$1'), [keys], { prepare: true }) as never));
      this.reads.set(name, group);
    }
    const read = group;
    return (key) => read.load(key);
  }

  private readonly inserts = new Map<string, GroupInsert<Record<string, Param>>>();
  insertGrouped(table: string, row: Record<string, Param>): Promise<void> {
    let group = this.inserts.get(table);
    if (!group) {
      group = new GroupInsert((rows) => this.guard(() => this.sql`INSERT INTO ${this.sql(table)} ${this.sql(rows as never)}`));
      this.inserts.set(table, group);
    }
    return group.add(row);
  }

  async exclusive<T>(name: string, fn: () => Promise<T>): Promise<T | undefined> {
    // A session lock on a connection of its own, held while `fn` runs; another instance's try fails
    // and it skips. An instance that dies loses its session, and with it the lock.
    const conn = await this.guard(() => this.sql.reserve());
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

  async ping(): Promise<void> {
    await this.all('SELECT 1');
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
