import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Feedback } from '@credit-check/sdk/contract';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { CommitmentRecord, ObjectionRecord } from '../src/domain/records.ts';
import { createMockPlatform, MemoryStore, type Store } from '../src/index.ts';
import { openSqliteStore } from '../src/node/server.ts';
import type { StoredCheck } from '../src/store/store.ts';
import { APP, CLEAN, CONTEXT } from './helpers.ts';

// One contract, every store (as Shoelace runs one form-control suite against every control): what the
// platform relies on must hold in memory and on disk alike.
const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});
const sqliteDir = async () => {
  const dir = await mkdtemp(join(tmpdir(), 'cc-store-'));
  dirs.push(dir);
  return dir;
};

// A real stored check, as the platform writes it, to vary per test.
const sample = await (async () => {
  const mock = await createMockPlatform({ subjects: 0 });
  const check = await mock.platform.check(
    { kind: 'app', appId: APP.appId },
    { subject: CLEAN, matter: 'FOOD_BUSINESS_LICENCE', context: CONTEXT },
  );
  const { feedback: _none, ...stored } = check;
  return stored;
})();

const stored = (checkId: string, over: Partial<StoredCheck['check']> = {}, subjectKey = 'uscc:91320100748204660Q'): StoredCheck => ({
  check: { ...sample, checkId, ...over },
  subjectKey,
});
const feedback = (checkId: string, action: Feedback['action'] = 'informed'): Feedback => ({
  feedbackId: `fb_${checkId}_${action}`,
  checkId,
  action,
  operator: 'window-01',
  note: '',
  reason: '',
  measuresApplied: [],
  recordedAt: '2026-11-21T08:00:00.000Z',
});
const commitment = (commitmentId: string, subjectKey = 'uscc:91320100748204660Q'): CommitmentRecord => ({
  commitmentId,
  subjectKey,
  type: 'informed',
  matterCode: 'FOOD_BUSINESS_LICENCE',
  textVersion: '2026.1',
  signedAt: '2026-11-21T08:00:00.000Z',
  deadline: null,
  applicationId: 'SZ-1',
  missingMaterials: [],
  fulfilment: null,
});
const objection = (objectionId: string, entryId: string, status: ObjectionRecord['status'] = 'pending'): ObjectionRecord => ({
  objectionId,
  entryId,
  subjectKey: 'uscc:91320100748204660Q',
  status,
  reason: '已履行',
  contact: null,
  filedAt: '2026-11-21T08:00:00.000Z',
  decidedAt: null,
  decisionNote: null,
});

const stores: [string, () => Promise<{ store: Store; reopen?: () => Promise<Store> }>][] = [
  ['memory', async () => ({ store: new MemoryStore() })],
  [
    'sqlite',
    async () => {
      const dir = await sqliteDir();
      return { store: await openSqliteStore(dir), reopen: () => openSqliteStore(dir) };
    },
  ],
];

