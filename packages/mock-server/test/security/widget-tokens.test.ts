import { createHmac } from 'node:crypto';
import { createClient, signWidgetToken, tokenClaims } from '@credit-check/sdk';
import { Check, Problem } from '@credit-check/sdk/contract';
import { HMAC_SM3 } from '@credit-check/sdk/gm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/node/server.ts';
import { bearer, CONTEXT, checkBody, start } from '../helpers.ts';

// Widget tokens a backend signs itself, offline (issue 38): a counter gets its token even when the
// platform is down as the day begins. The same claims, scopes, lifetime cap and revocation as
// POST /tokens — and nothing an attacker can sign without the app's own secret.
const TEAM_A = { appId: 'team-a', appSecret: 'team-a-secret-0000001' };
const TEAM_B = { appId: 'team-b', appSecret: 'team-b-secret-0000002' };
const AUTHORITY = { appId: 'market', appSecret: 'market-secret-00000003', roles: ['authority'], authorities: ['市场监督管理局'] };
const b64 = (data: string | Buffer) => Buffer.from(data).toString('base64url');
const code = async (res: Response) => Problem.parse(await res.json()).code;
const request = { department: CONTEXT.department, operator: CONTEXT.operator, matters: ['*'] };
const check = (server: RunningServer, token: string) => bearer(server, token, 'POST', '/api/v1/checks', checkBody());

describe('widget tokens signed offline by the backend', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await start({ apps: [TEAM_A, TEAM_B, AUTHORITY] as never });
  });
  afterAll(() => server.close());

  it('checks like a minted token, with the defaults, the lifetime asked for and the 应急 matters it carries', async () => {
    const signed = await signWidgetToken(TEAM_A, { ...request, ttlSeconds: 600, deferrals: ['PROCUREMENT_SUPPLIER'] });
    expect(signed.token).toMatch(/^cca_/);
    expect(Date.parse(signed.expiresAt) - Date.now()).toBeGreaterThan(590_000);
    expect(signed.scopes).toEqual([
      'checks:write',
      'checks:read',
      'feedback:write',
      'commitments:write',
      'commitments:read',
      'catalog:read',
    ]);
    expect(tokenClaims(signed.token)).toMatchObject({ app: 'team-a', dept: CONTEXT.department, dfr: ['PROCUREMENT_SUPPLIER'] });
    const res = await check(server, signed.token);
    expect(res.status, await res.clone().text()).toBe(201);
    const made = Check.parse(await res.json());
    // Held to its scopes as any token: no pii:read, so the answer is masked for it.
    expect((await bearer(server, signed.token, 'GET', `/api/v1/checks/${made.checkId}`)).status).toBe(200);
    expect((await bearer(server, signed.token, 'GET', '/api/v1/events')).status).toBe(403);
    // The client method signs with the client's own credentials.
    const client = createClient({ baseUrl: server.apiBase, ...TEAM_B });
    expect((await check(server, (await client.signWidgetToken(request)).token)).status).toBe(201);
  });

  it('refuses edited claims, another app’s secret, an unknown app, a lifetime past an hour and a future iat', async () => {
    const { token } = await signWidgetToken(TEAM_A, { ...request, scopes: ['checks:write'] });
    const [payload, mac] = token.slice(4).split('.') as [string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const resign = (edit: object, secret = TEAM_A.appSecret) => {
      const p = b64(JSON.stringify({ ...claims, ...edit }));
      return `cca_${p}.${createHmac('sha256', secret).update(`CC-WIDGET-TOKEN\n${p}`).digest('base64url')}`;
    };
    const attempts = [
      `cca_${b64(JSON.stringify({ ...claims, scp: ['checks:write', 'pii:read'] }))}.${mac}`,
      // Team B signs a token naming team A, with its own secret.
      resign({}, TEAM_B.appSecret),
      resign({ app: 'nobody' }),
      // Signed with the right secret but past the cap.
      resign({ exp: claims.iat + 7200 }),
      resign({ iat: claims.iat + 600, exp: claims.iat + 1200 }),
      // A minted-token prefix on a signed token.
      `cct_${payload}.${mac}`,
    ];
    for (const forged of attempts) {
      const res = await check(server, forged);
      expect([res.status, await code(res)], forged.slice(0, 24)).toEqual([401, 'TOKEN_INVALID']);
    }
    // And the right secret with the right cap is accepted (the test's own MAC is the scheme's).
    expect((await check(server, resign({}))).status).toBe(201);
  });

  it('an app without the window role has no widget tokens', async () => {
    const { token } = await signWidgetToken(AUTHORITY, request);
    const res = await check(server, token);
    expect([res.status, await code(res)]).toEqual([401, 'TOKEN_INVALID']);
  });

  it('rotating the app secret revokes every token signed with the old one', async () => {
    const before = await signWidgetToken(TEAM_A, request);
    const rotated = await start({ apps: [{ ...TEAM_A, appSecret: 'team-a-secret-rotated-1' }] });
    try {
      expect(await code(await check(rotated, before.token))).toBe('TOKEN_INVALID');
      const after = await signWidgetToken({ ...TEAM_A, appSecret: 'team-a-secret-rotated-1' }, request);
      expect((await check(rotated, after.token)).status).toBe(201);
    } finally {
      await rotated.close();
    }
  });

  it('refuses bad input before signing, and never signs in a browser-like page without being told to', async () => {
    await expect(signWidgetToken(TEAM_A, { ...request, ttlSeconds: 7200 })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(signWidgetToken({ appId: 'x' }, request)).rejects.toMatchObject({ code: 'CONFIG' });
  });
});

describe('under 国密 a backend signs its widget tokens with HMAC-SM3', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await start({ crypto: 'gm' });
  });
  afterAll(() => server.close());

  it('an SM3-signed token checks; the same claims signed with SHA-256 are refused (no downgrade)', async () => {
    const app = { appId: 'sandbox-app', appSecret: 'sandbox-secret-change-me' };
    const sm3 = await signWidgetToken({ ...app, signature: HMAC_SM3 }, request);
    expect((await check(server, sm3.token)).status).toBe(201);
    const sha = await signWidgetToken(app, request);
    expect(await code(await check(server, sha.token))).toBe('TOKEN_INVALID');
  });
});
