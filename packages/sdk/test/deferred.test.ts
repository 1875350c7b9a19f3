import { describe, expect, it } from 'vitest';
import { Connection, createClient, type DeferredApplication, isPlatformUnavailable, settleDeferred, tokenClaims } from '../src/index.ts';
import { APP, BASE, CLEAN, CONTEXT, FOOD_BAN, failure, inProcessPlatform } from './harness.ts';
import { faultMatrix } from './platform.ts';

const mock = await inProcessPlatform();

const AT = new Date(Date.now() - 3_600_000).toISOString();
// PROCUREMENT_SUPPLIER allows 先行受理; FOOD_BUSINESS_LICENCE is bound by a 市场禁入 measure and forbids it.
const application = (over: Partial<DeferredApplication> = {}): DeferredApplication => ({
  deferralId: 'dfr_test_0001',
  subject: FOOD_BAN,
  matter: 'PROCUREMENT_SUPPLIER',
  context: { ...CONTEXT, deferred: { at: AT, reason: { code: 'platform-unavailable', text: '信用平台无响应，已电话报备' } } },
  ...over,
});

describe('isPlatformUnavailable: the failures for which 先行受理 may be offered', () => {
  // Network, timeout, 5xx and 429 (after the retries) are an outage; an off-contract answer is a fault, not an outage.
  const outage = new Set([
    'latency past the timeout',
    'HTTP 500',
    'HTTP 502',
    'HTTP 503 + Retry-After',
    '429 + Retry-After',
    'connection reset',
    'platform outage',
  ]);
  for (const { name, fault, code } of faultMatrix(100)) {
    it(`${name}: ${outage.has(name) ? 'unavailable' : 'not an outage'}`, async () => {
      // Only the latency fault races the timeout (see client.test.ts).
      const client = createClient({ baseUrl: BASE, ...APP, timeout: code === 'TIMEOUT' ? 100 : 8000, retry: 0, cache: false });
      mock.faults.set(fault);
      const error = await failure(client.check({ subject: CLEAN, matter: 'FOOD_BUSINESS_LICENCE', context: CONTEXT }));
      expect(isPlatformUnavailable(error)).toBe(outage.has(name));
    });
  }

  it('never for a 4xx answer or bad input', async () => {
    const token = (
      await createClient({ baseUrl: BASE, ...APP }).mintToken({
        department: CONTEXT.department,
        operator: CONTEXT.operator,
        matters: ['CONSTRUCTION_PERMIT'],
      })
    ).token;
    const browser = createClient({ baseUrl: BASE, token });
    const scope = await failure(browser.check({ subject: CLEAN, matter: 'FOOD_BUSINESS_LICENCE', context: CONTEXT }));
    expect(scope.status).toBe(403);
    expect(isPlatformUnavailable(scope)).toBe(false);
    const input = await failure(browser.check({ subject: { idType: 'uscc', id: '123' }, matter: 'X', context: CONTEXT }));
    expect(isPlatformUnavailable(input)).toBe(false);
    expect(isPlatformUnavailable(new Error('boom'))).toBe(false);
  });
});

describe('tokenClaims', () => {
  it('reads department, operator and scopes from a minted token; nothing from another shape', async () => {
    const minted = await createClient({ baseUrl: BASE, ...APP }).mintToken({
      department: CONTEXT.department,
      operator: CONTEXT.operator,
      matters: ['PROCUREMENT_SUPPLIER'],
      scopes: ['checks:write', 'checks:defer'],
    });
    expect(tokenClaims(minted.token)).toMatchObject({
      dept: CONTEXT.department,
      op: CONTEXT.operator,
      mat: ['PROCUREMENT_SUPPLIER'],
      scp: ['checks:write', 'checks:defer'],
    });
    for (const other of [undefined, '', 'eyJhbGciOi.x.y', 'cct_!!!.sig', `cct_${btoa('{"dept":1}')}.sig`])
      expect(tokenClaims(other)).toBeUndefined();
  });

  it('Connection.claims() fetches the token through getToken once and decodes it', async () => {
    const backend = createClient({ baseUrl: BASE, ...APP });
    let calls = 0;
    const connection = new Connection({
      baseUrl: BASE,
      getToken: async () => {
        calls++;
        return (await backend.mintToken({ department: '某县行政审批局', operator: 'w-7', matters: ['*'] })).token;
      },
    });
    expect((await connection.claims())?.dept).toBe('某县行政审批局');
    expect((await connection.claims())?.op).toBe('w-7');
    expect(calls).toBe(1);
    expect(await new Connection({ baseUrl: BASE, ...APP }).claims()).toBeUndefined();
    expect(await new Connection({ baseUrl: BASE, getToken: () => Promise.reject(new Error('down')) }).claims()).toBeUndefined();
  });
});

