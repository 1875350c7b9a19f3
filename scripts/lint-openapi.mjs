#!/usr/bin/env node
// Lints the OpenAPI document the platform serves (built from the contract) with Spectral and the
// OWASP API Security ruleset (.spectral.yaml). Exits non-zero on any error; prints the warnings'
// count by rule. Needs the build (packages/mock-server/dist).
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const { openApiDocument } = await import(`${root}packages/mock-server/dist/http/openapi.js`);
mkdirSync(`${root}.cache`, { recursive: true });
const file = `${root}.cache/openapi.json`;
writeFileSync(file, JSON.stringify(openApiDocument(), null, 1));
const run = spawnSync(
  `${root}node_modules/.bin/spectral`,
  ['lint', file, '--ruleset', `${root}.spectral.yaml`, '--format', 'json', '--fail-severity', 'error', '--quiet'],
  { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
);
let results;
try {
  results = JSON.parse(run.stdout || '[]');
} catch {
  console.error(run.stdout, run.stderr);
  process.exit(1);
}
const severity = ['error', 'warning', 'info', 'hint'];
const byRule = new Map();
for (const r of results) {
  const key = `${severity[r.severity]} ${r.code}`;
  byRule.set(key, (byRule.get(key) ?? 0) + 1);
}
const errors = results.filter((r) => r.severity === 0);
for (const r of errors.slice(0, 50)) console.error(`error ${r.code} at ${r.path.join('.')}: ${r.message}`);
for (const [rule, n] of [...byRule].sort()) console.log(`${String(n).padStart(5)}  ${rule}`);
console.log(`openapi-lint: ${errors.length} errors (Spectral spectral:oas + OWASP API Security 2023) on the served document`);

// A second, independent linter: Redocly's recommended rules (security on every operation, tags
// described, operation ids …). Errors fail; warnings are printed.
const redocly = spawnSync(process.execPath, [`${root}node_modules/@redocly/cli/bin/cli.js`, 'lint', file, '--format=json'], {
  encoding: 'utf8',
  maxBuffer: 64 * 1024 * 1024,
  env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
});
let redoclyTotals;
try {
  const report = JSON.parse(redocly.stdout);
  redoclyTotals = report.totals;
  for (const p of report.problems ?? []) console.log(`${p.severity} ${p.ruleId}: ${p.message} (${p.location?.[0]?.pointer ?? ''})`);
} catch {
  console.error(redocly.stdout, redocly.stderr);
}
const redoclyOk = redocly.status === 0 && redoclyTotals?.errors === 0;
console.log(`openapi-lint: ${redoclyTotals?.errors ?? '?'} errors, ${redoclyTotals?.warnings ?? '?'} warnings (Redocly recommended)`);
process.exit(errors.length === 0 && run.status === 0 && redoclyOk ? 0 : 1);
