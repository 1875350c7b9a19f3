#!/usr/bin/env node
// Every check of the project, in order: lint + format (Biome), import cycles (madge), typecheck and
// build (tsc -b, widget bundle), the served OpenAPI document linted (Spectral + OWASP), package
// entries typed (attw), vitest (unit, integration, end-to-end in Chromium), web-test-runner (the
// widget in Chromium and Firefox ESR). Prints one `name: N passed, N failed` line per runner and a total; exits non-zero on
// any failure. `--soak` runs the long reliability drills instead.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const cache = `${root}.cache/test`;
rmSync(cache, { recursive: true, force: true });
mkdirSync(cache, { recursive: true });
const soak = process.argv.includes('--soak');
// Every server started during the test run appends its access log here; e2e browsers add the URLs
// they requested. The PII sweep reads it at the end. (Not for the soak: it would time file writes.)
const audit = `${cache}/audit.log`;

const results = [];
/** Said after the summary: what did not run here and why. */
const notes = [];
const sh = (name, command, args, env = {}) => {
  console.log(`\n▶ ${name}: ${command} ${args.join(' ')}`);
  const started = Date.now();
  const r = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  return { status: r.status ?? 1, seconds };
};
const step = (name, command, args, env) => {
  const { status, seconds } = sh(name, command, args, env);
  results.push({ name, passed: status === 0 ? 1 : 0, failed: status === 0 ? 0 : 1, seconds });
  return status === 0;
};
const bin = (name) => `${root}node_modules/.bin/${name}`;

if (soak) {
  const built = step('typecheck+build', 'pnpm', ['run', 'build']);
  const run = ['run', '--project', 'soak', '--reporter=default', '--reporter=json', `--outputFile.json=${cache}/soak.json`];
  const { status, seconds } = built ? sh('soak', bin('vitest'), run, { CREDIT_CHECK_SOAK: '1' }) : { status: 1, seconds: '0' };
  results.push({ name: 'soak', ...counts(`${cache}/soak.json`, status), seconds });
} else {
  process.env.CREDIT_CHECK_ACCESS_LOG = audit;
  step('lint', bin('biome'), ['ci', '.']);
  // No import cycles in packages/*/src (madge), type-only and dynamic imports included.
  step('cycles', process.execPath, ['scripts/cycles.mjs']);
  const built = step('typecheck+build', 'pnpm', ['run', 'build']);
  if (built) {
    // The contract as served, linted by a third party (Spectral + OWASP API Security ruleset).
    step('openapi-lint', process.execPath, ['scripts/lint-openapi.mjs']);
    // Every package entry has types a TypeScript user resolves (attw on the packed tarballs).
    step('packaging', process.execPath, ['scripts/packaging.mjs']);
    // Editors know the elements: web-component-analyzer sees every attribute the manifest lists.
    step('elements', process.execPath, ['scripts/elements.mjs']);
    // What we publish is what we test: the packed tarballs installed with plain npm in a fresh
    // project, every README and docs sample compiled (strict) and the runnable ones run from them.
    step('install', process.execPath, ['scripts/install-test.mjs']);
    // The documentation site: generated references (TypeDoc, custom-elements.json) and a VitePress
    // build that fails on a broken link, to a page or to a file of the repository.
    step('docs', 'pnpm', ['--filter', '@credit-check/docs', 'run', 'build']);
    // The PostgreSQL store's suites need Debian's postgresql (CI installs it): without it they are left
    // out (vitest.config.ts) — said below, and a failure where PostgreSQL is required.
    const { postgresMissing } = await import('./postgres.mjs');
    const noPostgres = postgresMissing();
    if (noPostgres) {
      if (process.env.CI || process.env.CREDIT_CHECK_REQUIRE_POSTGRES)
        results.push({ name: 'postgresql', passed: 0, failed: 1, seconds: '0' });
      notes.push(`the PostgreSQL store's tests did not run: ${noPostgres}`);
    }
    const v = sh('vitest', bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${cache}/vitest.json`]);
    results.push({ name: 'vitest', ...counts(`${cache}/vitest.json`, v.status), seconds: v.seconds });
    // The widget in Chromium and in Firefox ESR (信创 desktops ship both). A machine without Firefox
    // runs Chromium only and says so; CI must have both.
    const { FIREFOX } = await import('./firefox.mjs');
    if (!FIREFOX) {
      const why = 'no Firefox ESR found (apt-get install firefox-esr, or set FIREFOX_PATH)';
      if (process.env.CI) results.push({ name: 'firefox-esr', passed: 0, failed: 1, seconds: '0' });
      notes.push(`web-test-runner ran in Chromium only: ${why}`);
    }
    const w = sh('web-test-runner', bin('wtr'), ['--config', 'packages/widget/web-test-runner.config.mjs'], {
      WTR_RESULTS: `${cache}/wtr.json`,
    });
    results.push({
      name: `web-test-runner (Chromium${FIREFOX ? ', Firefox ESR' : ''})`,
      ...counts(`${cache}/wtr.json`, w.status),
      seconds: w.seconds,
    });
    step('pii-sweep', process.execPath, ['scripts/pii-sweep.mjs', audit]);
  } else {
    console.error('\nThe build failed: tests were not run (they need the built packages).');
  }
}

console.log('\n── summary ─────────────────────────────────────────');
let passed = 0;
let failed = 0;
for (const r of results) {
  passed += r.passed;
  failed += r.failed;
  console.log(`${r.name}: ${r.passed} passed, ${r.failed} failed (${r.seconds}s)`);
}
const ok = failed === 0 && results.length > 0;
console.log(`total: ${passed} passed, ${failed} failed`);
for (const note of notes) console.log(`note: ${note}`);
process.exit(ok ? 0 : 1);

/** Test counts from a runner's JSON report; a runner that crashed before reporting counts as one failure. */
function counts(file, status) {
  if (!existsSync(file)) return { passed: 0, failed: 1 };
  const json = JSON.parse(readFileSync(file, 'utf8'));
  const p = json.numPassedTests ?? json.passed ?? 0;
  let f = json.numFailedTests ?? json.failed ?? 0;
  // Failed suites (e.g. an import error) have no failed tests but a non-zero exit.
  if (status !== 0 && f === 0) f = 1;
  return { passed: p, failed: f };
}
