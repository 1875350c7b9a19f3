// Probe (not part of `npm run bench`): where the SDK's own time goes in one check() — a real check
// body from the mock (a child, as the bench seeds it: importing the mock here would replace the
// global Request with @hono/node-server's), served by the bare node:http child; check() under V8's
// profiler, self time per function, largest first, and the p50 of check() against ky 2 alone (as
// the sdk section measures them).
//   node bench/probes/sdk-profile.mjs [seconds] [top] [function whose callers to print …]
import { Session } from 'node:inspector/promises';
import { child, percentile } from '../lib.mjs';
import { context, MATTERS } from '../sections/fixtures.mjs';
import { calls, time } from '../sections/sdk.mjs';
import { seedSection } from '../sections/seed.mjs';
import { printCallers, printSelfTime } from './self-time.mjs';

const seconds = Number(process.argv[2] ?? 4);
const top = Number(process.argv[3] ?? 30);
const mock = await child('./children/mock.mjs', ['1000']);
const { realCheckBody } = await seedSection({ info: mock.first, report: { results: {} } });
await mock.stop();
const input = { subject: { idType: 'uscc', id: '91320100748204660Q' }, matter: MATTERS[0], context: context('sdk') };
const bare = await child('./children/bare.mjs');
await bare.ask({ body: realCheckBody });
const base = `${bare.first.origin}/api/v1`;
const { sdk, kyFloor } = await calls(base, input);
const s = [];
const k = [];
for (let block = 0; block < 8; block++) {
  s.push(...(await time(sdk, 100)));
  k.push(...(await time(kyFloor, 100)));
}
const p50 = (xs) => (percentile(xs.slice(200), 50) * 1000).toFixed(0);
console.log(
  `check() p50 ${p50(s)} µs · ky 2 alone ${p50(k)} µs · ${(percentile(s.slice(200), 50) / percentile(k.slice(200), 50)).toFixed(3)}×`,
);
const session = new Session();
session.connect();
await session.post('Profiler.enable');
await session.post('Profiler.setSamplingInterval', { interval: 50 });
await session.post('Profiler.start');
const until = performance.now() + seconds * 1000;
while (performance.now() < until) await sdk();
const { profile } = await session.post('Profiler.stop');
printSelfTime(profile, { top });
for (const name of process.argv.slice(4)) printCallers(profile, name);
await bare.stop();
process.exit(0);
