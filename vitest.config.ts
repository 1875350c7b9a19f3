import { defaultClientConditions, defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';
import { postgresMissing } from './scripts/postgres.mjs';

// The PostgreSQL store's own suites need a PostgreSQL on the machine (CI provisions Debian's); without
// one they are left out, and the test runner's summary says so (scripts/test.mjs).
const noPostgres = postgresMissing() ? ['test/postgres-*.test.ts'] : [];

// Workspace packages resolve to their TypeScript sources (`source` export condition) in tests.
const resolve = { conditions: ['source', ...defaultClientConditions] };
// Not `module`: the conditions reach Node's own resolver too, and a `module` build is not always
// loadable by Node (@opentelemetry/api's, which prom-client requires, has extensionless imports).
const serverConditions = defaultServerConditions.filter((c) => c !== 'module');
const ssr = { resolve: { conditions: ['source', ...serverConditions], externalConditions: ['source'] } };
const project = (name: string, root: string, include: string[], extra: object = {}) => ({
  resolve,
  ssr,
  test: { name, root, include, environment: 'node', ...extra },
});

export default defineConfig({
  resolve,
  ssr,
  test: {
    projects: [
      project('sdk', 'packages/sdk', ['src/**/*.test.ts', 'test/**/*.test.ts']),
      // A throwaway PostgreSQL cluster for the PostgreSQL store's tests (test/global-setup.ts).
      project('mock-server', 'packages/mock-server', ['src/**/*.test.ts', 'test/**/*.test.ts'], {
        globalSetup: ['test/global-setup.ts'],
        exclude: ['**/node_modules/**', ...noPostgres],
      }),
      // Node-side checks of the built widget (the browser tests run in @web/test-runner).
      project('widget', 'packages/widget', ['test/**/*.test.{ts,tsx}']),
      // The demo and examples end to end, in the system Chromium, against real servers.
      project('e2e', 'demo', ['e2e/**/*.test.ts'], { testTimeout: 60_000, hookTimeout: 120_000, fileParallelism: false }),
      // The bench's own arithmetic (its capacity model); the bench itself is run by hand.
      project('bench', 'bench', ['capacity.test.ts']),
      // Long drills: only with `pnpm test:soak` (scripts/test.mjs --soak sets CREDIT_CHECK_SOAK).
      ...(process.env.CREDIT_CHECK_SOAK ? [project('soak', 'bench', ['soak.test.ts'], { testTimeout: 300_000 })] : []),
    ],
  },
});
