import { createClient } from '@credit-check/sdk';
import { Check, Commitment, Objection } from '@credit-check/sdk/contract';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/node/server.ts';
import { checkBody, problem, signed, start } from '../helpers.ts';

// Who may change the shared record (issue 37, 5): an entry is listed by its 认定部门; an 异议 is
// decided, and a commitment's fulfilment recorded, by that authority or by the credit office
// (信用办) — never by a window or vendor app that only checks (001 (十六); 002 (十九); 003 §五; 004 32).
// A window app files an objection on a subject's behalf, and the filing is its own.
const WINDOW_A = { appId: 'window-a', appSecret: 'window-a-secret-000001' };
const WINDOW_B = { appId: 'window-b', appSecret: 'window-b-secret-000002' };
/** The listing authority of 食品药品安全严重违法失信名单 (the food-ban scenario's entry). */
const MARKET = { appId: 'market', appSecret: 'market-secret-00000003', roles: ['authority'], authorities: ['市场监督管理局'] };
const FINANCE = { appId: 'finance', appSecret: 'finance-secret-0000004', roles: ['authority'], authorities: ['财政局'] };
const OFFICE = { appId: 'credit-office', appSecret: 'credit-office-secret-05', roles: ['authority'], authorities: ['*'] };
type App = { appId: string; appSecret: string };
const as = (app: App) => ({ appId: app.appId, secret: app.appSecret });

const FOOD_BAN = { idType: 'uscc' as const, id: '91330106MA2FD1G85L' };
const ENTRY = 'ent_scn_food';

let server: RunningServer;
beforeAll(async () => {
  server = await start({ apps: [WINDOW_A, WINDOW_B, MARKET, FINANCE, OFFICE] as never });
});
afterAll(() => server.close());
beforeEach(async () => {
  await fetch(`${server.origin}/__mock/reset`, { method: 'POST' });
});

const file = async (app: App) => {
  const res = await signed(
    server,
    'POST',
    '/api/v1/objections',
    { entryId: ENTRY, subject: FOOD_BAN, reason: '处罚决定已被撤销' },
    as(app),
  );
  expect(res.status, await res.clone().text()).toBe(201);
  return Objection.parse(await res.json());
};
const decide = (app: App, id: string, outcome = 'upheld') =>
  signed(server, 'POST', `/api/v1/objections/${id}/decision`, { outcome, note: '经核实' }, as(app));
const verdict = async (app: App) =>
  Check.parse(await (await signed(server, 'POST', '/api/v1/checks', checkBody(FOOD_BAN, 'FOOD_BUSINESS_LICENCE'), as(app))).json()).verdict;

describe('objections: filed by a window, decided by their authority', () => {
  it('another window app can neither read nor decide A’s objection, and A’s next check stays restrict', async () => {
    const filed = await file(WINDOW_A);
    expect(await verdict(WINDOW_A)).toBe('restrict');
    // Another tenant's filing is a 404, as another tenant's check is: no hint it exists.
    await problem(await signed(server, 'GET', `/api/v1/objections/${filed.objectionId}`, undefined, as(WINDOW_B)), 404, 'NOT_FOUND');
    // A window app (B, and A itself) does not rule on the shared record.
    const forged = await problem(await decide(WINDOW_B, filed.objectionId), 403, 'ROLE_REQUIRED');
    expect(forged.message['zh-CN']).toMatch(/认定部门|信用办/);
    await problem(await decide(WINDOW_A, filed.objectionId), 403, 'ROLE_REQUIRED');
    expect(await verdict(WINDOW_A)).toBe('restrict');
    const own = await signed(server, 'GET', `/api/v1/objections/${filed.objectionId}`, undefined, as(WINDOW_A));
    expect(Objection.parse(await own.json()).status).toBe('pending');
  });

  it('an authority decides only its own entries’ objections; the listing authority’s upheld decision clears the subject', async () => {
    const filed = await file(WINDOW_A);
    // 财政局 did not list this entry: for it the objection does not exist.
    await problem(await signed(server, 'GET', `/api/v1/objections/${filed.objectionId}`, undefined, as(FINANCE)), 404, 'NOT_FOUND');
    await problem(await decide(FINANCE, filed.objectionId), 404, 'NOT_FOUND');
    expect(await verdict(WINDOW_A)).toBe('restrict');
    const read = await signed(server, 'GET', `/api/v1/objections/${filed.objectionId}`, undefined, as(MARKET));
    expect(read.status).toBe(200);
    const decided = await decide(MARKET, filed.objectionId);
    expect(decided.status, await decided.clone().text()).toBe(200);
    expect(Objection.parse(await decided.json()).status).toBe('upheld');
    expect(await verdict(WINDOW_A)).toBe('clear');
  });

  it('the credit office (authorities ["*"]) decides any objection', async () => {
    const filed = await file(WINDOW_B);
    const decided = await decide(OFFICE, filed.objectionId, 'rejected');
    expect(decided.status, await decided.clone().text()).toBe(200);
    expect(Objection.parse(await decided.json()).status).toBe('rejected');
  });

  it('a browser token of another window app cannot read the filing either', async () => {
    const filed = await file(WINDOW_A);
    const { token } = await createClient({ baseUrl: server.apiBase, ...WINDOW_B }).mintToken({
      department: '苏州市政务服务中心',
      operator: 'window-09',
      matters: ['*'],
      scopes: ['objections:write'],
    });
    const res = await fetch(`${server.apiBase}/objections/${filed.objectionId}`, { headers: { authorization: `Bearer ${token}` } });
    await problem(res, 404, 'NOT_FOUND');
  });
});