describe.each(stores)('store contract: %s', (_name, open) => {
  let store: Store;
  let reopen: (() => Promise<Store>) | undefined;
  beforeEach(async () => {
    ({ store, reopen } = await open());
  });

  it('keeps checks whole and counts them per subject', () => {
    expect(store.getCheck('chk_a')).toBeUndefined();
    expect(store.checkStats('uscc:91320100748204660Q')).toEqual({ total: 0, lastAt: null });
    store.putCheck(stored('chk_a', { checkedAt: '2026-11-20T08:00:00.000Z' }));
    store.putCheck(stored('chk_b', { checkedAt: '2026-11-21T08:00:00.000Z' }));
    expect(store.getCheck('chk_a')).toEqual(stored('chk_a', { checkedAt: '2026-11-20T08:00:00.000Z' }));
    expect(store.checkStats('uscc:91320100748204660Q')).toEqual({ total: 2, lastAt: '2026-11-21T08:00:00.000Z' });
  });

  it('records feedback once: a second put returns the first', () => {
    store.putCheck(stored('chk_f'));
    expect(store.putFeedback(feedback('chk_f', 'restricted'))).toEqual(feedback('chk_f', 'restricted'));
    expect(store.putFeedback(feedback('chk_f', 'informed'))).toEqual(feedback('chk_f', 'restricted'));
    expect(store.getFeedback('chk_f')?.action).toBe('restricted');
  });

  it('keeps commitments per subject and fulfilments of seeded ones', () => {
    store.putCommitment(commitment('cmt_1'));
    store.putCommitment(commitment('cmt_2', 'idcard:11010519491231002X'));
    store.putCommitment({ ...commitment('cmt_1'), fulfilment: { outcome: 'violated', recordedAt: 'x', operator: 'o', note: '' } });
    expect(store.commitmentsOf('uscc:91320100748204660Q').map((c) => [c.commitmentId, c.fulfilment?.outcome])).toEqual([
      ['cmt_1', 'violated'],
    ]);
    expect(store.getCommitment('cmt_2')?.subjectKey).toBe('idcard:11010519491231002X');
    store.putFulfilment('cmt_seeded', { outcome: 'fulfilled', recordedAt: 'x', operator: 'o', note: 'ok' });
    expect(store.getFulfilment('cmt_seeded')?.outcome).toBe('fulfilled');
  });

  it('finds objections by entry and keeps their latest state', () => {
    store.putObjection(objection('obj_1', 'ent_1'));
    store.putObjection(objection('obj_2', 'ent_2'));
    store.putObjection({ ...objection('obj_1', 'ent_1'), status: 'upheld', decidedAt: 'y', decisionNote: 'n' });
    expect(store.objectionsOf(['ent_1']).map((o) => o.status)).toEqual(['upheld']);
    expect(store.objectionsOf(['ent_1', 'ent_2', 'ent_3'])).toHaveLength(2);
    expect(store.getObjection('obj_2')?.entryId).toBe('ent_2');
  });

  it('replays idempotent outcomes until they expire', () => {
    const response = { requestHash: 'h', status: 201, body: '{}', createdAt: 1_000 };
    store.putIdempotent('app:k', response, 0);
    expect(store.getIdempotent('app:k', 1_000)).toEqual(response);
    expect(store.getIdempotent('app:k', 1_001)).toBeUndefined();
  });

  it('refuses a nonce used twice (replay)', () => {
    expect(store.useNonce('app:n1', Date.now() + 60_000)).toBe(true);
    expect(store.useNonce('app:n1', Date.now() + 60_000)).toBe(false);
    expect(store.useNonce('app:n2', Date.now() + 60_000)).toBe(true);
  });

  it('counts coverage by matter and verdict, within dates and department', () => {
    store.putCheck(stored('chk_1', { verdict: 'clear', checkedAt: '2026-11-20T08:00:00.000Z' }));
    store.putCheck(stored('chk_2', { verdict: 'restrict', checkedAt: '2026-11-21T08:00:00.000Z' }));
    store.putCheck(
      stored('chk_3', { verdict: 'restrict', checkedAt: '2026-11-21T09:00:00.000Z', context: { ...sample.context, department: '别处' } }),
    );
    // A 补查 (accepted during an outage, checked afterwards) is counted, and counted apart.
    const deferred = { at: '2026-11-21T07:50:00.000Z', reason: { code: 'platform-unavailable' as const, text: '平台无响应' } };
    store.putCheck(
      stored('chk_4', { verdict: 'restrict', checkedAt: '2026-11-21T10:00:00.000Z', context: { ...sample.context, deferred } }),
    );
    store.putFeedback(feedback('chk_2'));
    const rows = (f: Parameters<Store['coverage']>[0]) =>
      store
        .coverage(f)
        .map((r) => `${r.matter}/${r.verdict}:${r.total}/${r.withFeedback}/${r.deferred}`)
        .sort();
    expect(rows({})).toEqual(['FOOD_BUSINESS_LICENCE/clear:1/0/0', 'FOOD_BUSINESS_LICENCE/restrict:3/1/1']);
    expect(rows({ from: '2026-11-21' })).toEqual(['FOOD_BUSINESS_LICENCE/restrict:3/1/1']);
    expect(rows({ to: '2026-11-20' })).toEqual(['FOOD_BUSINESS_LICENCE/clear:1/0/0']);
    expect(rows({ department: '别处' })).toEqual(['FOOD_BUSINESS_LICENCE/restrict:1/0/0']);
  });

  it('clears everything but key:* meta (issued receipts stay verifiable)', () => {
    store.putMeta('key:receipt', 'pkcs8');
    store.putMeta('seeded', 'yes');
    store.putCheck(stored('chk_c'));
    store.clear();
    expect(store.getMeta('key:receipt')).toBe('pkcs8');
    expect(store.getMeta('seeded')).toBeUndefined();
    expect(store.getCheck('chk_c')).toBeUndefined();
  });

  it('keeps what it acknowledged across a reopen (durable stores)', async () => {
    if (!reopen) return expect(store).toBeInstanceOf(MemoryStore);
    store.putCheck(stored('chk_d'));
    store.putFeedback(feedback('chk_d'));
    store.close();
    store = await reopen();
    expect(store.getCheck('chk_d')?.check.checkId).toBe('chk_d');
    expect(store.getFeedback('chk_d')?.feedbackId).toBe('fb_chk_d_informed');
  });
});
