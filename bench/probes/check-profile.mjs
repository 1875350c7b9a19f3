// Where a check's CPU goes under load: the mock (1 M subjects, as the server section runs it) under
// V8's profiler (--cpu-prof), POST /checks at 64 connections for two runs of `seconds`, then self
// time per function over those runs, largest first ((idle): waiting for the load generator).
//   node bench/probes/check-profile.mjs [seconds] [top] [function whose callers to print …]
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { child, fmt, load } from '../lib.mjs';
import { seedSection } from '../sections/seed.mjs';
import { printCallers, printSelfTime } from './self-time.mjs';

const seconds = Number(process.argv[2] ?? 8);
const top = Number(process.argv[3] ?? 25);
const dir = mkdtempSync(join(tmpdir(), 'cc-check-profile-'));
// Paths are relative to bench/lib.mjs, which forks the children.
const mock = await child('./children/mock.mjs', ['1000000'], ['--cpu-prof', `--cpu-prof-dir=${dir}`]);
const info = mock.first;
const { auth, bodies } = await seedSection({ info, report: { results: {} } });
for (let run = 0; run < 2; run++) {
  const r = await load({ url: `${info.apiBase}/checks`, connections: 64, duration: seconds, headers: auth, bodies });
  console.log(`run ${run + 1}: ${fmt(r.rps, 0)} req/s, p99 ${r.p99} ms`);
}
await mock.stop(); // the profile is written on exit
const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
if (!file) throw new Error(`no profile in ${dir}`);
const profile = JSON.parse(readFileSync(join(dir, file), 'utf8'));
printSelfTime(profile, { top, lastSeconds: 2 * seconds });
for (const name of process.argv.slice(4)) printCallers(profile, name);
rmSync(dir, { recursive: true, force: true });
process.exit(0);
