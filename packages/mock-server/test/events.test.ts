import type { CreditEvent, EventPage, Subscription, SubscriptionWithSecret } from '@credit-check/sdk/contract';
import { CreditEvent as CreditEventSchema, EventPage as EventPageSchema } from '@credit-check/sdk/contract';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { SANDBOX_DEPARTMENT } from '../src/index.ts';
import type { MockChange } from '../src/mock/schemas.ts';
import type { RunningServer } from '../src/node/server.ts';
import { bearer, CLEAN, checkBody, mint, PERSON_DEBTOR, signed, start } from './helpers.ts';
import { receiver } from './receiver.ts';

// 定向推送 (003 §六) and 响应—反馈 (003 §七) over real HTTP: routing, the pull feed, Standard
// Webhooks deliveries, retries, dead letters, rotation, acks, cases.
let server: RunningServer;
beforeAll(async () => {
  // The receivers run on loopback: this sandbox opts in to it (the default refuses it, test/security/webhooks.test.ts).
  server = await start({ webhooks: { retry: { baseMs: 20, maxMs: 100, maxAttempts: 3 } }, webhookDestinations: { allow: ['127.0.0.1'] } });
});
afterAll(() => server.close());
beforeEach(async () => {
  await fetch(`${server.origin}/__mock/reset`, { method: 'POST' });
});

