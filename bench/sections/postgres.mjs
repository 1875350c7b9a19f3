// postgres — the platform past one host (issue 28): `POST /checks` through 1, 2 and 4
// `credit-check-mock --store postgres://…` instances over one PostgreSQL, beside one instance over
// SQLite (`--data-dir`), with the database's own CPU.
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { mintToken } from '@credit-check/sdk';
import { postgresMissing, startPostgres } from '../../scripts/postgres.mjs';
import { costsFrom, databaseBindsAt, project, projectHere } from '../capacity.mjs';
import { startCli } from '../cli.mjs';
import { cpuSeconds, pin, pinLoadGenerator } from '../cores.mjs';
import { fmt, load, mark } from '../lib.mjs';
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
    capacity: capacity(results, row),
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
      const lg0 = process.cpuUsage();
      const t0 = performance.now();
      const rounds = [await run(), await run()];
      const seconds = (performance.now() - t0) / 1000;
      const lg = process.cpuUsage(lg0);
      // The load generator is this process (autocannon in-process): its CPU is part of what a check
      // costs on this machine, not on a platform's.
      const loadGeneratorCores = (lg.user + lg.system) / 1e6 / seconds;
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
        loadGeneratorCores,
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

/** Within this of the measured rate, the projection for this machine holds. */
const PROJECTION_ERROR = 0.3;

/**
 * Capacity on paper (issue 42): CPU seconds per check from one instance over PostgreSQL, the
 * projection for this machine checked against the 1- and 2-instance rows measured above, then the
 * throughput of deployments this machine cannot show — N hosts × C cores of instances over one
 * PostgreSQL — and where the database becomes the limit. Printed, and kept in the report.
 */
function capacity(results, row) {
  const costs = costsFrom(results[1]);
  const cores = availableParallelism();
  const us = (s) => `${fmt(s * 1e6, 0)} µs`;
  // The model's premise is a constant CPU cost per check. Each configuration's own, to see whether it
  // held: where processes outnumber the cores (here), a check costs them more — the 2-instance check
  // below says by how much. The table is for instances and a database with cores of their own.
  const measured = [1, 2, 4].map((n) => ({ n, ...costsFrom(results[n]) }));
  for (const m of measured)
    console.log(
      `  capacity — CPU per check with ${m.n} instance${m.n > 1 ? 's' : ''}: instance ${us(m.instance)}, PostgreSQL ${us(m.database)}, load generator ${us(m.loadGenerator ?? 0)}`,
    );
  const checks = [1, 2].map((n) => {
    const projected = projectHere(costs, { cores, instances: n });
    const measured = results[n].rps;
    const error = projected.rps / measured - 1;
    row(
      'postgres',
      `capacity check: ${n} instance${n > 1 ? 's' : ''} on this machine (${cores} cores), projected from the 1-instance costs`,
      fmt(projected.rps, 0),
      fmt(measured, 0),
      `${error >= 0 ? '+' : ''}${fmt(error * 100, 0)} %`,
      `within ±${PROJECTION_ERROR * 100} % ${mark(Math.abs(error) <= PROJECTION_ERROR)}`,
      `bound by ${projected.limit}; measured row above`,
    );
    return { instances: n, projected: projected.rps, measured, error, limit: projected.limit };
  });
  const table = [];
  for (const databaseCores of [8, 16]) {
    for (const [hosts, coresPerHost] of [
      [1, 4],
      [2, 4],
      [2, 8],
      [4, 8],
      [8, 8],
    ]) {
      const p = project(costs, { hosts, coresPerHost, databaseCores });
      const planned = project(costs, { hosts, coresPerHost, databaseCores, utilisation: 0.6 });
      table.push({ hosts, coresPerHost, databaseCores, rps: p.rps, planned: planned.rps, limit: p.limit });
      row(
        'postgres',
        `capacity on paper: ${hosts} host${hosts > 1 ? 's' : ''} × ${coresPerHost} cores of instances, PostgreSQL on ${databaseCores} cores`,
        fmt(p.rps, 0),
        '',
        '',
        '',
        `checks/s at full use (${p.limit} bind); to plan on, at 60 % use (headroom for p99 and a host lost): ${fmt(planned.rps, 0)}`,
      );
    }
  }
  const binds = { 8: databaseBindsAt(costs, 8), 16: databaseBindsAt(costs, 16) };
  console.log(
    `  capacity — one PostgreSQL on 8 cores is the limit past ${fmt(binds[8], 0)} instance cores (16 cores: past ${fmt(binds[16], 0)}); before that, each instance core adds ${fmt(1 / costs.instance, 0)} checks/s`,
  );
  return { costs, measured, cores, checks, table, databaseBindsAt: binds };
}
