import { spawnSync } from 'node:child_process';
import { createClient } from '@credit-check/sdk';
import { Check, Problem } from '@credit-check/sdk/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../src/node/server.ts';
import { APP, CONTEXT, checkBody, signed, start } from './helpers.ts';
import { BIN } from './process.ts';

const ADMIN = 'admin-key-for-the-shared-sandbox';

describe('a sandbox safe to share: /__mock/* with an admin key', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await start({ adminKey: ADMIN });
  });
  afterAll(() => server.close());
  const control = (path: string, auth?: string, init: RequestInit = { method: 'POST' }) =>
    fetch(`${server.origin}/__mock${path}`, { ...init, headers: { ...(auth ? { authorization: auth } : {}), ...init.headers } });

  it('refuses an anonymous or wrong-key reset with 401, and loses nothing', async () => {
    const check = Check.parse(await (await signed(server, 'POST', '/api/v1/checks', checkBody())).json());
    for (const auth of [undefined, 'Bearer not-the-key', `Basic ${ADMIN}`, 'Bearer ']) {
      const res = await control('/reset', auth);
      expect(res.status, String(auth)).toBe(401);
      expect(res.headers.get('www-authenticate')).toContain('Bearer');
      const problem = Problem.parse(await res.json());
      expect(problem.code).toBe('UNAUTHENTICATED');
      expect(problem.message['zh-CN']).toContain('管理员密钥');
    }
    expect((await signed(server, 'GET', `/api/v1/checks/${check.checkId}`)).status).toBe(200);
  });

  it('refuses every other control anonymously: faults, the clock, list entries', async () => {
    expect(
      (
        await control('/scenario', undefined, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{"kind":"outage"}',
        })
      ).status,
    ).toBe(401);
    expect((await control('/scenario', undefined, { method: 'GET' })).status).toBe(401);
    expect((await control('/clock')).status).toBe(401);
    expect((await control('/entries')).status).toBe(401);
    // The scenario table is the README's table, no one's data: it stays readable.
    expect((await control('/scenarios', undefined, { method: 'GET' })).status).toBe(200);
  });

  it('lets the key holder reset', async () => {
    const check = Check.parse(await (await signed(server, 'POST', '/api/v1/checks', checkBody())).json());
    expect((await control('/reset', `Bearer ${ADMIN}`)).status).toBe(200);
    expect((await signed(server, 'GET', `/api/v1/checks/${check.checkId}`)).status).toBe(404);
  });
});

describe('binding beyond loopback', () => {
  it('is refused without an admin key, allowed with one', async () => {
    await expect(start({ host: '0.0.0.0' })).rejects.toThrow(/admin key/);
    const open = await start({ host: '0.0.0.0', adminKey: ADMIN });
    try {
      expect((await fetch(`${open.origin}/healthz`)).status).toBe(200);
      expect((await fetch(`${open.origin}/__mock/reset`, { method: 'POST' })).status).toBe(401);
    } finally {
      await open.close();
    }
    const cli = spawnSync(process.execPath, [BIN, '--port', '0', '--host', '0.0.0.0'], {
      encoding: 'utf8',
      env: { ...process.env, CREDIT_CHECK_ADMIN_KEY: '' },
    });
    expect([cli.status, cli.stderr]).toEqual([1, expect.stringContaining('CREDIT_CHECK_ADMIN_KEY')]);
    const short = spawnSync(process.execPath, [BIN, '--admin-key', 'short'], { encoding: 'utf8' });
    expect([short.status, short.stderr]).toEqual([2, expect.stringContaining('at least 16 characters')]);
  });
});

