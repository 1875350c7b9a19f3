import { Problem, Replay, Verification, VerificationIssued } from '@credit-check/sdk/contract';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningServer } from '../src/node/server.ts';
import { APP, CLEAN, CONTEXT, checkBody, PERSON_DEBTOR, signed, start } from './helpers.ts';

// 核查码 (issue 41): a code a third party checks on the platform's public page, re-issued or
// withdrawn by the app whose check it is, expiring after the period the platform states.
let server: RunningServer;
beforeAll(async () => {
  server = await start({ apps: [APP, OTHER] });
});
afterAll(() => server.close());
beforeEach(async () => {
  await fetch(`${server.origin}/__mock/reset`, { method: 'POST' });
});

const OTHER = { appId: 'other-team', appSecret: 'other-team-secret-0001' };
const lookup = (code: string) => fetch(`${server.apiBase}/verifications/${encodeURIComponent(code)}`);

async function personCheck() {
  const res = await signed(server, 'POST', '/api/v1/checks', checkBody(PERSON_DEBTOR, 'FOOD_BUSINESS_LICENCE'));
  return (await res.json()) as { checkId: string; serial: string; verdict: string };
}
async function issue(checkId: string) {
  const res = await signed(server, 'POST', `/api/v1/checks/${checkId}/verification`);
  expect(res.status).toBe(201);
  return VerificationIssued.parse(await res.json());
}

describe('核查码', () => {
  it('is issued for a check and verifies publicly, showing only the masked subject', async () => {
    const check = await personCheck();
    const issued = await issue(check.checkId);
    expect(issued.code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(issued.serial).toBe(check.serial);
    expect(Date.parse(issued.expiresAt) - Date.parse(issued.issuedAt)).toBe(90 * 86_400_000);
    expect(issued.verifyUrl).toBe(`${server.origin}/verify?code=${issued.code}`);

    const res = await lookup(issued.code);
    expect(res.status).toBe(200);
    const text = await res.text();
    // No login, and nothing of the 身份证 but its mask.
    expect(text).not.toContain(PERSON_DEBTOR.id);
    const v = Verification.parse(JSON.parse(text));
    expect(v).toMatchObject({ status: 'valid', serial: check.serial, verdict: check.verdict, department: CONTEXT.department });
    expect(v.subject).toMatchObject({ idType: 'idcard', masked: true });
    expect(v.subject.id).toMatch(/\*/);
  });

  it('is read as typed by hand: lower case, spaces, O for 0 and I or L for 1', async () => {
    const issued = await issue((await personCheck()).checkId);
    const typed = issued.code.toLowerCase().replace('-', ' ').replace(/0/g, 'o').replace(/1/g, 'l');
    expect((await lookup(typed)).status).toBe(200);
  });

  it('answers superseded once re-issued, withdrawn once withdrawn, expired after its period', async () => {
    const check = await personCheck();
    const first = await issue(check.checkId);
    const second = await issue(check.checkId);
    expect(Verification.parse(await (await lookup(first.code)).json())).toMatchObject({ status: 'superseded', endedAt: second.issuedAt });
    expect(Verification.parse(await (await lookup(second.code)).json()).status).toBe('valid');

    const withdrawn = await signed(server, 'DELETE', `/api/v1/checks/${check.checkId}/verification`);
    expect(await withdrawn.json()).toEqual({ withdrawn: 1 });
    expect(Verification.parse(await (await lookup(second.code)).json()).status).toBe('withdrawn');

    const third = await issue(check.serial); // by its 核查编号 as well
    const clock = await fetch(`${server.origin}/__mock/clock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ days: 91 }),
    });
    expect(clock.status).toBe(200);
    expect(Verification.parse(await (await lookup(third.code)).json()).status).toBe('expired');
  });

  it('says nothing of a code that was never issued beyond "not found", and budgets lookups per client', async () => {
    const unknown = await lookup('ZZZZ-ZZZZ');
    expect(unknown.status).toBe(404);
    expect(Problem.parse(await unknown.json()).code).toBe('NOT_FOUND');
    expect((await lookup('not-a-code')).status).toBe(404);
    let limited: Response | undefined;
    for (let i = 0; i < 20 && !limited; i++) {
      const res = await lookup(`ZZZZ-ZZ${String(i).padStart(2, '0')}`);
      if (res.status === 429) limited = res;
    }
    expect(limited?.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(Problem.parse(await limited?.json()).code).toBe('RATE_LIMITED');
  });

  it("is issued only for a check the caller may read: another app's check is not found", async () => {
    const check = await personCheck();
    const res = await signed(server, 'POST', `/api/v1/checks/${check.checkId}/verification`, undefined, {
      appId: OTHER.appId,
      secret: OTHER.appSecret,
    });
    expect(res.status).toBe(404);
  });
});

describe('the public page (/verify)', () => {
  it('shows the masked summary and whether the code verifies, with no script and a strict CSP', async () => {
    const check = await personCheck();
    const issued = await issue(check.checkId);
    const res = await fetch(`${server.origin}/verify?code=${issued.code}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await res.text();
    expect(html).toContain('有效：该核查码对应的信用核查记录真实有效');
    expect(html).toContain(check.serial);
    expect(html).not.toContain(PERSON_DEBTOR.id);
    expect(html).not.toMatch(/<script/i);
  });

  it('says plainly when a code is not found, and escapes what was typed', async () => {
    const res = await fetch(`${server.origin}/verify?code=${encodeURIComponent('<img src=x onerror=alert(1)>')}`);
    expect(res.status).toBe(404);
    const html = await res.text();
    expect(html).toContain('未找到该核查码');
    expect(html).not.toContain('<img src=x');
  });
});

describe('replay (what the platform knew at 受理)', () => {
  it('replays a check made before a listing: clear then (as its receipt says), restrict now, and why', async () => {
    const made = await signed(server, 'POST', '/api/v1/checks', checkBody(CLEAN, 'PROCUREMENT_SUPPLIER'));
    const check = (await made.json()) as { checkId: string; verdict: string };
    expect(check.verdict).toBe('clear');
    const listed = await fetch(`${server.origin}/__mock/entries`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ subject: CLEAN, listCode: 'SERIOUS_DISHONEST' }),
    });
    expect(listed.status).toBe(201);

    const res = await signed(server, 'GET', `/api/v1/checks/${check.checkId}/replay`);
    expect(res.status).toBe(200);
    const replay = Replay.parse(await res.json());
    expect(replay.atCheck).toMatchObject({ verdict: 'clear', matchesReceipt: true });
    expect(replay.now.verdict).toBe('restrict');
    expect(replay.changed).toBe(true);
    expect(replay.changes.map((c) => c.kind)).toEqual(['listed']);
    expect(replay.changes[0]?.words['zh-CN']).toMatch(/^受理后新列入严重失信主体名单/);
    // The check itself is untouched: its stored verdict and receipt are what they were.
    const again = (await (await signed(server, 'GET', `/api/v1/checks/${check.checkId}`)).json()) as { verdict: string };
    expect(again.verdict).toBe('clear');
  });
});