describe('settleDeferred: the backend’s 补查 of an application accepted during an outage', () => {
  it('records one 补查 however often it is called, flags caution/restrict, and coverage counts it apart', async () => {
    const client = createClient({ baseUrl: BASE, ...APP, cache: false });
    const first = await settleDeferred(client.connection, application());
    const again = await settleDeferred(client.connection, application());
    expect(again.check.checkId).toBe(first.check.checkId);
    expect(first.check.context.deferred?.reason.code).toBe('platform-unavailable');
    expect(first.flagged).toBe(first.check.verdict === 'caution' || first.check.verdict === 'restrict');
    const clean = await settleDeferred(client.connection, application({ deferralId: 'dfr_test_0002', subject: CLEAN }));
    expect(clean.flagged).toBe(false);
    // The stored check (the audit trail) keeps the deferral.
    expect((await client.getCheck(first.check.checkId)).context.deferred).toEqual(application().context.deferred);
    await client.check({ subject: CLEAN, matter: 'PROCUREMENT_SUPPLIER', context: CONTEXT });
    const coverage = await client.getCoverage();
    expect(coverage.total).toBe(3);
    expect(coverage.deferred).toBe(2);
    expect(coverage.byMatter.find((m) => m.matter.code === 'PROCUREMENT_SUPPLIER')?.deferred).toBe(2);
  });

  it('is refused where the matter forbids 先行受理, without a reason, and for a token without checks:defer', async () => {
    const client = createClient({ baseUrl: BASE, ...APP, cache: false });
    const forbidden = await failure(settleDeferred(client.connection, application({ matter: 'FOOD_BUSINESS_LICENCE' })));
    expect(forbidden.problemCode).toBe('DEFERRAL_FORBIDDEN');
    expect(forbidden.status).toBe(403);
    const noReason = application();
    noReason.context.deferred.reason.text = '  ';
    const reason = await failure(settleDeferred(client.connection, noReason));
    expect(reason.code).toBe('INVALID_INPUT');
    expect(reason.fieldErrors[0]).toMatchObject({ pointer: '/context/deferred/reason/text', code: 'DEFERRAL_REASON_REQUIRED' });
    const mint = (scopes: ('checks:write' | 'checks:defer')[]) =>
      client.mintToken({ department: CONTEXT.department, operator: CONTEXT.operator, matters: ['*'], scopes });
    const plain = createClient({ baseUrl: BASE, token: (await mint(['checks:write'])).token });
    const scope = await failure(settleDeferred(plain.connection, application()));
    expect(scope.problemCode).toBe('SCOPE_MISSING');
    expect(scope.messageZh).toContain('checks:defer');
    const allowed = createClient({ baseUrl: BASE, token: (await mint(['checks:write', 'checks:defer'])).token });
    expect((await settleDeferred(allowed.connection, application())).check.context.deferred).toBeDefined();
    const future = application({ deferralId: 'dfr_test_future' });
    future.context.deferred.at = new Date(Date.now() + 3_600_000).toISOString();
    expect((await failure(settleDeferred(client.connection, future))).fieldErrors[0]?.pointer).toBe('/context/deferred/at');
    expect((await client.getCoverage()).deferred).toBe(1);
  });

  it('is refused once the matter’s 补查 window has passed (the catalogue says how long), in words a clerk can act on', async () => {
    const client = createClient({ baseUrl: BASE, ...APP, cache: false });
    const { matters } = await client.listMatters();
    const window = matters.find((m) => m.code === 'PROCUREMENT_SUPPLIER')?.deferralWindowHours;
    expect(window).toBe(24);
    // Forbidden matters state no window.
    expect(matters.find((m) => m.code === 'FOOD_BUSINESS_LICENCE')?.deferralWindowHours).toBeUndefined();
    for (const at of [new Date(Date.now() - 25 * 3_600_000).toISOString(), '2023-01-01T00:00:00Z']) {
      const old = application({ deferralId: `dfr_old_${at.slice(0, 4)}`, subject: CLEAN });
      old.context.deferred.at = at;
      const refused = await failure(settleDeferred(client.connection, old));
      expect([refused.status, refused.problemCode]).toEqual([422, 'DEFERRAL_EXPIRED']);
      expect(refused.messageZh).toMatch(/24 ?小时/);
      expect(refused.messageZh).toMatch(/人工核查/);
      expect(refused.message).toMatch(/24 hours/);
    }
    const inTime = application({ deferralId: 'dfr_in_time', subject: CLEAN });
    inTime.context.deferred.at = new Date(Date.now() - 23 * 3_600_000).toISOString();
    expect((await settleDeferred(client.connection, inTime)).check.context.deferred).toBeDefined();
  });
});
