import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { Check } from '@credit-check/sdk/contract';
import { afterAll, describe, expect, it } from 'vitest';
import { SHARED_MIGRATIONS } from '../src/store/engines/migrations.ts';
import { migrate } from '../src/store/engines/postgres-schema.ts';
import { DATABASE_FILE, openDatabase } from '../src/store/engines/sqlite-schema.ts';
import { SqliteStore } from '../src/store/sqlite.ts';
import { APP, checkBody, signed, start } from './helpers.ts';
import { freshDatabase, POSTGRES } from './postgres.ts';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('a --data-dir written by an earlier release', async () => {
  it("is migrated in place: its checks keep their counts and become the app the data dir served, no other app's", async () => {
    // A real check, written as release 0.1 wrote it (no deferred, recorded_at or app_id columns; user_version 0).
    const server = await start();
    const check = Check.parse(await (await signed(server, 'POST', '/api/v1/checks', checkBody())).json());
    await server.close();
    const dir = mkdtempSync(join(tmpdir(), 'cc-schema-'));
    dirs.push(dir);
    const old = new DatabaseSync(join(dir, DATABASE_FILE));
    old.exec(`CREATE TABLE checks (check_id TEXT PRIMARY KEY, subject_key TEXT NOT NULL, checked_at TEXT NOT NULL,
      matter TEXT NOT NULL, verdict TEXT NOT NULL, department TEXT NOT NULL, body TEXT NOT NULL);
      CREATE TABLE feedback (check_id TEXT PRIMARY KEY, body TEXT NOT NULL);`);
    const { feedback: _none, ...body } = check;
    old
      .prepare('INSERT INTO checks VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(
        check.checkId,
        'uscc:91320100748204660Q',
        check.checkedAt,
        check.matter.code,
        check.verdict,
        check.context.department,
        JSON.stringify(body),
      );
    old.close();

    // Release 0.1 served one app: its checks become that app's (migration 6), and no query looks for '' any more.
    const store = new SqliteStore(dir, { unownedTo: APP.appId });
    try {
      expect(await store.getCheck(check.checkId)).toMatchObject({
        appId: APP.appId,
        subjectKey: 'uscc:91320100748204660Q',
        check: { checkId: check.checkId },
      });
      expect((await store.coverage({ appId: 'another-team' })).map((r) => r.total)).toEqual([]);
      await store.putCheck({ check: { ...body, checkId: 'chk_after' }, subjectKey: 'uscc:91320100748204660Q', appId: APP.appId });
      expect((await store.coverage({ appId: APP.appId })).map((r) => r.total)).toEqual([2]);
      expect((store.database.prepare("SELECT count(*) AS n FROM checks WHERE app_id = ''").get() as { n: number }).n).toBe(0);
      expect((store.database.prepare('PRAGMA user_version').get() as { user_version: number }).user_version).toBe(
        6 + SHARED_MIGRATIONS.length,
      );
    } finally {
      await store.close();
    }
  });

  it('keeps feed rows and acks of schema 2 (keyed by department only) as the app the data dir served, cursors and order kept', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cc-schema-'));
    dirs.push(dir);
    const v2 = new DatabaseSync(join(dir, DATABASE_FILE));
    const event = {
      eventId: 'evt_old',
      type: 'entry.listed',
      subjectKey: 'uscc:91320100748204660Q',
      sequence: 1,
      occurredAt: '2026-11-01T00:00:00.000Z',
      subject: {},
      data: {},
    };
    const ack = {
      ackId: 'ack_old',
      eventId: 'evt_old',
      department: '民政局',
      action: 'punished',
      operator: 'o',
      reason: '',
      measuresApplied: [],
      amount: null,
      basis: '',
      note: '',
      recordedAt: '2026-11-02T00:00:00.000Z',
    };
    v2.exec(`CREATE TABLE events (event_id TEXT PRIMARY KEY, subject_key TEXT NOT NULL, sequence INTEGER NOT NULL, body TEXT NOT NULL, UNIQUE (subject_key, sequence));
      CREATE TABLE feed (cursor INTEGER PRIMARY KEY AUTOINCREMENT, department TEXT NOT NULL, event_id TEXT NOT NULL, why TEXT NOT NULL, UNIQUE (department, event_id));
      CREATE TABLE acks (id INTEGER PRIMARY KEY AUTOINCREMENT, event_id TEXT NOT NULL, department TEXT NOT NULL, recorded_at TEXT NOT NULL, body TEXT NOT NULL, UNIQUE (event_id, department));
      CREATE TABLE checks (check_id TEXT PRIMARY KEY, subject_key TEXT NOT NULL, checked_at TEXT NOT NULL, matter TEXT NOT NULL, verdict TEXT NOT NULL, department TEXT NOT NULL, body TEXT NOT NULL, deferred INTEGER NOT NULL DEFAULT 0, app_id TEXT NOT NULL DEFAULT '');
      CREATE TABLE feedback (check_id TEXT PRIMARY KEY, body TEXT NOT NULL, recorded_at TEXT);
      PRAGMA user_version = 2;`);
    v2.prepare('INSERT INTO events VALUES (?, ?, ?, ?)').run('evt_old', event.subjectKey, 1, JSON.stringify(event));
    v2.prepare('INSERT INTO feed (cursor, department, event_id, why) VALUES (?, ?, ?, ?)').run(41, '民政局', 'evt_old', '[]');
    v2.prepare('INSERT INTO acks (department, event_id, recorded_at, body) VALUES (?, ?, ?, ?)').run(
      '民政局',
      'evt_old',
      ack.recordedAt,
      JSON.stringify(ack),
    );
    v2.close();

    const store = new SqliteStore(dir, { unownedTo: 'team-a' });
    try {
      const recipient = { appId: 'team-a', department: '民政局' };
      const page = await store.feed(recipient, { order: 'asc', limit: 10 });
      expect(page.rows.map((r) => [r.cursor, r.appId, r.eventId])).toEqual([[41, 'team-a', 'evt_old']]);
      expect((await store.getAck(recipient, 'evt_old'))?.ackId).toBe('ack_old');
      expect(await store.unacknowledged(recipient)).toBe(0);
      // A new row continues after the old cursors, for its app only.
      await store.appendEvent({ event: { ...event, eventId: 'evt_new' } as never, feed: [{ ...recipient, why: [] }], deliveries: [] });
      const next = (await store.feed(recipient, { order: 'asc', limit: 10 })).rows;
      expect(next.map((r) => [r.eventId, r.appId])).toEqual([
        ['evt_old', 'team-a'],
        ['evt_new', 'team-a'],
      ]);
      expect(next[1]?.cursor).toBeGreaterThan(41);
      // Another team's 民政局 is another recipient: it never saw the old rows.
      expect((await store.feed({ appId: 'team-b', department: '民政局' }, { order: 'asc', limit: 10 })).rows).toEqual([]);
      expect(await store.acks({}, 'team-b')).toEqual([]);
      expect((await store.acks({}, 'team-a')).map((a) => [a.ack.ackId, a.appId])).toEqual([['ack_old', 'team-a']]);
    } finally {
      await store.close();
    }
  });
});

