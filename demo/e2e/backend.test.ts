import { sandboxContext } from '@credit-check/mock-server';
import { createClient } from '@credit-check/sdk';
import { describe, expect, it } from 'vitest';
import { withDemo } from './harness.ts';

const env = withDemo({ subjects: 100, browser: false });

const APPLICATION = 'SZ-BACKEND-0001';
const context = sandboxContext(APPLICATION);

async function checkOf(id: string, matter = 'FOOD_BUSINESS_LICENCE') {
  const platform = createClient({
    baseUrl: env.demo.mock.apiBase,
    appId: 'sandbox-app',
    appSecret: 'sandbox-secret-change-me',
    cache: false,
  });
  return platform.check({ subject: { idType: 'uscc', id }, matter, context });
}

async function submit(fields: Record<string, string>) {
  const form = new FormData();
  for (const [k, v] of Object.entries({ applicationId: APPLICATION, matter: 'FOOD_BUSINESS_LICENCE', ...fields })) form.append(k, v);
  const res = await fetch(`${env.demo.url}backend/applications`, { method: 'POST', body: form });
  return { status: res.status, body: (await res.json()) as { approved: boolean; decisions: { code: string; message: string }[] } };
}

describe('the host backend approves only with a valid receipt for this application', () => {
  const CLEAN = '91320100748204660Q';

  it('approves with the receipt of a clean check', async () => {
    const c = await checkOf(CLEAN);
    const r = await submit({ uscc: CLEAN, orgCheck: c.checkId, 'orgCheck-receipt': c.receipt });
    expect(r).toMatchObject({ status: 200, body: { approved: true } });
  });

  it('refuses without a receipt (the widget was bypassed)', async () => {
    const r = await submit({ uscc: CLEAN });
    expect(r.status).toBe(422);
    expect(r.body.decisions[0]?.code).toBe('RECEIPT_MISSING');
  });

  it('refuses a forged receipt (verdict changed, signature kept)', async () => {
    const c = await checkOf('91330106MA2FD1G85L');
    const [h, p, s] = c.receipt.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString());
    const forged = `${h}.${Buffer.from(JSON.stringify({ ...claims, verdict: 'clear' })).toString('base64url')}.${s}`;
    const r = await submit({ uscc: '91330106MA2FD1G85L', orgCheck: c.checkId, 'orgCheck-receipt': forged });
    expect(r.status).toBe(422);
    expect(r.body.decisions[0]?.code).toBe('RECEIPT_SIGNATURE');
  });

  it('refuses another subject’s receipt and a receipt of another application', async () => {
    const c = await checkOf(CLEAN);
    const other = await submit({ uscc: '91371003MA3RD5H69X', orgCheck: c.checkId, 'orgCheck-receipt': c.receipt });
    expect(other.body.decisions[0]?.code).toBe('RECEIPT_MISMATCH');
    const elsewhere = await submit({ applicationId: 'SZ-OTHER', uscc: CLEAN, orgCheck: c.checkId, 'orgCheck-receipt': c.receipt });
    expect(elsewhere.body.decisions[0]?.code).toBe('RECEIPT_MISMATCH');
  });

  it('refuses a valid receipt whose verdict is restrict', async () => {
    const c = await checkOf('91330106MA2FD1G85L');
    const r = await submit({ uscc: '91330106MA2FD1G85L', orgCheck: c.checkId, 'orgCheck-receipt': c.receipt });
    expect(r.body.decisions[0]?.code).toBe('RESTRICTED');
  });
});
