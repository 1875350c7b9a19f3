// The event fan-out's cost in this process's CPU, beside its rate: the bench's events section
// (10 000 events to 50 subscriptions, a 1 s steady run), the platform in this process, the
// receivers in their own. CPU seconds vary less than wall-clock rates on a shared machine, so this
// is what compares two commits: run it at each, alternating.
//   node bench/probes/events-cpu.mjs [events]
import { eventsSection } from '../sections/events.mjs';

const events = Number(process.argv[2] ?? 10_000);
const results = {};
const before = process.cpuUsage();
await eventsSection({ report: { results }, row: () => {}, events, steadySeconds: 1 });
const cpu = process.cpuUsage(before);
const fan = results.events.fanOut;
console.log(
  `${events} events → ${fan.delivered}/${fan.deliveries} deliveries: this process's CPU ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s, ` +
    `${fan.perSecond.toFixed(0)} deliveries/s, emitted in ${(fan.emitMs / 1000).toFixed(1)} s, occurrence → receipt p50 ${fan.p50} / p99 ${fan.p99} ms`,
);
process.exit(0);
