// Bench child: webhook receivers on loopback — the departments' systems, in a process of their own
// (as they would be). Each answers 204 (or 503 while it is "down"), and keeps, per delivery, the
// receipt time, the event id, its subject, sequence and occurrence. Reports over IPC.
// Usage: node receivers.mjs <count> <downIndex> <downMs>
import { createServer } from 'node:http';

const count = Number(process.argv[2] ?? 50);
const downIndex = Number(process.argv[3] ?? -1);
const downMs = Number(process.argv[4] ?? 0);
let started = Date.now();
/** receiver → [at, eventId, subjectId, sequence, occurredAt(ms)] */
const seen = Array.from({ length: count }, () => []);
/** Distinct event ids per receiver, kept as they arrive: the parent polls the count every 50 ms. */
const ids = Array.from({ length: count }, () => new Set());
let distinct = 0;

const servers = await Promise.all(
  Array.from({ length: count }, (_, index) => {
    const server = createServer((req, res) => {
      const chunks = [];
      req.on('data', (d) => chunks.push(d));
      req.on('end', () => {
        const up = index !== downIndex || Date.now() - started >= downMs;
        if (up) {
          const e = JSON.parse(Buffer.concat(chunks).toString('utf8'));
          seen[index].push([Date.now(), e.eventId, e.subject.id, e.sequence, Date.parse(e.occurredAt)]);
          if (!ids[index].has(e.eventId)) {
            ids[index].add(e.eventId);
            distinct++;
          }
        }
        res.statusCode = up ? 204 : 503;
        res.end();
      });
    });
    server.keepAliveTimeout = 30_000;
    return new Promise((r) => server.listen(0, '127.0.0.1', () => r(server)));
  }),
);
process.send?.({ urls: servers.map((s) => `http://127.0.0.1:${s.address().port}/hooks`) });
process.on('message', (m) => {
  if (m === 'start') {
    started = Date.now();
    process.send?.({ ok: true });
  } else if (m === 'count') {
    process.send?.({ distinct });
  } else if (m === 'report') {
    process.send?.({ seen });
  } else if (m === 'reset') {
    for (const list of seen) list.length = 0;
    for (const set of ids) set.clear();
    distinct = 0;
    process.send?.({ ok: true });
  } else if (m === 'stop') {
    for (const s of servers) s.close();
    process.exit(0);
  }
});