describe('核查码 lookups behind a reverse proxy (--trusted-proxies)', () => {
  // Every public lookup reaches the platform from the proxy's address: budgeted by that address, one
  // busy office would lock every other out. Declared, the proxy's X-Forwarded-For names the client.
  const exhaust = async (base: string, headers: Record<string, string>) => {
    for (let i = 0; i < 20; i++) {
      const res = await fetch(`${base}/verifications/ZZZZ-ZZ${String(i).padStart(2, '0')}`, { headers });
      if (res.status === 429) return true;
    }
    return false;
  };

  it('budgets each forwarded client apart when the proxy is declared', async () => {
    const behind = await start({ trustedProxies: ['127.0.0.1', '::1'] });
    try {
      expect(await exhaust(behind.apiBase, { 'x-forwarded-for': '203.0.113.7' })).toBe(true);
      // Another office through the same proxy still has its budget.
      const other = await fetch(`${behind.apiBase}/verifications/ZZZZ-ZZZZ`, { headers: { 'x-forwarded-for': '198.51.100.4' } });
      expect(other.status).toBe(404);
      // The spent client, even naming someone else first, is still itself (the proxy's append counts).
      const forged = await fetch(`${behind.apiBase}/verifications/ZZZZ-ZZZZ`, {
        headers: { 'x-forwarded-for': '192.0.2.1, 203.0.113.7' },
      });
      expect(forged.status).toBe(429);
    } finally {
      await behind.close();
    }
  });

  it('never reads the header without a declared proxy: a client cannot buy itself a new budget', async () => {
    const direct = await start({});
    try {
      expect(await exhaust(direct.apiBase, { 'x-forwarded-for': '203.0.113.7' })).toBe(true);
      const renamed = await fetch(`${direct.apiBase}/verifications/ZZZZ-ZZZZ`, { headers: { 'x-forwarded-for': '198.51.100.4' } });
      expect(renamed.status).toBe(429);
    } finally {
      await direct.close();
    }
  });
});
