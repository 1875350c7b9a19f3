import { Check, DeliveryList, Problem } from '@credit-check/sdk/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/node/server.ts';
import { checkBody, signed, start } from '../helpers.ts';
import { receiver } from '../receiver.ts';

// SSRF through webhooks (issue 24, 3): the platform must never POST where a caller points it
// without checking the address — at subscription time and again after DNS at delivery time.
const subscribe = (server: RunningServer, url: string) =>
  signed(server, 'POST', '/api/v1/subscriptions', { department: '民政局', url, region: '32' });
const listEntry = (server: RunningServer) =>
  fetch(`${server.origin}/__mock/entries`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ subject: { idType: 'uscc', id: '91320100748204660Q' }, listCode: 'SERIOUS_DISHONEST' }),
  });

describe('a default server refuses webhook destinations inside', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await start();
  });
  afterAll(() => server.close());

  it('refuses its own /__mock/reset (one listed entry wiped every check before) and loses nothing', async () => {
    const check = Check.parse(await (await signed(server, 'POST', '/api/v1/checks', checkBody())).json());
    const res = await subscribe(server, `${server.origin}/__mock/reset`);
    expect(res.status).toBe(422);
    const problem = Problem.parse(await res.json());
    expect(problem.code).toBe('WEBHOOK_DESTINATION_FORBIDDEN');
    expect(problem.message['zh-CN']).toMatch(/本机|内网/);
    expect(problem.message.en).toMatch(/allow-webhook-hosts/);
    expect((await listEntry(server)).status).toBe(201);
    expect((await signed(server, 'GET', `/api/v1/checks/${check.checkId}`)).status).toBe(200);
  });

  it.each([
    'http://127.0.0.1:9/',
    'http://127.1/',
    'http://2130706433/',
    'http://0x7f000001/',
    'http://017700000001/',
    'http://localhost:8787/',
    'http://LOCALHOST./',
    'http://hooks.localhost/',
    'http://[::1]:8787/',
    'http://0.0.0.0:8787/',
    'http://[::]/',
    'http://169.254.169.254/latest/meta-data/',
    'http://10.1.2.3/',
    'http://172.16.0.9/',
    'http://192.168.1.1/',
    'http://100.64.0.1/',
    'http://224.0.0.251/',
    'http://255.255.255.255/',
    'http://[::ffff:127.0.0.1]/',
    'http://[::ffff:a9fe:a9fe]/',
    'http://[fe80::1]/',
    'http://[fc00::1]/',
    'http://[ff02::1]/',
    'http://[64:ff9b::7f00:1]/',
    'http://[2002:7f00:1::1]/',
    // IPv4-compatible (::/96, deprecated): the URL parser writes [::169.254.169.254] as [::a9fe:a9fe],
    // which ipaddr.js calls unicast (issue 37, 6).
    'http://[::169.254.169.254]/',
    'http://[::127.0.0.1]/',
    'http://[::10.0.0.1]/',
    'http://[::a9fe:a9fe]/',
    // SIIT (RFC 6145), local-use NAT64 (RFC 8215), Teredo (its client address is 127.0.0.1 inverted).
    'http://[::ffff:0:7f00:1]/',
    'http://[64:ff9b:1::a00:1]/',
    'http://[2001:0:4136:e378:8000:63bf:80ff:fffe]/',
    'http://user:secret@93.184.216.34/hooks',
  ])('refuses %s', async (url) => {
    const res = await subscribe(server, url);
    expect(res.status, url).toBe(422);
    expect(Problem.parse(await res.json()).code).toBe('WEBHOOK_DESTINATION_FORBIDDEN');
  });

  it('accepts a public address', async () => {
    expect((await subscribe(server, 'https://93.184.216.34/hooks')).status).toBe(201);
  });
});

describe('names are checked after DNS, at subscription and again at each delivery', () => {
  let server: RunningServer;
  let hooks: Awaited<ReturnType<typeof receiver>>;
  let answers: string[];
  beforeAll(async () => {
    hooks = await receiver();
    answers = [];
    server = await start({
      webhooks: { retry: { baseMs: 10, maxMs: 20, maxAttempts: 2 } },
      webhookDestinations: {
        // A name that resolves to a public address when the subscription is made, then to loopback
        // (DNS rebinding) — or to a private address from the start.
        lookup: async (hostname) => {
          if (hostname === 'intranet.example') return ['10.0.0.8'];
          const first = answers.length === 0;
          answers.push(hostname);
          return [first ? '93.184.216.34' : '127.0.0.1'];
        },
      },
    });
  });
  afterAll(async () => {
    await server.close();
    await hooks.close();
  });

  it('refuses a name that resolves inside when subscribing', async () => {
    const res = await subscribe(server, 'http://intranet.example/hooks');
    expect([res.status, Problem.parse(await res.json()).code]).toEqual([422, 'WEBHOOK_DESTINATION_FORBIDDEN']);
  });

  it('refuses to connect when the name resolves inside at delivery time (rebinding): nothing reaches the receiver', async () => {
    const port = new URL(hooks.url).port;
    const res = await subscribe(server, `http://rebind.example:${port}/hooks`);
    expect(res.status, await res.clone().text()).toBe(201);
    const { subscriptionId } = (await res.json()) as { subscriptionId: string };
    expect((await listEntry(server)).status).toBe(201);
    const dead = async () =>
      DeliveryList.parse(await (await signed(server, 'GET', `/api/v1/subscriptions/${subscriptionId}/deliveries?status=dead`)).json())
        .deliveries;
    const until = Date.now() + 5_000;
    while ((await dead()).length === 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
    const [letter] = await dead();
    expect(letter?.lastError).toMatch(/destination refused/);
    expect(hooks.received).toHaveLength(0);
    expect(answers.length).toBeGreaterThan(1);
  });
});

describe('local development opts in explicitly', () => {
  let server: RunningServer;
  let hooks: Awaited<ReturnType<typeof receiver>>;
  beforeAll(async () => {
    // The receiver redirects: a platform that followed would POST to its own /__mock/reset.
    let reset = '';
    hooks = await receiver(() => ({ status: 307, headers: { location: reset } }));
    server = await start({ webhookDestinations: { allow: ['127.0.0.1'] }, webhooks: { retry: { baseMs: 10, maxMs: 20, maxAttempts: 1 } } });
    reset = `${server.origin}/__mock/reset`;
  });
  afterAll(async () => {
    await server.close();
    await hooks.close();
  });

  it('delivers to an allowed loopback receiver, follows no redirect, and other loopback forms stay refused', async () => {
    expect((await subscribe(server, 'http://localhost:9/hooks')).status).toBe(422);
    const res = await subscribe(server, hooks.url);
    expect(res.status, await res.clone().text()).toBe(201);
    const { subscriptionId } = (await res.json()) as { subscriptionId: string };
    const check = Check.parse(await (await signed(server, 'POST', '/api/v1/checks', checkBody())).json());
    expect((await listEntry(server)).status).toBe(201);
    await hooks.until(() => hooks.received.length === 1);
    const until = Date.now() + 5_000;
    let lastError: string | null | undefined;
    while (!lastError && Date.now() < until) {
      const list = DeliveryList.parse(await (await signed(server, 'GET', `/api/v1/subscriptions/${subscriptionId}/deliveries`)).json());
      lastError = list.deliveries[0]?.lastError;
      if (!lastError) await new Promise((r) => setTimeout(r, 20));
    }
    expect(lastError).toBe('HTTP 307');
    expect((await signed(server, 'GET', `/api/v1/checks/${check.checkId}`)).status).toBe(200);
  });
});
