import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { checkBody } from './checks/rows.ts';
import { type RowCodec, sealedRows } from './codec.ts';
import { DATABASE_FILE, SEALING_META, StoreSealingError } from './engines/sqlite-schema.ts';
import type { Sealer } from './sealing.ts';
import { SqliteStore } from './sqlite.ts';

/** Every table whose rows carry personal data, and whether it has a subject key column to index. */
const SEALED_TABLES = [
  { table: 'checks', subject: true },
  { table: 'feedback', subject: false },
  { table: 'commitments', subject: true },
  { table: 'fulfilments', subject: false },
  { table: 'objections', subject: false },
  { table: 'idempotency', subject: false },
  { table: 'entries', subject: true },
  { table: 'grades', subject: true },
  { table: 'events', subject: true },
  { table: 'subscriptions', subject: false },
  { table: 'deliveries', subject: true },
  { table: 'acks', subject: false },
] as const;

/**
 * Seals an existing plain `--data-dir` store for 国密 (run it with the server stopped): every
 * personal record is re-written SM4-sealed, every subject key replaced by its blind index, the
 * receipt keys sealed, all in one transaction (a crash leaves the plain store as it was). Then
 * VACUUM and a WAL truncation, so no page of the file keeps the plain text.
 * Returns the number of rows sealed per table.
 */
export async function sealStore(dataDir: string, sealer: Sealer): Promise<Record<string, number>> {
  // Opening a missing store would create an empty one and "seal" it: say there is nothing instead.
  if (!existsSync(join(dataDir, DATABASE_FILE)))
    throw new StoreSealingError(`数据目录中没有存储 (no store in ${dataDir}: ${DATABASE_FILE} not found)`);
  // Opening it plain applies the schema migrations and refuses a store that is already sealed.
  let store: SqliteStore;
  try {
    store = new SqliteStore(dataDir);
  } catch (error) {
    if (error instanceof StoreSealingError) throw new StoreSealingError(`数据目录已加密，无需迁移 (already sealed: ${dataDir})`);
    throw error;
  }
  const db = store.database;
  const rows: RowCodec = sealedRows(sealer);
  const counts: Record<string, number> = {};
  db.exec('BEGIN IMMEDIATE');
  try {
    for (const { table, subject } of SEALED_TABLES) {
      const all = db.prepare(`SELECT rowid AS r, ${subject ? 'subject_key, ' : ''}body FROM ${table}`).all() as {
        r: number;
        subject_key?: string;
        body: string;
      }[];
      const update = db.prepare(`UPDATE ${table} SET body = ?${subject ? ', subject_key = ?' : ''} WHERE rowid = ?`);
      for (const row of all) {
        const sealed =
          table === 'checks'
            ? checkBody(rows, { subjectKey: row.subject_key as string, check: JSON.parse(row.body) })
            : rows.write(table, JSON.parse(row.body));
        if (subject) update.run(sealed, rows.subject(row.subject_key as string), row.r);
        else update.run(sealed, row.r);
      }
      counts[table] = all.length;
    }
    const keys = db.prepare("SELECT key, value FROM meta WHERE key LIKE 'key:%'").all() as { key: string; value: string }[];
    for (const { key, value } of keys) db.prepare('UPDATE meta SET value = ? WHERE key = ?').run(rows.write('meta', value), key);
    counts.meta = keys.length;
    db.prepare('INSERT INTO meta VALUES (?, ?)').run(SEALING_META, sealer.keyCheck);
    db.exec('COMMIT');
  } catch (error) {
    db.exec('ROLLBACK');
    await store.close();
    throw error;
  }
  // The plain rows live on in free pages and the WAL until these.
  db.exec('PRAGMA wal_checkpoint(TRUNCATE); VACUUM; PRAGMA wal_checkpoint(TRUNCATE);');
  await store.close();
  return counts;
}
