import postgres, { type Sql } from 'postgres';
import { PLAIN_ROWS, sealedRows } from './codec.ts';
import { PostgresEngine } from './engines/postgres.ts';
import { guardSealing, migrate } from './engines/postgres-schema.ts';
import { unreachable } from './engines/postgres-unreachable.ts';
import type { Sealer } from './sealing.ts';
import { sqlStore } from './sql-store.ts';
import type { Store } from './store.ts';
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
 * The store of a platform that runs past one host: the aggregates' SQL on PostgreSQL, shared by any
 * number of instances (engines/postgres.ts). What several instances could race on is decided by
 * the database in one statement — `INSERT … ON CONFLICT` for nonces, Idempotency-Key claims, first
 * feedback, first meta values and rate-limit buckets; `FOR UPDATE SKIP LOCKED` leases for the
 * outbox (outbox/sql.ts); advisory locks for event appends and for work that must run once.
 */
export interface PostgresStore extends Store {}
// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: the class is the constructor of the interface it merges with.
export class PostgresStore {
  /** The connection pool, for the shared channel (LISTEN/NOTIFY) that rides on it. */
  readonly client: Sql;

  private constructor(engine: PostgresEngine) {
    this.client = engine.sql;
    Object.assign(this, sqlStore(engine));
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
    return new PostgresStore(new PostgresEngine(sql, options.sealer ? sealedRows(options.sealer) : PLAIN_ROWS));
  }
}
