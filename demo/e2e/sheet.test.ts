import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type RunningServer, startServer } from '@credit-check/mock-server/node';
import { createClient } from '@credit-check/sdk';
import { Jwks } from '@credit-check/sdk/contract';
import { HMAC_SM3 } from '@credit-check/sdk/gm';
import { verifySheetQr } from '@credit-check/sdk/receipts';
import jsqr from 'jsqr';
import type { Browser } from 'playwright-core';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch } from './harness.ts';

// The 信用核查结果单 (issue 41) as a clerk prints it: an A4 page in Chromium, saved as PDF, whose QR —
// read back from the rendered page by jsQR, a decoder nobody here wrote — verifies offline with the
// SDK and the platform's published keys, under both crypto suites.

// jsQR is CommonJS whose types describe an ES default: take the function either way.
const jsQR = ((jsqr as unknown as { default?: typeof jsqr }).default ?? jsqr) as unknown as typeof jsqr.default;
const SHEETS = fileURLToPath(new URL('../../test-results/sheets', import.meta.url));
mkdirSync(SHEETS, { recursive: true });

const APP = { appId: 'sandbox-app', appSecret: 'sandbox-secret-change-me' };
const CONTEXT = { applicationId: 'SZ-2026-004211', department: '市场监管局', operator: '王敏', channel: 'window' as const };

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser?.close());

describe.each(['standard', 'gm'] as const)('结果单 under the %s suite', (crypto) => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ port: 0, subjects: 50, crypto, apps: [crypto === 'gm' ? { ...APP, scheme: 'CC-HMAC-SM3' } : APP] });
  });
  afterAll(() => server?.close());

  it.each([
    ['restrict', { idType: 'uscc' as const, id: '91140105MA0CD7K21J' }, 'PROCUREMENT_SUPPLIER'],
    ['clear', { idType: 'uscc' as const, id: '91320100748204660Q' }, 'FOOD_BUSINESS_LICENCE'],
  ])('prints a %s check on one A4 page whose QR verifies offline', async (verdict, subject, matter) => {
    const client = createClient({ baseUrl: server.apiBase, ...APP, ...(crypto === 'gm' ? { signature: HMAC_SM3 } : {}) });
    const check = await client.check({ subject, matter, context: CONTEXT });
    expect(check.verdict).toBe(verdict);
    const keys = Jwks.parse(await client.getKeys());

    const html = await fetch(`${server.apiBase}/checks/${check.checkId}/sheet`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${(await client.mintToken({ department: CONTEXT.department, operator: CONTEXT.operator, matters: ['*'] })).token}`,
        accept: 'text/html',
      },
    });
    expect(html.status).toBe(201);
    const page = await browser.newPage({ viewport: { width: 900, height: 1300 }, deviceScaleFactor: 3 });
    await page.setContent(await html.text());
    const name = `sheet-${crypto}-${verdict}`;
    await page.screenshot({ path: join(SHEETS, `${name}.png`), fullPage: true });
    const pdf = await page.pdf({ path: join(SHEETS, `${name}.pdf`), format: 'A4', printBackground: true, preferCSSPageSize: true });
    // Pages of the PDF as Chromium printed it (`/Type /Page`, not `/Pages`).
    expect(pdf.toString('latin1').match(/\/Type\s*\/Page\b/g)?.length, 'one A4 page').toBe(1);

    // The QR as printed, read back by a decoder nobody here wrote.
    const qr = await page.locator('.qr svg').screenshot({ path: join(SHEETS, `${name}-qr.png`) });
    const png = PNG.sync.read(qr);
    const decoded = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
    const text = decoded?.data ?? '';
    expect(text).toMatch(/\/verify\?code=[0-9A-Z]{4}-[0-9A-Z]{4}#/);
    await page.close();

    const { claims, expired } = await verifySheetQr(text, keys);
    expect(expired).toBe(false);
    expect(claims).toMatchObject({ sn: check.serial, v: verdict, m: matter, sub: subject.id });
    // Under 国密 the QR is signed with SM2; a tampered summary does not verify.
    const [, jws] = text.split('#') as [string, string];
    expect(JSON.parse(Buffer.from(jws.split('.')[0] as string, 'base64url').toString()).alg).toBe(crypto === 'gm' ? 'SM2SM3' : 'EdDSA');
    const [h, p, s] = jws.split('.') as [string, string, string];
    const forged = Buffer.from(JSON.stringify({ ...claims, v: verdict === 'clear' ? 'restrict' : 'clear' }), 'utf8').toString('base64url');
    await expect(verifySheetQr(`${h}.${forged}.${s}`, keys)).rejects.toThrow(/SIGNATURE|signature/);
    expect(p).not.toBe(forged);
  });
});
