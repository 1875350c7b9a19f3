import { defaultClientConditions, defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';

// Workspace packages resolve to their TypeScript sources (`source` export condition) in tests.
const resolve = { conditions: ['source', ...defaultClientConditions] };
const ssr = { resolve: { conditions: ['source', ...defaultServerConditions], externalConditions: ['source'] } };
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
      project('mock-server', 'packages/mock-server', ['src/**/*.test.ts', 'test/**/*.test.ts']),
      // Node-side checks of the built widget (the browser tests run in @web/test-runner).
      project('widget', 'packages/widget', ['test/**/*.test.ts']),
      // The demo and examples end to end, in the system Chromium, against real servers.
      project('e2e', 'demo', ['e2e/**/*.test.ts'], { testTimeout: 60_000, hookTimeout: 120_000, fileParallelism: false }),
      // Long drills: only with `pnpm test:soak` (scripts/test.mjs --soak sets CREDIT_CHECK_SOAK).
      ...(process.env.CREDIT_CHECK_SOAK ? [project('soak', 'bench', ['soak.test.ts'], { testTimeout: 300_000 })] : []),
    ],
  },
});
