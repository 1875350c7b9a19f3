import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { Agent, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { authorizationHeader, HMAC_SHA256, randomId } from '@credit-check/sdk/auth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../src/node/server.ts';
import { APP, CLEAN, checkBody, mint, signed } from './helpers.ts';
import { BIN, exited, type Spawned, spawnMock } from './process.ts';
import { receiver } from './receiver.ts';

interface Answer {
  status: number;
  body: Record<string, unknown>;
}

/**
 * One request on a connection of its own (no keep-alive): node:cluster hands connections to the
 * workers in turn, so a run of these reaches every worker.
 */
function fresh(
  origin: string,
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: string,
  agent?: Agent,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const options = agent ? { method, agent, headers } : { method, agent: false, headers: { ...headers, connection: 'close' } };
    const req = request(`${origin}${path}`, options, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d) => {
        text += d;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : {} }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const json = { 'content-type': 'application/json' };

describe('credit-check-mock --workers 2 (node:cluster, one shared --data-dir)', () => {
  let mock: Spawned;
  let token: string;
  const health = async (n: number) => Promise.all(Array.from({ length: n }, () => fresh(mock.origin, 'GET', '/healthz')));

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cc-workers-'));
    mock = await spawnMock(['--quiet', '--subjects', '50', '--workers', '2', '--data-dir', dir, '--allow-webhook-hosts', '127.0.0.1']);
    // The banner is worker 1's; the primary's line follows once every worker listens.
    for (let i = 0; i < 200 && !mock.output().includes('Workers '); i++) await new Promise((r) => setTimeout(r, 50));
    token = await mint({ origin: mock.origin } as RunningServer);
  }, 60_000);

  afterAll(async () => {
    mock.child.kill('SIGTERM');
    expect(await exited(mock.child)).toBe(0);
  });

  it('answers from both workers on one port', async () => {
    expect(mock.output()).toContain('Workers      2 processes');
    const workers = new Set((await health(12)).map((a) => a.body.worker));
    expect(workers).toEqual(new Set([1, 2]));
  });

  it('finds a check made at one worker from every worker (the store is shared)', async () => {
    const made = await fresh(
      mock.origin,
      'POST',
      '/api/v1/checks',
      { ...json, authorization: `Bearer ${token}` },
      JSON.stringify(checkBody()),
    );
    expect(made.status).toBe(201);
    const reads = await Promise.all(
      Array.from({ length: 8 }, () =>
        fresh(mock.origin, 'GET', `/api/v1/checks/${made.body.checkId}`, { authorization: `Bearer ${token}` }),
      ),
    );
    expect(reads.map((r) => r.status)).toEqual(Array(8).fill(200));
    expect(new Set(reads.map((r) => r.body.receipt))).toEqual(new Set([made.body.receipt]));
  });

  it('sees an entry listed at one worker in checks at every worker (no worker keeps a stale "nothing listed")', async () => {
    const check = () =>
      fresh(mock.origin, 'POST', '/api/v1/checks', { ...json, authorization: `Bearer ${token}` }, JSON.stringify(checkBody()));
    // Both workers have checked the subject (and so looked for entries listed since seeding: none).
    const before = await Promise.all(Array.from({ length: 6 }, check));
    expect(before.map((c) => c.body.verdict)).toEqual(Array(6).fill('clear'));
    const listed = await fresh(
      mock.origin,
      'POST',
      '/__mock/entries',
      json,
      JSON.stringify({ subject: CLEAN, listCode: 'SERIOUS_DISHONEST' }),
    );
    expect(listed.status).toBe(201);
    const after = await Promise.all(Array.from({ length: 6 }, check));
    expect(after.every((c) => c.body.verdict !== 'clear' && (c.body.entries as unknown[]).length > 0)).toBe(true);
    expect((await fresh(mock.origin, 'POST', '/__mock/reset')).status).toBe(200);
  });

  it('does one check for one Idempotency-Key sent to both workers at once', async () => {
    const key = randomId('idem_', 12);
    const answers = await Promise.all(
      Array.from({ length: 10 }, () =>
        fresh(
          mock.origin,
          'POST',
          '/api/v1/checks',
          { ...json, authorization: `Bearer ${token}`, 'idempotency-key': key },
          JSON.stringify(checkBody(CLEAN, 'FOOD_BUSINESS_LICENCE')),
        ),
      ),
    );
    const made = answers.filter((a) => a.status === 201);
    // The others were told to retry (409, in progress) while the first ran; none made a second check.
    expect(answers.every((a) => a.status === 201 || (a.status === 409 && a.body.code === 'IDEMPOTENCY_IN_PROGRESS'))).toBe(true);
    expect(made.length).toBeGreaterThan(0);
    expect(new Set(made.map((a) => a.body.checkId)).size).toBe(1);
    const again = await fresh(
      mock.origin,
      'POST',
      '/api/v1/checks',
      { ...json, authorization: `Bearer ${token}`, 'idempotency-key': key },
      JSON.stringify(checkBody(CLEAN, 'FOOD_BUSINESS_LICENCE')),
    );
    expect(again.body.checkId).toBe(made[0]?.body.checkId);
  });

  it('refuses a signed call replayed to the other worker (nonces are shared)', async () => {
    const body = JSON.stringify(checkBody());
    const authorization = await authorizationHeader(
      APP.appId,
      APP.appSecret,
      { method: 'POST', pathAndQuery: '/api/v1/checks', timestamp: Date.now(), nonce: randomId('', 16), body },
      HMAC_SHA256,
    );
    const answers = await Promise.all(
      Array.from({ length: 6 }, () => fresh(mock.origin, 'POST', '/api/v1/checks', { ...json, authorization }, body)),
    );
    expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
    expect(answers.filter((a) => a.status === 401).map((a) => a.body.code)).toEqual(Array(5).fill('NONCE_REUSED'));
  });

  it('holds a scenario and the clock set at one worker in every worker', async () => {
    expect((await fresh(mock.origin, 'POST', '/__mock/scenario', json, JSON.stringify({ kind: 'outage' }))).status).toBe(200);
    const during = await health(8);
    expect(new Set(during.map((a) => a.body.worker))).toEqual(new Set([1, 2]));
    expect(during.map((a) => a.status)).toEqual(Array(8).fill(503));
    expect((await fresh(mock.origin, 'DELETE', '/__mock/scenario')).status).toBe(200);
    expect((await health(8)).map((a) => a.status)).toEqual(Array(8).fill(200));

    expect((await fresh(mock.origin, 'POST', '/__mock/clock', json, JSON.stringify({ days: 3 }))).status).toBe(200);
    const checks = await Promise.all(
      Array.from({ length: 6 }, () =>
        fresh(mock.origin, 'POST', '/api/v1/checks', { ...json, authorization: `Bearer ${token}` }, JSON.stringify(checkBody())),
      ),
    );
    for (const c of checks) expect(Date.parse(c.body.checkedAt as string)).toBeGreaterThan(Date.now() + 2.9 * 86_400_000);
    expect((await fresh(mock.origin, 'POST', '/__mock/reset')).status).toBe(200);
  });

  it('delivers webhooks for events made at worker 2 (worker 1 delivers; worker 2 wakes it)', async () => {
    const hooks = await receiver();
    const res = await signed({ origin: mock.origin } as RunningServer, 'POST', '/api/v1/subscriptions', {
      department: '民政局',
      url: hooks.url,
    });
    expect(res.status).toBe(201);
    // One kept-alive connection that landed on worker 2: every event below is made there.
    let agent = new Agent({ keepAlive: true, maxSockets: 1 });
    for (let i = 0; i < 20 && (await fresh(mock.origin, 'GET', '/healthz', {}, undefined, agent)).body.worker !== 2; i++) {
      agent.destroy();
      agent = new Agent({ keepAlive: true, maxSockets: 1 });
    }
    try {
      expect((await fresh(mock.origin, 'GET', '/healthz', {}, undefined, agent)).body.worker).toBe(2);
      const emitted: string[] = [];
      for (let i = 0; i < 5; i++) {
        const listed = await fresh(
          mock.origin,
          'POST',
          '/__mock/entries',
          json,
          JSON.stringify({ subject: { idType: 'uscc', id: '91330106MA2FD1G85L' }, listCode: 'SERIOUS_DISHONEST' }),
          agent,
        );
        expect(listed.status).toBe(201);
        emitted.push(...(listed.body.events as { eventId: string }[]).map((e) => e.eventId));
      }
      expect(emitted.length).toBeGreaterThan(0);
      await hooks.until(() => emitted.every((id) => hooks.accepted.some((r) => r.headers['webhook-id'] === id)));
    } finally {
      agent.destroy();
      await hooks.close();
      await fresh(mock.origin, 'POST', '/__mock/reset');
    }
  }, 20_000);

  it('restarts a worker that dies, with its number', async () => {
    const pids = execFileSync('ps', ['-o', 'pid=', '--ppid', String(mock.child.pid)], { encoding: 'utf8' })
      .split('\n')
      .map((s) => Number(s.trim()))
      .filter(Boolean);
    expect(pids).toHaveLength(2);
    process.kill(pids[1] as number, 'SIGKILL');
    for (let i = 0; i < 200 && !mock.output().includes('restarting'); i++) await new Promise((r) => setTimeout(r, 50));
    expect(mock.output()).toMatch(/worker [12] ended: SIGKILL; restarting/);
    let workers = new Set<unknown>();
    for (let i = 0; i < 100 && workers.size < 2; i++) {
      await new Promise((r) => setTimeout(r, 50));
      workers = new Set((await health(6)).map((a) => a.body.worker));
    }
    expect(workers).toEqual(new Set([1, 2]));
  });
});

describe('credit-check-mock --workers that cannot start', () => {
  it('exits 1 with the reason when its port is taken (no worker restarted in a loop)', async () => {
    const taken = createServer().listen(0, '127.0.0.1');
    await new Promise((r) => taken.once('listening', r));
    try {
      const { port } = taken.address() as AddressInfo;
      const dir = mkdtempSync(join(tmpdir(), 'cc-workers-'));
      const run = spawnSync(process.execPath, [BIN, '--workers', '2', '--data-dir', dir, '--port', String(port), '--quiet'], {
        encoding: 'utf8',
        timeout: 30_000,
      });
      expect(run.status).toBe(1);
      // Not a terminal: the log is JSON on stdout, the worker's own failure on stderr.
      const said = run.stdout + run.stderr;
      expect(said).toContain('EADDRINUSE');
      expect(said).toContain('worker 1 ended before listening');
      expect(said).not.toContain('restarting');
    } finally {
      taken.close();
    }
  }, 40_000);
});
