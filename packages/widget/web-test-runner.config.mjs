// @web/test-runner: the widget's tests in the system Chromium (CHROME_PATH) and Firefox ESR
// (FIREFOX_PATH or Debian's firefox-esr); nothing is downloaded. WTR_BROWSERS=chromium|firefox runs one.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter, summaryReporter } from '@web/test-runner';
import { chromeLauncher } from '@web/test-runner-chrome';
import * as puppeteer from 'puppeteer-core';
import { CHROMIUM, CHROMIUM_ARGS } from '../../scripts/chromium.mjs';
import { FIREFOX, FIREFOX_PREFS } from '../../scripts/firefox.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const require = createRequire(import.meta.url);
const workerScript = readFileSync(require.resolve('msw/mockServiceWorker.js'), 'utf8');

/** Writes pass/fail counts for scripts/test.mjs (WTR_RESULTS) — the summary line is not alone on a line. */
function countsReporter() {
  return {
    onTestRunFinished({ sessions }) {
      let passed = 0;
      let failed = 0;
      const walk = (suite) => {
        for (const t of suite?.tests ?? []) {
          if (t.skipped) continue;
          t.passed ? passed++ : failed++;
        }
        for (const s of suite?.suites ?? []) walk(s);
      };
      for (const session of sessions) {
        walk(session.testResults);
        if (!session.passed && session.errors?.length) failed += 1;
      }
      if (process.env.WTR_RESULTS) writeFileSync(process.env.WTR_RESULTS, JSON.stringify({ passed, failed }));
      console.log(`\nweb-test-runner counts: ${passed} passed, ${failed} failed`);
    },
  };
}

/**
 * The strict-CSP test page, served from a real URL with the policy as a header: a srcdoc frame
 * would do in Chromium, but Firefox does not put srcdoc frames under the page's service worker
 * (the mock platform), so their checks would never be answered.
 */
const CSP_VARIANTS = {
  strict: { csp: "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'", head: '' },
  nonce: {
    csp: "default-src 'self'; script-src 'self'; style-src 'nonce-cc-test-nonce'; connect-src 'self'",
    head: '<meta name="csp-nonce" content="cc-test-nonce"><script src="/packages/widget/src/test/no-adopted-stylesheets.js"></script>',
  },
};
function cspFrame(ctx, next) {
  if (ctx.path !== '/csp-frame.html') return next();
  const variant = CSP_VARIANTS[ctx.query.variant];
  const attr = (v) => String(v ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  if (!variant) return next();
  ctx.set('content-security-policy', variant.csp);
  ctx.type = 'text/html';
  ctx.body = `<!doctype html><html><head><meta charset="utf-8">
    <script src="/packages/widget/src/test/csp-probe.js"></script>${variant.head}
    <script type="module" src="/packages/widget/dist/credit-check.js"></script></head>
    <body><input id="code" value="${attr(ctx.query.code)}">
    <credit-check endpoint="/api/v1" token="${attr(ctx.query.token)}" matter="FOOD_BUSINESS_LICENCE" watch="#code" application-id="CSP-1"
      department="${attr(ctx.query.department)}" operator="${attr(ctx.query.operator)}"></credit-check></body></html>`;
}

/** Chromium always; Firefox ESR where the machine has it (scripts/test.mjs says when it has not). */
function browsers() {
  const only = process.env.WTR_BROWSERS;
  const list = [];
  if (!only || only === 'chromium') {
    list.push(chromeLauncher({ launchOptions: { executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS } }));
  }
  if ((!only || only === 'firefox') && FIREFOX) {
    list.push(
      // The same launcher over puppeteer-core's WebDriver BiDi: it names itself "Firefox".
      chromeLauncher({
        puppeteer: puppeteer.default ?? puppeteer,
        launchOptions: { browser: 'firefox', executablePath: FIREFOX, headless: true, extraPrefsFirefox: FIREFOX_PREFS },
      }),
    );
  }
  return list;
}

export default {
  rootDir: root,
  files: ['packages/widget/src/**/*.test.ts'],
  nodeResolve: { exportConditions: ['source', 'browser', 'development'] },
  plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: `${root}packages/widget/tsconfig.json` })],
  middleware: [
    cspFrame,
    // msw's worker must be served from the root to control the test pages.
    (ctx, next) => {
      if (ctx.path === '/mockServiceWorker.js') {
        ctx.type = 'application/javascript';
        ctx.body = workerScript;
        return;
      }
      return next();
    },
  ],
  browsers: browsers(),
  testFramework: { config: { timeout: 15000 } },
  testsFinishTimeout: 240000,
  concurrency: 1,
  reporters: [defaultReporter(), summaryReporter({ flatten: false }), countsReporter()],
};
