import { faultMatrix } from '@credit-check/mock-server';
import { type RunningServer, startServer } from '@credit-check/mock-server/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreditCheckError, createClient, verifyReceipt } from '../src/index.ts';
import { APP, CONTEXT, checkInput, FOOD_BAN, PERSON } from './harness.ts';

let server: RunningServer;
beforeAll(async () => {
  server = await startServer({ port: 0, subjects: 100, apps: [APP] });
});
afterAll(() => server.close());

describe('over real HTTP', () => {
  it('a signed backend mints a token, the browser client checks, the backend verifies the receipt and records feedback', async () => {
    const backend = createClient({ baseUrl: server.apiBase, ...APP });
    const { token, expiresAt } = await backend.mintToken({
      department: CONTEXT.department,
      operator: CONTEXT.operator,
      matters: ['*'],
      ttlSeconds: 300,
    });
    const browser = createClient({ baseUrl: server.apiBase, getToken: () => ({ token, expiresAt }) });
    const check = await browser.check(checkInput(PERSON, 'PROCUREMENT_SUPPLIER'));
    expect(check.verdict).toBe('restrict');
    expect(check.subject.id).not.toBe(PERSON.id);
    const claims = await verifyReceipt(check.receipt, await backend.getKeys(), { checkId: check.checkId, subject: PERSON });
    expect(claims.verdict).toBe('restrict');
    const feedback = await browser.sendFeedback(check.checkId, {
      action: 'restricted',
      operator: CONTEXT.operator,
      measuresApplied: ['M-PROC-BAN'],
    });
    expect((await backend.getCheck(check.checkId)).feedback?.feedbackId).toBe(feedback.feedbackId);
  });

  it('many signed calls in parallel each carry a fresh nonce (none is refused as a replay)', async () => {
    const backend = createClient({ baseUrl: server.apiBase, ...APP, cache: false });
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) => backend.check({ ...checkInput(FOOD_BAN), context: { ...CONTEXT, applicationId: `PAR-${i}` } })),
    );
    expect(results.every((c) => c.verdict === 'restrict')).toBe(true);
  });

  it('a dropped connection is NETWORK, a platform that never answers is TIMEOUT', async () => {
    const client = createClient({ baseUrl: server.apiBase, ...APP, retry: 0, timeout: 300, headers: { prefer: 'fault=reset' } });
    await expect(client.check(checkInput())).rejects.toMatchObject({ code: 'NETWORK' });
    const hanging = createClient({ baseUrl: server.apiBase, ...APP, retry: 0, timeout: 300, headers: { prefer: 'fault=hang' } });
    const error = await hanging.check(checkInput()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CreditCheckError);
    expect((error as CreditCheckError).code).toBe('TIMEOUT');
  });

  it('nothing listening is NETWORK after the retries', async () => {
    const dead = createClient({ baseUrl: 'http://127.0.0.1:9/api/v1', ...APP, retry: { limit: 1, backoffLimit: 5 } });
    await expect(dead.check(checkInput())).rejects.toMatchObject({ code: 'NETWORK', attempts: 2 });
  });
});

describe('fault matrix over real HTTP: the documented error for every fault, never a result', () => {
  for (const { name, fault, code } of faultMatrix(300)) {
    it(`${name} → ${code}`, async () => {
      server.faults.set(fault);
      try {
        const client = createClient({ baseUrl: server.apiBase, ...APP, retry: { limit: 1, backoffLimit: 10 }, timeout: 300, cache: false });
        const error = await client.check(checkInput()).then(
          (result) => result,
          (e: unknown) => e,
        );
        expect(error).toBeInstanceOf(CreditCheckError);
        expect((error as CreditCheckError).code).toBe(code);
      } finally {
        server.faults.clear();
      }
    });
  }
});
