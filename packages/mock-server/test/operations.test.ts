import { request as httpRequest } from 'node:http';
import { validateIdNumber } from '@credit-check/sdk/identifiers';
import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { afterEach, describe, expect, it } from 'vitest';
import { fromEnvironment } from '../src/cli/serve.ts';
import type { RunningServer } from '../src/node/server.ts';
import { checkBody, PERSON_DEBTOR, signed, start } from './helpers.ts';
import { exited, spawnMock } from './process.ts';

// Issue 40: the platform as an operator runs it — drain on SIGTERM, JSON logs, /metrics, /livez and
// /readyz, every option from the environment.

const servers: RunningServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});
const started = async (options: Parameters<typeof start>[0] = {}) => {
  const s = await start(options);
  servers.push(s);
  return s;
};

/** A GET on its own connection (no agent pool): resolves with the status and body, or rejects. */
function get(url: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { headers, agent: false }, (res) => {
      let body = '';
      res.on('data', (d) => {
        body += d;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

const VALID_ID = /(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/g;

describe('shutdown (SIGTERM)', () => {
  it('answers a request in flight, refuses new connections, then exits 0', async () => {
    const { child, origin } = await spawnMock(['--quiet', '--subjects', '10']);
    const slow = get(`${origin}/api/v1/keys`, { prefer: 'delay=1500' });
    await new Promise((r) => setTimeout(r, 300));
    child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 200));
    // The listening socket is closed: a new connection is refused while the old request finishes.
    await expect(get(`${origin}/livez`)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    const answered = await slow;
    expect(answered.status).toBe(200);
    expect(JSON.parse(answered.body)).toHaveProperty('keys');
    expect(await exited(child)).toBe(0);
  });

  it('cuts a request that outlasts --drain-ms, and still exits 0', async () => {
    const { child, origin } = await spawnMock(['--quiet', '--subjects', '10', '--drain-ms', '300']);
    const hung = get(`${origin}/api/v1/keys`, { prefer: 'delay=20000' });
    await new Promise((r) => setTimeout(r, 200));
    const at = Date.now();
    child.kill('SIGTERM');
    await expect(hung).rejects.toBeTruthy();
    expect(await exited(child)).toBe(0);
    expect(Date.now() - at).toBeLessThan(5_000);
  });

  it('/readyz says draining (503) once close has begun, while /livez stays 200', async () => {
    const server = await started();
    expect((await server.app.fetch(new Request('http://127.0.0.1/readyz'))).status).toBe(200);
    const closing = server.close();
    const ready = await server.app.fetch(new Request('http://127.0.0.1/readyz'));
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ status: 'draining' });
    expect((await server.app.fetch(new Request('http://127.0.0.1/livez'))).status).toBe(200);
    await closing;
    servers.splice(servers.indexOf(server), 1);
  });
});

describe('logs', () => {
  it('are JSON lines when stdout is not a terminal: each parses, requests carry their id, no ID number anywhere', async () => {
    // Not into the run's audit file: this test puts an ID number in a URL on purpose (the sweep would fail).
    const { child, origin, output } = await spawnMock(['--subjects', '10'], { CREDIT_CHECK_LOG_FORMAT: '', CREDIT_CHECK_ACCESS_LOG: '' });
    const server = { origin } as RunningServer;
    try {
      expect((await signed(server, 'POST', '/api/v1/checks', checkBody(PERSON_DEBTOR))).status).toBe(201);
      // A client that puts an ID number in a URL: logged masked, flagged.
      expect((await fetch(`${origin}/api/v1/checks/${PERSON_DEBTOR.id}`)).status).toBeGreaterThanOrEqual(400);
      // A 核查码 looked up: the log keeps that it was asked, not which (a code opens a check's summary).
      expect((await fetch(`${origin}/api/v1/verifications/7K3M-9QXD`)).status).toBe(404);
      await fetch(`${origin}/livez`);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited(child)).toBe(0);
    const lines = output()
      .split('\n')
      .filter((l) => l.trim());
    const records = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    const requests = records.filter((r) => r.msg === 'request');
    expect(requests.length).toBeGreaterThanOrEqual(3);
    for (const r of requests) {
      expect(r.requestId).toEqual(expect.any(String));
      expect(r).toMatchObject({ level: 'info', method: expect.any(String), status: expect.any(Number) });
    }
    expect(records.find((r) => typeof r.api === 'string')?.api).toBe(`${origin}/api/v1`);
    expect(requests.find((r) => r.idInPath)?.path).not.toContain(PERSON_DEBTOR.id);
    expect(requests.find((r) => String(r.path).startsWith('/api/v1/verifications/'))?.path).toBe('/api/v1/verifications/***');
    expect(output()).not.toContain('7K3M-9QXD');
    const ids = [...output().matchAll(VALID_ID)].map((m) => m[0]).filter((id) => validateIdNumber(id).valid);
    expect(ids).toEqual([]);
    expect(output()).not.toContain('sandbox-secret-change-me');
    expect(records.some((r) => r.msg === 'draining' && r.signal === 'SIGTERM')).toBe(true);
  });
});

describe('/metrics', () => {
  it('scrapes with a Prometheus text parser: requests by route, checks by verdict and suite, the outbox depth', async () => {
    const server = await started();
    expect((await signed(server, 'POST', '/api/v1/checks', checkBody())).status).toBe(201);
    expect((await signed(server, 'POST', '/api/v1/checks', checkBody({ idType: 'uscc', id: '91330106MA2FD1G85L' }))).status).toBe(201);
    const res = await fetch(`${server.origin}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const families = parsePrometheusTextFormat(await res.text());
    const family = (name: string) => families.find((f) => f.name === name);
    const checks = family('credit_check_checks_total');
    expect(checks?.type).toBe('COUNTER');
    const byVerdict = Object.fromEntries((checks?.metrics ?? []).map((m) => [m.labels?.verdict, Number(m.value)]));
    expect(byVerdict).toMatchObject({ clear: 1, restrict: 1 });
    expect(checks?.metrics[0]?.labels).toMatchObject({ suite: 'standard', deferred: 'false' });
    const requests = family('credit_check_http_requests_total');
    expect(requests?.metrics.find((m) => m.labels?.route === '/api/v1/checks' && m.labels?.status === '201')?.value).toBe('2');
    const latency = family('credit_check_http_request_duration_seconds');
    expect(latency?.type).toBe('HISTOGRAM');
    // (This parser keeps a histogram's buckets but not its labels: the +Inf bucket counts every answer.)
    expect(latency?.metrics.some((m) => Number(m.buckets?.['+Inf']) >= 2)).toBe(true);
    expect(family('credit_check_outbox_pending')?.metrics[0]?.value).toBe('0');
    // No label carries what a caller typed: the subjects checked appear nowhere.
    const text = await (await fetch(`${server.origin}/metrics`)).text();
    expect(text).not.toContain('91330106MA2FD1G85L');
    expect(text).not.toContain('sandbox-app');
  });

  it('counts refusals by code (a rate-limited app) and needs the admin key when the server has one', async () => {
    const server = await started({ rateLimit: 1, adminKey: 'an-admin-key-of-16+' });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await signed(server, 'GET', '/api/v1/catalog/matters')).status);
    expect(statuses).toContain(429);
    expect((await fetch(`${server.origin}/metrics`)).status).toBe(401);
    const res = await fetch(`${server.origin}/metrics`, { headers: { authorization: 'Bearer an-admin-key-of-16+' } });
    expect(res.status).toBe(200);
    const problems = parsePrometheusTextFormat(await res.text()).find((f) => f.name === 'credit_check_problems_total');
    expect(Number(problems?.metrics.find((m) => m.labels?.code === 'RATE_LIMITED')?.value)).toBeGreaterThanOrEqual(1);
  });

  it('is absent with metrics off', async () => {
    const server = await started({ metrics: false });
    expect((await fetch(`${server.origin}/metrics`)).status).toBe(404);
  });
});

describe('options from the environment', () => {
  const names = ['port', 'host', 'data-dir', 'rate-limit', 'reseed', 'quiet', 'help'] as const;
  it('reads CREDIT_CHECK_<NAME>, PORT and HOST where the command line says nothing; the command line wins', () => {
    const env = {
      PORT: '9000',
      HOST: '0.0.0.0',
      CREDIT_CHECK_DATA_DIR: '/var/lib/cc',
      CREDIT_CHECK_RESEED: 'true',
      CREDIT_CHECK_HELP: 'true',
    };
    expect(fromEnvironment({ 'rate-limit': '5' }, env, ['reseed', 'quiet', 'help'], names)).toEqual({
      port: '9000',
      host: '0.0.0.0',
      'data-dir': '/var/lib/cc',
      'rate-limit': '5',
      reseed: true,
    });
    expect(fromEnvironment({ port: '8787' }, { PORT: '9000', CREDIT_CHECK_PORT: '9100' }, [], names)).toEqual({ port: '8787' });
    expect(fromEnvironment({}, { PORT: '9000', CREDIT_CHECK_PORT: '9100', CREDIT_CHECK_QUIET: '0' }, ['quiet'], names)).toEqual({
      port: '9100',
      quiet: false,
    });
  });

  it('a server configured by the environment logs as CREDIT_CHECK_LOG_FORMAT says, with /metrics off as CREDIT_CHECK_METRICS says', async () => {
    const { child, origin, output } = await spawnMock(['--subjects', '10'], {
      CREDIT_CHECK_LOG_FORMAT: 'json',
      CREDIT_CHECK_METRICS: 'off',
    });
    try {
      expect((await get(`${origin}/livez`)).status).toBe(200);
      expect((await get(`${origin}/metrics`)).status).toBe(404);
    } finally {
      child.kill('SIGTERM');
    }
    await exited(child);
    expect(() =>
      output()
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l)),
    ).not.toThrow();
  });
});
