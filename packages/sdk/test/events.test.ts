import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Hono } from 'hono';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { permittedOutcomes } from '../src/contract/index.ts';
import { type CreditEvent, createClient, isCreditCheckError } from '../src/index.ts';
import { nodeWebhookHandler, verifyWebhook, webhookHandler } from '../src/webhooks/index.ts';
import { APP, CLEAN, checkInput, failure, PERSON } from './harness.ts';
import { type RunningServer, startServer } from './platform.ts';

// The SDK's side of 定向推送: subscriptions, the pull feed as a resumable iterator, acks, cases,
// and verifying deliveries (Standard Webhooks) in Node's http and in Hono.
let server: RunningServer;
beforeAll(async () => {
  // The receivers are on loopback: this sandbox opts in (a platform refuses loopback webhooks by default).
  server = await startServer({
    port: 0,
    subjects: 50,
    apps: [APP],
    webhooks: { retry: { baseMs: 20, maxAttempts: 3 } },
    webhookDestinations: { allow: ['127.0.0.1'] },
  });
});
afterAll(() => server.close());
beforeEach(async () => {
  await fetch(`${server.origin}/__mock/reset`, { method: 'POST' });
});
const list = (subject: object, listCode = 'SERIOUS_DISHONEST') =>
  fetch(`${server.origin}/__mock/entries`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ subject, listCode }),
  });

describe('events, subscriptions, acks and cases', () => {
  it('pulls the feed as an async iterator that resumes from a stored cursor', async () => {
    const backend = createClient({ baseUrl: server.apiBase, ...APP });
    await backend.subscriptions.create({ department: '民政局' });
    for (const s of [CLEAN, PERSON, CLEAN]) await list(s, s === PERSON ? 'COURT_DISHONEST_DEBTOR' : 'SERIOUS_DISHONEST');
    const seen: CreditEvent[] = [];
    let cursor: string | undefined;
    for await (const item of backend.events({ department: '民政局', limit: 2 })) {
      seen.push(item.event);
      cursor = item.cursor;
      if (seen.length === 2) break;
    }
    await list(PERSON, 'COURT_DISHONEST_DEBTOR');
    const rest: CreditEvent[] = [];
    for await (const item of backend.events({ department: '民政局', after: cursor })) rest.push(item.event);
    expect([...seen, ...rest].map((e) => [e.subject.idType, e.sequence])).toEqual([
      ['uscc', 1],
      ['idcard', 1],
      ['uscc', 2],
      ['idcard', 2],
    ]);
    // Typed union: data follows type.
    const first = seen[0] as CreditEvent;
    if (first.type === 'entry.listed') expect(first.data.entry.listCode).toBe('SERIOUS_DISHONEST');
    else throw new Error(`unexpected ${first.type}`);
  });

  it('acks with feedback, lists cases and exports them as CSV with a BOM; refuses bad input before sending', async () => {
    const backend = createClient({ baseUrl: server.apiBase, ...APP });
    await backend.subscriptions.create({ department: '民政局' });
    await list(CLEAN);
    const page = await backend.listEvents({ department: '民政局' });
    const eventId = page.items[0]?.event.eventId as string;
    const bad = await failure(backend.ackEvent(eventId, { department: '民政局', action: 'not-applicable', operator: 'x' }));
    expect(bad.code).toBe('INVALID_INPUT');
    const ack = await backend.ackEvent(eventId, { department: '民政局', action: 'punished', operator: '张三', amount: 2000 });
    expect(ack.amount).toBe(2000);
    const again = await failure(backend.ackEvent(eventId, { department: '民政局', action: 'rewarded', operator: '张三' }));
    expect(again.problemCode).toBe('ACK_EXISTS');
    const cases = await backend.listCases({ department: '民政局' });
    expect(cases.cases.map((c) => [c.source, c.kind, c.amount])).toEqual([['event', 'punishment', 2000]]);
    const csv = await backend.casesCsv({ department: '民政局' });
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv).toContain('惩戒');
    const check = await backend.check(checkInput());
    await backend.sendFeedback(check.checkId, { action: permittedOutcomes(check)[0] ?? 'refused', operator: 'window-01' });
    expect((await backend.listCases()).total).toBe(2);
  });

  it('manages subscriptions: the secret once, rotation, deletion', async () => {
    const backend = createClient({ baseUrl: server.apiBase, ...APP });
    const created = await backend.subscriptions.create({ department: '民政局', url: 'https://hooks.example.gov.cn/credit' });
    expect(created.secret).toMatch(/^whsec_/);
    const listed = await backend.subscriptions.list();
    expect(listed.subscriptions.map((s) => s.subscriptionId)).toEqual([created.subscriptionId]);
    const rotated = await backend.subscriptions.rotateSecret(created.subscriptionId, { overlapSeconds: 60 });
    expect(rotated.secret).not.toBe(created.secret);
    await backend.subscriptions.delete(created.subscriptionId);
    expect((await failure(backend.subscriptions.get(created.subscriptionId))).status).toBe(404);
  });
});

