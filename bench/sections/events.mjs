// events — 定向推送 fan-out: N events routed to 50 webhook subscriptions (receivers on loopback,
// one of them down for a while), with the durable outbox (--data-dir). Prints delivery latency
// from occurrence to receipt (p50/p99), deliveries per second, and whether the receiver that was
// down got everything, in order per subject, nothing twice by id.
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '@credit-check/mock-server/node';
import { fmt, percentile } from '../lib.mjs';

const APP = { kind: 'app', appId: 'sandbox-app' };

async function receiver(index, downMs, seen) {
  const started = Date.now();
  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (d) => {
      body += d;
    });
    req.on('end', () => {
      const up = Date.now() - started >= downMs;
      if (up) seen.push({ receiver: index, at: Date.now(), id: req.headers['webhook-id'], body });
      res.statusCode = up ? 204 : 503;
      res.end();
    });
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return { server, url: `http://127.0.0.1:${server.address().port}/hooks` };
}

/** @param {{ report: any, row: Function, events?: number }} ctx */
export async function eventsSection({ report, row, events = 10_000 }) {
  console.log(`\nevents — 定向推送: ${events} events to 50 webhook subscriptions (durable outbox)`);
  const dir = await mkdtemp(join(tmpdir(), 'cc-bench-events-'));
  const mock = await startServer({
    port: 0,
    subjects: 2000,
    dataDir: dir,
    webhooks: { concurrency: 64, retry: { baseMs: 250, maxMs: 2000, maxAttempts: 30 } },
    // The receivers are on loopback: opted in, as local development must.
    webhookDestinations: { allow: ['127.0.0.1'] },
  });
  const seen = [];
  const receivers = [];
  try {
    const orgs = [...mock.platform.subjects.subjects.values()].filter((s) => s.idType === 'uscc');
    const regions = [...new Set(orgs.map((s) => s.id.slice(2, 6)))];
    // 50 subscriptions over the subjects' cities (按地区推送): every event reaches those of its city.
    for (let i = 0; i < 50; i++) {
      const r = await receiver(i, i === 0 ? 3000 : 0, seen);
      receivers.push(r);
      await mock.platform.subscriptions.create(APP, { department: `部门${i}`, url: r.url, region: regions[i % regions.length] });
    }
    let expected = 0;
    let expectedDown = 0;
    const subjects = orgs.slice(0, 500);
    const t0 = Date.now();
    for (let i = 0; i < events; i++) {
      const s = subjects[i % subjects.length];
      mock.platform.controls.listEntry({ subject: { idType: 'uscc', id: s.id }, listCode: 'KEY_ATTENTION' });
      const city = s.id.slice(2, 6);
      // Events occur over time, as listings arrive by request: the deliverer runs between them.
      if (i % 20 === 19) await new Promise((r) => setImmediate(r));
      expected += [...Array(50).keys()].filter((j) => regions[j % regions.length] === city).length;
      if (regions[0] === city) expectedDown++;
    }
    const emitMs = Date.now() - t0;
    const deadline = Date.now() + 600_000;
    while (new Set(seen.map((s) => `${s.receiver}|${s.id}`)).size < expected && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 100));
    const last = Math.max(...seen.map((s) => s.at));
    const latencies = seen.filter((s) => s.receiver !== 0).map((s) => s.at - Date.parse(JSON.parse(s.body).occurredAt));
    latencies.sort((a, b) => a - b);
    const distinct = new Set(seen.map((s) => `${s.receiver}|${s.id}`)).size;
    const down = seen.filter((s) => s.receiver === 0).map((s) => JSON.parse(s.body));
    const downIds = new Set(down.map((e) => e.eventId));
    const bySubject = new Map();
    for (const e of down) bySubject.set(e.subject.id, [...(bySubject.get(e.subject.id) ?? []), e.sequence]);
    const inOrder = [...bySubject.values()].every((seqs) => seqs.every((v, i) => i === 0 || v > seqs[i - 1]));
    const result = {
      events,
      deliveries: expected,
      delivered: distinct,
      emitMs,
      totalMs: last - t0,
      perSecond: distinct / ((last - t0) / 1000),
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
      down: { expected: expectedDown, received: downIds.size, duplicates: down.length - downIds.size, inOrder },
    };
    report.results.events = result;
    row(
      'events',
      `fan-out ${events} events → 50 subs`,
      `${distinct}/${expected}`,
      'deliveries',
      '',
      'all',
      `emitted in ${fmt(emitMs / 1000)} s`,
    );
    row('events', 'deliveries/s (emit → last receipt)', fmt(result.perSecond, 0), '', '', '', 'sqlite outbox, 64 in flight');
    row('events', 'occurrence → receipt p50 / p99', `${fmt(result.p50, 0)} / ${fmt(result.p99, 0)} ms`, '', '', '', 'receivers up');
    row(
      'events',
      'receiver down 3 s, then back',
      `${downIds.size}/${expectedDown}`,
      `${result.down.duplicates} dup`,
      '',
      'all, in order',
      inOrder ? 'in order per subject' : 'OUT OF ORDER',
    );
  } finally {
    for (const r of receivers) r.server.close();
    await mock.close();
    await rm(dir, { recursive: true, force: true });
  }
}
