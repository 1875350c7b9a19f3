import { Problem } from '@credit-check/sdk/contract';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parsePrefer } from '../src/mock/faults.ts';
import type { RunningServer } from '../src/node/server.ts';
import { checkBody, signed, start } from './helpers.ts';

let server: RunningServer;
beforeAll(async () => {
  server = await start();
});
afterAll(() => server.close());
beforeEach(async () => {
  await fetch(`${server.origin}/__mock/reset`, { method: 'POST' });
});

const check = (prefer?: string) => signed(server, 'POST', '/api/v1/checks', checkBody(), prefer ? { headers: { prefer } } : {});

describe('faults on demand', () => {
  it('parses Prefer like Prism: code, delay, fault, retry-after', () => {
    expect(parsePrefer('code=503, retry-after=7')).toEqual({ kind: 'status', status: 503, retryAfter: 7 });
    expect(parsePrefer('code=429')).toEqual({ kind: 'rate-limit' });
    expect(parsePrefer('delay=1500')).toEqual({ kind: 'latency', delayMs: 1500 });
    expect(parsePrefer('fault=reset')).toEqual({ kind: 'reset' });
    expect(parsePrefer('return=minimal')).toBeNull();
    expect(parsePrefer('fault=explode')).toBeNull();
  });

  it('answers 5xx as problem+json, 503 and 429 with Retry-After', async () => {
    const e500 = await check('code=500');
    expect([e500.status, Problem.parse(await e500.json()).code]).toEqual([500, 'INTERNAL']);
    const e503 = await check('code=503, retry-after=3');
    expect(e503.headers.get('retry-after')).toBe('3');
    expect(Problem.parse(await e503.json())).toMatchObject({ code: 'UNAVAILABLE', retryAfter: 3 });
    const e429 = await check('code=429, retry-after=2');
    expect([e429.status, e429.headers.get('retry-after')]).toEqual([429, '2']);
  });

  it('delays, sends malformed or off-contract bodies', async () => {
    const started = Date.now();
    expect((await check('delay=300')).status).toBe(201);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    const malformed = await check('fault=malformed');
    expect(malformed.status).toBe(200);
    await expect(malformed.json()).rejects.toThrow();
    const off = (await (await check('fault=off-contract')).json()) as { verdict: string; receipt?: string };
    expect(off.verdict).toBe('green');
    expect(off.receipt).toBeUndefined();
  });

  it('drops the connection (reset) and can hang until the client gives up', async () => {
    await expect(check('fault=reset')).rejects.toThrow();
    const controller = new AbortController();
    const hanging = signed(server, 'POST', '/api/v1/checks', checkBody(), { headers: { prefer: 'fault=hang' }, signal: controller.signal });
    const outcome = await Promise.race([
      hanging.then(
        () => 'answered',
        () => 'failed',
      ),
      new Promise((r) => setTimeout(() => r('still hanging'), 300)),
    ]);
    expect(outcome).toBe('still hanging');
    controller.abort();
    await expect(hanging).rejects.toThrow();
  });

  it('a scenario fault applies to the next N requests, then clears; an outage drops everything until reset', async () => {
    await fetch(`${server.origin}/__mock/scenario`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'status', status: 502, times: 2 }),
    });
    expect((await check()).status).toBe(502);
    expect((await check()).status).toBe(502);
    expect((await check()).status).toBe(201);
    await fetch(`${server.origin}/__mock/scenario`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'outage' }),
    });
    await expect(check()).rejects.toThrow();
    expect((await fetch(`${server.origin}/healthz`)).status).toBe(503);
    await fetch(`${server.origin}/__mock/reset`, { method: 'POST' });
    expect((await check()).status).toBe(201);
  });

  it('validates scenario requests like any other input', async () => {
    const res = await fetch(`${server.origin}/__mock/scenario`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'meteor' }),
    });
    expect([res.status, Problem.parse(await res.json()).code]).toEqual([400, 'VALIDATION_FAILED']);
  });
});
