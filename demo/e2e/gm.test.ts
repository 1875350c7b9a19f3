import { sandboxContext } from '@credit-check/mock-server';
import { createClient } from '@credit-check/sdk';
import { Jwks } from '@credit-check/sdk/contract';
import { HMAC_SM3, sm2PublicKeyFromJwk } from '@credit-check/sdk/gm';
import { sm2 } from 'sm-crypto-v2';
import { describe, expect, it } from 'vitest';
import { fillCleanApplication, open, withDemo } from './harness.ts';

// The approval hall on a 国密 platform (`npm start -- --crypto gm`): the widget checks with its
// (HMAC-SM3) token, the platform signs SM2 receipts, the host backend signs its calls with SM3 and
// verifies the receipts before it approves.
const env = withDemo({ subjects: 100, crypto: 'gm' });

describe('the approval hall on --crypto gm', () => {
  it('approves a clean application after the backend verified both SM2 receipts', async () => {
    const { page, problems } = await open(env.browser, env.demo.url);
    await fillCleanApplication(page);
    const receipt = (await page.evaluate(
      () => (document.querySelector('#org-check') as HTMLElement & { result?: { receipt: string } }).result?.receipt,
    )) as string;
    expect(JSON.parse(Buffer.from(receipt.split('.')[0] as string, 'base64url').toString())).toMatchObject({ alg: 'SM2SM3' });
    // The same receipt verifies with sm-crypto-v2 directly, from the platform's published JWK.
    const jwk = Jwks.parse(await (await fetch(`${env.demo.mock.apiBase}/keys`)).json()).keys[0];
    const [head, body, sig] = receipt.split('.') as [string, string, string];
    expect(
      sm2.doVerifySignature(`${head}.${body}`, Buffer.from(sig, 'base64url').toString('hex'), sm2PublicKeyFromJwk(jwk ?? {}) ?? '', {
        hash: true,
      }),
    ).toBe(true);
    await page.waitForFunction(() => !(document.querySelector('#approve') as HTMLButtonElement).disabled);
    await page.click('#approve');
    await page.waitForSelector('.decision');
    expect(await page.getAttribute('.decision', 'data-approved')).toBe('true');
    expect(problems).toEqual([]);
  }, 60_000);

  it('the backend refuses a forged SM2 receipt, and a SHA-256-signed call is refused by the platform', async () => {
    const platform = createClient({
      baseUrl: env.demo.mock.apiBase,
      appId: 'sandbox-app',
      appSecret: 'sandbox-secret-change-me',
      signature: HMAC_SM3,
    });
    const context = sandboxContext('SZ-GM-0001');
    const check = await platform.check({ subject: { idType: 'uscc', id: '91330106MA2FD1G85L' }, matter: 'FOOD_BUSINESS_LICENCE', context });
    const [h, p, s] = check.receipt.split('.') as [string, string, string];
    const forged = `${h}.${Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(p, 'base64url').toString()), verdict: 'clear' })).toString('base64url')}.${s}`;
    const form = new FormData();
    for (const [k, v] of Object.entries({
      applicationId: 'SZ-GM-0001',
      matter: 'FOOD_BUSINESS_LICENCE',
      uscc: '91330106MA2FD1G85L',
      orgCheck: check.checkId,
      'orgCheck-receipt': forged,
    })) {
      form.append(k, v);
    }
    const res = await fetch(`${env.demo.url}backend/applications`, {
      method: 'POST',
      body: form,
      headers: { origin: new URL(env.demo.url).origin },
    });
    expect(res.status).toBe(422);
    expect(((await res.json()) as { decisions: { code: string }[] }).decisions[0]?.code).toBe('RECEIPT_SIGNATURE');
    const downgraded = createClient({
      baseUrl: env.demo.mock.apiBase,
      appId: 'sandbox-app',
      appSecret: 'sandbox-secret-change-me',
      retry: 0,
    });
    await expect(
      downgraded.check({ subject: { idType: 'uscc', id: '91320100748204660Q' }, matter: 'FOOD_BUSINESS_LICENCE', context }),
    ).rejects.toMatchObject({
      problemCode: 'SIGNATURE_INVALID',
    });
  });
});
