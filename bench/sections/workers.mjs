// workers — `credit-check-mock --workers N` (node:cluster over one --data-dir): the 1 → 2 worker scaling.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mintToken } from '@credit-check/sdk';
import { fmt, load } from '../lib.mjs';
import { APP, DEPARTMENT, OPERATOR } from './fixtures.mjs';

const require = createRequire(import.meta.url);
const BIN = join(require.resolve('@credit-check/mock-server/package.json'), '..', 'bin', 'credit-check-mock.js');

/** The real CLI with N workers over a fresh data dir; resolves once every worker listens. */
async function startCli(workers, subjects) {
  const dir = mkdtempSync(join(tmpdir(), 'cc-bench-workers-'));
  const args = [BIN, '--port', '0', '--quiet', '--subjects', String(subjects), '--data-dir', dir, '--workers', String(workers)];
  const proc = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  process.on('exit', () => proc.kill('SIGKILL'));
  let out = '';
  proc.stdout.on('data', (d) => {
    out += d;
  });
  proc.stderr.on('data', (d) => {
    out += d;
  });
  const ready = workers > 1 ? /Workers\s+\d+/ : /Receipts/;
  await new Promise((resolve, reject) => {
    const poll = setInterval(() => {
      if (!ready.test(out)) return;
      clearInterval(poll);
      resolve();
    }, 100);
    proc.once('exit', (code) => reject(new Error(`credit-check-mock exited ${code}:\n${out}`)));
  });
  const apiBase = /API\s+(http:\/\/\S+\/api\/v1)/.exec(out)[1];
  return {
    apiBase,
    stop: () =>
      new Promise((resolve) => {
        proc.once('exit', () => {
          rmSync(dir, { recursive: true, force: true });
          resolve();
        });
        proc.kill('SIGTERM');
      }),
  };
}

/** @param {import('./fixtures.mjs').BenchContext & { subjects: number }} ctx */
export async function workersSection({ bodies, report, row, duration, subjects }) {
  console.log(
    `\nworkers — credit-check-mock --workers N --data-dir, POST /checks, 64 connections, ${subjects.toLocaleString('en')} subjects`,
  );
  const results = {};
  for (const n of [1, 2]) {
    const cli = await startCli(n, subjects);
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
  report.results.workers = { ...results, scaling: results[2].rps / results[1].rps, subjects };
}
