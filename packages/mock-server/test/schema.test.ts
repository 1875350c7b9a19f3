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

describe('a --data-dir written by an earlier release', () => {
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
      expect(store.getCheck(check.checkId)).toMatchObject({
        appId: '',
        subjectKey: 'uscc:91320100748204660Q',
        check: { checkId: check.checkId },
      });
      expect(store.coverage({ appId: 'any-team' }).map((r) => r.total)).toEqual([1]);
      // New checks carry their app.
      store.putCheck({ check: { ...body, checkId: 'chk_after' }, subjectKey: 'uscc:91320100748204660Q', appId: APP.appId });
      expect(store.coverage({ appId: 'any-team' }).map((r) => r.total)).toEqual([1]);
      expect(store.coverage({ appId: APP.appId }).map((r) => r.total)).toEqual([2]);
      expect((store.database.prepare('PRAGMA user_version').get() as { user_version: number }).user_version).toBe(2);
    } finally {
      store.close();
    }
  });
});
