import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { withDemo } from './harness.ts';

// The demo backend is the integration vendors copy (issue 37, 1–4): it must not be talked into
// approving a restricted applicant through a forged 先行受理, take a deferral while the platform
// answers, act for another site's page (CSRF), or hand a widget token to a rebound name.
const env = withDemo({ subjects: 100, browser: false });
afterEach(() => env.demo.mock.faults.clear());

const PROCUREMENT_BLACKLISTED = '91320505MA1PC0Q10W';
const CLEAN = '91320100748204660Q';
let n = 0;

/** A form as the page would post it for a deferred subject, `at` being when the window deferred. */
function deferredForm(uscc: string, at: string, matter = 'PROCUREMENT_SUPPLIER') {
  const applicationId = `SZ-ATTACK-${++n}`;
  const deferralId = `dfr_attack${String(n).padStart(12, '0')}`;
  return {
    applicationId,
    matter,
    uscc,
    orgCheck: `deferred:${deferralId}`,
    'orgCheck-deferral': JSON.stringify({ deferralId, applicationId, matter, at, reason: { code: 'other', text: 'x' } }),
  };
}

const ownOrigin = () => new URL(env.demo.url).origin;

async function submit(fields: Record<string, string>, headers: Record<string, string> = { origin: ownOrigin() }) {
  const res = await fetch(`${env.demo.url}backend/applications`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(fields),
  });
  return {
    status: res.status,
    body: (await res.json()) as { approved: boolean; code?: string; decisions?: { code: string; message: string }[] },
  };
}
const deferredList = async () =>
  ((await (await fetch(`${env.demo.url}backend/deferred`)).json()) as { applications: { applicationId: string; status: string }[] })
    .applications;
const deferredChecks = async () => (await env.demo.mock.platform.stats.coverage({ kind: 'app', appId: 'sandbox-app' }, {})).deferred;

describe('a forged 先行受理 is never approved', () => {
  it('while the platform is up: a restricted applicant is refused — the backend’s own 补查 says 限制办理', async () => {
    const r = await submit(deferredForm(PROCUREMENT_BLACKLISTED, new Date(Date.now() - 60_000).toISOString()));
    expect(r.status).toBe(422);
    expect(r.body.approved).toBe(false);
    expect(r.body.decisions?.[0]?.code).toBe('DEFER_FLAGGED');
    expect(r.body.decisions?.[0]?.message).toContain('限制办理');
  });

  it('while the platform is up: no deferral at all, clean or not — the window checks and acts on the result', async () => {
    const r = await submit(deferredForm(CLEAN, new Date(Date.now() - 60_000).toISOString()));
    expect([r.status, r.body.approved, r.body.decisions?.[0]?.code]).toEqual([422, false, 'DEFER_PLATFORM_UP']);
    expect(r.body.decisions?.[0]?.message).toMatch(/重新核查/);
  });

  it('a deferral from 2023, or an hour and more ago, is stale even while the platform is down', async () => {
    env.demo.mock.faults.set({ kind: 'outage' });
    for (const at of [
      '2023-01-01T00:00:00Z',
      new Date(Date.now() - 61 * 60_000).toISOString(),
      new Date(Date.now() + 3_600_000).toISOString(),
    ]) {
      const r = await submit(deferredForm(PROCUREMENT_BLACKLISTED, at));
      expect([r.status, r.body.approved, r.body.decisions?.[0]?.code], at).toEqual([422, false, 'DEFER_STALE']);
    }
  });

  it('accepts a fresh deferral only when it cannot reach the platform itself; its 补查 later flags it', async () => {
    env.demo.mock.faults.set({ kind: 'outage' });
    const form = deferredForm(PROCUREMENT_BLACKLISTED, new Date().toISOString());
    const r = await submit(form);
    expect([r.status, r.body.approved, r.body.decisions?.[0]?.code]).toEqual([200, true, 'DEFERRED']);
    expect((await deferredList()).find((a) => a.applicationId === form.applicationId)?.status).toBe('pending');
    env.demo.mock.faults.clear();
    expect((await deferredList()).find((a) => a.applicationId === form.applicationId)?.status).toBe('flagged');
  });
});

describe('only the backend’s own pages may act through it', () => {
  it('refuses a cross-site form post (CSRF): nothing is accepted and no 补查 runs on its credentials', async () => {
    const before = await deferredChecks();
    const form = deferredForm(PROCUREMENT_BLACKLISTED, new Date().toISOString());
    const attempts: Record<string, string>[] = [{ origin: 'http://evil.example' }, { 'sec-fetch-site': 'cross-site' }, {}];
    for (const headers of attempts) {
      const r = await submit(form, headers);
      expect([r.status, r.body.code], JSON.stringify(headers)).toEqual([403, 'CROSS_SITE']);
    }
    expect((await deferredList()).some((a) => a.applicationId === form.applicationId)).toBe(false);
    expect(await deferredChecks()).toBe(before);
    // The page's own post goes through (and is judged on its merits).
    expect((await submit(form)).status).toBe(422);
  });

  it('refuses a rebound name (DNS rebinding): no widget token for Host evil.example, even with a matching Origin', async () => {
    const { port } = new URL(env.demo.url);
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: '/backend/session',
          headers: { host: `evil.example:${port}`, origin: `http://evil.example:${port}`, 'sec-fetch-site': 'same-origin' },
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (d) => {
            text += d;
          });
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(answer.status).toBe(403);
    expect(JSON.parse(answer.body)).toMatchObject({ code: 'HOST_NOT_ALLOWED' });
    expect(answer.body).not.toContain('cct_');
    // Its own name still gets a session.
    const own = await fetch(`${env.demo.url}backend/session`, { method: 'POST', headers: { origin: ownOrigin() } });
    expect(own.status).toBe(200);
  });
});
