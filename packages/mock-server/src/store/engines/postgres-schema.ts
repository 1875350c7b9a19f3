import type { Sql } from 'postgres';
import { SEALING_META, StoreSealingError, sealingDecision } from '../sealed-marker.ts';
import { LOCKS } from './engine.ts';
import { SHARED_MIGRATIONS } from './migrations.ts';

/**
 * The PostgreSQL schema, as versioned migrations: each runs once per database, in order, inside one
 * transaction that holds an advisory lock — instances starting together wait for the first to
 * finish, then find nothing left to do. The tables follow the SQLite store's (same columns, same
 * sealed bodies under 国密); what PostgreSQL adds is for many instances: delivery leases, and a
 * `seq` where SQLite's rowid gave insertion order.
 */
const MIGRATIONS: string[] = [
  `CREATE TABLE checks (check_id text PRIMARY KEY, subject_key text NOT NULL, checked_at text NOT NULL, matter text NOT NULL,
     verdict text NOT NULL, department text NOT NULL, deferred boolean NOT NULL, app_id text NOT NULL, body text NOT NULL);
   CREATE INDEX checks_subject ON checks (subject_key, checked_at);
   CREATE TABLE feedback (check_id text PRIMARY KEY, recorded_at text NOT NULL, body text NOT NULL, seq bigserial NOT NULL);
   CREATE TABLE commitments (commitment_id text PRIMARY KEY, subject_key text NOT NULL, body text NOT NULL, seq bigserial NOT NULL);
   CREATE INDEX commitments_subject ON commitments (subject_key, seq);
   CREATE TABLE fulfilments (commitment_id text PRIMARY KEY, body text NOT NULL);
   CREATE TABLE objections (objection_id text PRIMARY KEY, entry_id text NOT NULL, filed_at text NOT NULL, body text NOT NULL);
   CREATE INDEX objections_entry ON objections (entry_id);
   CREATE TABLE idempotency (key text PRIMARY KEY, created_at bigint NOT NULL, body text NOT NULL);
   CREATE INDEX idempotency_created ON idempotency (created_at);
   CREATE TABLE nonces (key text PRIMARY KEY, expires_at bigint NOT NULL);
   CREATE INDEX nonces_expires ON nonces (expires_at);
   CREATE TABLE meta (key text PRIMARY KEY, value text NOT NULL);
   CREATE TABLE rate_buckets (bucket text PRIMARY KEY, tokens double precision NOT NULL, at bigint NOT NULL, granted boolean NOT NULL);
   CREATE TABLE entries (entry_id text PRIMARY KEY, subject_key text NOT NULL, body text NOT NULL, seq bigserial NOT NULL);
   CREATE INDEX entries_subject ON entries (subject_key, seq);
   CREATE TABLE grades (subject_key text PRIMARY KEY, body text NOT NULL);
   CREATE TABLE events (event_id text PRIMARY KEY, subject_key text NOT NULL, sequence integer NOT NULL, body text NOT NULL,
     UNIQUE (subject_key, sequence));
   CREATE TABLE feed (cursor bigserial PRIMARY KEY, app_id text NOT NULL, department text NOT NULL, event_id text NOT NULL,
     why text NOT NULL, UNIQUE (app_id, department, event_id));
   CREATE INDEX feed_recipient ON feed (app_id, department, cursor);
   CREATE TABLE subscriptions (subscription_id text PRIMARY KEY, app_id text NOT NULL, deleted boolean NOT NULL, body text NOT NULL,
     seq bigserial NOT NULL);
   CREATE TABLE deliveries (delivery_id text PRIMARY KEY, subscription_id text NOT NULL, subject_key text NOT NULL,
     sequence integer NOT NULL, status text NOT NULL, next_at bigint, lease_owner text, lease_until bigint, body text NOT NULL,
     seq bigserial NOT NULL);
   CREATE INDEX deliveries_due ON deliveries (next_at) WHERE status = 'pending';
   CREATE INDEX deliveries_chain ON deliveries (subscription_id, subject_key, sequence) WHERE status = 'pending';
   CREATE INDEX deliveries_subscription ON deliveries (subscription_id, status, seq);
   CREATE TABLE acks (id bigserial PRIMARY KEY, app_id text NOT NULL, event_id text NOT NULL, department text NOT NULL,
     recorded_at text NOT NULL, body text NOT NULL, UNIQUE (app_id, department, event_id));`,
];

/** Applies the migrations not yet applied; returns the schema version. */
export async function migrate(sql: Sql, shared: readonly string[] = SHARED_MIGRATIONS): Promise<number> {
  const steps = [...MIGRATIONS, ...shared];
  return sql.begin(async (tx) => {
    await tx`SELECT pg_advisory_xact_lock(${LOCKS.migrate})`;
    await tx`CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`;
    const [row] = await tx<{ v: number | null }[]>`SELECT max(version) AS v FROM schema_migrations`;
    const applied = Number(row?.v ?? 0);
    for (let v = applied; v < steps.length; v++) {
      await tx.unsafe(steps[v] as string);
      await tx`INSERT INTO schema_migrations (version) VALUES (${v + 1})`;
    }
    return steps.length;
  });
}

/** As the SQLite store does: a database is sealed or plain for life, and opened only with its key. */
export async function guardSealing(sql: Sql, sealer: { keyCheck: string } | undefined): Promise<void> {
  const [marker] = await sql<{ value: string }[]>`SELECT value FROM meta WHERE key = ${SEALING_META}`;
  const [count] = await sql<{ n: number }[]>`SELECT count(*)::int AS n FROM meta`;
  const mark = sealingDecision(marker?.value, sealer, () => Number(count?.n ?? 0) > 0, {
    zh: '数据库',
    en: 'database',
    plain:
      '数据库中为明文数据，不能以国密模式打开；国密模式请使用一个新的空数据库 (the database holds plain records: it cannot be opened sealed; give --crypto gm a new, empty database)',
  });
  if (!mark || !sealer) return;
  await sql`INSERT INTO meta (key, value) VALUES (${SEALING_META}, ${sealer.keyCheck}) ON CONFLICT (key) DO NOTHING`;
  // Two instances sealing an empty database at once: the marker kept must be this key's.
  const [kept] = await sql<{ value: string }[]>`SELECT value FROM meta WHERE key = ${SEALING_META}`;
  if (kept?.value !== sealer.keyCheck) throw new StoreSealingError('存储密钥与数据库不匹配 (another store key sealed this database)');
}
