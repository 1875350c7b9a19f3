#!/usr/bin/env node
// `pnpm bench`: the numbers users pick this toolkit for, each beside its physical baseline, in one
// run. Prints a table and writes bench/results/latest.{json,md}. Not a test: nothing here passes or
// fails on timing; it measures and reports.
//   node bench/run.mjs [--subjects 1000000] [--duration 10] [--only server,sdk,widget,sizes]
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { cpus, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { Connection, check, createClient } from '@credit-check/sdk';
import { CHROMIUM, CHROMIUM_ARGS } from '../scripts/chromium.mjs';
import { child, fmt, load, percentile } from './lib.mjs';

const { values } = parseArgs({ options: { subjects: { type: 'string' }, duration: { type: 'string' }, only: { type: 'string' } } });
const SUBJECTS = Number(values.subjects ?? 1_000_000);
const DURATION = Number(values.duration ?? 10);
const only = new Set((values.only ?? 'server,sdk,widget,sizes').split(','));
const DEPARTMENT = '苏州市政务服务中心';
const OPERATOR = 'window-01';
const MATTERS = ['FOOD_BUSINESS_LICENCE', 'CONSTRUCTION_PERMIT', 'PROCUREMENT_SUPPLIER'];
const APP = { appId: 'sandbox-app', appSecret: 'sandbox-secret-change-me' };
const context = (i) => ({ applicationId: `BENCH-${i}`, department: DEPARTMENT, operator: OPERATOR, channel: 'window' });

const rows = [];
const report = {
  date: new Date().toISOString(),
  machine: { cpus: cpus().length, cpu: cpus()[0]?.model, memoryGB: Math.round(totalmem() / 1e9), node: process.version },
  config: { subjects: SUBJECTS, duration: DURATION },
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

const mock =
  only.has('server') || only.has('sdk') || only.has('widget') ? await child('./children/mock.mjs', [String(SUBJECTS)]) : undefined;
const info = mock?.first;

// ── platform: seed, one real check body ─────────────────────────────────────────────────────────────────────────────────
let realCheckBody;
let auth;
let bodies;
if (mock) {
  auth = { authorization: `Bearer ${info.token}` };
  bodies = info.sample.slice(0, 5000).map((subject, i) => JSON.stringify({ subject, matter: MATTERS[i % 3], context: context(i) }));
  // The bare server answers a body of the median size of real check responses.
  const sizes = [];
  for (const body of bodies.slice(0, 61)) {
    const text = await (
      await fetch(`${info.apiBase}/checks`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body })
    ).text();
    sizes.push(text);
  }
  sizes.sort((a, b) => a.length - b.length);
  realCheckBody = sizes[Math.floor(sizes.length / 2)];
  report.results.seed = { subjects: info.subjects, seconds: info.seedMs / 1000, rssMB: info.rss / 1e6 };
}

// ── sdk ────────────────────────────────────────────────────────────────────────────────────
if (only.has('sdk') && realCheckBody) {
  // First, while this process is fresh (a load run leaves a large heap behind).
  console.log('\nsdk — one check, sequential, against a bare server answering a real check body');
  const bare = await child('./children/bare.mjs');
  await bare.ask({ body: realCheckBody });
  const base = `${bare.first.origin}/api/v1`;
  const input = { subject: { idType: 'uscc', id: '91320100748204660Q' }, matter: MATTERS[0], context: context('sdk') };
  const connection = new Connection({ baseUrl: base, token: 'cct_bench.token', cache: false, retry: 0 });
  const raw = async () => {
    const res = await fetch(`${base}/checks`, {
      method: 'POST',
      headers: { authorization: 'Bearer cct_bench.token', 'content-type': 'application/json' },
      body: JSON.stringify(input),
    });
    return res.json();
  };
  const sdk = () => check(connection, input, { cache: false });
  const time = async (fn, n) => {
    const xs = [];
    for (let i = 0; i < n; i++) {
      const t = performance.now();
      await fn();
      xs.push(performance.now() - t);
    }
    return xs;
  };
  await time(raw, 200);
  await time(sdk, 200);
  const r = [];
  const s = [];
  for (let block = 0; block < 6; block++) {
    r.push(...(await time(raw, 100)));
    s.push(...(await time(sdk, 100)));
  }
  const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
  report.results.sdk = {
    rawMs: mean(r),
    sdkMs: mean(s),
    overheadMs: mean(s) - mean(r),
    ratio: mean(s) / mean(r),
    p50: { raw: percentile(r, 50), sdk: percentile(s, 50) },
  };
  row(
    'sdk',
    'check() per call vs raw fetch + JSON.parse',
    `${fmt(mean(s) * 1000, 0)} µs`,
    `${fmt(mean(r) * 1000, 0)} µs`,
    `${fmt(mean(s) / mean(r), 2)}×`,
    '',
    `+${fmt((mean(s) - mean(r)) * 1000, 0)} µs: validate, headers, parse response`,
  );
  await bare.ask('reset');
  const dedup = createClient({ baseUrl: base, token: 'cct_bench.token' });
  await Promise.all(Array.from({ length: 100 }, () => dedup.check(input)));
  const { count } = await (await fetch(`${bare.first.origin}/__count`)).json();
  report.results.dedup = { concurrent: 100, requests: count };
  row('sdk', '100 concurrent identical checks → requests', count, 100, '', '1');
  await bare.stop();
}

// ── server ─────────────────────────────────────────────────────────────────────────────────
if (mock) {
  if (only.has('server')) {
    console.log('\nserver — POST /api/v1/checks, 64 connections, bearer token, random subjects');
    row('server', `seed ${info.subjects.toLocaleString('en')} subjects`, `${fmt(info.seedMs / 1000)} s`, '', '', '≤ 60 s');
    row('server', 'RSS after seeding', `${fmt(info.rss / 1e6, 0)} MB`, '', '', '');
    const bare = await child('./children/bare.mjs');
    await bare.ask({ body: realCheckBody });
    const run = (url, headers) => load({ url, connections: 64, duration: DURATION, headers, bodies });
    await run(`${info.apiBase}/checks`, auth); // warm-up (JIT, caches)
    await run(`${bare.first.origin}/api/v1/checks`, {});
    const m = [];
    const b = [];
    for (let round = 0; round < 2; round++) {
      b.push(await run(`${bare.first.origin}/api/v1/checks`, {}));
      m.push(await run(`${info.apiBase}/checks`, auth));
    }
    const avg = (xs, k) => xs.reduce((s, x) => s + x[k], 0) / xs.length;
    const server = { rps: avg(m, 'rps'), p50: avg(m, 'p50'), p99: avg(m, 'p99'), errors: m.reduce((s, x) => s + x.errors + x.non2xx, 0) };
    const baseline = { rps: avg(b, 'rps'), p50: avg(b, 'p50'), p99: avg(b, 'p99') };
    report.results.server = { mock: server, bare: baseline, ratio: server.rps / baseline.rps, responseBytes: realCheckBody.length };
    row(
      'server',
      `check req/s (response ${realCheckBody.length} B)`,
      fmt(server.rps, 0),
      fmt(baseline.rps, 0),
      `${fmt((100 * server.rps) / baseline.rps, 0)} %`,
      '≥ 50 %',
    );
    row('server', 'check latency p50', `${fmt(server.p50)} ms`, `${fmt(baseline.p50)} ms`, '', '');
    row('server', 'check latency p99', `${fmt(server.p99)} ms`, `${fmt(baseline.p99)} ms`, '', '≤ 20 ms');
    row('server', 'errors + non-2xx during load', server.errors, '', '', '0');
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
}

// ── widget ─────────────────────────────────────────────────────────────────────────────────
const chrome = CHROMIUM;
if (only.has('widget') && info && !existsSync(chrome)) {
  console.log(`\nwidget — skipped: no Chromium at ${chrome} (set CHROME_PATH)`);
} else if (only.has('widget') && info) {
  console.log('\nwidget — last keystroke of a valid code → verdict painted, Chromium');
  const { chromium } = await import('playwright-core');
  const bundle = readFileSync(new URL('../packages/widget/dist/credit-check.js', import.meta.url));
  const page = `<!doctype html><meta charset="utf-8"><input id="code"><credit-check id="w" watch="#code" matter="${MATTERS[0]}" department="${DEPARTMENT}" operator="${OPERATOR}" application-id="B-0"></credit-check><script type="module" src="/credit-check.js"></script>`;
  const http = createServer((req, res) => {
    if (req.url === '/credit-check.js') res.writeHead(200, { 'content-type': 'text/javascript' }).end(bundle);
    else res.writeHead(200, { 'content-type': 'text/html' }).end(page);
  });
  await new Promise((r) => http.listen(0, '127.0.0.1', r));
  const browser = await chromium.launch({ executablePath: chrome, args: CHROMIUM_ARGS });
  try {
    const tab = await browser.newPage();
    await tab.goto(`http://127.0.0.1:${http.address().port}/`);
    await tab.waitForFunction(() => customElements.get('credit-check'));
    await tab.evaluate(
      ({ endpoint, token }) => {
        const w = document.querySelector('#w');
        const input = document.querySelector('#code');
        Object.assign(w, { endpoint, token });
        window.marks = [];
        input.addEventListener('input', () => {
          if (input.value.length === 18) window.t0 = performance.now();
        });
        w.addEventListener('credit-check-result', async () => {
          await w.updateComplete;
          requestAnimationFrame(() => requestAnimationFrame(() => window.marks.push(performance.now() - window.t0)));
        });
      },
      { endpoint: info.apiBase, token: info.token },
    );
    const codes = info.sample
      .filter((s) => s.idType === 'uscc')
      .slice(0, 40)
      .map((s) => s.id);
    for (let i = 0; i < codes.length; i++) {
      await tab.evaluate((i) => {
        const w = document.querySelector('#w');
        if (w.result) w.acknowledge();
        w.applicationId = `B-${i}`;
        const input = document.querySelector('#code');
        input.value = '';
        input.dispatchEvent(new Event('input', { bubbles: true }));
      }, i);
      await tab.fill('#code', codes[i].slice(0, 17));
      await tab.keyboard.type(codes[i].slice(17));
      await tab.waitForFunction((n) => window.marks.length >= n, i + 1, { timeout: 10_000 });
    }
    const widget = (await tab.evaluate(() => window.marks)).slice(5);
    // Two baselines from the same page: the raw fetch round trip (the physical limit), and the
    // same fetch plus writing the verdict and waiting for the same two frames (like for like).
    const base = await tab.evaluate(
      async ({ endpoint, token, codes, department, operator, matter }) => {
        const out = document.body.appendChild(document.createElement('output'));
        const fetched = [];
        const painted = [];
        for (let i = 0; i < codes.length; i++) {
          const t = performance.now();
          const res = await fetch(`${endpoint}/checks`, {
            method: 'POST',
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
            body: JSON.stringify({
              subject: { idType: 'uscc', id: codes[i] },
              matter,
              context: { applicationId: `R-${i}`, department, operator, channel: 'window' },
            }),
          });
          const check = await res.json();
          fetched.push(performance.now() - t);
          out.textContent = check.verdict;
          await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
          painted.push(performance.now() - t);
        }
        return { fetched: fetched.slice(5), painted: painted.slice(5) };
      },
      { endpoint: info.apiBase, token: info.token, codes, department: DEPARTMENT, operator: OPERATOR, matter: MATTERS[0] },
    );
    const w50 = percentile(widget, 50);
    const w95 = percentile(widget, 95);
    const f50 = percentile(base.fetched, 50);
    const f95 = percentile(base.fetched, 95);
    const p50 = percentile(base.painted, 50);
    const p95 = percentile(base.painted, 95);
    report.results.widget = {
      p50: w50,
      p95: w95,
      fetchP50: f50,
      fetchP95: f95,
      fetchPaintP50: p50,
      fetchPaintP95: p95,
      samples: widget.length,
    };
    row(
      'widget',
      'keystroke → painted p50, vs raw fetch',
      `${fmt(w50)} ms`,
      `${fmt(f50)} ms`,
      `${fmt(w50 / f50, 1)}×`,
      '',
      'raw fetch round trip, nothing painted',
    );
    row('widget', 'keystroke → painted p95, vs raw fetch', `${fmt(w95)} ms`, `${fmt(f95)} ms`, `${fmt(w95 / f95, 1)}×`, '');
    row(
      'widget',
      'keystroke → painted p50, vs fetch + paint',
      `${fmt(w50)} ms`,
      `${fmt(p50)} ms`,
      `${fmt(w50 / p50, 2)}×`,
      '',
      'same fetch, verdict written, same 2 frames',
    );
    row('widget', 'keystroke → painted p95, vs fetch + paint', `${fmt(w95)} ms`, `${fmt(p95)} ms`, `${fmt(w95 / p95, 2)}×`, '');
  } finally {
    await browser.close();
    http.close();
  }
}
if (mock) await mock.stop();

// ── sizes ──────────────────────────────────────────────────────────────────────────────────
if (only.has('sizes')) {
  console.log('\nsizes — minified, ES2020');
  const { measure } = await import('../packages/sdk/scripts/size.mjs');
  const { standaloneSize } = await import('../packages/widget/scripts/size.mjs');
  const kb = (n) => `${fmt(n / 1024)} KB`;
  const { measureEntries } = await import('../packages/sdk/scripts/size.mjs');
  const sdk = await measure();
  const lit = await measureEntries(new URL('../packages/widget/', import.meta.url).pathname, {
    'of which lit 3 + @lit/task': `export * from 'lit'; export * from '@lit/task';`,
  });
  const widget = standaloneSize();
  report.results.sizes = { sdk, widget };
  for (const s of sdk)
    row('sizes', `SDK ${s.name}`, `${kb(s.gzip)} gz`, `${kb(s.brotli)} br`, '', s.name.startsWith('check path') ? '≤ 18 KB gz' : '');
  row('sizes', 'widget dist/credit-check.js (lit+SDK+widget)', `${kb(widget.gzip)} gz`, `${kb(widget.brotli)} br`, '', '≤ 32 KB gz');
  for (const s of lit) row('sizes', `widget ${s.name}`, `${kb(s.gzip)} gz`, `${kb(s.brotli)} br`, '', '');
  report.results.sizes.lit = lit;
}

mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
writeFileSync(new URL('./results/latest.json', import.meta.url), `${JSON.stringify({ ...report, rows }, null, 2)}\n`);
const md = [
  `# credit-check bench — ${report.date.slice(0, 10)}`,
  '',
  `${report.machine.cpus}× ${report.machine.cpu}, ${report.machine.memoryGB} GB, Node ${report.machine.node}; ${SUBJECTS.toLocaleString('en')} subjects, ${DURATION} s per load run (2 rounds each, alternating).`,
  '',
  '| section | metric | value | baseline | ratio | goal | note |',
  '|---|---|---|---|---|---|---|',
  ...rows.map((r) => `| ${r.section} | ${r.metric} | ${r.value} | ${r.baseline ?? ''} | ${r.ratio ?? ''} | ${r.goal ?? ''} | ${r.note} |`),
  '',
];
writeFileSync(new URL('./results/latest.md', import.meta.url), md.join('\n'));
console.log('\nwrote bench/results/latest.json and latest.md');
