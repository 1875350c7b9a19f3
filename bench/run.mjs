#!/usr/bin/env node
// `pnpm bench`: the numbers users pick this toolkit for, each beside its physical baseline, in one
// run. Prints a table and writes bench/results/latest.{json,md}. Not a test: nothing here passes or
// fails on timing; it measures and reports. One section per file in sections/ (as Hono's benchmarks/).
//   node bench/run.mjs [--subjects 1000000] [--duration 10] [--only server,workers,postgres,sdk,widget,events,gm,sizes]
import { execFileSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { child } from './lib.mjs';
import { writeReport } from './report.mjs';
import { eventsSection } from './sections/events.mjs';
import { gmSection } from './sections/gm.mjs';
import { postgresSection } from './sections/postgres.mjs';
import { sdkSection } from './sections/sdk.mjs';
import { seedSection } from './sections/seed.mjs';
import { serverSection } from './sections/server.mjs';
import { sizesSection } from './sections/sizes.mjs';
import { widgetSection } from './sections/widget.mjs';
import { workersSection } from './sections/workers.mjs';

const { values } = parseArgs({ options: { subjects: { type: 'string' }, duration: { type: 'string' }, only: { type: 'string' } } });
const SUBJECTS = Number(values.subjects ?? 1_000_000);
const DURATION = Number(values.duration ?? 10);
const only = new Set((values.only ?? 'server,workers,postgres,sdk,widget,events,gm,sizes').split(','));

/** The commit measured (and whether the tree had changes): figures belong to a HEAD. */
function commit() {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
    // The bench's own output (written by the previous run) is not a change to what is measured.
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no', '--', '.', ':!bench/results'], {
      encoding: 'utf8',
    }).trim();
    return dirty ? `${head} (with uncommitted changes)` : head;
  } catch {
    return 'unknown (not a git checkout)';
  }
}

const rows = [];
const report = {
  date: new Date().toISOString(),
  machine: { cpus: cpus().length, cpu: cpus()[0]?.model, memoryGB: Math.round(totalmem() / 1e9), node: process.version },
  config: {
    subjects: SUBJECTS,
    duration: DURATION,
    commit: commit(),
    command: `node bench/run.mjs ${process.argv.slice(2).join(' ')}`.trim(),
  },
  results: {},
};
const row = (section, metric, value, baseline, ratio, goal, note = '') => {
  rows.push({ section, metric, value, baseline, ratio, goal, note });
  console.log(
    `  ${metric.padEnd(44)} ${String(value).padStart(14)}  ${String(baseline ?? '').padStart(14)}  ${String(ratio ?? '').padStart(8)}  ${goal ?? ''} ${note}`,
  );
};

console.log(`credit-check bench — ${report.machine.cpus}× ${report.machine.cpu}, ${report.machine.memoryGB} GB, Node ${process.version}`);
console.log(`  ${'metric'.padEnd(44)} ${'value'.padStart(14)}  ${'baseline'.padStart(14)}  ${'ratio'.padStart(8)}  goal`);

if (['server', 'workers', 'postgres', 'sdk', 'widget'].some((s) => only.has(s))) {
  const mock = await child('./children/mock.mjs', [String(SUBJECTS)]);
  const info = mock.first;
  const ctx = { mock, info, report, row, duration: DURATION, ...(await seedSection({ info, report })) };
  // The SDK first, while this process is fresh (a load run leaves a large heap behind).
  if (only.has('sdk')) await sdkSection(ctx);
  if (only.has('server')) await serverSection({ ...ctx, subjects: SUBJECTS });
  if (only.has('widget')) await widgetSection(ctx);
  await mock.stop();
  // After the in-process mock is stopped: these are whole processes of their own.
  if (only.has('workers')) await workersSection({ ...ctx, subjects: SUBJECTS });
  if (only.has('postgres')) await postgresSection({ ...ctx, subjects: SUBJECTS });
}
if (only.has('events')) await eventsSection({ report, row });
// 国密 on its own pair of platforms (100 000 subjects: the suites differ in crypto, not in lookups).
if (only.has('gm')) await gmSection({ report, row, duration: DURATION, subjects: Math.min(SUBJECTS, 100_000) });
if (only.has('sizes')) await sizesSection({ report, row });

writeReport(report, rows);