describe('per-app rate limits', () => {
  const OTHER = { appId: 'other-team', appSecret: 'other-team-secret-0001' };
  let server: RunningServer;
  beforeAll(async () => {
    server = await start({ rateLimit: 5, apps: [APP, OTHER] });
  });
  afterAll(() => server.close());
  const matters = (app: { appId: string; appSecret: string }) =>
    signed(server, 'GET', '/api/v1/catalog/matters', undefined, { appId: app.appId, secret: app.appSecret });

  it("answers 429 with Retry-After beyond an app's limit, while another app is served", async () => {
    const burst = await Promise.all(Array.from({ length: 12 }, () => matters(APP)));
    const limited = burst.filter((r) => r.status === 429);
    expect(burst.filter((r) => r.status === 200)).toHaveLength(5);
    expect(limited).toHaveLength(7);
    const problem = Problem.parse(await (limited[0] as Response).json());
    expect(problem).toMatchObject({ code: 'RATE_LIMITED', retryAfter: 1 });
    expect((limited[0] as Response).headers.get('retry-after')).toBe('1');
    expect(problem.message['zh-CN']).toContain('调用限额');
    // The other team's bucket is its own.
    expect((await matters(OTHER)).status).toBe(200);
  });

  it('tells each app its budget in IETF RateLimit headers, on plain and idempotent calls and on the 429', async () => {
    await new Promise((r) => setTimeout(r, 1100)); // a full bucket again
    const first = await matters(APP);
    expect(first.headers.get('ratelimit-policy')).toBe('"per-app";q=5;w=1');
    expect(first.headers.get('ratelimit')).toMatch(/^"per-app";r=4;t=1$/);
    const keyed = await signed(server, 'POST', '/api/v1/checks', checkBody(), { headers: { 'idempotency-key': 'rl-key-0001' } });
    expect(keyed.status).toBe(201);
    expect(keyed.headers.get('ratelimit')).toMatch(/^"per-app";r=3;t=\d+$/);
    const burst = await Promise.all(Array.from({ length: 6 }, () => matters(APP)));
    const limited = burst.find((r) => r.status === 429) as Response;
    expect(limited.headers.get('ratelimit')).toMatch(/^"per-app";r=0;t=\d+$/);
    expect(limited.headers.get('retry-after')).toBe('1');
  });

  it('the SDK waits the Retry-After and gets through', async () => {
    await Promise.all(Array.from({ length: 8 }, () => matters(APP)));
    const client = createClient({ baseUrl: server.apiBase, ...APP, retry: { limit: 3 } });
    const started = Date.now();
    const list = await client.listMatters();
    expect(list.matters.length).toBeGreaterThan(0);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });
});

describe("one app's data is invisible to another", () => {
  const OTHER = { appId: 'other-team', appSecret: 'other-team-secret-0001' };
  const as = (app: typeof OTHER) => ({ appId: app.appId, secret: app.appSecret });
  let server: RunningServer;
  beforeAll(async () => {
    server = await start({ apps: [APP, OTHER] });
  });
  afterAll(() => server.close());

  it("another app's check is not found (app and token alike), takes no feedback and counts nowhere but its own app", async () => {
    const check = Check.parse(await (await signed(server, 'POST', '/api/v1/checks', checkBody())).json());
    expect((await signed(server, 'GET', `/api/v1/checks/${check.checkId}`)).status).toBe(200);
    const read = await signed(server, 'GET', `/api/v1/checks/${check.checkId}`, undefined, as(OTHER));
    expect(read.status).toBe(404);
    expect(Problem.parse(await read.json()).code).toBe('NOT_FOUND');
    // Nor by its 核查编号, which is easier to guess than its id.
    expect((await signed(server, 'GET', `/api/v1/checks/${check.serial}`, undefined, as(OTHER))).status).toBe(404);
    // The other app's browser token, same department and operator, fares no better.
    const client = createClient({ baseUrl: server.apiBase, ...OTHER });
    const token = await client.mintToken({ department: CONTEXT.department, operator: CONTEXT.operator, matters: ['*'] });
    const byToken = await fetch(`${server.apiBase}/checks/${check.checkId}`, { headers: { authorization: `Bearer ${token.token}` } });
    expect(byToken.status).toBe(404);
    const feedback = await signed(
      server,
      'POST',
      `/api/v1/checks/${check.checkId}/feedback`,
      { action: 'informed', operator: CONTEXT.operator },
      as(OTHER),
    );
    expect(feedback.status).toBe(404);
    // Statistics and cases: the owner sees its check, the other app nothing of it.
    const total = async (app?: typeof OTHER) =>
      (await (await signed(server, 'GET', '/api/v1/stats/coverage', undefined, app ? as(app) : {})).json()).total as number;
    expect(await total()).toBe(1);
    expect(await total(OTHER)).toBe(0);
    expect(
      (await signed(server, 'POST', `/api/v1/checks/${check.checkId}/feedback`, { action: 'not-applicable', operator: CONTEXT.operator }))
        .status,
    ).toBe(201);
    const cases = async (app?: typeof OTHER) =>
      (await (await signed(server, 'GET', '/api/v1/cases', undefined, app ? as(app) : {})).json()).cases.length as number;
    expect(await cases()).toBe(1);
    expect(await cases(OTHER)).toBe(0);
  });
});
