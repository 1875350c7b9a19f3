import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { Check } from '@credit-check/sdk/contract';
import { afterAll, describe, expect, it } from 'vitest';
import { SqliteStore } from '../src/store/sqlite.ts';
import { DATABASE_FILE } from '../src/store/sqlite-schema.ts';
import { APP, checkBody, signed, start } from './helpers.ts';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('a --data-dir written by an earlier release', async () => {
  it('is migrated in place: its checks keep their counts and stay readable by every app, as before apps were recorded', async () => {
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

    const store = new SqliteStore(dir);
    try {
      expect(await store.getCheck(check.checkId)).toMatchObject({
        appId: '',
        subjectKey: 'uscc:91320100748204660Q',
        check: { checkId: check.checkId },
      });
      expect((await store.coverage({ appId: 'any-team' })).map((r) => r.total)).toEqual([1]);
      // New checks carry their app.
      await store.putCheck({ check: { ...body, checkId: 'chk_after' }, subjectKey: 'uscc:91320100748204660Q', appId: APP.appId });
      expect((await store.coverage({ appId: 'any-team' })).map((r) => r.total)).toEqual([1]);
      expect((await store.coverage({ appId: APP.appId })).map((r) => r.total)).toEqual([2]);
      expect((store.database.prepare('PRAGMA user_version').get() as { user_version: number }).user_version).toBe(4);
    } finally {
      await store.close();
    }
  });

  it('keeps feed rows and acks of schema 2 (keyed by department only) readable by every app, cursors and order kept', async () => {
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

    const store = new SqliteStore(dir);
    try {
      const recipient = { appId: 'team-a', department: '民政局' };
      const page = await store.feed(recipient, { order: 'asc', limit: 10 });
      expect(page.rows.map((r) => [r.cursor, r.appId, r.eventId])).toEqual([[41, '', 'evt_old']]);
      expect((await store.getAck(recipient, 'evt_old'))?.ackId).toBe('ack_old');
      expect(await store.unacknowledged(recipient)).toBe(0);
      // A new row continues after the old cursors, for its app only.
      await store.appendEvent({ event: { ...event, eventId: 'evt_new' } as never, feed: [{ ...recipient, why: [] }], deliveries: [] });
      const next = (await store.feed(recipient, { order: 'asc', limit: 10 })).rows;
      expect(next.map((r) => [r.eventId, r.appId])).toEqual([
        ['evt_old', ''],
        ['evt_new', 'team-a'],
      ]);
      expect(next[1]?.cursor).toBeGreaterThan(41);
      expect((await store.feed({ appId: 'team-b', department: '民政局' }, { order: 'asc', limit: 10 })).rows.map((r) => r.eventId)).toEqual(
        ['evt_old'],
      );
      expect((await store.acks({}, 'team-b')).map((a) => [a.ack.ackId, a.appId])).toEqual([['ack_old', '']]);
    } finally {
      await store.close();
    }
  });
});
