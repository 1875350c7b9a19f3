// workers — `credit-check-mock --workers N` (node:cluster over one --data-dir): the 1 → 2 worker scaling.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mintToken } from '@credit-check/sdk';
import { startCli } from '../cli.mjs';
import { pinLoadGenerator } from '../cores.mjs';
import { fmt, load, mark } from '../lib.mjs';
import { APP, DEPARTMENT, OPERATOR } from './fixtures.mjs';

/**
 * Cores for the platform and for the load generator, apart: scaling is only visible when the
 * second worker has a core the load generator is not using. Needs `taskset` and ≥ 3 cores: the load
 * generator (this process) gets core 0, the platform cores 1–2 for both runs (one worker can use
 * one of them, two workers both).
 */
function coreSets() {
  const pinned = pinLoadGenerator(3, "the load generator would share the second worker's core");
  return pinned.restore ? { platform: '1,2', restore: pinned.restore } : { why: pinned.why };
}

/** The real CLI with N workers over a fresh data dir; resolves once every worker listens. */
async function startWorkers(workers, subjects, cores) {
  const dir = mkdtempSync(join(tmpdir(), 'cc-bench-workers-'));
  const cli = await startCli(['--subjects', String(subjects), '--data-dir', dir, '--workers', String(workers)], { cores, workers });
  return {
    apiBase: cli.apiBase,
    stop: async () => {
      await cli.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** @param {import('./fixtures.mjs').BenchContext & { subjects: number }} ctx */
export async function workersSection({ bodies, report, row, duration, subjects }) {
  console.log(
    `\nworkers — credit-check-mock --workers N --data-dir, POST /checks, 64 connections, ${subjects.toLocaleString('en')} subjects`,
  );
  const results = {};
  const cores = coreSets();
  try {
    for (const n of [1, 2]) await measure(n);
  } finally {
    cores.restore?.();
  }
  const pinned = cores.platform ? `platform on cores ${cores.platform}, load generator on core 0` : `not pinned: ${cores.why}`;
  const scaling = results[2].rps / results[1].rps;
  row('workers', '2 workers / 1 worker', `${fmt(scaling, 2)} ×`, '', '', `≥ 1.5 × ${mark(scaling >= 1.5)}`, pinned);
  report.results.workers = { ...results, scaling, subjects, pinned };

  async function measure(n) {
    const cli = await startWorkers(n, subjects, cores.platform);
    const { token } = await mintToken(
      { baseUrl: cli.apiBase, ...APP },
      { department: DEPARTMENT, operator: OPERATOR, matters: ['*'], ttlSeconds: 3600 },
    );
    const run = () =>
      load({ url: `${cli.apiBase}/checks`, connections: 64, duration, headers: { authorization: `Bearer ${token}` }, bodies });
    await run(); // warm-up
    const rounds = [await run(), await run()];
    await cli.stop();
    const avg = (k) => rounds.reduce((s, r) => s + r[k], 0) / rounds.length;
    results[n] = { rps: avg('rps'), p50: avg('p50'), p99: avg('p99'), errors: rounds.reduce((s, r) => s + r.errors + r.non2xx, 0) };
    row(
      'workers',
      `${n} worker${n > 1 ? 's' : ''} (SQLite WAL), check req/s`,
      fmt(results[n].rps, 0),
      n > 1 ? fmt(results[1].rps, 0) : '',
      n > 1 ? `${fmt(results[n].rps / results[1].rps, 2)} ×` : '',
      '',
      `p50 ${fmt(results[n].p50)} ms, p99 ${fmt(results[n].p99)} ms, ${results[n].errors} errors`,
    );
  }
}
