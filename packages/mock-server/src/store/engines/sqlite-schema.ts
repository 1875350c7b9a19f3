import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { SEALING_META, sealingDecision } from '../sealed-marker.ts';
import { SHARED_MIGRATIONS } from './migrations.ts';

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
CREATE TABLE IF NOT EXISTS entries (entry_id TEXT PRIMARY KEY, subject_key TEXT NOT NULL, body TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS entries_subject ON entries(subject_key);
CREATE TABLE IF NOT EXISTS grades (subject_key TEXT PRIMARY KEY, body TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS events (event_id TEXT PRIMARY KEY, subject_key TEXT NOT NULL, sequence INTEGER NOT NULL,
  body TEXT NOT NULL, UNIQUE (subject_key, sequence));
CREATE TABLE IF NOT EXISTS feed (cursor INTEGER PRIMARY KEY AUTOINCREMENT, department TEXT NOT NULL, event_id TEXT NOT NULL,
  why TEXT NOT NULL, UNIQUE (department, event_id));
CREATE TABLE IF NOT EXISTS subscriptions (subscription_id TEXT PRIMARY KEY, app_id TEXT NOT NULL, deleted INTEGER NOT NULL, body TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS deliveries (delivery_id TEXT PRIMARY KEY, subscription_id TEXT NOT NULL, subject_key TEXT NOT NULL,
  sequence INTEGER NOT NULL, status TEXT NOT NULL, next_at INTEGER, body TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS deliveries_due ON deliveries(next_at) WHERE status = 'pending';
CREATE INDEX IF NOT EXISTS deliveries_chain ON deliveries(subscription_id, subject_key, sequence) WHERE status = 'pending';
CREATE INDEX IF NOT EXISTS deliveries_subscription ON deliveries(subscription_id, status);
CREATE TABLE IF NOT EXISTS acks (id INTEGER PRIMARY KEY AUTOINCREMENT, event_id TEXT NOT NULL, department TEXT NOT NULL,
  recorded_at TEXT NOT NULL, body TEXT NOT NULL, UNIQUE (event_id, department));
`;

/**
 * Schema changes after the first release, in order; `PRAGMA user_version` counts those applied.
 * 1: plain columns for what SQL filters on, so record bodies may be sealed (国密): whether a check
 *    was deferred (应急补查) and when feedback was recorded — both filled from existing rows.
 * 2: the app that made each check (a shared sandbox keeps apps apart); earlier checks get '' —
 *    every app's, as they were before.
 * 3: feed rows and acks belong to an app (a department name is a label inside an app, never an
 *    access key); the tables are rebuilt with the app in their keys, cursors kept. Earlier rows get
 *    '' — every app's, as they were before.
 * 4: rate-limit buckets in the store, so the workers of one data dir draw on one bucket per app.
 * 5: delivery leases, as PostgreSQL has them: both engines now run the same outbox SQL (one
 *    deliverer per data dir never sets them).
 * 6: rows stored before rows carried their app (app '' from 2–3) become the data dir's app — in
 *    those releases a data dir served one app — so no query needs to look for '' any more.
 */
const MIGRATIONS: (string | ((db: DatabaseSync, options: DatabaseOptions) => void))[] = [
  `ALTER TABLE checks ADD COLUMN deferred INTEGER NOT NULL DEFAULT 0;
   UPDATE checks SET deferred = json_extract(body, '$.context.deferred.at') IS NOT NULL;
   ALTER TABLE feedback ADD COLUMN recorded_at TEXT;
   UPDATE feedback SET recorded_at = json_extract(body, '$.recordedAt');`,
  `ALTER TABLE checks ADD COLUMN app_id TEXT NOT NULL DEFAULT '';`,
  `CREATE TABLE feed_v3 (cursor INTEGER PRIMARY KEY AUTOINCREMENT, app_id TEXT NOT NULL, department TEXT NOT NULL,
     event_id TEXT NOT NULL, why TEXT NOT NULL, UNIQUE (app_id, department, event_id));
   INSERT INTO feed_v3 (cursor, app_id, department, event_id, why) SELECT cursor, '', department, event_id, why FROM feed;
   DROP TABLE feed;
   ALTER TABLE feed_v3 RENAME TO feed;
   CREATE INDEX feed_recipient ON feed(app_id, department, cursor);
   CREATE TABLE acks_v3 (id INTEGER PRIMARY KEY AUTOINCREMENT, app_id TEXT NOT NULL, event_id TEXT NOT NULL,
     department TEXT NOT NULL, recorded_at TEXT NOT NULL, body TEXT NOT NULL, UNIQUE (app_id, department, event_id));
   INSERT INTO acks_v3 (id, app_id, event_id, department, recorded_at, body) SELECT id, '', event_id, department, recorded_at, body FROM acks;
   DROP TABLE acks;
   ALTER TABLE acks_v3 RENAME TO acks;`,
  `CREATE TABLE rate_buckets (bucket TEXT PRIMARY KEY, tokens REAL NOT NULL, at INTEGER NOT NULL, granted INTEGER NOT NULL);`,
  `ALTER TABLE deliveries ADD COLUMN lease_owner TEXT; ALTER TABLE deliveries ADD COLUMN lease_until INTEGER;`,
  (db, { unownedTo }) => {
    for (const table of ['checks', 'feed', 'acks']) db.prepare(`UPDATE ${table} SET app_id = ? WHERE app_id = ''`).run(unownedTo);
  },
];

export interface DatabaseOptions {
  /** The schema changes both engines share (migrations.ts); a test passes its own. */
  shared?: readonly string[];
  /**
   * The app rows from before rows carried their app are given (migration 6): the app the data dir
   * was run with then — the sandbox app unless CREDIT_CHECK_APP_ID said otherwise.
   */
  unownedTo: string;
}

export const DATABASE_FILE = 'platform.sqlite';

export function openDatabase(dataDir: string, options: DatabaseOptions): DatabaseSync {
  mkdirSync(dataDir, { recursive: true });
  const db = new DatabaseSync(join(dataDir, DATABASE_FILE));
  // A 64 MB page cache (the default 2 MB re-reads index pages a burst of events and deliveries keeps
  // touching) and checkpoints every ~40 MB of WAL instead of every 4 MB (each copies pages back to
  // the file): measured on the events bench, 1 830 → 2 600 deliveries/s. Statement journals in
  // memory: an event's append is a savepoint inside the turn's transaction, and with the default
  // (temp files) its inserts cost about 4× as much (bench/probes/sqlite-append.mjs).
  db.exec(
    'PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 5000; PRAGMA cache_size = -65536; PRAGMA wal_autocheckpoint = 10000; PRAGMA temp_store = MEMORY;',
  );
  db.exec(SCHEMA);
  const version = Number((db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version);
  const steps = [...MIGRATIONS, ...(options.shared ?? SHARED_MIGRATIONS)];
  for (let v = version; v < steps.length; v++) {
    db.exec('BEGIN IMMEDIATE');
    try {
      const step = steps[v] as (typeof steps)[number];
      if (typeof step === 'string') db.exec(step);
      else step(db, options);
      db.exec(`PRAGMA user_version = ${v + 1}`);
      db.exec('COMMIT');
    } catch (error) {
      db.exec('ROLLBACK');
      throw error;
    }
  }
  return db;
}

export { SEALING_META, StoreSealingError } from '../sealed-marker.ts';

/**
 * A store is sealed or plain for life (until `credit-check-mock migrate-store` seals a plain one):
 * opening it the other way, or with another key, is refused before a row is read or written.
 */
export function guardSealing(db: DatabaseSync, sealer: { keyCheck: string } | undefined): void {
  const marker = (db.prepare('SELECT value FROM meta WHERE key = ?').get(SEALING_META) as { value: string } | undefined)?.value;
  const used = () => (db.prepare('SELECT count(*) AS n FROM meta').get() as { n: number }).n > 0;
  const mark = sealingDecision(marker, sealer, used, {
    zh: '数据目录',
    en: 'data dir',
    plain:
      '数据目录中为明文数据：请先运行 credit-check-mock migrate-store 加密 (the data dir holds plain records: seal it first with `credit-check-mock migrate-store --data-dir DIR`)',
  });
  if (mark && sealer) db.prepare('INSERT INTO meta VALUES (?, ?)').run(SEALING_META, sealer.keyCheck);
}
