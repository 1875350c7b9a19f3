import type { DatabaseSync } from 'node:sqlite';
import { PLAIN_ROWS, sealedRows } from './codec.ts';
import { SqliteEngine } from './engines/sqlite.ts';
import { guardSealing, openDatabase } from './engines/sqlite-schema.ts';
import type { Sealer } from './sealing.ts';
import { sqlStore } from './sql-store.ts';
import type { Store } from './store.ts';

export interface SqliteStoreOptions {
  /** Seal personal records with SM4 + HMAC-SM3 and index subjects blindly (`--crypto gm`). */
  sealer?: Sealer;
  /** The app rows from before rows carried their app are given (default: the sandbox app). */
  unownedTo?: string;
}

/** The sandbox app's id, which a data dir of the single-app releases served. */
const SANDBOX_APP_ID = 'sandbox-app';

/**
 * The `--data-dir` store: the aggregates' SQL on node:sqlite in WAL mode, with group commit
 * (engines/sqlite.ts).
 */
export interface SqliteStore extends Store {}
// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: the class is the constructor of the interface it merges with.
export class SqliteStore {
  /** The database itself, for the sealing migration. */
  readonly database: DatabaseSync;

  constructor(dataDir: string, options: SqliteStoreOptions = {}) {
    const db = openDatabase(dataDir, { unownedTo: options.unownedTo ?? SANDBOX_APP_ID });
    try {
      guardSealing(db, options.sealer);
    } catch (error) {
      db.close();
      throw error;
    }
    this.database = db;
    Object.assign(this, sqlStore(new SqliteEngine(db, options.sealer ? sealedRows(options.sealer) : PLAIN_ROWS)));
  }
}
