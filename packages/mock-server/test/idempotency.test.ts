import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { authorizationHeader, randomId } from '@credit-check/sdk/auth';
import { afterAll, describe, expect, it } from 'vitest';
import { IDEMPOTENCY_TTL_MS } from '../src/http/app.ts';
import { createMockPlatform, MemoryStore, type Store } from '../src/index.ts';
import { openSqliteStore } from '../src/node/server.ts';
import { APP, checkBody } from './helpers.ts';

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

async function harness(store: Store) {
  let now = Date.parse('2026-11-21T08:00:00Z');
  const mock = await createMockPlatform({ subjects: 0, store, now: () => new Date(now) });
  const post = async (key: string) => {
    const body = JSON.stringify(checkBody());
    const authorization = await authorizationHeader(APP.appId, APP.appSecret, {
      method: 'POST',
      pathAndQuery: '/api/v1/checks',
      timestamp: now,
      nonce: randomId(),
      body,
    });
    const res = await mock.app.fetch(
      new Request('http://platform.test/api/v1/checks', {
        method: 'POST',
        headers: { authorization, 'content-type': 'application/json', 'idempotency-key': key },
        body,
      }),
    );
    return { replayed: res.headers.get('idempotent-replayed') === 'true', checkId: ((await res.json()) as { checkId: string }).checkId };
  };
  return { post, advance: (ms: number) => (now += ms), store };
}

describe('Idempotency-Key lifetime', () => {
  for (const [name, open] of [
    ['memory', async () => new MemoryStore()],
    [
      'sqlite',
      async () => {
        const dir = await mkdtemp(join(tmpdir(), 'cc-idem-'));
        dirs.push(dir);
        return openSqliteStore(dir);
      },
    ],
  ] as const) {
    it(`${name}: replays within 24 h, is a new request after, and the store forgets expired outcomes`, async () => {
      const h = await harness(await open());
      const first = await h.post('key-1');
      h.advance(IDEMPOTENCY_TTL_MS - 60_000);
      const replay = await h.post('key-1');
      expect(replay).toEqual({ replayed: true, checkId: first.checkId });
      h.advance(2 * 60_000);
      const fresh = await h.post('key-1');
      expect(fresh.replayed).toBe(false);
      expect(fresh.checkId).not.toBe(first.checkId);
      // Another key stored a day later sweeps the expired record away.
      await h.post('key-2');
      h.advance(IDEMPOTENCY_TTL_MS + 120_000);
      await h.post('key-3');
      expect(await h.store.getIdempotent('app:sandbox-app:key-1', 0)).toBeUndefined();
      expect(await h.store.getIdempotent('app:sandbox-app:key-3', 0)).toBeDefined();
      await h.store.close();
    });
  }
});
