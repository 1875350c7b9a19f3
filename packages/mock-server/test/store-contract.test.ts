import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Feedback } from '@credit-check/sdk/contract';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CommitmentRecord, ObjectionRecord } from '../src/domain/records.ts';
import { createMockPlatform, MemoryStore, type Store } from '../src/index.ts';
import { openPostgresStore, openSqliteStore } from '../src/node/server.ts';
import { SIGNATURE_NONCE } from '../src/store/meta.ts';
import type { StoredCheck } from '../src/store/store.ts';
import { APP, CLEAN, CONTEXT } from './helpers.ts';
import { freshDatabase, POSTGRES } from './postgres.ts';

// One contract, every store (as Shoelace runs one form-control suite against every control): what the
// platform relies on must hold in memory and on disk alike.
const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});
const STORE_KEY = randomBytes(32);
const sqliteDir = async () => {
  const dir = await mkdtemp(join(tmpdir(), 'cc-store-'));
  dirs.push(dir);
  return dir;
};

// A real stored check, as the platform writes it, to vary per test.
const sample = await (async () => {
  const mock = await createMockPlatform({ subjects: 0 });
  const check = await mock.platform.checks.create(
    { kind: 'app', appId: APP.appId },
    { subject: CLEAN, matter: 'FOOD_BUSINESS_LICENCE', context: CONTEXT },
  );
  // Numbered per test where a test needs it: two stored checks never share a 核查编号.
  const { feedback: _none, serial: _numbered, ...stored } = check;
  return stored;
})();

