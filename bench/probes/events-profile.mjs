// Where the event fan-out's CPU goes: the bench's events section (5 000 events to 50 subscriptions,
// a short steady run) under the V8 profiler of this process (node:inspector), printed as self time
// per function, largest first, and the share of idle (waiting for the receivers' process).
//   node bench/probes/events-profile.mjs [events] [top]
import { Session } from 'node:inspector/promises';
import { eventsSection } from '../sections/events.mjs';

const events = Number(process.argv[2] ?? 5000);
const top = Number(process.argv[3] ?? 20);
const session = new Session();
session.connect();
await session.post('Profiler.enable');
await session.post('Profiler.start');
await eventsSection({
  report: { results: {} },
  row: (_s, metric, value) => console.log(`  ${metric}: ${value}`),
  events,
  steadySeconds: 2,
});
const { profile } = await session.post('Profiler.stop');
session.disconnect();

const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map();
let total = 0;
profile.samples.forEach((id, i) => {
  const dt = profile.timeDeltas[i] ?? 0;
  total += dt;
  const { functionName, url, lineNumber } = nodes.get(id).callFrame;
  const where = url ? `${url.split('/').slice(-2).join('/')}:${lineNumber + 1}` : '';
  const key = `${functionName || '(anonymous)'} ${where}`.trim();
  self.set(key, (self.get(key) ?? 0) + dt);
});
console.log(`\nself time, ${(total / 1e6).toFixed(1)} s sampled:`);
for (const [key, dt] of [...self].sort((a, b) => b[1] - a[1]).slice(0, top))
  console.log(`${(dt / 1e3).toFixed(0).padStart(7)} ms ${((100 * dt) / total).toFixed(1).padStart(5)} %  ${key}`);
process.exit(0);
