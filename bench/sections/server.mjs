// server — POST /checks under load against a bare node:http server answering a real check body, the
// peer (Prism) and the check floor (the same platform doing only the work a check keeps); the CPU
// per check; batch; RSS.
import { createRequire } from 'node:module';
import { createClient } from '@credit-check/sdk';
import { child, fmt, load, mark, percentile } from '../lib.mjs';
import { APP, context, MATTERS } from './fixtures.mjs';
import { startPrism } from './peer.mjs';

const ROUNDS = 3;
// Issue 42: half the CPU per check it measured (240–370 µs): at most half its upper end.
const HALF_CPU_US = 185;
const LOAD_GENERATOR = createRequire(import.meta.url)('autocannon/package.json').version;

/** @param {import('./fixtures.mjs').BenchContext & { subjects: number }} ctx */
export async function serverSection({ mock, info, auth, bodies, realCheckBody, report, row, duration: DURATION, subjects }) {
  console.log('\nserver — POST /api/v1/checks, 64 connections, bearer token, random subjects');
  row(
    'server',
    `seed ${info.subjects.toLocaleString('en')} subjects`,
    `${fmt(info.seedMs / 1000)} s`,
    '',
    '',
    `≤ 60 s ${mark(info.seedMs <= 60_000)}`,
  );
  row('server', 'RSS after seeding', `${fmt(info.rss / 1e6, 0)} MB`, '', '', '');
  const bare = await child('./children/bare.mjs');
  await bare.ask({ body: realCheckBody });
  const prism = await startPrism();
  // The check floor (children/floor.mjs): the same seed, answering with only the work a check keeps
  // — token, contract schema, rules, receipt signature, JSON — on node:http, no pipeline.
  const floor = await child('./children/mock.mjs', [String(subjects), '-', 'standard', 'floor']);
  // Each round starts on a quiet machine: a server still working off its queue (Prism is ~0.4 s
  // behind at the end of a round) or collecting garbage would otherwise load the next one's round.
  // With a pid: the server's CPU over the round, per request answered.
  const run = async (url, headers, pid) => {
    await new Promise((r) => setTimeout(r, 2000));
    return load({ url, connections: 64, duration: DURATION, headers, bodies, pid });
  };
  // The same load generator, bodies and connections for all four, in alternating rounds.
  const targets = {
    bare: () => run(`${bare.first.origin}/api/v1/checks`, {}, bare.proc.pid),
    prism: () => run(`${prism.origin}/api/v1/checks`, auth),
    mock: () => run(`${info.apiBase}/checks`, auth, mock.proc.pid),
    floor: () => run(`${floor.first.apiBase}/checks`, { authorization: `Bearer ${floor.first.token}` }, floor.proc.pid),
  };
  for (const warm of Object.values(targets)) await warm(); // warm-up (JIT, caches)
  // Rounds: each measures all four, in an order that rotates, so no side always follows the same
  // one. Ratios are taken within a round (both sides measured minutes apart at most) and reported
  // as the range over the rounds.
  const rounds = { bare: [], prism: [], mock: [], floor: [] };
  const names = Object.keys(targets);
  for (let round = 0; round < ROUNDS; round++) {
    for (let k = 0; k < names.length; k++) {
      const name = names[(k + round) % names.length];
      rounds[name].push(await targets[name]());
    }
  }
  await prism.stop();
  await floor.stop();
  const avg = (xs, k) => xs.reduce((s, x) => s + x[k], 0) / xs.length;
  const summary = (xs) => ({
    rps: avg(xs, 'rps'),
    p50: avg(xs, 'p50'),
    p99: avg(xs, 'p99'),
    errors: xs.reduce((s, x) => s + x.errors + x.non2xx, 0),
  });
  const server = summary(rounds.mock);
  const baseline = summary(rounds.bare);
  const peer = summary(rounds.prism);
  const floorSummary = summary(rounds.floor);
  const perRound = rounds.mock.map((m, r) => ({
    mock: m.rps,
    bare: rounds.bare[r].rps,
    prism: rounds.prism[r].rps,
    floor: rounds.floor[r].rps,
    ofBare: m.rps / rounds.bare[r].rps,
    vsPrism: m.rps / rounds.prism[r].rps,
    floorOfBare: rounds.floor[r].rps / rounds.bare[r].rps,
    cpuUs: m.cpuUs,
    floorCpuUs: rounds.floor[r].cpuUs,
    floorOfMockCpu: rounds.floor[r].cpuUs / m.cpuUs,
  }));
  const range = (k) => [Math.min(...perRound.map((x) => x[k])), Math.max(...perRound.map((x) => x[k]))];
  const [bareLo, bareHi] = range('ofBare');
  const [prismLo, prismHi] = range('vsPrism');
  const [floorLo, floorHi] = range('floorOfBare');
  const [cpuLo, cpuHi] = range('cpuUs');
  const [shareLo, shareHi] = range('floorOfMockCpu');
  report.config.load = { generator: `autocannon ${LOAD_GENERATOR}`, connections: 64, pipelining: 1, rounds: ROUNDS, pauseMs: 2000 };
  report.config.peer = { name: 'Stoplight Prism', version: prism.version, command: prism.command };
  report.results.server = {
    mock: server,
    bare: baseline,
    prism: { ...peer, version: prism.version },
    floor: floorSummary,
    rounds: perRound,
    ofBare: [bareLo, bareHi],
    vsPrism: [prismLo, prismHi],
    responseBytes: realCheckBody.length,
  };
  const rps = (xs) => xs.map((x) => fmt(x.rps, 0)).join(' · ');
  row(
    'server',
    `check req/s (response ${realCheckBody.length} B), per round`,
    rps(rounds.mock),
    rps(rounds.bare),
    `${fmt(100 * bareLo, 0)}–${fmt(100 * bareHi, 0)} %`,
    `≥ 35 % ${mark(bareLo >= 0.35)}`,
    'ratio per round, range over the rounds',
  );
  row(
    'server',
    `peer: Prism ${prism.version} on the same OpenAPI document, req/s`,
    rps(rounds.prism),
    '',
    '',
    '',
    `p50 ${fmt(peer.p50)} ms, p99 ${fmt(peer.p99)} ms, ${peer.errors} errors; ${prism.command}`,
  );
  row('server', 'mock / Prism (req/s), per round', `${fmt(prismLo, 2)}–${fmt(prismHi, 2)} ×`, '', '', `≥ 3 × ${mark(prismLo >= 3)}`);
  row(
    'server',
    'check floor: only the work a check keeps, on node:http, req/s',
    rps(rounds.floor),
    rps(rounds.bare),
    `${fmt(100 * floorLo, 0)}–${fmt(100 * floorHi, 0)} %`,
    '(printed; what no pipeline goes below)',
    `p99 ${fmt(floorSummary.p99)} ms, ${floorSummary.errors} errors; token, contract schema, rules, receipt signature, JSON (bench/children/floor.mjs)`,
  );
  const us = (xs) => xs.map((x) => fmt(x.cpuUs, 0)).join(' · ');
  row(
    'server',
    'CPU per check, server process (µs), per round',
    us(rounds.mock),
    `floor ${us(rounds.floor)}`,
    `floor ${fmt(100 * shareLo, 0)}–${fmt(100 * shareHi, 0)} %`,
    `≤ ${HALF_CPU_US} µs ${mark(cpuHi <= HALF_CPU_US)}`,
    `half the 240–370 µs issue 42 measured; the mock ${fmt(cpuLo, 0)}–${fmt(cpuHi, 0)} µs; bare ${us(rounds.bare)} µs per request`,
  );
  row('server', 'check latency p50', `${fmt(server.p50)} ms`, `${fmt(baseline.p50)} ms`, '', '');
  row('server', 'check latency p99', `${fmt(server.p99)} ms`, `${fmt(baseline.p99)} ms`, '', `≤ 20 ms ${mark(server.p99 <= 20)}`);
  row('server', 'errors + non-2xx during load', server.errors, '', '', `0 ${mark(server.errors === 0)}`);
  await bare.stop();
  // A batch of 1 000 subjects through the SDK (split over the cap of 100, 4 in parallel).
  const client = createClient({ baseUrl: info.apiBase, ...APP, cache: false });
  const times = [];
  let failed = 0;
  for (let r = 0; r < 3; r++) {
    const t = performance.now();
    const subjects = Array.from({ length: 1000 }, (_, k) => info.sample[(r * 1000 + k) % info.sample.length]);
    const out = await client.checkBatch({ matter: MATTERS[0], context: context(`batch-${r}`), subjects });
    times.push(performance.now() - t);
    failed += out.results.filter((x) => !x.ok).length;
  }
  const batchMs = percentile(times, 50);
  report.results.batch = { subjects: 1000, ms: batchMs, perSecond: 1000 / (batchMs / 1000), failed };
  row(
    'server',
    'batch of 1 000 (SDK, 10 × 100, 4 parallel)',
    `${fmt(batchMs, 0)} ms`,
    '',
    '',
    '',
    `${fmt(1000 / (batchMs / 1000), 0)} subjects/s, ${failed} failed`,
  );
  const after = await mock.ask('rss');
  report.results.rssAfterLoadMB = after.rss / 1e6;
  row('server', 'RSS after load (checks kept in memory)', `${fmt(after.rss / 1e6, 0)} MB`, '', '', '');
}