const stored = (
  checkId: string,
  over: Partial<StoredCheck['check']> = {},
  subjectKey = 'uscc:91320100748204660Q',
  appId = APP.appId,
): StoredCheck => ({
  check: { ...sample, checkId, ...over },
  subjectKey,
  appId,
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
  [
    // 国密: every personal row SM4-sealed, subject keys as their blind index — the same contract.
    'sqlite sealed (SM4)',
    async () => {
      const dir = await sqliteDir();
      return { store: await openSqliteStore(dir, { storeKey: STORE_KEY }), reopen: () => openSqliteStore(dir, { storeKey: STORE_KEY }) };
    },
  ],
  // PostgreSQL (a throwaway cluster, a database per test), plain and sealed: where the machine has it
  // (CI does; the test runner's summary says when it did not run).
  ...(POSTGRES
    ? ([
        [
          'postgres',
          async () => {
            const url = await freshDatabase('contract');
            return { store: await openPostgresStore(url), reopen: () => openPostgresStore(url) };
          },
        ],
        [
          'postgres sealed (SM4)',
          async () => {
            const url = await freshDatabase('sealed');
            return {
              store: await openPostgresStore(url, { storeKey: STORE_KEY }),
              reopen: () => openPostgresStore(url, { storeKey: STORE_KEY }),
            };
          },
        ],
      ] satisfies [string, () => Promise<{ store: Store; reopen?: () => Promise<Store> }>][])
    : []),
];

describe.each(stores)('store contract: %s', (_name, open) => {
  let store: Store;
  let reopen: (() => Promise<Store>) | undefined;
  beforeEach(async () => {
    ({ store, reopen } = await open());
  });
  afterEach(async () => {
    await store.close();
  });

  it('keeps checks whole and counts them per subject', async () => {
    expect(await store.getCheck('chk_a')).toBeUndefined();
    expect(await store.checkStats('uscc:91320100748204660Q')).toEqual({ total: 0, lastAt: null });
    await store.putCheck(stored('chk_a', { checkedAt: '2026-11-20T08:00:00.000Z' }));
    await store.putCheck(stored('chk_b', { checkedAt: '2026-11-21T08:00:00.000Z' }));
    expect(await store.getCheck('chk_a')).toEqual(stored('chk_a', { checkedAt: '2026-11-20T08:00:00.000Z' }));
    expect(await store.checkStats('uscc:91320100748204660Q')).toEqual({ total: 2, lastAt: '2026-11-21T08:00:00.000Z' });
  });

  it('records feedback once: a second put returns the first', async () => {
    await store.putCheck(stored('chk_f'));
    expect(await store.putFeedback(feedback('chk_f', 'restricted'))).toEqual(feedback('chk_f', 'restricted'));
    expect(await store.putFeedback(feedback('chk_f', 'informed'))).toEqual(feedback('chk_f', 'restricted'));
    expect((await store.getFeedback('chk_f'))?.action).toBe('restricted');
  });

  it('keeps commitments per subject and fulfilments of seeded ones', async () => {
    await store.putCommitment(commitment('cmt_1'));
    await store.putCommitment(commitment('cmt_2', 'idcard:11010519491231002X'));
    await store.putCommitment({ ...commitment('cmt_1'), fulfilment: { outcome: 'violated', recordedAt: 'x', operator: 'o', note: '' } });
    expect((await store.commitmentsOf('uscc:91320100748204660Q')).map((c) => [c.commitmentId, c.fulfilment?.outcome])).toEqual([
      ['cmt_1', 'violated'],
    ]);
    expect((await store.getCommitment('cmt_2'))?.subjectKey).toBe('idcard:11010519491231002X');
    await store.putFulfilment('cmt_seeded', { outcome: 'fulfilled', recordedAt: 'x', operator: 'o', note: 'ok' });
    expect((await store.getFulfilment('cmt_seeded'))?.outcome).toBe('fulfilled');
  });

  it('finds objections by entry and keeps their latest state', async () => {
    await store.putObjection(objection('obj_1', 'ent_1'));
    await store.putObjection(objection('obj_2', 'ent_2'));
    await store.putObjection({ ...objection('obj_1', 'ent_1'), status: 'upheld', decidedAt: 'y', decisionNote: 'n' });
    expect((await store.objectionsOf(['ent_1'])).map((o) => o.status)).toEqual(['upheld']);
    expect(await store.objectionsOf(['ent_1', 'ent_2', 'ent_3'])).toHaveLength(2);
    expect((await store.getObjection('obj_2'))?.entryId).toBe('ent_2');
  });

  it('replays idempotent outcomes until they expire', async () => {
    const response = { requestHash: 'h', status: 201, body: '{}', createdAt: 1_000 };
    await store.putIdempotent('app:k', response, 0);
    expect(await store.getIdempotent('app:k', 1_000)).toEqual(response);
    expect(await store.getIdempotent('app:k', 1_001)).toBeUndefined();
  });

  it('refuses a nonce used twice (replay)', async () => {
    expect(await store.useNonce('app:n1', Date.now() + 60_000)).toBe(true);
    expect(await store.useNonce('app:n1', Date.now() + 60_000)).toBe(false);
    expect(await store.useNonce('app:n2', Date.now() + 60_000)).toBe(true);
  });

  it('lets a released nonce be claimed again, and an expired one', async () => {
    expect(await store.useNonce('idem:k', Date.now() + 60_000)).toBe(true);
    expect(await store.useNonce('idem:k', Date.now() + 60_000)).toBe(false);
    await store.releaseNonce('idem:k');
    expect(await store.useNonce('idem:k', Date.now() + 60_000)).toBe(true);
    expect(await store.useNonce('old', Date.now() - 1)).toBe(true);
    expect(await store.useNonce('old', Date.now() + 60_000)).toBe(true);
    expect(await store.useNonce('old', Date.now() + 60_000)).toBe(false);
  });

  it('a reset forgets the records’ claims but keeps signature nonces (a captured call stays a replay)', async () => {
    expect(await store.useNonce(`${SIGNATURE_NONCE}app:n1`, Date.now() + 60_000)).toBe(true);
    expect(await store.useNonce('decision:obj_1', Date.now() + 60_000)).toBe(true);
    await store.clear();
    expect(await store.useNonce(`${SIGNATURE_NONCE}app:n1`, Date.now() + 60_000)).toBe(false);
    expect(await store.useNonce('decision:obj_1', Date.now() + 60_000)).toBe(true);
  });

  it('counts coverage by matter and verdict, within dates and department', async () => {
    await store.putCheck(stored('chk_1', { verdict: 'clear', checkedAt: '2026-11-20T08:00:00.000Z' }));
    await store.putCheck(stored('chk_2', { verdict: 'restrict', checkedAt: '2026-11-21T08:00:00.000Z' }));
    await store.putCheck(
      stored('chk_3', { verdict: 'restrict', checkedAt: '2026-11-21T09:00:00.000Z', context: { ...sample.context, department: '别处' } }),
    );
    // A 补查 (accepted during an outage, checked afterwards) is counted, and counted apart.
    const deferred = { at: '2026-11-21T07:50:00.000Z', reason: { code: 'platform-unavailable' as const, text: '平台无响应' } };
    await store.putCheck(
      stored('chk_4', { verdict: 'restrict', checkedAt: '2026-11-21T10:00:00.000Z', context: { ...sample.context, deferred } }),
    );
    await store.putFeedback(feedback('chk_2'));
    const rows = async (f: Parameters<Store['coverage']>[0]) =>
      (await store.coverage(f)).map((r) => `${r.matter}/${r.verdict}:${r.total}/${r.withFeedback}/${r.deferred}`).sort();
    expect(await rows({})).toEqual(['FOOD_BUSINESS_LICENCE/clear:1/0/0', 'FOOD_BUSINESS_LICENCE/restrict:3/1/1']);
    expect(await rows({ from: '2026-11-21' })).toEqual(['FOOD_BUSINESS_LICENCE/restrict:3/1/1']);
    expect(await rows({ to: '2026-11-20' })).toEqual(['FOOD_BUSINESS_LICENCE/clear:1/0/0']);
    expect(await rows({ department: '别处' })).toEqual(['FOOD_BUSINESS_LICENCE/restrict:1/0/0']);
  });

  it("keeps each app's checks apart in coverage and cases", async () => {
    await store.putCheck(stored('chk_a1', {}, undefined, 'team-a'));
    await store.putCheck(stored('chk_b1', { verdict: 'restrict' }, undefined, 'team-b'));
    await store.putFeedback(feedback('chk_a1'));
    await store.putFeedback(feedback('chk_b1'));
    expect((await store.getCheck('chk_b1'))?.appId).toBe('team-b');
    const verdicts = async (appId?: string) => (await store.coverage(appId === undefined ? {} : { appId })).map((r) => r.verdict).sort();
    expect(await verdicts('team-a')).toEqual(['clear']);
    expect(await verdicts('team-b')).toEqual(['restrict']);
    expect(await verdicts()).toEqual(['clear', 'restrict']);
    expect((await store.feedbackCases({}, 'team-a')).map((c) => c.check.check.checkId)).toEqual(['chk_a1']);
    expect((await store.feedbackCases({})).map((c) => c.check.check.checkId)).toEqual(['chk_a1', 'chk_b1']);
  });

  it('finds a check by its 核查编号, and hands out serial numbers no reset takes back', async () => {
    await store.putCheck(stored('chk_serial', { serial: 'HC-20261207-000007' }));
    await store.putCheck(stored('chk_unnumbered'));
    expect((await store.getCheckBySerial('HC-20261207-000007'))?.check.checkId).toBe('chk_serial');
    expect(await store.getCheckBySerial('HC-20261207-000008')).toBeUndefined();
    expect(await store.reserveSerials('HC-20261207', 1)).toBe(1);
    expect(await store.reserveSerials('HC-20261207', 50)).toBe(51);
    expect(await store.reserveSerials('HC-20261208', 1)).toBe(1);
    await store.clear();
    expect(await store.getCheckBySerial('HC-20261207-000007')).toBeUndefined();
    expect(await store.reserveSerials('HC-20261207', 1)).toBe(52);
    if (reopen) {
      await store.close();
      store = await reopen();
      expect(await store.reserveSerials('HC-20261207', 1)).toBe(53);
    }
  });

  it('keeps one valid 核查码 per check: a new one supersedes, a withdrawal ends it', async () => {
    const code = (codeHash: string, issuedAt: string) => ({
      codeHash,
      checkId: 'chk_v',
      appId: APP.appId,
      issuedAt,
      expiresAt: '2027-03-01T00:00:00.000Z',
      status: 'valid' as const,
      endedAt: null,
    });
    await store.issueVerification(code('h1', '2026-12-01T00:00:00.000Z'));
    expect(await store.getVerification('h1')).toEqual(code('h1', '2026-12-01T00:00:00.000Z'));
    await store.issueVerification(code('h2', '2026-12-02T00:00:00.000Z'));
    expect(await store.getVerification('h1')).toMatchObject({ status: 'superseded', endedAt: '2026-12-02T00:00:00.000Z' });
    expect(await store.getVerification('h2')).toMatchObject({ status: 'valid' });
    expect(await store.withdrawVerifications('chk_v', '2026-12-03T00:00:00.000Z')).toBe(1);
    expect(await store.getVerification('h2')).toMatchObject({ status: 'withdrawn', endedAt: '2026-12-03T00:00:00.000Z' });
    expect(await store.getVerification('h1')).toMatchObject({ status: 'superseded' });
    expect(await store.withdrawVerifications('chk_v', '2026-12-04T00:00:00.000Z')).toBe(0);
    expect(await store.getVerification('nope')).toBeUndefined();
    await store.clear();
    expect(await store.getVerification('h2')).toBeUndefined();
  });

  it('clears everything but key:* and store:* meta (issued receipts stay verifiable; the agreed seed stays)', async () => {
    await store.putMeta('key:receipt', 'pkcs8');
    await store.putMeta('seeded', 'yes');
    await store.putMeta('store:seed', 'the instances agreed on it');
    await store.putCheck(stored('chk_c'));
    await store.clear();
    expect(await store.getMeta('key:receipt')).toBe('pkcs8');
    expect(await store.getMeta('store:seed')).toBe('the instances agreed on it');
    expect(await store.getMeta('seeded')).toBeUndefined();
    expect(await store.getCheck('chk_c')).toBeUndefined();
  });

  const event = (eventId: string, subjectKey = 'uscc:91320100748204660Q') => ({
    eventId,
    type: 'entry.listed' as const,
    subjectKey,
    occurredAt: '2026-11-21T08:00:00.000Z',
    subject: { idType: 'uscc' as const, id: subjectKey.slice(5), masked: false, name: 'x', found: true },
    data: { entry: { entryId: 'ent_1' } },
  });
  const delivery = (deliveryId: string, eventId: string, subscriptionId = 'sub_1', subjectKey = 'uscc:91320100748204660Q') => ({
    deliveryId,
    subscriptionId,
    eventId,
    type: 'entry.listed' as const,
    subjectKey,
    why: [],
    status: 'pending' as const,
    attempts: 0,
    nextAttemptAt: 1000,
    lastAttemptAt: null,
    lastError: null,
    deliveredAt: null,
  });

  it('appends events with per-subject sequences, feed rows by recipient (app × department), resumable by cursor', async () => {
    const A = { appId: 'app-x', department: 'A' };
    const B = { appId: 'app-x', department: 'B' };
    // Another app's department of the same name: its own rows, its own acks.
    const otherA = { appId: 'app-y', department: 'A' };
    const a = await store.appendEvent({
      event: event('evt_a'),
      feed: [
        { ...A, why: [] },
        { ...B, why: [] },
        { ...otherA, why: [] },
      ],
      deliveries: [],
    });
    const b = await store.appendEvent({ event: event('evt_b'), feed: [{ ...A, why: [] }], deliveries: [] });
    const c = await store.appendEvent({
      event: event('evt_c', 'idcard:140105198509232176'),
      feed: [{ ...A, why: [] }],
      deliveries: [],
    });
    expect([a.sequence, b.sequence, c.sequence]).toEqual([1, 2, 1]);
    const all = await store.feed(A, { order: 'asc', limit: 10 });
    expect(all.rows.map((r) => r.eventId)).toEqual(['evt_a', 'evt_b', 'evt_c']);
    expect(all.rows.map((r) => r.appId)).toEqual(['app-x', 'app-x', 'app-x']);
    const after = await store.feed(A, { order: 'asc', limit: 1, after: all.rows[0]?.cursor as number });
    expect([after.rows.map((r) => r.eventId), after.more]).toEqual([['evt_b'], true]);
    expect((await store.feed(A, { order: 'desc', limit: 2 })).rows.map((r) => r.eventId)).toEqual(['evt_c', 'evt_b']);
    expect((await store.feed(B, { order: 'asc', limit: 10 })).rows.map((r) => r.event.eventId)).toEqual(['evt_a']);
    expect((await store.feed(otherA, { order: 'asc', limit: 10 })).rows.map((r) => r.event.eventId)).toEqual(['evt_a']);
    expect((await store.feed({ appId: 'app-z', department: 'A' }, { order: 'asc', limit: 10 })).rows).toEqual([]);
    expect(await store.feedRow({ appId: 'app-z', department: 'A' }, 'evt_a')).toBeUndefined();
    expect(await store.feedRow(otherA, 'evt_b')).toBeUndefined();
    expect(await store.unacknowledged(A)).toBe(3);
    const ack = {
      ackId: 'ack_1',
      eventId: 'evt_b',
      department: 'A',
      action: 'punished' as const,
      operator: 'o',
      reason: '',
      measuresApplied: [],
      amount: 10,
      basis: '',
      note: '',
      recordedAt: '2026-11-21T09:00:00.000Z',
    };
    expect(await store.putAck('app-x', ack)).toEqual(ack);
    expect(await store.putAck('app-x', { ...ack, ackId: 'ack_2', amount: 1 })).toEqual(ack);
    expect(await store.unacknowledged(A)).toBe(2);
    expect((await store.feed(A, { order: 'asc', limit: 10, acknowledged: false })).rows.map((r) => r.eventId)).toEqual(['evt_a', 'evt_c']);
    expect((await store.feed(A, { order: 'asc', limit: 10, acknowledged: true })).rows.map((r) => r.eventId)).toEqual(['evt_b']);
    expect((await store.acks({ department: 'A' }, 'app-x')).map((x) => [x.ack.ackId, x.event.eventId])).toEqual([['ack_1', 'evt_b']]);
    expect(await store.acks({ from: '2026-11-22' }, 'app-x')).toEqual([]);
    // The other app acknowledges evt_a for its 'A' apart; neither sees the other's.
    const theirs = { ...ack, ackId: 'ack_y', eventId: 'evt_a', action: 'rewarded' as const };
    expect(await store.putAck('app-y', theirs)).toEqual(theirs);
    expect(await store.getAck(A, 'evt_a')).toBeUndefined();
    expect((await store.getAck(otherA, 'evt_a'))?.ackId).toBe('ack_y');
    expect((await store.acks({}, 'app-x')).map((x) => x.ack.ackId)).toEqual(['ack_1']);
    expect((await store.acks({}, 'app-y')).map((x) => [x.ack.ackId, x.appId])).toEqual([['ack_y', 'app-y']]);
    expect(await store.unacknowledged(otherA)).toBe(0);
  });

  it('hands out only the head of each subscription × subject chain, and what is due', async () => {
    await store.appendEvent({ event: event('evt_1'), feed: [], deliveries: [delivery('d1', 'evt_1')] });
    await store.appendEvent({ event: event('evt_2'), feed: [], deliveries: [delivery('d2', 'evt_2'), delivery('d3', 'evt_2', 'sub_2')] });
    await store.appendEvent({
      event: event('evt_3', 'idcard:140105198509232176'),
      feed: [],
      deliveries: [delivery('d4', 'evt_3', 'sub_1', 'idcard:140105198509232176')],
    });
    const ids = async (now: number, busy: string[] = []) =>
      (await store.dueDeliveries(now, 10, new Set(busy))).map((d) => d.deliveryId).sort();
    expect(await ids(999)).toEqual([]);
    expect(await ids(1000)).toEqual(['d1', 'd3', 'd4']);
    expect(await ids(1000, ['sub_1|uscc:91320100748204660Q'])).toEqual(['d3', 'd4']);
    expect(await store.nextDueAt(999)).toBe(1000);
    // Due already (handed out, or waiting behind one in flight): not a reason to wake later.
    expect(await store.nextDueAt(1000)).toBeNull();
    const [d1] = (await store.dueDeliveries(1000, 10, new Set())).filter((d) => d.deliveryId === 'd1');
    await store.updateDelivery({
      ...(d1 as NonNullable<typeof d1>),
      status: 'dead',
      attempts: 3,
      lastError: 'HTTP 500',
      nextAttemptAt: null,
    });
    expect(await ids(1000)).toEqual(['d2', 'd3', 'd4']);
    expect(await store.countDeliveries('sub_1', 'dead')).toBe(1);
    expect((await store.deliveriesOf('sub_1', 'dead', 10)).map((d) => [d.deliveryId, d.lastError, d.sequence])).toEqual([
      ['d1', 'HTTP 500', 1],
    ]);
    await store.dropPending('sub_1');
    expect(await ids(1000)).toEqual(['d3']);
  });

  it('keeps entries and grades recorded after seeding, subscriptions per app, and the checkers of a subject', async () => {
    const entry = {
      entryId: 'ent_x',
      listCode: 'SERIOUS_DISHONEST',
      severity: 'serious' as const,
      listedAt: '2026-11-21',
      publicationEndsAt: '2029-11-21',
      basis: { kind: 'penalty' as const, document: 'd', summary: 's' },
    };
    await store.putEntry({ subjectKey: 'uscc:1', name: '某公司', entry });
    await store.putEntry({ subjectKey: 'uscc:1', name: '某公司', entry: { ...entry, revokedAt: '2026-11-22' } });
    expect((await store.entriesOf('uscc:1')).map((e) => e.entry.revokedAt)).toEqual(['2026-11-22']);
    expect((await store.getEntry('ent_x'))?.subjectKey).toBe('uscc:1');
    expect(await store.allEntries()).toHaveLength(1);
    await store.putGrade('uscc:1', { scaleId: 'S', level: 'A', evaluatedAt: '2026-11-21' });
    expect((await store.gradeOf('uscc:1'))?.level).toBe('A');
    const s = {
      subscriptionId: 'sub_9',
      appId: 'app-1',
      department: 'A',
      url: null,
      types: [],
      matters: [],
      region: null,
      monitoringDays: 180,
      pii: false,
      description: '',
      createdAt: 'x',
      secret: 'whsec_x',
      previousSecret: null,
      previousSecretValidUntil: null,
      deletedAt: null,
    };
    await store.putSubscription(s);
    expect((await store.subscriptionsOf('app-1')).map((x) => x.subscriptionId)).toEqual(['sub_9']);
    expect(await store.subscriptionsOf('app-2')).toEqual([]);
    await store.putSubscription({ ...s, deletedAt: 'y' });
    expect(await store.activeSubscriptions()).toEqual([]);
    expect((await store.getSubscription('sub_9'))?.deletedAt).toBe('y');
    await store.putCheck(stored('chk_m1', { checkedAt: '2026-11-01T08:00:00.000Z' }));
    await store.putCheck(stored('chk_m2', { checkedAt: '2026-11-20T08:00:00.000Z', serial: 'HC-20261120-000002' }));
    await store.putCheck(stored('chk_m3', { checkedAt: '2026-11-19T08:00:00.000Z', serial: undefined }, undefined, 'team-b'));
    // The latest check of each, named (its replay shows the department what the platform knew then).
    const where = { department: sample.context.department, matter: sample.matter.code };
    expect(
      (await store.checkersOf('uscc:91320100748204660Q', '2026-10-01T00:00:00.000Z')).sort((x, y) => x.appId.localeCompare(y.appId)),
    ).toEqual([
      { appId: APP.appId, ...where, checkedAt: '2026-11-20T08:00:00.000Z', checkId: 'chk_m2', serial: 'HC-20261120-000002' },
      { appId: 'team-b', ...where, checkedAt: '2026-11-19T08:00:00.000Z', checkId: 'chk_m3', serial: null },
    ]);
    expect(await store.checkersOf('uscc:91320100748204660Q', '2026-11-21T00:00:00.000Z')).toEqual([]);
  });

  it('keeps what it acknowledged across a reopen (durable stores)', async () => {
    if (!reopen) return expect(store).toBeInstanceOf(MemoryStore);
    await store.putCheck(stored('chk_d'));
    await store.putFeedback(feedback('chk_d'));
    await store.appendEvent({
      event: event('evt_d'),
      feed: [{ appId: 'app-x', department: 'A', why: [] }],
      deliveries: [delivery('dd', 'evt_d')],
    });
    await store.close();
    store = await reopen();
    expect((await store.dueDeliveries(Date.now(), 10, new Set())).map((d) => d.deliveryId)).toEqual(['dd']);
    expect((await store.feed({ appId: 'app-x', department: 'A' }, { order: 'asc', limit: 5 })).rows.map((r) => r.eventId)).toEqual([
      'evt_d',
    ]);
    expect((await store.getCheck('chk_d'))?.check.checkId).toBe('chk_d');
    expect((await store.getFeedback('chk_d'))?.feedbackId).toBe('fb_chk_d_informed');
  });

  it('keeps the first value of a meta key however many claim it (a key made once per store)', async () => {
    const claims = await Promise.all(['a', 'b', 'c'].map((v) => store.claimMeta('key:token', v)));
    expect(new Set(claims).size).toBe(1);
    expect(await store.getMeta('key:token')).toBe(claims[0]);
    expect(await store.claimMeta('key:token', 'd')).toBe(claims[0]);
  });

  it('draws rate-limit tokens from one bucket: refilled with time, never above the burst, refused when empty', async () => {
    const take = (now: number) => store.takeToken('app:x', 2, 3, now);
    expect((await Promise.all([take(0), take(0), take(0)])).map((t) => t.granted)).toEqual([true, true, true]);
    const empty = await take(0);
    expect(empty.granted).toBe(false);
    expect(empty.tokens).toBeCloseTo(0, 6);
    // Half a second at 2 per second: one token back.
    expect((await take(500)).granted).toBe(true);
    expect((await take(500)).granted).toBe(false);
    // A long pause fills the bucket to its burst, not beyond.
    expect((await take(60_000)).tokens).toBeCloseTo(2, 6);
    // Another bucket is untouched.
    expect((await store.takeToken('app:y', 2, 3, 0)).granted).toBe(true);
  });

  it('runs exclusive work and hands back its result', async () => {
    expect(await store.exclusive('sweep', async () => 42)).toBe(42);
  });

  it('answers a ping and says which engine it is', async () => {
    await expect(store.ping()).resolves.toBeUndefined();
    expect(['memory', 'sqlite', 'postgres']).toContain(store.kind);
  });
});
