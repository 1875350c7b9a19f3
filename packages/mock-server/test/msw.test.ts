import { authorizationHeader, randomId } from '@credit-check/sdk/auth';
import { Check } from '@credit-check/sdk/contract';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMockPlatform } from '../src/index.ts';
import { checkBody } from './helpers.ts';

// The same app and handlers as the real server, served in-process by msw.
const mock = await createMockPlatform({ subjects: 0 });
const msw = setupServer(...mock.handlers);
beforeAll(() => msw.listen({ onUnhandledFrame: 'error' }));
afterAll(() => msw.close());

describe('msw in Node', () => {
  it('answers checks on any origin through the same handlers', async () => {
    const body = JSON.stringify(checkBody({ idType: 'uscc', id: '91330106MA2FD1G85L' }));
    const authorization = await authorizationHeader('sandbox-app', 'sandbox-secret-change-me', {
      method: 'POST',
      pathAndQuery: '/api/v1/checks',
      timestamp: Date.now(),
      nonce: randomId(),
      body,
    });
    const res = await fetch('https://credit.example.gov.cn/api/v1/checks', {
      method: 'POST',
      headers: { authorization, 'content-type': 'application/json' },
      body,
    });
    expect(res.status).toBe(201);
    expect(Check.parse(await res.json()).verdict).toBe('restrict');
  });

  it('turns a reset fault into a network error', async () => {
    await expect(
      fetch('https://credit.example.gov.cn/api/v1/checks', { method: 'POST', headers: { prefer: 'fault=reset' } }),
    ).rejects.toThrow();
  });
});
