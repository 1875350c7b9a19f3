import { sandboxContext } from '@credit-check/mock-server';
import { createClient } from '@credit-check/sdk';
import { beforeEach, describe, expect, it } from 'vitest';
import { withDemo } from './harness.ts';

const env = withDemo({ subjects: 100, browser: false });

// Each test its own application: the backend decides an 办件编号 once.
let n = 0;
let APPLICATION = '';
let context = sandboxContext('SZ-BACKEND-0000');
beforeEach(() => {
  APPLICATION = `SZ-BACKEND-${String(++n).padStart(4, '0')}`;
  context = sandboxContext(APPLICATION);
});

const platform = () =>
  createClient({
    baseUrl: env.demo.mock.apiBase,
    appId: 'sandbox-app',
    appSecret: 'sandbox-secret-change-me',
    cache: false,
  });

async function checkOf(id: string, matter = 'FOOD_BUSINESS_LICENCE') {
  return platform().check({ subject: { idType: 'uscc', id }, matter, context });
}

async function submit(fields: Record<string, string>) {
  const form = new FormData();
  for (const [k, v] of Object.entries({ applicationId: APPLICATION, matter: 'FOOD_BUSINESS_LICENCE', ...fields })) form.append(k, v);
  const res = await fetch(`${env.demo.url}backend/applications`, {
    method: 'POST',
    body: form,
    headers: { origin: new URL(env.demo.url).origin },
  });
  return {
    status: res.status,
    body: (await res.json()) as { approved: boolean; concluded: boolean; decisions: { code: string; message: string }[] },
  };
}

describe('the host backend approves only with a valid receipt for this application', () => {
  const CLEAN = '91320100748204660Q';

  it('approves with the receipt of a clean check, and files its 结果单 with the application (办件档案)', async () => {
    const c = await checkOf(CLEAN);
    const r = await submit({ uscc: CLEAN, orgCheck: c.checkId, 'orgCheck-receipt': c.receipt });
    expect(r).toMatchObject({ status: 200, body: { approved: true } });
    const file = (await (await fetch(`${env.demo.url}backend/applications/${APPLICATION}`)).json()) as {
      approved: boolean;
      sheets: { label: string; serial: string; code: string }[];
    };
    expect(file.approved).toBe(true);
    expect(file.sheets).toEqual([expect.objectContaining({ label: '申请单位', checkId: c.checkId, serial: c.serial })]);
    // The code filed verifies on the platform's public lookup, for anyone.
    const lookup = await createClient({ baseUrl: env.demo.mock.apiBase }).verifications.get(file.sheets[0]?.code as string);
    expect(lookup).toMatchObject({ status: 'valid', serial: c.serial });
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

  it('refuses a valid receipt whose verdict needs a response the window did not record', async () => {
    const c = await checkOf('91330106MA2FD1G85L');
    const r = await submit({ uscc: '91330106MA2FD1G85L', orgCheck: c.checkId, 'orgCheck-receipt': c.receipt });
    expect(r.status).toBe(422);
    expect(r.body.decisions[0]?.code).toBe('RESPONSE_MISSING');
    expect(r.body.decisions[0]?.message).toContain('尚未记录处理结果');
  });
});

describe('the host backend holds the window to its response (自动响应, 002 (十六))', () => {
  const BAN = '91330106MA2FD1G85L';
  const COURT = '91140105MA0CD7K21J';

  it('never approves what was recorded as 不予受理, and concludes the refusal it opens', async () => {
    const c = await checkOf(BAN);
    await platform().sendFeedback(c.checkId, { action: 'refused', operator: context.operator });
    const fields = { uscc: BAN, orgCheck: c.checkId, 'orgCheck-receipt': c.receipt, 'orgCheck-outcome': 'refused' };
    const approve = await submit(fields);
    expect(approve.status).toBe(422);
    expect(approve.body.decisions[0]?.code).toBe('RESPONSE_PATH');
    const refuse = await submit({ ...fields, decision: 'refuse' });
    expect(refuse).toMatchObject({ status: 200, body: { approved: false, concluded: true } });
  });

  it('refuses an outcome the measures do not permit, whatever the form says (a ban admits no acceptance)', async () => {
    const c = await checkOf(BAN);
    const r = await submit({ uscc: BAN, orgCheck: c.checkId, 'orgCheck-receipt': c.receipt, 'orgCheck-outcome': 'restricted' });
    expect(r.body.decisions[0]?.code).toBe('RESPONSE_NOT_PERMITTED');
  });

  it('approves 从严审核后受理 on caution, and refuses a form whose outcome differs from the platform’s record', async () => {
    const c = await checkOf(COURT);
    expect(c.verdict).toBe('caution');
    await platform().sendFeedback(c.checkId, { action: 'strict-review', operator: context.operator });
    const ok = await submit({ uscc: COURT, orgCheck: c.checkId, 'orgCheck-receipt': c.receipt, 'orgCheck-outcome': 'strict-review' });
    expect(ok).toMatchObject({ status: 200, body: { approved: true } });
    // The next application (this one is decided).
    APPLICATION = `${APPLICATION}-B`;
    context = sandboxContext(APPLICATION);
    const other = await checkOf(COURT);
    await platform().sendFeedback(other.checkId, { action: 'referred', operator: context.operator });
    const forged = await submit({
      uscc: COURT,
      orgCheck: other.checkId,
      'orgCheck-receipt': other.receipt,
      'orgCheck-outcome': 'strict-review',
    });
    expect(forged.body.decisions[0]?.code).toBe('RESPONSE_MISMATCH');
  });
});
