import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runConformance } from '../src/conformance/run.ts';
import { createMockPlatform } from '../src/index.ts';
import { APP } from './helpers.ts';

// The same app and handlers as the real server, served in-process by msw (its own file: msw
// intercepts every platform path on any origin, loopback servers included).
const mock = await createMockPlatform({ subjects: 0, apps: [APP] });
const msw = setupServer(...mock.handlers);
beforeAll(() => msw.listen({ onUnhandledFrame: 'error' }));
afterAll(() => msw.close());

describe('the conformance kit against the mock served by msw', () => {
  it('passes, on any origin', async () => {
    const report = await runConformance({ baseUrl: 'https://credit.example.gov.cn/api/v1', appId: APP.appId, appSecret: APP.appSecret });
    expect(report.results.filter((r) => r.status === 'failed').map((r) => `${r.id}: ${r.reason}`)).toEqual([]);
    expect(report.passed).toBeGreaterThan(30);
  });
});
