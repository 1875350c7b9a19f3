// @web/test-runner: the widget's tests in the system Chromium (CHROME_PATH; nothing is downloaded).
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter, summaryReporter } from '@web/test-runner';
import { chromeLauncher } from '@web/test-runner-chrome';
import { CHROMIUM, CHROMIUM_ARGS } from '../../scripts/chromium.mjs';

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

export default {
  rootDir: root,
  files: ['packages/widget/src/**/*.test.ts'],
  nodeResolve: { exportConditions: ['source', 'browser', 'development'] },
  plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: `${root}packages/widget/tsconfig.json` })],
  middleware: [
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
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: CHROMIUM,
        headless: true,
        args: CHROMIUM_ARGS,
      },
    }),
  ],
  testFramework: { config: { timeout: 15000 } },
  testsFinishTimeout: 240000,
  concurrency: 1,
  reporters: [defaultReporter(), summaryReporter({ flatten: false }), countsReporter()],
};
