// Where the event fan-out's CPU goes: the bench's events section (5 000 events to 50 subscriptions,
// a short steady run) under the V8 profiler of this process (node:inspector), printed as self time
// per function, largest first, and the share of idle (waiting for the receivers' process).
//   node bench/probes/events-profile.mjs [events] [top]
import { Session } from 'node:inspector/promises';
import { eventsSection } from '../sections/events.mjs';
import { printSelfTime } from './self-time.mjs';

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

printSelfTime(profile, { top });
process.exit(0);