// A change made once (store/engines/migrations.ts) runs on both engines, after each one's own history.
describe('a schema change both engines share', () => {
  const change = ['ALTER TABLE checks ADD COLUMN application_id TEXT', 'CREATE INDEX checks_application ON checks (application_id)'];

  it('runs once on SQLite, counted in user_version after the engine’s own migrations', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cc-schema-'));
    dirs.push(dir);
    for (let open = 0; open < 2; open++) {
      // Opened twice: the second finds nothing to do (an ALTER run again would throw).
      openDatabase(dir, { unownedTo: APP.appId, shared: change }).close();
    }
    const db = new DatabaseSync(join(dir, DATABASE_FILE));
    try {
      const columns = (db.prepare('PRAGMA table_info(checks)').all() as { name: string }[]).map((c) => c.name);
      expect(columns).toContain('application_id');
      expect((db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version).toBe(6 + change.length);
    } finally {
      db.close();
    }
  });

  it.runIf(POSTGRES)('runs once on PostgreSQL, recorded in schema_migrations', async () => {
    const postgres = (await import('postgres')).default;
    const sql = postgres(await freshDatabase('shared_migration'), { max: 1, onnotice: () => {} });
    try {
      expect(await migrate(sql, change)).toBe(1 + change.length);
      expect(await migrate(sql, change)).toBe(1 + change.length);
      const [column] =
        await sql`SELECT column_name FROM information_schema.columns WHERE table_name = 'checks' AND column_name = 'application_id'`;
      expect(column).toBeDefined();
      const [versions] = await sql<{ n: number }[]>`SELECT count(*)::int AS n FROM schema_migrations`;
      expect(versions?.n).toBe(1 + change.length);
    } finally {
      await sql.end();
    }
  });
});
