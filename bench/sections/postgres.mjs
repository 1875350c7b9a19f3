// postgres — the platform past one host (issue 28): `POST /checks` through 1, 2 and 4
// `credit-check-mock --store postgres://…` instances over one PostgreSQL, beside one instance over
// SQLite (`--data-dir`), with the database's own CPU.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mintToken } from '@credit-check/sdk';
import { postgresMissing, startPostgres } from '../../scripts/postgres.mjs';
import { startCli } from '../cli.mjs';
import { cpuSeconds, pin, pinLoadGenerator } from '../cores.mjs';
import { fmt, load } from '../lib.mjs';
import { APP, DEPARTMENT, OPERATOR } from './fixtures.mjs';

const CONNECTIONS = 64;
/**
 * Cores apart where the machine has them: the load generator (this process) on core 0, PostgreSQL
 * on core 1, the instances on the rest (≥ 4 cores); with 3, the database and instances share 1–2.
 */
function coreSets() {
  const pinned = pinLoadGenerator(3, 'the load generator, the database and the instances share them');
  if (!pinned.restore) return { why: pinned.why };
  return pinned.cores >= 4
    ? { database: '1', instances: `2-${pinned.cores - 1}`, restore: pinned.restore }
    : { database: '1,2', instances: '1,2', restore: pinned.restore };
}

/** @param {import('./fixtures.mjs').BenchContext & { subjects: number }} ctx */
export async function postgresSection({ bodies, report, row, duration, subjects }) {
  const missing = postgresMissing();
  console.log(
    `\npostgres — POST /checks through N instances over one PostgreSQL, ${CONNECTIONS} connections split evenly (a round-robin balancer), ${subjects.toLocaleString('en')} subjects`,
  );
  if (missing) {
    console.log(`  skipped: ${missing}`);
    report.results.postgres = { skipped: missing };
    return;
  }
  const cores = coreSets();
  const pg = await startPostgres({ durable: true });
  if (cores.database) pin(pg.pid(), cores.database);
  const pinned = cores.database
    ? `load generator on core 0, PostgreSQL on ${cores.database}, instances on ${cores.instances}`
    : `not pinned: ${cores.why}`;
  report.config.database = `PostgreSQL ${pg.version}, a throwaway cluster on loopback (fsync on, synchronous_commit on: its defaults); each instance's pool 10 connections`;
  const results = {};
  try {
    results.sqlite = await measure('sqlite', 1);
    for (const n of [1, 2, 4]) results[n] = await measure('postgres', n);
  } finally {
    await pg.destroy();
    cores.restore?.();
  }
  const scaling = (n) => results[n].rps / results[1].rps;
  report.results.postgres = {
    ...results,
    scaling: { 2: scaling(2), 4: scaling(4) },
    pinned,
    subjects,
  };

  /** One configuration: a warm-up, then two rounds; CPU of the database and instances over the rounds. */
  async function measure(store, n) {
    const dir = store === 'sqlite' ? mkdtempSync(join(tmpdir(), 'cc-bench-sqlite-')) : undefined;
    const url = dir ? undefined : await pg.database(`bench_${n}_${Date.now()}`);
    const instances = await Promise.all(
      Array.from({ length: n }, (_, i) =>
        startCli(
          [
            '--subjects',
            String(subjects),
            ...(dir ? ['--data-dir', dir] : ['--store', /** @type {string} */ (url), '--instance', `i${i + 1}`]),
          ],
          { cores: cores.instances },
        ),
      ),
    );
    try {
      const { token } = await mintToken(
        { baseUrl: instances[0].apiBase, ...APP },
        { department: DEPARTMENT, operator: OPERATOR, matters: ['*'], ttlSeconds: 3600 },
      );
      const headers = { authorization: `Bearer ${token}` };
      // Every instance takes its share of the connections at once, as behind a round-robin balancer.
      const run = async () => {
        const parts = await Promise.all(
          instances.map((inst) => load({ url: `${inst.apiBase}/checks`, connections: CONNECTIONS / n, duration, headers, bodies })),
        );
        const total = parts.reduce((s, r) => s + r.total, 0);
        return {
          rps: parts.reduce((s, r) => s + r.rps, 0),
          p50: parts.reduce((s, r) => s + r.p50 * r.total, 0) / Math.max(1, total),
          p99: Math.max(...parts.map((r) => r.p99)),
          errors: parts.reduce((s, r) => s + r.errors + r.non2xx, 0),
        };
      };
      await run(); // warm-up
      const db0 = cpuSeconds(pg.pid());
      const app0 = instances.reduce((s, i) => s + cpuSeconds(i.pid), 0);
      const t0 = performance.now();
      const rounds = [await run(), await run()];
      const seconds = (performance.now() - t0) / 1000;
      const dbCpu = store === 'postgres' ? (cpuSeconds(pg.pid()) - db0) / seconds : undefined;
      const appCpu = (instances.reduce((s, i) => s + cpuSeconds(i.pid), 0) - app0) / seconds;
      const avg = (k) => rounds.reduce((s, r) => s + r[k], 0) / rounds.length;
      const result = {
        instances: n,
        rps: avg('rps'),
        p50: avg('p50'),
        p99: Math.max(...rounds.map((r) => r.p99)),
        errors: rounds.reduce((s, r) => s + r.errors, 0),
        databaseCores: dbCpu,
        instanceCores: appCpu,
      };
      const label =
        store === 'sqlite' ? '1 instance over SQLite, check req/s' : `${n} instance${n > 1 ? 's' : ''} over PostgreSQL, check req/s`;
      const base = store === 'postgres' && n > 1 ? results[1] : undefined;
      row(
        'postgres',
        label,
        fmt(result.rps, 0),
        base ? fmt(base.rps, 0) : '',
        base ? `${fmt(result.rps / base.rps, 2)} ×` : '',
        '',
        [
          `p50 ${fmt(result.p50)} ms, p99 ${fmt(result.p99)} ms, ${result.errors} errors`,
          dbCpu === undefined ? undefined : `database CPU ${fmt(dbCpu, 2)} cores`,
          `instances' CPU ${fmt(appCpu, 2)} cores`,
          n === 4 || store === 'sqlite' ? pinned : undefined,
        ]
          .filter(Boolean)
          .join(', '),
      );
      return result;
    } finally {
      await Promise.all(instances.map((i) => i.stop()));
      if (dir) rmSync(dir, { recursive: true, force: true });
    }
  }
}
