/**
 * Schema changes from here on, once for both engines: SQL that SQLite and PostgreSQL both run as
 * written (`ALTER TABLE … ADD COLUMN …`, `CREATE INDEX …`), applied in order after the engine's
 * own history (sqlite-schema.ts, postgres-schema.ts) and counted in the same version (SQLite's
 * `user_version`, PostgreSQL's `schema_migrations`). Add to the end; never edit one that shipped.
 * A change only one engine can express goes in that engine's file, and says why. The README's
 * "How to change the store" walks through one.
 */
export const SHARED_MIGRATIONS: readonly string[] = [];
