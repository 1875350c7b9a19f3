import { createClient } from '@credit-check/sdk';
import { EventPage, Problem } from '@credit-check/sdk/contract';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/node/server.ts';
import { CLEAN, checkBody, signed, start } from '../helpers.ts';

// A department name is a label inside an app, never an access key (issue 24, 2): everything an app
// creates or receives — feed, acks, cases, routes by its checks — is that app's alone.
const TEAM_A = { appId: 'team-a', appSecret: 'team-a-secret-0000001' };
const TEAM_B = { appId: 'team-b', appSecret: 'team-b-secret-0000002' };
type Team = typeof TEAM_A;
const as = (app: Team) => ({ appId: app.appId, secret: app.appSecret });
const DEPT = '南京市发展和改革委员会';

let server: RunningServer;
beforeAll(async () => {
  server = await start({ apps: [TEAM_A, TEAM_B] });
});
afterAll(() => server.close());
beforeEach(async () => {
  await fetch(`${server.origin}/__mock/reset`, { method: 'POST' });
});

const subscribe = async (app: Team, body: object) => {
  const res = await signed(server, 'POST', '/api/v1/subscriptions', body, as(app));
  expect(res.status, await res.clone().text()).toBe(201);
};
const feedOf = async (app: Team, department = DEPT) => {
  const res = await signed(server, 'GET', `/api/v1/events?department=${encodeURIComponent(department)}`, undefined, as(app));
  expect(res.status).toBe(200);
  return EventPage.parse(await res.json());
};
const ack = (app: Team, eventId: string, action = 'punished', department = DEPT) =>
  signed(server, 'POST', `/api/v1/events/${eventId}/ack`, { department, action, operator: 'window-07' }, as(app));
const list = async () => {
  const res = await fetch(`${server.origin}/__mock/entries`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ subject: CLEAN, listCode: 'SERIOUS_DISHONEST' }),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { events: { eventId: string }[] }).events[0]?.eventId as string;
};
const cases = async (app: Team) =>
  ((await (await signed(server, 'GET', '/api/v1/cases', undefined, as(app))).json()) as { cases: { eventId: string | null }[] }).cases;

describe('the event feed and its acknowledgements belong to the app that subscribed', () => {
  it("app B naming app A's department reads nothing of A's feed", async () => {
    await subscribe(TEAM_A, { department: DEPT, region: '3201' });
    const eventId = await list();
    expect((await feedOf(TEAM_A)).items.map((i) => i.event.eventId)).toEqual([eventId]);
    const stolen = await feedOf(TEAM_B);
    expect(stolen.items).toEqual([]);
    expect(stolen.unacknowledged).toBe(0);
  });

  it("app B cannot acknowledge A's event, and A's own acknowledgement is then still its first", async () => {
    await subscribe(TEAM_A, { department: DEPT, region: '3201' });
    const eventId = await list();
    const forged = await ack(TEAM_B, eventId, 'rewarded');
    expect(forged.status).toBe(404);
    expect(Problem.parse(await forged.json()).code).toBe('NOT_FOUND');
    const own = await ack(TEAM_A, eventId);
    expect(own.status, await own.clone().text()).toBe(201);
    expect((await feedOf(TEAM_A)).items[0]?.ack?.action).toBe('punished');
    expect((await cases(TEAM_B)).filter((c) => c.eventId === eventId)).toEqual([]);
    expect((await cases(TEAM_A)).filter((c) => c.eventId === eventId)).toHaveLength(1);
  });

  it('two apps with a department of the same name each get their own feed row and acknowledge apart', async () => {
    await subscribe(TEAM_A, { department: DEPT, region: '3201' });
    await subscribe(TEAM_B, { department: DEPT, region: '32' });
    const eventId = await list();
    const a = (await feedOf(TEAM_A)).items;
    const b = (await feedOf(TEAM_B)).items;
    expect(a.map((i) => i.event.eventId)).toEqual([eventId]);
    expect(b.map((i) => i.event.eventId)).toEqual([eventId]);
    // Each is routed for its own subscription's reason, not the other's.
    expect(a[0]?.event.why.map((w) => w.region)).toEqual(['3201']);
    expect(b[0]?.event.why.map((w) => w.region)).toEqual(['32']);
    expect((await ack(TEAM_A, eventId, 'punished')).status).toBe(201);
    const bAck = await signed(
      server,
      'POST',
      `/api/v1/events/${eventId}/ack`,
      { department: DEPT, action: 'not-applicable', reason: '非本单位事项', operator: 'window-09' },
      as(TEAM_B),
    );
    expect(bAck.status, await bAck.clone().text()).toBe(201);
    expect((await feedOf(TEAM_A)).items[0]?.ack?.action).toBe('punished');
    expect((await feedOf(TEAM_B)).items[0]?.ack?.action).toBe('not-applicable');
  });

  it("a browser token of app B for A's department sees B's feed only", async () => {
    await subscribe(TEAM_A, { department: DEPT, region: '3201' });
    await list();
    const { token } = await createClient({ baseUrl: server.apiBase, ...TEAM_B }).mintToken({
      department: DEPT,
      operator: 'window-09',
      matters: ['*'],
      scopes: ['events:read'],
    });
    const res = await fetch(`${server.apiBase}/events`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    expect(EventPage.parse(await res.json()).items).toEqual([]);
  });
});

describe('routes follow what the app itself did', () => {
  it("a check by app A does not route events to app B's subscription for the same department", async () => {
    const context = { ...checkBody().context, department: DEPT };
    expect((await signed(server, 'POST', '/api/v1/checks', checkBody(CLEAN, 'FOOD_BUSINESS_LICENCE', context), as(TEAM_A))).status).toBe(
      201,
    );
    await subscribe(TEAM_A, { department: DEPT, types: ['entry.listed'] });
    await subscribe(TEAM_B, { department: DEPT, types: ['entry.listed'] });
    const eventId = await list();
    expect((await feedOf(TEAM_A)).items.map((i) => [i.event.eventId, i.event.why.map((w) => w.rule)])).toEqual([[eventId, ['checked']]]);
    // B never checked the subject: telling it would say that A did.
    expect((await feedOf(TEAM_B)).items).toEqual([]);
  });
});
