// Probe (not part of `npm run bench`; issue 42): the mock against the check floor — the same
// platform answering POST /checks with only the work a check keeps (`children/floor.mjs`: token,
// contract schema, rules, receipt signature, JSON, node:http; no Hono, middleware, log or metrics)
// — and the bare server, in alternating rounds at 64 connections: req/s, p99 and the server's CPU
// per check. If the floor's CPU per check is above half the mock's, halving it is not a matter of
// the pipeline; if the floor stays under 35 % of bare, neither is that goal.
//   node bench/probes/check-floor.mjs [subjects] [rounds] [seconds]
import { child, fmt, load } from '../lib.mjs';
import { seedSection } from '../sections/seed.mjs';

const subjects = process.argv[2] ?? '1000000';
const rounds = Number(process.argv[3] ?? 3);
const seconds = Number(process.argv[4] ?? 5);
// Paths are relative to bench/lib.mjs, which forks the children.
const mock = await child('./children/mock.mjs', [subjects]);
const floor = await child('./children/mock.mjs', [subjects, '-', 'standard', 'floor']);
const seeded = await seedSection({ info: mock.first, report: { results: {} } });
const floorAuth = { authorization: `Bearer ${floor.first.token}` };
const bare = await child('./children/bare.mjs');
await bare.ask({ body: seeded.realCheckBody });

const servers = [
  { name: 'bare node:http', proc: bare.proc, url: `${bare.first.origin}/api/v1/checks`, headers: {} },
  { name: 'mock', proc: mock.proc, url: `${mock.first.apiBase}/checks`, headers: seeded.auth },
  { name: 'check floor', proc: floor.proc, url: `${floor.first.apiBase}/checks`, headers: floorAuth },
];
// Warm every server's code paths before the rounds that count.
for (const s of servers) await load({ url: s.url, connections: 64, duration: 2, headers: s.headers, bodies: seeded.bodies });
const rows = servers.map(() => []);
for (let round = 0; round < rounds; round++) {
  for (const [i, s] of servers.entries()) {
    await new Promise((r) => setTimeout(r, 1000));
    const r = await load({ url: s.url, connections: 64, duration: seconds, headers: s.headers, bodies: seeded.bodies, pid: s.proc.pid });
    const perCheck = r.cpuUs;
    if (r.errors || r.non2xx) throw new Error(`${s.name}: ${r.errors} errors, ${r.non2xx} non-2xx answers`);
    rows[i].push({ rps: r.rps, p99: r.p99, perCheck });
    console.log(
      `round ${round + 1} ${s.name.padEnd(15)} ${fmt(r.rps, 0).padStart(6)} req/s  p99 ${String(r.p99).padStart(3)} ms  ${fmt(perCheck, 0).padStart(4)} µs CPU per request`,
    );
  }
}
console.log('\nper round: the mock and the floor against bare, and the floor against the mock');
for (let round = 0; round < rounds; round++) {
  const [b, m, f] = rows.map((r) => r[round]);
  console.log(
    `round ${round + 1}: mock ${fmt((100 * m.rps) / b.rps, 0)} % of bare, floor ${fmt((100 * f.rps) / b.rps, 0)} % of bare; floor's CPU per check ${fmt((100 * f.perCheck) / m.perCheck, 0)} % of the mock's`,
  );
}
await Promise.all([bare.stop(), mock.stop(), floor.stop()]);
process.exit(0);
