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
    process.send?.({ distinct: seen.reduce((n, list) => n + new Set(list.map((r) => r[1])).size, 0) });
  } else if (m === 'report') {
    process.send?.({ seen });
  } else if (m === 'reset') {
    for (const list of seen) list.length = 0;
    process.send?.({ ok: true });
  } else if (m === 'stop') {
    for (const s of servers) s.close();
    process.exit(0);
  }
});