const subscribe = async (body: object): Promise<SubscriptionWithSecret> => {
  const res = await signed(server, 'POST', '/api/v1/subscriptions', body);
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()) as SubscriptionWithSecret;
};
const control = async (path: string, body?: object): Promise<MockChange> => {
  const res = await fetch(`${server.origin}/__mock${path}`, {
    method: 'POST',
    headers: body ? { 'content-type': 'application/json' } : {},
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  expect(res.status, await res.clone().text()).toBeLessThan(300);
  return (await res.json()) as MockChange;
};
const feedOf = async (department: string, query = ''): Promise<EventPage> => {
  const res = await signed(server, 'GET', `/api/v1/events?department=${encodeURIComponent(department)}${query}`);
  expect(res.status, await res.clone().text()).toBe(200);
  return EventPageSchema.parse(await res.json());
};
const list = (subject: object = CLEAN, listCode = 'SERIOUS_DISHONEST') => control('/entries', { subject, listCode });

describe('routing (003 §六)', () => {
  it('reaches the measure implementers, the region, and who checked the subject — and no one else', async () => {
    await subscribe({ department: '民政局' });
    await subscribe({ department: '南京市发展和改革委员会', region: '3201' });
    await subscribe({ department: '深圳市市场监督管理局', region: '4403' });
    await subscribe({ department: SANDBOX_DEPARTMENT, types: ['entry.listed'] });
    expect((await signed(server, 'POST', '/api/v1/checks', checkBody())).status).toBe(201);

    const { events } = await list();
    expect(events).toHaveLength(1);

    const measure = (await feedOf('民政局')).items;
    expect(measure.map((i) => i.event.type)).toEqual(['entry.listed']);
    expect(measure[0]?.event.why.map((w) => [w.rule, w.measureId])).toContainEqual(['measure', 'M-PUBLIC-CRITICISM']);

    const region = (await feedOf('南京市发展和改革委员会')).items;
    expect(region[0]?.event.why).toEqual([expect.objectContaining({ rule: 'region', region: '3201' })]);

    const checked = (await feedOf(SANDBOX_DEPARTMENT)).items;
    expect(checked[0]?.event.why).toEqual([expect.objectContaining({ rule: 'checked', matter: 'FOOD_BUSINESS_LICENCE' })]);
    expect(checked[0]?.event.why[0]?.message['zh-CN']).toContain('核查过该主体');

    expect((await feedOf('深圳市市场监督管理局')).items).toEqual([]);
    // One event, one per-subject sequence, the same id everywhere.
    expect(new Set([measure, region, checked].map((items) => items[0]?.event.eventId))).toEqual(new Set([events[0]?.eventId]));
  });

  it('numbers events per subject and resumes the feed from a cursor', async () => {
    await subscribe({ department: '民政局' });
    const listed = await list();
    const entryId = listed.entry?.entryId as string;
    await control(`/entries/${entryId}/repair`);
    await list(CLEAN, 'COURT_DISHONEST_DEBTOR');
    const all = await feedOf('民政局');
    expect(all.items.map((i) => [i.event.type, i.event.sequence])).toEqual([
      ['entry.listed', 1],
      ['entry.repaired', 2],
      ['entry.listed', 3],
    ]);
    const first = await feedOf('民政局', '&limit=1');
    expect(first.next).toBe(first.items[0]?.cursor);
    const rest = await feedOf('民政局', `&after=${first.next}`);
    expect(rest.items.map((i) => i.event.sequence)).toEqual([2, 3]);
    expect(rest.next).toBeNull();
    const newest = await feedOf('民政局', '&order=desc&limit=2');
    expect(newest.items.map((i) => i.event.sequence)).toEqual([3, 2]);
    const repaired = all.items[1]?.event as CreditEvent;
    expect(repaired.type === 'entry.repaired' && repaired.data.entry.status).toBe('repaired');
  });

  it('follows an application accepted on commitment until the commitment is settled (002 (一))', async () => {
    const token = await mint(server, { scopes: ['commitments:write', 'events:read'] });
    const matters = (await (await signed(server, 'GET', '/api/v1/catalog/matters')).json()) as {
      matters: { code: string; commitmentText: { version: string } | null }[];
    };
    const version = matters.matters.find((m) => m.code === 'FOOD_BUSINESS_LICENCE')?.commitmentText?.version;
    await subscribe({ department: SANDBOX_DEPARTMENT, monitoringDays: 1 });
    const signedRes = await bearer(server, token, 'POST', '/api/v1/commitments', {
      subject: CLEAN,
      type: 'informed',
      matter: 'FOOD_BUSINESS_LICENCE',
      textVersion: version,
      applicationId: 'SZ-2026-000777',
    });
    expect(signedRes.status).toBe(201);
    const { commitmentId } = (await signedRes.json()) as { commitmentId: string };
    await list();
    await control(`/commitments/${commitmentId}/violate`);
    await list(CLEAN, 'COURT_DISHONEST_DEBTOR');
    const page = (await (await bearer(server, token, 'GET', '/api/v1/events')).json()) as EventPage;
    expect(page.items.map((i) => [i.event.type, i.event.why.map((w) => w.rule)])).toEqual([
      ['entry.listed', ['commitment']],
      ['commitment.violated', ['commitment']],
      // Settled by the violation: no longer followed for it (and no check routes it here).
    ]);
    const violated = page.items[1]?.event;
    expect(violated?.type === 'commitment.violated' && violated.data.commitment.status).toBe('violated');
  });

  it('fires expiries and due commitments when the clock passes them', async () => {
    await subscribe({ department: '民政局' });
    await subscribe({ department: '南京市政务服务中心', region: '32' });
    const token = await mint(server, { scopes: ['commitments:write'] });
    const res = await bearer(server, token, 'POST', '/api/v1/commitments', {
      subject: CLEAN,
      type: 'tolerance',
      matter: 'FOOD_BUSINESS_LICENCE',
      textVersion: 'v2026.1',
      deadline: nextDays(3),
      missingMaterials: ['卫生许可证'],
    });
    expect(res.status, await res.clone().text()).toBe(201);
    await control('/entries', { subject: CLEAN, listCode: 'SERIOUS_DISHONEST', publicationEndsAt: nextDays(2) });
    const moved = await control('/clock', { days: 5 });
    expect(moved.events.map((e) => e.type).sort()).toEqual(['commitment.due', 'entry.expired']);
    const types = (await feedOf('南京市政务服务中心')).items.map((i) => i.event.type);
    expect(types).toEqual(['entry.listed', 'entry.expired', 'commitment.due']);
    // Swept once: moving on does not fire them again.
    expect((await control('/clock', { days: 1 })).events).toEqual([]);
  });
});

const nextDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

describe('webhooks (Standard Webhooks)', () => {
  it('delivers signed events that a Standard Webhooks library verifies, the same as the pull feed', async () => {
    const hooks = await receiver();
    try {
      const sub = await subscribe({ department: '民政局', url: hooks.url });
      expect(sub.secret).toMatch(/^whsec_[A-Za-z0-9+/=]+$/);
      await list();
      await list(PERSON_DEBTOR, 'COURT_DISHONEST_DEBTOR');
      await hooks.until(() => hooks.accepted.length === 2);
      const wh = new Webhook(sub.secret);
      const delivered = hooks.accepted.map((r) => wh.verify(r.body, r.headers as Record<string, string>) as CreditEvent);
      for (const [i, r] of hooks.accepted.entries()) expect(r.headers['webhook-id']).toBe(delivered[i]?.eventId);
      const pulled = (await feedOf('民政局')).items.map((i) => i.event);
      expect(delivered.map((e) => CreditEventSchema.parse(e))).toEqual(
        pulled.map((e) => ({ ...e, subject: delivered.find((d) => d.eventId === e.eventId)?.subject })),
      );
      // Masked by default (least data): the person's ID number never leaves in clear.
      const person = delivered.find((e) => e.subject.idType === 'idcard');
      expect(person?.subject.masked).toBe(true);
      expect(hooks.accepted.map((r) => r.body).join('')).not.toContain(PERSON_DEBTOR.id);
      // A tampered body fails verification.
      const first = hooks.accepted[0];
      expect(() => wh.verify(`${first?.body} `, first?.headers as Record<string, string>)).toThrow();
    } finally {
      await hooks.close();
    }
  });

  it('reads an event once for its whole fan-out, however many subscriptions it reaches at once', async () => {
    const hooks = await receiver();
    const reads = vi.spyOn(server.platform.store, 'getEvent');
    try {
      const departments = ['民政局', '市场监管局', '税务局', '人社局', '住建局'];
      for (const department of departments) await subscribe({ department, url: hooks.url, region: '32' });
      await list();
      await hooks.until(() => hooks.accepted.length === departments.length);
      expect(new Set(hooks.accepted.map((r) => r.headers['webhook-id'])).size).toBe(1);
      expect(reads).toHaveBeenCalledTimes(1);
    } finally {
      reads.mockRestore();
      await hooks.close();
    }
  });

  it('reads the listed subject once for the listing and its event: the event shows what the entry was read with', async () => {
    await subscribe({ department: '民政局' });
    const reads = vi.spyOn(server.platform.store, 'entriesOf');
    try {
      const change = await list();
      const own = reads.mock.calls.filter(([key]) => key === `uscc:${CLEAN.id}`);
      expect(own).toHaveLength(1);
      const event = (await feedOf('民政局')).items[0]?.event;
      expect(event?.eventId).toBe(change.events[0]?.eventId);
      expect(event?.subject.id).toBe(CLEAN.id);
      expect((event?.data as { entry?: { entryId: string } } | undefined)?.entry?.entryId).toBe(change.entry?.entryId);
    } finally {
      reads.mockRestore();
    }
  });

  it("an event's entry is the entry the subject's file shows at that moment: listed, under objection, revoked", async () => {
    await subscribe({ department: '民政局' });
    const profileEntry = async (entryId: string) => {
      const res = await signed(server, 'POST', '/api/v1/profiles', { subject: CLEAN });
      return ((await res.json()) as { entries: { entryId: string }[] }).entries.find((e) => e.entryId === entryId);
    };
    const entryOfLatestEvent = async () => {
      const items = (await feedOf('民政局', '&order=desc')).items;
      return (items[0]?.event.data as { entry?: unknown } | undefined)?.entry;
    };
    const listed = await list();
    const entryId = listed.entry?.entryId as string;
    expect(await entryOfLatestEvent()).toEqual(await profileEntry(entryId));
    const filed = await signed(server, 'POST', '/api/v1/objections', { entryId, subject: CLEAN, reason: '认定依据有误' });
    expect(filed.status).toBe(201);
    const underObjection = await entryOfLatestEvent();
    expect(underObjection).toMatchObject({ status: 'under-objection' });
    expect(underObjection).toEqual(await profileEntry(entryId));
    const { objectionId } = (await filed.json()) as { objectionId: string };
    await signed(server, 'POST', `/api/v1/objections/${objectionId}/decision`, { outcome: 'upheld', note: '经核实予以撤销' });
    const revoked = await entryOfLatestEvent();
    expect(revoked).toMatchObject({ status: 'revoked' });
    expect(revoked).toEqual(await profileEntry(entryId));
  });

  it('retries a receiver that is down, in order per subject, then dead-letters and redelivers on request', async () => {
    let up = false;
    const hooks = await receiver(() => (up ? 204 : 503));
    try {
      const sub = await subscribe({ department: '民政局', url: hooks.url });
      const first = await list();
      await control(`/entries/${first.entry?.entryId}/repair`);
      // maxAttempts 3 in this server: the head of the chain dies, then the next is tried.
      await hooks.until(() => hooks.received.length >= 6);
      const dead = await (await signed(server, 'GET', `/api/v1/subscriptions/${sub.subscriptionId}/deliveries?status=dead`)).json();
      expect(dead.deliveries.map((d: { type: string; lastError: string }) => [d.type, d.lastError])).toEqual([
        ['entry.listed', 'HTTP 503'],
        ['entry.repaired', 'HTTP 503'],
      ]);
      const attempts = hooks.received.map((r) => r.headers['webhook-id']);
      const ids = [...new Set(attempts)];
      // Strictly in order: every attempt of the first before any of the second.
      expect(attempts).toEqual([ids[0], ids[0], ids[0], ids[1], ids[1], ids[1]]);
      const view = (await (await signed(server, 'GET', `/api/v1/subscriptions/${sub.subscriptionId}`)).json()) as Subscription;
      expect(view.deadLetters).toBe(2);

      up = true;
      const redone = await signed(server, 'POST', `/api/v1/subscriptions/${sub.subscriptionId}/deliveries/redeliver`, {});
      expect(await redone.json()).toEqual({ redelivered: 2 });
      await hooks.until(() => hooks.accepted.length === 2);
      expect(hooks.accepted.map((r) => r.headers['webhook-id'])).toEqual(ids);
      const delivered = await (
        await signed(server, 'GET', `/api/v1/subscriptions/${sub.subscriptionId}/deliveries?status=delivered`)
      ).json();
      expect(delivered.deliveries).toHaveLength(2);
    } finally {
      await hooks.close();
    }
  });

  it('signs with both secrets during a rotation overlap', async () => {
    const hooks = await receiver();
    try {
      const sub = await subscribe({ department: '民政局', url: hooks.url });
      const res = await signed(server, 'POST', `/api/v1/subscriptions/${sub.subscriptionId}/secret`, { overlapSeconds: 3600 });
      const rotated = (await res.json()) as SubscriptionWithSecret;
      expect(rotated.secret).not.toBe(sub.secret);
      expect(rotated.previousSecretValidUntil).not.toBeNull();
      await list();
      await hooks.until(() => hooks.accepted.length === 1);
      const r = hooks.accepted[0] as { body: string; headers: Record<string, string> };
      expect(r.headers['webhook-signature']?.split(' ')).toHaveLength(2);
      expect(() => new Webhook(sub.secret).verify(r.body, r.headers)).not.toThrow();
      expect(() => new Webhook(rotated.secret).verify(r.body, r.headers)).not.toThrow();
      const ended = await signed(server, 'POST', `/api/v1/subscriptions/${sub.subscriptionId}/secret`, { overlapSeconds: 0 });
      const latest = (await ended.json()) as SubscriptionWithSecret;
      await list(CLEAN, 'COURT_DISHONEST_DEBTOR');
      await hooks.until(() => hooks.accepted.length === 2);
      const last = hooks.accepted[1] as { body: string; headers: Record<string, string> };
      expect(() => new Webhook(rotated.secret).verify(last.body, last.headers)).toThrow();
      expect(() => new Webhook(latest.secret).verify(last.body, last.headers)).not.toThrow();
    } finally {
      await hooks.close();
    }
  });

  it('keeps subscriptions per app, shows the secret once, and stops delivering when deleted', async () => {
    const sub = await subscribe({ department: '民政局', url: 'https://example.invalid/hooks' });
    const listed = await (await signed(server, 'GET', '/api/v1/subscriptions')).json();
    expect(listed.subscriptions.map((s: Subscription) => s.subscriptionId)).toEqual([sub.subscriptionId]);
    expect(JSON.stringify(listed)).not.toContain(sub.secret);
    const token = await mint(server, { scopes: ['events:read'] });
    expect((await bearer(server, token, 'GET', '/api/v1/subscriptions')).status).toBe(403);
    const bad = await signed(server, 'POST', '/api/v1/subscriptions', { department: '民政局', url: 'ftp://x', region: '3' });
    expect(bad.status).toBe(400);
    const deleted = await signed(server, 'DELETE', `/api/v1/subscriptions/${sub.subscriptionId}`);
    expect(deleted.status).toBe(200);
    expect((await signed(server, 'GET', `/api/v1/subscriptions/${sub.subscriptionId}`)).status).toBe(404);
  });
});

describe('响应—反馈 and cases (003 §七)', () => {
  it('acknowledges once per department, refuses a different ack, and reports every feedback as a case', async () => {
    await subscribe({ department: SANDBOX_DEPARTMENT });
    const check = await signed(server, 'POST', '/api/v1/checks', checkBody());
    const { checkId } = (await check.json()) as { checkId: string };
    await signed(server, 'POST', `/api/v1/checks/${checkId}/feedback`, { action: 'not-applicable', operator: 'window-01' });
    await list();
    const token = await mint(server, { scopes: ['events:read', 'feedback:write', 'checks:read'] });
    const page = (await (await bearer(server, token, 'GET', '/api/v1/events')).json()) as EventPage;
    expect(page.unacknowledged).toBe(1);
    const eventId = page.items[0]?.event.eventId as string;
    const ack = {
      action: 'punished',
      operator: 'window-01',
      measuresApplied: ['M-PUBLIC-CRITICISM'],
      amount: 5000,
      basis: '苏市监罚〔2026〕12号',
    };
    const first = await bearer(server, token, 'POST', `/api/v1/events/${eventId}/ack`, ack);
    expect(first.status).toBe(201);
    expect((await bearer(server, token, 'POST', `/api/v1/events/${eventId}/ack`, ack)).status).toBe(200);
    const other = await bearer(server, token, 'POST', `/api/v1/events/${eventId}/ack`, { action: 'not-applicable', operator: 'window-01' });
    expect(other.status).toBe(400);
    const conflict = await bearer(server, token, 'POST', `/api/v1/events/${eventId}/ack`, { ...ack, amount: 1 });
    expect(conflict.status).toBe(409);
    expect(((await conflict.json()) as { code: string }).code).toBe('ACK_EXISTS');
    const after = (await (await bearer(server, token, 'GET', '/api/v1/events')).json()) as EventPage;
    expect(after.unacknowledged).toBe(0);
    expect(after.items[0]?.ack?.amount).toBe(5000);
    const open = (await (await bearer(server, token, 'GET', '/api/v1/events?acknowledged=false')).json()) as EventPage;
    const done = (await (await bearer(server, token, 'GET', '/api/v1/events?acknowledged=true')).json()) as EventPage;
    expect([open.items.length, done.items.map((i) => i.event.eventId)]).toEqual([0, [eventId]]);

    const cases = await (await bearer(server, token, 'GET', '/api/v1/cases')).json();
    expect(cases.cases.map((c: { source: string; kind: string }) => [c.source, c.kind])).toEqual([
      ['check', 'none'],
      ['event', 'punishment'],
    ]);
    const punished = await (await bearer(server, token, 'GET', '/api/v1/cases?type=punishment')).json();
    expect(punished.total).toBe(1);
    const csv = await bearer(server, token, 'GET', '/api/v1/cases', undefined, { accept: 'text/csv' });
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    expect(text.split('\r\n')[0]).toMatch(/^\uFEFF案例编号,来源,类型/);
    expect(text).toContain('定向推送');
    expect(text).toContain('苏市监罚〔2026〕12号');
  });

  it('lets a token read only its own department, with events:read, masked without pii:read', async () => {
    await subscribe({ department: SANDBOX_DEPARTMENT, region: '14' });
    await list(PERSON_DEBTOR, 'COURT_DISHONEST_DEBTOR');
    const without = await mint(server, { scopes: ['checks:read'] });
    expect((await bearer(server, without, 'GET', '/api/v1/events')).status).toBe(403);
    const token = await mint(server, { scopes: ['events:read'] });
    expect((await bearer(server, token, 'GET', '/api/v1/events?department=民政局')).status).toBe(403);
    const res = await bearer(server, token, 'GET', '/api/v1/events');
    const text = await res.text();
    expect(text).not.toContain(PERSON_DEBTOR.id);
    expect((JSON.parse(text) as EventPage).items[0]?.event.subject.masked).toBe(true);
    const app = await signed(server, 'GET', '/api/v1/events');
    expect(app.status).toBe(400);
  });
});
