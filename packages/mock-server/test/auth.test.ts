import { HMAC_SHA256 } from '@credit-check/sdk/auth';
import { Check, Problem } from '@credit-check/sdk/contract';
import { HMAC_SM3 } from '@credit-check/sdk/gm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CryptoSuite } from '../src/index.ts';
import type { RunningServer } from '../src/node/server.ts';
import { algorithmOf, bearer, CONTEXT, checkBody, mint, signed, start } from './helpers.ts';

const code = async (res: Response) => Problem.parse(await res.json()).code;

// The same refusals under both suites: CC-HMAC-SHA256 and, with `--crypto gm`, CC-HMAC-SM3.
describe.each<CryptoSuite>(['standard', 'gm'])('crypto %s', (suite) => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await start({ crypto: suite });
  });
  afterAll(() => server.close());

  describe('signed server-to-server calls', () => {
    it('accepts a correct signature', async () => {
      expect((await signed(server, 'POST', '/api/v1/checks', checkBody())).status).toBe(201);
    });

    it('rejects unsigned, wrongly signed and unknown-app requests with 401 and a challenge', async () => {
      const unsigned = await fetch(`${server.apiBase}/checks`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(checkBody()),
      });
      expect(unsigned.status).toBe(401);
      expect(unsigned.headers.get('www-authenticate')).toContain('CC-HMAC-SHA256');
      expect(await code(unsigned)).toBe('UNAUTHENTICATED');
      const wrong = await signed(server, 'POST', '/api/v1/checks', checkBody(), { secret: 'not-the-secret' });
      expect([wrong.status, await code(wrong)]).toEqual([401, 'SIGNATURE_INVALID']);
      const app = await signed(server, 'POST', '/api/v1/checks', checkBody(), { appId: 'someone-else' });
      expect([app.status, await code(app)]).toEqual([401, 'SIGNATURE_INVALID']);
    });

    it('binds the signature to the body: a tampered body fails', async () => {
      const { authorizationHeader } = await import('@credit-check/sdk/auth');
      const body = JSON.stringify(checkBody());
      const authorization = await authorizationHeader(
        'sandbox-app',
        'sandbox-secret-change-me',
        { method: 'POST', pathAndQuery: '/api/v1/checks', timestamp: Date.now(), nonce: 'nonce-tamper-1', body },
        algorithmOf(server),
      );
      const tampered = body.replace('FOOD_BUSINESS_LICENCE', 'CONSTRUCTION_PERMIT');
      const res = await fetch(`${server.apiBase}/checks`, {
        method: 'POST',
        headers: { authorization, 'content-type': 'application/json' },
        body: tampered,
      });
      expect([res.status, await code(res)]).toEqual([401, 'SIGNATURE_INVALID']);
    });

    it('rejects stale timestamps (more than 5 minutes off) and replayed nonces', async () => {
      const stale = await signed(server, 'POST', '/api/v1/checks', checkBody(), { timestamp: Date.now() - 6 * 60_000 });
      expect([stale.status, await code(stale)]).toEqual([401, 'SIGNATURE_EXPIRED']);
      const future = await signed(server, 'POST', '/api/v1/checks', checkBody(), { timestamp: Date.now() + 6 * 60_000 });
      expect(await code(future)).toBe('SIGNATURE_EXPIRED');
      const timestamp = Date.now();
      const first = await signed(server, 'POST', '/api/v1/checks', checkBody(), { nonce: 'replayed-nonce-1', timestamp });
      expect(first.status).toBe(201);
      const replay = await signed(server, 'POST', '/api/v1/checks', checkBody(), { nonce: 'replayed-nonce-1', timestamp });
      expect([replay.status, await code(replay)]).toEqual([401, 'NONCE_REUSED']);
    });

    it("refuses the other scheme, correctly computed with the app's secret (no downgrade)", async () => {
      const other = suite === 'gm' ? HMAC_SHA256 : HMAC_SM3;
      const res = await signed(server, 'POST', '/api/v1/checks', checkBody(), { algorithm: other });
      const problem = Problem.parse(await res.json());
      expect([res.status, problem.code]).toEqual([401, 'SIGNATURE_INVALID']);
      expect(problem.detail).toContain(algorithmOf(server).name);
    });
  });

  describe('browser tokens', () => {
    it('are minted by a signed app only; a token cannot mint tokens', async () => {
      const token = await mint(server);
      expect(token).toMatch(/^cct_/);
      const res = await bearer(server, token, 'POST', '/api/v1/tokens', { department: 'x', operator: 'y', matters: ['*'] });
      expect([res.status, await code(res)]).toEqual([403, 'FORBIDDEN']);
    });

    it('are scoped to matters, department, operator and scopes', async () => {
      const token = await mint(server, { matters: ['FOOD_BUSINESS_LICENCE'] });
      expect((await bearer(server, token, 'POST', '/api/v1/checks', checkBody())).status).toBe(201);
      expect(await code(await bearer(server, token, 'POST', '/api/v1/checks', checkBody(undefined, 'CONSTRUCTION_PERMIT')))).toBe(
        'SCOPE_MATTER',
      );
      expect(
        await code(
          await bearer(server, token, 'POST', '/api/v1/checks', checkBody(undefined, undefined, { ...CONTEXT, department: '另一个部门' })),
        ),
      ).toBe('SCOPE_DEPARTMENT');
      expect(
        await code(
          await bearer(server, token, 'POST', '/api/v1/checks', checkBody(undefined, undefined, { ...CONTEXT, operator: 'window-99' })),
        ),
      ).toBe('SCOPE_OPERATOR');
      const noProfiles = await bearer(server, token, 'POST', '/api/v1/profiles', { subject: { idType: 'uscc', id: '91320100748204660Q' } });
      expect([noProfiles.status, await code(noProfiles)]).toEqual([403, 'SCOPE_MISSING']);
    });

    it("cannot read other departments' checks", async () => {
      const other = await mint(server, { department: '另一个部门', operator: 'window-02' });
      const check = Check.parse(await (await signed(server, 'POST', '/api/v1/checks', checkBody())).json());
      const res = await bearer(server, other, 'GET', `/api/v1/checks/${check.checkId}`);
      expect([res.status, await code(res)]).toEqual([403, 'SCOPE_DEPARTMENT']);
      const own = await mint(server);
      expect((await bearer(server, own, 'GET', `/api/v1/checks/${check.checkId}`)).status).toBe(200);
    });

    it('expire, and forged or garbled tokens are refused', async () => {
      const { Platform, createApp } = await import('../src/index.ts');
      let now = Date.now();
      const platform = await Platform.create({ subjects: 0, now: () => new Date(now), crypto: suite });
      const app = createApp({ platform });
      const { token } = await platform.tokens.mint(
        { kind: 'app', appId: 'sandbox-app' },
        { department: 'd', operator: 'o', matters: ['*'], ttlSeconds: 60 },
      );
      const call = (t: string) => app.fetch(new Request('http://x/api/v1/catalog/matters', { headers: { authorization: `Bearer ${t}` } }));
      expect((await call(token)).status).toBe(200);
      now += 61_000;
      expect(await code(await call(token))).toBe('TOKEN_EXPIRED');
      const [head, sig] = token.split('.') as [string, string];
      expect(await code(await call(`${head}.${sig.slice(1)}A`))).toBe('TOKEN_INVALID');
      expect(await code(await call('cct_garbage'))).toBe('TOKEN_INVALID');
    });
  });
});
