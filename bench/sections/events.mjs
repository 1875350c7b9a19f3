// events — 定向推送: the durable outbox (--data-dir) delivering to 50 webhook subscriptions whose
// receivers run in a process of their own (the departments' systems). Two runs:
// - fan-out: 10 000 events emitted as fast as the platform can (one receiver down for 3 s):
//   deliveries/s from the first event to the last receipt, occurrence → receipt p50/p99 (receivers
//   up), and the receiver that was down got everything, in order per subject, nothing twice;
// - steady: 200 events/s for 60 s: occurrence → receipt p50/p99.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '@credit-check/mock-server/node';
import { child, fmt, mark, percentile } from '../lib.mjs';

const APP = { kind: 'app', appId: 'sandbox-app' };
export const EVENT_GOALS = { perSecond: 5000, p50: 1000, p99: 3000, steadyP99: 1000 };

const wait = (ms) => new Promise((r) => setTimeout(r, ms));

/** @param {{ report: any, row: Function, events?: number, steadySeconds?: number, steadyRate?: number }} ctx */
export async function eventsSection({ report, row, events = 10_000, steadySeconds = 60, steadyRate = 200 }) {
  console.log(
    `\nevents — 定向推送: ${events} events, then ${steadyRate}/s for ${steadySeconds} s, to 50 webhook subscriptions (durable outbox)`,
  );
  const dir = await mkdtemp(join(tmpdir(), 'cc-bench-events-'));
  const receivers = await child('./children/receivers.mjs', ['50', '0', '3000']);
  const mock = await startServer({
    port: 0,
    subjects: 2000,
    dataDir: dir,
    webhooks: { retry: { baseMs: 250, maxMs: 2000, maxAttempts: 30 } },
    // The receivers are on loopback: opted in, as local development must.
    webhookDestinations: { allow: ['127.0.0.1'] },
  });
  try {
    const orgs = [...mock.platform.subjects.subjects.values()].filter((s) => s.idType === 'uscc');
    const regions = [...new Set(orgs.map((s) => s.id.slice(2, 6)))];
    // 50 subscriptions over the subjects' cities (按地区推送): every event reaches those of its city.
    for (let i = 0; i < 50; i++) {
      await mock.platform.subscriptions.create(APP, {
        department: `部门${i}`,
        url: receivers.first.urls[i],
        region: regions[i % regions.length],
      });
    }
    const fanOut = (city) => [...Array(50).keys()].filter((j) => regions[j % regions.length] === city).length;
    const subjects = orgs.slice(0, 500);
    const emit = async (i) => {
      const s = subjects[i % subjects.length];
      await mock.platform.controls.listEntry({ subject: { idType: 'uscc', id: s.id }, listCode: 'KEY_ATTENTION' });
      return s.id.slice(2, 6);
    };
    const until = async (expected, ms) => {
      const deadline = Date.now() + ms;
      while ((await receivers.ask('count')).distinct < expected && Date.now() < deadline) await wait(50);
    };

    // --- fan-out: as fast as the platform emits ---
    let expected = 0;
    let expectedDown = 0;
    await receivers.ask('start');
    // The platform runs in this process (the receivers in their own): its CPU over the fan-out is
    // what emitting and delivering cost — per delivery, the figure capacity on paper scales.
    const cpu0 = process.cpuUsage();
    const t0 = Date.now();
    for (let i = 0; i < events; i++) {
      const city = await emit(i);
      expected += fanOut(city);
      if (regions[0] === city) expectedDown++;
      // Events occur over time, as listings arrive by request: the deliverer runs between them.
      if (i % 20 === 19) await new Promise((r) => setImmediate(r));
    }
    const emitMs = Date.now() - t0;
    await until(expected, 600_000);
    const cpu = process.cpuUsage(cpu0);
    const { seen } = await receivers.ask('report');
    const all = seen.flat();
    const last = Math.max(...all.map((r) => r[0]));
    const distinct = seen.reduce((n, list) => n + new Set(list.map((r) => r[1])).size, 0);
    const latencies = seen.slice(1).flatMap((list) => list.map((r) => r[0] - r[4]));
    const down = seen[0];
    const downIds = new Set(down.map((r) => r[1]));
    const bySubject = new Map();
    for (const r of down) bySubject.set(r[2], [...(bySubject.get(r[2]) ?? []), r[3]]);
    const inOrder = [...bySubject.values()].every((seqs) => seqs.every((v, i) => i === 0 || v > seqs[i - 1]));
    const fan = {
      events,
      deliveries: expected,
      delivered: distinct,
      emitMs,
      totalMs: last - t0,
      perSecond: distinct / ((last - t0) / 1000),
      cpuPerDelivery: (cpu.user + cpu.system) / 1e6 / Math.max(1, distinct),
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
      down: { expected: expectedDown, received: downIds.size, duplicates: down.length - downIds.size, inOrder },
    };

    // --- steady: a constant rate, receivers up ---
    await receivers.ask('reset');
    let steadyExpected = 0;
    const tick = 50;
    const perTick = (steadyRate * tick) / 1000;
    const s0 = Date.now();
    let n = 0;
    while (Date.now() - s0 < steadySeconds * 1000) {
      const due = Math.floor(((Date.now() - s0) / 1000) * steadyRate);
      while (n < due) steadyExpected += fanOut(await emit(events + n++));
      await wait(Math.min(tick, 1000 / perTick));
    }
    await until(steadyExpected, 120_000);
    const steadyBy = (await receivers.ask('report')).seen;
    const steadySeen = steadyBy.flat();
    const steadyLatencies = steadySeen.map((r) => r[0] - r[4]);
    const steady = {
      rate: steadyRate,
      seconds: steadySeconds,
      events: n,
      deliveries: steadyExpected,
      delivered: steadyBy.reduce((k, list) => k + new Set(list.map((r) => r[1])).size, 0),
      p50: percentile(steadyLatencies, 50),
      p99: percentile(steadyLatencies, 99),
    };
    report.results.events = { fanOut: fan, steady, goals: EVENT_GOALS };
    row(
      'events',
      `fan-out ${events} events → 50 subs`,
      `${distinct}/${expected}`,
      'deliveries',
      '',
      'all',
      `emitted in ${fmt(emitMs / 1000)} s`,
    );
    row(
      'events',
      'deliveries/s (first event → last receipt)',
      fmt(fan.perSecond, 0),
      '',
      '',
      `≥ ${EVENT_GOALS.perSecond} ${mark(fan.perSecond >= EVENT_GOALS.perSecond)}`,
      'sqlite outbox; receivers in another process',
    );
    row(
      'events',
      'capacity on paper: CPU per delivery (emitting and delivering, one process)',
      `${fmt(fan.cpuPerDelivery * 1e6, 0)} µs`,
      '',
      '',
      '',
      `one core ≈ ${fmt(1 / fan.cpuPerDelivery, 0)} deliveries/s; the outbox's leases share deliveries across instances, so N instance cores ≈ N × that, until the store's writes bind (see postgres)`,
    );
    row(
      'events',
      'occurrence → receipt p50 / p99',
      `${fmt(fan.p50, 0)} / ${fmt(fan.p99, 0)} ms`,
      '',
      '',
      `≤ ${EVENT_GOALS.p50} / ${EVENT_GOALS.p99} ms ${mark(fan.p50 <= EVENT_GOALS.p50 && fan.p99 <= EVENT_GOALS.p99)}`,
      'receivers up',
    );
    row(
      'events',
      'receiver down 3 s, then back',
      `${downIds.size}/${expectedDown}`,
      `${fan.down.duplicates} dup`,
      '',
      'all, in order',
      inOrder ? 'in order per subject' : 'OUT OF ORDER',
    );
    row(
      'events',
      `steady ${steadyRate} events/s for ${steadySeconds} s: p50 / p99`,
      `${fmt(steady.p50, 0)} / ${fmt(steady.p99, 0)} ms`,
      `${steady.delivered}/${steady.deliveries}`,
      '',
      `p99 ≤ ${EVENT_GOALS.steadyP99} ms ${mark(steady.p99 <= EVENT_GOALS.steadyP99)}`,
      'occurrence → receipt',
    );
  } finally {
    await receivers.stop();
    await mock.close();
    await rm(dir, { recursive: true, force: true });
  }
}
