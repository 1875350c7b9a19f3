#!/usr/bin/env node
// Editors know the elements: web-component-analyzer (what Lit's editor plugin and lit-analyzer
// use) must see every attribute custom-elements.json lists — it saw none while the properties were
// a static field — and the manifest must describe every attribute and type every event.
// Needs the widget build (custom-elements.json). Exits non-zero on any gap.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const widget = `${root}packages/widget/`;
const manifest = JSON.parse(readFileSync(`${widget}custom-elements.json`, 'utf8'));
const elements = manifest.modules.flatMap((m) => (m.declarations ?? []).filter((d) => d.customElement && d.tagName));

mkdirSync(`${root}.cache`, { recursive: true });
const out = `${root}.cache/wca.json`;
const run = spawnSync(
  process.execPath,
  [
    `${root}node_modules/web-component-analyzer/cli.js`,
    'analyze',
    `${widget}src/credit-check/credit-check.ts`,
    `${widget}src/credit-alerts/credit-alerts.ts`,
    `${widget}src/define.ts`,
    `${widget}src/alerts.ts`,
    '--format',
    'json',
    '--outFile',
    out,
  ],
  { encoding: 'utf8' },
);
if (run.status !== 0) {
  console.error(run.stdout, run.stderr);
  process.exit(1);
}
const analyzed = new Map(JSON.parse(readFileSync(out, 'utf8')).tags.map((t) => [t.name, t]));

const problems = [];
for (const el of elements) {
  const seen = analyzed.get(el.tagName);
  const listed = (el.attributes ?? []).map((a) => a.name);
  const found = new Set((seen?.attributes ?? []).map((a) => a.name));
  const missing = listed.filter((a) => !found.has(a));
  if (missing.length) problems.push(`<${el.tagName}>: web-component-analyzer misses ${missing.join(', ')}`);
  for (const a of el.attributes ?? []) if (!a.description) problems.push(`<${el.tagName}> attribute ${a.name} has no description`);
  for (const e of el.events ?? []) if (!e.type?.text) problems.push(`<${el.tagName}> event ${e.name} has no type`);
  console.log(
    `<${el.tagName}>: ${found.size} of ${listed.length} attributes seen by web-component-analyzer, ${(el.events ?? []).length} events typed in custom-elements.json`,
  );
}
for (const p of problems) console.error(p);
const total = elements.reduce((n, el) => n + (el.attributes ?? []).length, 0);
console.log(`elements: ${total} attributes in all, ${problems.length} problems`);
process.exit(problems.length ? 1 : 0);
