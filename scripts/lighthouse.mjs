#!/usr/bin/env node
// Lighthouse on the approval hall as `npm start` serves it (production bundles, the mock platform
// beside it) and on every example host page, in the system Chromium: prints performance,
// accessibility and whether the page has a meta description, per page and per preset — the median
// and the range over --runs (default 3) — beside the goals (performance ≥ 90, accessibility 100,
// a description), and exits 1 when a median misses one.
// Presets: desktop (a 政务 counter is a desktop PC on an office network) and Lighthouse's default
// mobile preset (a slow phone on 4G: the applicant-facing pages are opened on phones too).
// Usage (after `pnpm run build`): node scripts/lighthouse.mjs [--runs N] [--preset desktop|mobile|both] [--json FILE]
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import { startDemo } from '../demo/dist/server/start.js';
import { CHROMIUM, CHROMIUM_ARGS } from './chromium.mjs';

const version = JSON.parse(readFileSync(createRequire(import.meta.url).resolve('lighthouse/package.json'), 'utf8')).version;
const { values } = parseArgs({
  options: { runs: { type: 'string' }, json: { type: 'string' }, preset: { type: 'string' }, page: { type: 'string' } },
});
const runs = Number(values.runs ?? 3);
const presets = values.preset && values.preset !== 'both' ? [values.preset] : ['desktop', 'mobile'];
const CONFIGS = { desktop: desktopConfig, mobile: undefined }; // undefined: Lighthouse's default, the mobile preset
const GOALS = { performance: 90, accessibility: 100 };
const PAGES = [
  ['受理大厅 (hall)', ''],
  ['逢办必查统计 (coverage)', 'coverage.html'],
  ['信用提醒 (alerts)', 'alerts.html'],
  ['examples index', 'examples/'],
  ['plain HTML', 'examples/plain-html/'],
  ['jQuery + Bootstrap 3', 'examples/legacy-jquery/'],
  ['Vue 3', 'examples/vue/'],
  ['React 19', 'examples/react/'],
].filter(([name]) => !values.page || name.includes(values.page));

const demo = await startDemo({ mockPort: 0, demoPort: 0, subjects: 1000 });
const chrome = await chromeLauncher.launch({
  chromePath: CHROMIUM,
  chromeFlags: ['--headless=new', ...CHROMIUM_ARGS, '--lang=zh-CN'],
});
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const rows = [];
let failed = false;
try {
  for (const preset of presets) {
    for (const [name, path] of PAGES) {
      const scores = { performance: [], accessibility: [] };
      const metrics = { lcp: [], cls: [], tbt: [], si: [] };
      let described = true;
      for (let i = 0; i < runs; i++) {
        const result = await lighthouse(
          demo.url + path,
          { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: ['performance', 'accessibility', 'seo'] },
          CONFIGS[preset],
        );
        const lhr = result?.lhr;
        if (!lhr) throw new Error(`no Lighthouse result for ${path}`);
        if (lhr.runtimeError) throw new Error(`${path}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
        for (const k of Object.keys(scores)) scores[k].push(Math.round((lhr.categories[k]?.score ?? 0) * 100));
        metrics.lcp.push(lhr.audits['largest-contentful-paint']?.numericValue ?? Number.NaN);
        metrics.cls.push(lhr.audits['cumulative-layout-shift']?.numericValue ?? Number.NaN);
        metrics.tbt.push(lhr.audits['total-blocking-time']?.numericValue ?? Number.NaN);
        metrics.si.push(lhr.audits['speed-index']?.numericValue ?? Number.NaN);
        if (lhr.audits['meta-description']?.score !== 1) described = false;
        // The accessibility failures by name, so a miss says what to fix.
        const misses = Object.values(lhr.audits).filter(
          (a) => a.score === 0 && lhr.categories.accessibility.auditRefs.some((r) => r.id === a.id),
        );
        if (misses.length) console.log(`  ${preset} · ${name}: ${misses.map((a) => a.id).join(', ')}`);
      }
      const row = {
        preset,
        page: name,
        performance: median(scores.performance),
        performanceRange: [Math.min(...scores.performance), Math.max(...scores.performance)],
        accessibility: median(scores.accessibility),
        accessibilityRange: [Math.min(...scores.accessibility), Math.max(...scores.accessibility)],
        lcpMs: Math.round(median(metrics.lcp)),
        siMs: Math.round(median(metrics.si)),
        cls: Number(median(metrics.cls).toFixed(3)),
        tbtMs: Math.round(median(metrics.tbt)),
        described,
      };
      if (row.performance < GOALS.performance || row.accessibility < GOALS.accessibility || !described) failed = true;
      rows.push(row);
      console.log(`  ${preset} · ${name}: performance ${scores.performance.join(', ')}`);
    }
  }
} finally {
  await chrome.kill();
  await demo.close();
}

const range = ([a, b]) => (a === b ? `${a}` : `${a}–${b}`);
console.log(`\nLighthouse ${version} · ${CHROMIUM} · ${presets.join(' + ')} · ${runs} run(s) per page · median (range)`);
console.log(`goals: performance ≥ ${GOALS.performance}, accessibility ${GOALS.accessibility}, a meta description\n`);
console.log('| preset | page | performance | accessibility | description | LCP ms | Speed Index ms | CLS | TBT ms |');
console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
for (const r of rows) {
  const ok = (v, goal) => (v >= goal ? '' : ' ✗');
  console.log(
    `| ${r.preset} | ${r.page} | ${r.performance} (${range(r.performanceRange)})${ok(r.performance, GOALS.performance)} | ${r.accessibility} (${range(r.accessibilityRange)})${ok(r.accessibility, GOALS.accessibility)} | ${r.described ? 'yes' : 'no ✗'} | ${r.lcpMs} | ${r.siMs} | ${r.cls} | ${r.tbtMs} |`,
  );
}
if (values.json) writeFileSync(values.json, JSON.stringify({ runs, presets, goals: GOALS, rows }, null, 2));
process.exit(failed ? 1 : 0);
