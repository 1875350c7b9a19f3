// Probe (not part of `npm run bench`): the mock's rounds with its garbage collector traced — per
// round the req/s, p99, the mock's CPU seconds and the major collections (with their incremental
// marking time) that fell in it. Rounds alternate with the bare server, as in the server section.
//   node bench/probes/gc-rounds.mjs
import { cpuSeconds as cpu } from '../cores.mjs';
import { child, fmt, load } from '../lib.mjs';
import { seedSection } from '../sections/seed.mjs';

// Paths are relative to bench/lib.mjs, which forks the children.
const mock = await child('./children/mock.mjs', ['1000000'], ['--trace-gc']);
// --trace-gc writes to the child's stdout, which the bench children inherit: read it from here.
const info = mock.first;
const { auth, bodies, realCheckBody } = await seedSection({ info, report: { results: {} } });
const bare = await child('./children/bare.mjs');
await bare.ask({ body: realCheckBody });
const run = async (url, headers) => {
  await new Promise((r) => setTimeout(r, 2000));
  return load({ url, connections: 64, duration: 5, headers, bodies });
};
for (let round = 0; round < 4; round++) {
  await run(`${bare.first.origin}/api/v1/checks`, {});
  const before = cpu(mock.proc.pid);
  console.log(`--- mock round ${round + 1} (Mark-Compact lines above this belong to earlier rounds)`);
  const r = await run(`${info.apiBase}/checks`, auth);
  const spent = cpu(mock.proc.pid) - before;
  console.log(
    `mock round ${round + 1}: ${fmt(r.rps, 0)} req/s, p99 ${r.p99} ms, mock CPU ${fmt(spent, 2)} s, ${fmt((spent / r.total) * 1e6, 0)} µs per check`,
  );
}
await bare.stop();
await mock.stop();
process.exit(0);