describe('verifyWebhook and the handlers', () => {
  it('accepts a delivery signed per Standard Webhooks and refuses a forged, stale or tampered one', () => {
    const secret = `whsec_${Buffer.from('0123456789abcdef0123456789abcdef').toString('base64')}`;
    const event = {
      eventId: 'evt_1',
      type: 'grade.changed',
      occurredAt: '2026-11-21T08:00:00.000Z',
      sequence: 1,
      subject: { idType: 'uscc', id: CLEAN.id, masked: false, name: '某公司', found: true },
      data: { grade: null, previous: null, tier: 'normal', previousTier: 'normal' },
      why: [],
    };
    const body = JSON.stringify(event);
    const now = new Date();
    const signature = new Webhook(secret).sign('evt_1', now, body);
    const headers = {
      'webhook-id': 'evt_1',
      'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
      'webhook-signature': signature,
    };
    expect(verifyWebhook(body, headers, secret)).toEqual(event);
    expect(verifyWebhook(body, new Headers(headers), ['whsec_b2xk', secret]).eventId).toBe('evt_1');
    for (const [b, h] of [
      [`${body} `, headers],
      [body, { ...headers, 'webhook-timestamp': String(Math.floor(now.getTime() / 1000) - 3600) }],
      [body, { ...headers, 'webhook-signature': 'v1,AAAA' }],
    ] as const) {
      let error: unknown;
      try {
        verifyWebhook(b, h, secret);
      } catch (e) {
        error = e;
      }
      expect(isCreditCheckError(error) && error.code).toBe('WEBHOOK_INVALID');
      expect(String((error as Error).message)).not.toContain(secret);
    }
  });

  it('receives real deliveries from the platform in Node http and in Hono, and the platform retries a failed handler', async () => {
    const backend = createClient({ baseUrl: server.apiBase, ...APP });
    const node: CreditEvent[] = [];
    const hono: CreditEvent[] = [];
    let failOnce = true;
    const secrets: Record<string, string> = {};
    const nodeServer = createServer((req, res) =>
      nodeWebhookHandler({ secret: secrets.node as string, onEvent: (e) => void node.push(e) })(req, res),
    );
    const app = new Hono();
    app.post('/hooks', (c) =>
      webhookHandler({
        secret: secrets.hono as string,
        onEvent: (e) => {
          if (failOnce) {
            failOnce = false;
            throw new Error('database busy');
          }
          hono.push(e);
        },
      })(c.req.raw),
    );
    const honoServer = createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      const response = await app.fetch(
        new Request(`http://127.0.0.1${req.url}`, {
          method: req.method,
          headers: req.headers as Record<string, string>,
          body: Buffer.concat(chunks),
        }),
      );
      res.writeHead(response.status);
      res.end(await response.text());
    });
    await Promise.all([nodeServer, honoServer].map((s) => new Promise<void>((r) => s.listen(0, '127.0.0.1', r))));
    const url = (s: typeof nodeServer) => `http://127.0.0.1:${(s.address() as AddressInfo).port}/hooks`;
    try {
      secrets.node = (await backend.subscriptions.create({ department: '民政局', url: url(nodeServer) })).secret;
      secrets.hono = (await backend.subscriptions.create({ department: '发展和改革委员会', url: url(honoServer) })).secret;
      await list(CLEAN);
      const deadline = Date.now() + 5000;
      while ((node.length < 1 || hono.length < 1) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      expect(node.map((e) => e.type)).toEqual(['entry.listed']);
      expect(hono.map((e) => e.eventId)).toEqual(node.map((e) => e.eventId));
    } finally {
      for (const s of [nodeServer, honoServer]) s.close();
    }
  });
});