describe('commitments: fulfilment is recorded by the authority, not by a window', () => {
  const sign = async (app: App) => {
    const res = await signed(
      server,
      'POST',
      '/api/v1/commitments',
      { subject: { idType: 'uscc', id: '91320100748204660Q' }, type: 'informed', matter: 'FOOD_BUSINESS_LICENCE', textVersion: 'v2026.1' },
      as(app),
    );
    expect(res.status, await res.clone().text()).toBe(201);
    return Commitment.parse(await res.json());
  };
  const fulfil = (app: App, id: string) =>
    signed(server, 'POST', `/api/v1/commitments/${id}/fulfilment`, { outcome: 'fulfilled', operator: '核查员' }, as(app));

  it('a window app cannot, another authority does not see it, the matter’s department records it once', async () => {
    const signedBy = await sign(WINDOW_A);
    await problem(await fulfil(WINDOW_B, signedBy.commitmentId), 403, 'ROLE_REQUIRED');
    await problem(await fulfil(WINDOW_A, signedBy.commitmentId), 403, 'ROLE_REQUIRED');
    await problem(await fulfil(FINANCE, signedBy.commitmentId), 404, 'NOT_FOUND');
    const done = await fulfil(MARKET, signedBy.commitmentId);
    expect(done.status, await done.clone().text()).toBe(200);
    expect(Commitment.parse(await done.json()).status).toBe('fulfilled');
  });
});

describe('an authority app does not act as a window', () => {
  it('cannot check or mint widget tokens (give it both roles to do both)', async () => {
    await problem(await signed(server, 'POST', '/api/v1/checks', checkBody(FOOD_BAN), as(MARKET)), 403, 'ROLE_REQUIRED');
    await problem(
      await signed(server, 'POST', '/api/v1/tokens', { department: '市场监督管理局', operator: 'x', matters: ['*'] }, as(MARKET)),
      403,
      'ROLE_REQUIRED',
    );
    // Reading the catalogue and the keys is for everyone.
    expect((await signed(server, 'GET', '/api/v1/catalog/matters', undefined, as(MARKET))).status).toBe(200);
  });
});

describe('the single default app keeps every role (npm start and the drills)', () => {
  it('files, decides and records fulfilment', async () => {
    const plain = await start();
    try {
      const res = await signed(plain, 'POST', '/api/v1/objections', { entryId: ENTRY, subject: FOOD_BAN, reason: '处罚决定已被撤销' });
      const filed = Objection.parse(await res.json());
      const decided = await signed(plain, 'POST', `/api/v1/objections/${filed.objectionId}/decision`, {
        outcome: 'rejected',
        note: '维持',
      });
      expect(decided.status, await decided.clone().text()).toBe(200);
      const kept = await signed(plain, 'POST', '/api/v1/commitments/cmt_scn_red_1/fulfilment', {
        outcome: 'fulfilled',
        operator: '核查员',
      });
      expect(kept.status, await kept.clone().text()).toBe(200);
    } finally {
      await plain.close();
    }
  });
});
