import { request } from 'node:http';
import { hostname, networkInterfaces } from 'node:os';
import { Check, Problem } from '@credit-check/sdk/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/node/server.ts';
import { checkBody, signed, start } from '../helpers.ts';

// The open loopback controls (`/__mock/*`) must not be fired by a web page the developer visits
// (issue 24, 4): no CORS, a foreign Origin refused, a foreign Host refused (DNS rebinding).

/** A raw HTTP request (fetch cannot set Host). */
function raw(server: RunningServer, method: string, path: string, headers: Record<string, string>, body = '') {
  const { port } = new URL(server.origin);
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d) => {
        text += d;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('/__mock/* on a loopback sandbox without an admin key', () => {
  let server: RunningServer;
  let check: string;
  beforeAll(async () => {
    server = await start({ controlOrigins: ['http://127.0.0.1:5173'] });
    check = Check.parse(await (await signed(server, 'POST', '/api/v1/checks', checkBody())).json()).checkId;
  });
  afterAll(() => server.close());
  const host = () => new URL(server.origin).host;
  const stillThere = async () => (await signed(server, 'GET', `/api/v1/checks/${check}`)).status;

  it('refuses a simple cross-origin POST from another page (text/plain, no preflight), with no CORS header', async () => {
    const res = await raw(
      server,
      'POST',
      '/__mock/reset',
      { host: host(), origin: 'http://evil.example', 'content-type': 'text/plain' },
      'x',
    );
    expect(res.status).toBe(403);
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    const problem = Problem.parse(JSON.parse(res.body));
    expect(problem.code).toBe('ORIGIN_NOT_ALLOWED');
    expect(problem.message['zh-CN']).toContain('网页');
    expect(await stillThere()).toBe(200);
  });

  it('refuses the opaque origin of a sandboxed frame or file page ("null")', async () => {
    const res = await raw(server, 'POST', '/__mock/reset', { host: host(), origin: 'null' });
    expect(res.status).toBe(403);
    expect(await stillThere()).toBe(200);
  });

  it('answers no preflight for the controls', async () => {
    const res = await raw(server, 'OPTIONS', '/__mock/scenario', {
      host: host(),
      origin: 'http://evil.example',
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'content-type',
    });
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    expect(res.headers['access-control-allow-methods']).toBeUndefined();
  });

  it('refuses a foreign Host (a DNS-rebound name pointing at 127.0.0.1)', async () => {
    for (const name of ['evil.example', `evil.example:${new URL(server.origin).port}`, 'attacker.127.0.0.1.nip.io']) {
      const res = await raw(server, 'POST', '/__mock/reset', { host: name });
      expect(res.status, name).toBe(403);
      expect(Problem.parse(JSON.parse(res.body)).code).toBe('HOST_NOT_ALLOWED');
    }
    expect(await stillThere()).toBe(200);
  });

  it('still serves the platform API across origins (the widget needs CORS there)', async () => {
    const res = await raw(server, 'GET', '/api/v1/openapi.json', { host: host(), origin: 'http://evil.example' });
    expect(res.status).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBe('*');
  });

  it('accepts the server’s own origin, the configured demo origin, no origin (curl, a test), and localhost', async () => {
    const port = new URL(server.origin).port;
    const scenario = (headers: Record<string, string>) => raw(server, 'GET', '/__mock/scenario', headers);
    expect((await scenario({ host: host(), origin: server.origin })).status).toBe(200);
    expect((await scenario({ host: host(), origin: 'http://127.0.0.1:5173' })).status).toBe(200);
    expect((await scenario({ host: host() })).status).toBe(200);
    expect((await scenario({ host: `localhost:${port}` })).status).toBe(200);
    expect((await scenario({ host: `[::1]:${port}` })).status).toBe(200);
    const own = await scenario({ host: host(), origin: server.origin });
    expect(own.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('/__mock/* with an admin key keeps the origin rule', () => {
  const ADMIN = 'admin-key-for-the-shared-sandbox';
  let server: RunningServer;
  beforeAll(async () => {
    server = await start({ adminKey: ADMIN, allowedHosts: ['sandbox.credit.example.gov.cn'] });
  });
  afterAll(() => server.close());

  it('refuses a foreign origin even with the key, and a Host not named', async () => {
    const host = new URL(server.origin).host;
    const auth = { authorization: `Bearer ${ADMIN}` };
    expect((await raw(server, 'POST', '/__mock/reset', { ...auth, host, origin: 'http://evil.example' })).status).toBe(403);
    expect((await raw(server, 'POST', '/__mock/reset', { ...auth, host: 'evil.example' })).status).toBe(403);
    expect((await raw(server, 'POST', '/__mock/reset', { ...auth, host: 'sandbox.credit.example.gov.cn' })).status).toBe(200);
  });
});

describe('/__mock/* with an admin key and no --allowed-hosts holds the Host rule too (issue 37)', () => {
  const ADMIN = 'admin-key-for-the-shared-sandbox';
  const auth = { authorization: `Bearer ${ADMIN}` };

  it('on loopback: a rebound name is refused even with the key; the loopback names answer', async () => {
    const server = await start({ adminKey: ADMIN });
    try {
      const port = new URL(server.origin).port;
      const res = await raw(server, 'POST', '/__mock/reset', { ...auth, host: `evil.example:${port}` });
      expect([res.status, Problem.parse(JSON.parse(res.body)).code]).toEqual([403, 'HOST_NOT_ALLOWED']);
      expect((await raw(server, 'GET', '/__mock/scenario', { ...auth, host: `127.0.0.1:${port}` })).status).toBe(200);
      expect((await raw(server, 'GET', '/__mock/scenario', { ...auth, host: `localhost:${port}` })).status).toBe(200);
    } finally {
      await server.close();
    }
  });

  it('bound to every interface: the machine’s own addresses and host name answer, a foreign name does not', async () => {
    const server = await start({ adminKey: ADMIN, host: '0.0.0.0' });
    try {
      const port = new URL(server.origin).port;
      const own = Object.values(networkInterfaces())
        .flat()
        .find((a) => a?.family === 'IPv4' && !a.internal)?.address;
      for (const name of [own, hostname()].filter(Boolean))
        expect((await raw(server, 'GET', '/__mock/scenario', { ...auth, host: `${name}:${port}` })).status, name).toBe(200);
      expect((await raw(server, 'POST', '/__mock/reset', { ...auth, host: `evil.example:${port}` })).status).toBe(403);
    } finally {
      await server.close();
    }
  });
});
