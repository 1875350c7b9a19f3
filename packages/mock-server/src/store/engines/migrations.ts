/**
 * Schema changes from here on, once for both engines: SQL that SQLite and PostgreSQL both run as
 * written (`ALTER TABLE … ADD COLUMN …`, `CREATE INDEX …`), applied in order after the engine's
 * own history (sqlite-schema.ts, postgres-schema.ts) and counted in the same version (SQLite's
 * `user_version`, PostgreSQL's `schema_migrations`). Add to the end; never edit one that shipped.
 * A change only one engine can express goes in that engine's file, and says why. The README's
 * "How to change the store" walks through one.
 */
export const SHARED_MIGRATIONS: readonly string[] = [
  // 1: the 核查编号 people quote (issue 41): a column to find a check by, and the counters the
  //    numbers come from (kept by a reset, so a number is never handed out twice).
  `ALTER TABLE checks ADD COLUMN serial TEXT;
   CREATE UNIQUE INDEX checks_serial ON checks (serial);
   CREATE TABLE serials (scope TEXT PRIMARY KEY, last BIGINT NOT NULL);`,
  // 2: 核查码 (issue 41), by the hash of the code; at most one valid per check.
  `CREATE TABLE verifications (code_hash TEXT PRIMARY KEY, check_id TEXT NOT NULL, app_id TEXT NOT NULL,
     issued_at TEXT NOT NULL, expires_at TEXT NOT NULL, status TEXT NOT NULL, ended_at TEXT);
   CREATE INDEX verifications_check ON verifications (check_id, status);`,
];
