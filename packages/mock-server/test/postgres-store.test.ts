import { afterAll, describe, expect, it } from 'vitest';
import { startPostgres } from '../../../scripts/postgres.mjs';
import { openPostgresStore } from '../src/node/server.ts';
import type { PostgresStore } from '../src/store/postgres.ts';
import type { DeliveryRecord } from '../src/store/store.ts';
import { isStoreUnavailable } from '../src/store/unavailable.ts';
import { freshDatabase } from './postgres.ts';

// What only a store shared by several instances must get right: two stores over one database are
// two instances (each its own pool), racing as instances on two hosts would. Registered where the
// machine has PostgreSQL (vitest.config.ts leaves the file out otherwise; the runner says so).
const open: PostgresStore[] = [];
afterAll(async () => {
  for (const s of open) await s.close().catch(() => {});
});
async function twoInstances(): Promise<[PostgresStore, PostgresStore]> {
  const url = await freshDatabase('shared');
  const pair = [await openPostgresStore(url, { instance: 'a' }), await openPostgresStore(url, { instance: 'b' })] as [
    PostgresStore,
    PostgresStore,
  ];
  open.push(...pair);
  return pair;
}

const SUBJECT = 'uscc:91320100748204660Q';
const event = (eventId: string) => ({
  eventId,
  type: 'entry.listed' as const,
  subjectKey: SUBJECT,
  occurredAt: '2026-11-21T08:00:00.000Z',
  subject: { idType: 'uscc' as const, id: SUBJECT.slice(5), masked: false, name: 'x', found: true },
  data: {},
});
const delivery = (deliveryId: string, eventId: string): Omit<DeliveryRecord, 'sequence'> => ({
  deliveryId,
  subscriptionId: 'sub_1',
  eventId,
  type: 'entry.listed',
  subjectKey: SUBJECT,
  why: [],
  status: 'pending',
  attempts: 0,
  nextAttemptAt: 1000,
  lastAttemptAt: null,
  lastError: null,
  deliveredAt: null,
});

describe('PostgreSQL store: many instances over one database', () => {
  it('lets exactly one instance claim a nonce, a meta key or the first feedback, however they race', async () => {
    const [a, b] = await twoInstances();
    for (let round = 0; round < 10; round++) {
      const claims = await Promise.all([a, b, a, b].map((s) => s.useNonce(`app:n${round}`, Date.now() + 60_000)));
      expect(claims.filter(Boolean)).toHaveLength(1);
    }
    const kept = await Promise.all([a.claimMeta('key:receipt', 'from-a'), b.claimMeta('key:receipt', 'from-b')]);
    expect(kept[0]).toBe(kept[1]);
    const feedback = (action: 'restricted' | 'refused') => ({
      feedbackId: `fb_${action}`,
      checkId: 'chk_x',
      action,
      operator: 'o',
      note: '',
      reason: '',
      measuresApplied: [],
      recordedAt: '2026-11-21T08:00:00.000Z',
    });
    const [fa, fb] = await Promise.all([a.putFeedback(feedback('restricted')), b.putFeedback(feedback('refused'))]);
    expect(fa).toEqual(fb);
    expect((await b.getFeedback('chk_x'))?.feedbackId).toBe(fa.feedbackId);
  });

  it('draws one rate-limit bucket per app for all instances', async () => {
    const [a, b] = await twoInstances();
    const takes = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).takeToken('app:x', 1, 4, 1_000)));
    expect(takes.filter((t) => t.granted)).toHaveLength(4);
  });

  it('numbers a subject’s events without gaps or repeats when two instances append at once', async () => {
    const [a, b] = await twoInstances();
    const appended = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        (i % 2 ? a : b).appendEvent({ event: event(`evt_${i}`), feed: [{ appId: 'app', department: 'D', why: [] }], deliveries: [] }),
      ),
    );
    expect(appended.map((e) => e.sequence).sort((x, y) => x - y)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    // The feed in cursor order is the events in sequence order: a reader paging by cursor skips none.
    const page = await a.feed({ appId: 'app', department: 'D' }, { order: 'asc', limit: 100 });
    expect(page.rows.map((r) => r.event.sequence)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
  });

  it('hands a delivery to one deliverer at a time (a lease); the next of its chain waits; an expired lease passes it on', async () => {
    const [a, b] = await twoInstances();
    await a.appendEvent({ event: event('evt_1'), feed: [], deliveries: [delivery('d1', 'evt_1')] });
    await a.appendEvent({ event: event('evt_2'), feed: [], deliveries: [delivery('d2', 'evt_2')] });
    const none = new Set<string>();
    const [first, second] = await Promise.all([
      a.dueDeliveries(2_000, 10, none, { owner: 'a', until: 5_000 }),
      b.dueDeliveries(2_000, 10, none, { owner: 'b', until: 5_000 }),
    ]);
    // One of them has d1; nobody has d2 (it waits behind d1, in order per subject).
    expect([...first, ...second].map((d) => d.deliveryId)).toEqual(['d1']);
    expect(await b.dueDeliveries(4_999, 10, none, { owner: 'b', until: 9_000 })).toEqual([]);
    // The holder died (its lease ran out): another deliverer takes it.
    const taken = await b.dueDeliveries(5_001, 10, none, { owner: 'b', until: 9_000 });
    expect(taken.map((d) => d.deliveryId)).toEqual(['d1']);
    await b.updateDelivery({ ...(taken[0] as DeliveryRecord), status: 'delivered', nextAttemptAt: null, deliveredAt: 5_002 });
    // Delivered: the chain moves on to d2, and the lease is gone with the attempt.
    expect((await a.dueDeliveries(5_003, 10, none, { owner: 'a', until: 9_000 })).map((d) => d.deliveryId)).toEqual(['d2']);
  });

  it('runs exclusive work on one instance at a time: the other skips it', async () => {
    const [a, b] = await twoInstances();
    let release: () => void = () => {};
    const held = new Promise<void>((r) => {
      release = r;
    });
    const running = a.exclusive('sweep', async () => {
      await held;
      return 'a';
    });
    await new Promise((r) => setTimeout(r, 100));
    expect(await b.exclusive('sweep', async () => 'b')).toBeUndefined();
    release();
    expect(await running).toBe('a');
    // Released: the next one runs it.
    expect(await b.exclusive('sweep', async () => 'b')).toBe('b');
  });

  it('says "unavailable" within seconds while its database is down (never a hang), and works again once it is back', async () => {
    // A cluster of this test's own: stopping the run's shared one would fail every other test.
    const cluster = await startPostgres();
    try {
      const store = await openPostgresStore(await cluster.database('restart'));
      open.push(store);
      await store.putMeta('x', '1');
      await cluster.stop('immediate');
      const started = Date.now();
      const error = await store.getMeta('x').then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(isStoreUnavailable(error), String(error)).toBe(true);
      expect(Date.now() - started).toBeLessThan(10_000);
      await expect(store.ping()).rejects.toSatisfy(isStoreUnavailable);
      await cluster.start();
      // The pool reconnects by itself; what was committed is there.
      let value: string | undefined;
      for (let i = 0; i < 50 && value === undefined; i++) {
        value = await store.getMeta('x').catch(() => undefined);
        if (value === undefined) await new Promise((r) => setTimeout(r, 200));
      }
      expect(value).toBe('1');
    } finally {
      await cluster.destroy();
    }
  }, 60_000);
});
