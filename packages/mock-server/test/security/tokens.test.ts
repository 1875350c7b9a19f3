import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@credit-check/sdk';
import { Check, Problem } from '@credit-check/sdk/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TokenAuthority } from '../../src/auth/tokens.ts';
import type { RunningServer } from '../../src/node/server.ts';
import { bearer, CONTEXT, checkBody, PERSON_DEBTOR, signed, start } from '../helpers.ts';

// Attacks on the browser tokens (`cct_…`) of a sandbox several teams share (issue 24, 1).
const TEAM_A = { appId: 'team-a', appSecret: 'team-a-secret-0000001' };
const TEAM_B = { appId: 'team-b', appSecret: 'team-b-secret-0000002' };
const as = (app: typeof TEAM_A) => ({ appId: app.appId, secret: app.appSecret });
const b64 = (data: string | Buffer) => Buffer.from(data).toString('base64url');
const code = async (res: Response) => Problem.parse(await res.json()).code;
const claimsOf = (token: string) => JSON.parse(Buffer.from(token.slice(4).split('.')[0] as string, 'base64url').toString());

describe('tokens on a sandbox shared by two teams', () => {
  let server: RunningServer;
  let teamBCheck: string;
  beforeAll(async () => {
    server = await start({ apps: [TEAM_A, TEAM_B] });
    const res = await signed(server, 'POST', '/api/v1/checks', checkBody(PERSON_DEBTOR), as(TEAM_B));
    teamBCheck = Check.parse(await res.json()).checkId;
  });
  afterAll(() => server.close());

  it("team A cannot forge team B's token from its own secret (the key is the platform's, not the first app's)", async () => {
    // The attack as it worked: the MAC key was `token:<first app's secret>`, which team A knows.
    const claims = {
      jti: 'forged000001',
      app: TEAM_B.appId,
      dept: CONTEXT.department,
      op: CONTEXT.operator,
      mat: ['*'],
      scp: ['checks:read', 'pii:read'],
      iat: Math.floor(Date.now() / 1000),
      exp: Math.floor(Date.now() / 1000) + 600,
    };
    const payload = b64(JSON.stringify(claims));
    const mac = createHmac('sha256', `token:${TEAM_A.appSecret}`).update(payload).digest('base64url');
    const res = await bearer(server, `cct_${payload}.${mac}`, 'GET', `/api/v1/checks/${teamBCheck}`);
    expect([res.status, await code(res)]).toEqual([401, 'TOKEN_INVALID']);
  });

  it("a token of team A relabelled as team B's (claims changed, MAC kept) is refused", async () => {
    const { token } = await createClient({ baseUrl: server.apiBase, ...TEAM_A }).mintToken({
      department: CONTEXT.department,
      operator: CONTEXT.operator,
      matters: ['*'],
      scopes: ['checks:read', 'pii:read'],
    });
    expect((await bearer(server, token, 'GET', `/api/v1/checks/${teamBCheck}`)).status).toBe(404);
    const [payload, mac] = token.slice(4).split('.') as [string, string];
    const relabelled = b64(JSON.stringify({ ...claimsOf(token), app: TEAM_B.appId }));
    const res = await bearer(server, `cct_${relabelled}.${mac}`, 'GET', `/api/v1/checks/${teamBCheck}`);
    expect([res.status, await code(res)]).toEqual([401, 'TOKEN_INVALID']);
    expect(payload).not.toBe(relabelled);
  });

  it("each token names its app's key (kid): team B's own token reads team B's check", async () => {
    const { token } = await createClient({ baseUrl: server.apiBase, ...TEAM_B }).mintToken({
      department: CONTEXT.department,
      operator: CONTEXT.operator,
      matters: ['*'],
      scopes: ['checks:read'],
    });
    const claims = claimsOf(token);
    expect(claims.app).toBe(TEAM_B.appId);
    expect(claims.kid).toMatch(/^[A-Za-z0-9_-]{8,}$/);
    const { token: other } = await createClient({ baseUrl: server.apiBase, ...TEAM_A }).mintToken({
      department: CONTEXT.department,
      operator: CONTEXT.operator,
      matters: ['*'],
    });
    expect(claimsOf(other).kid).not.toBe(claims.kid);
    expect((await bearer(server, token, 'GET', `/api/v1/checks/${teamBCheck}`)).status).toBe(200);
  });
});

describe('the token authority refuses what it did not mint as it mints', () => {
  const key = new Uint8Array(32).fill(7);
  const authority = new TokenAuthority({ key, apps: [TEAM_A, TEAM_B] });
  const now = Date.UTC(2026, 11, 4, 12);
  const base = async () =>
    claimsOf(
      (
        await authority.mint({
          appId: TEAM_A.appId,
          department: 'd',
          operator: 'o',
          matters: ['*'],
          scopes: ['checks:read'],
          ttlSeconds: 600,
          now,
        })
      ).token,
    );
  const refused = async (claims: Record<string, unknown>) => {
    const token = await authority.seal(claims);
    return authority.verify(token, now).then(
      () => 'accepted',
      (e: { code?: string }) => e.code,
    );
  };

  it('accepts its own token', async () => {
    expect(await refused(await base())).toBe('accepted');
  });

  it('refuses a token without exp (it would never expire)', async () => {
    const { exp: _exp, ...claims } = await base();
    expect(await refused(claims)).toBe('TOKEN_INVALID');
  });

  it('refuses a lifetime over the cap of one hour (a 1-year token was accepted)', async () => {
    const claims = await base();
    expect(await refused({ ...claims, exp: claims.iat + 365 * 86_400 })).toBe('TOKEN_INVALID');
    expect(await refused({ ...claims, exp: claims.iat + 3600 })).toBe('accepted');
    expect(await refused({ ...claims, exp: claims.iat + 3601 })).toBe('TOKEN_INVALID');
  });

  it('refuses a token issued in the future (beyond a minute of clock skew)', async () => {
    const claims = await base();
    const iat = Math.floor(now / 1000) + 3600;
    expect(await refused({ ...claims, iat, exp: iat + 600 })).toBe('TOKEN_INVALID');
  });

  it('refuses claims of the wrong shape, an unknown app and a stale kid', async () => {
    const claims = await base();
    expect(await refused({ ...claims, exp: String(claims.exp) })).toBe('TOKEN_INVALID');
    expect(await refused({ ...claims, scp: 'pii:read' })).toBe('TOKEN_INVALID');
    expect(await refused({ ...claims, app: 'team-z' })).toBe('TOKEN_INVALID');
    expect(await refused({ ...claims, kid: 'AAAAAAAAAAA' })).toBe('TOKEN_INVALID');
    const { kid: _kid, ...noKid } = claims;
    expect(await refused(noKid)).toBe('TOKEN_INVALID');
  });

  it('an expired token is TOKEN_EXPIRED', async () => {
    const claims = await base();
    expect(await refused({ ...claims, iat: claims.iat - 1200, exp: claims.iat - 600 })).toBe('TOKEN_EXPIRED');
  });
});

describe('the token key is the platform’s own, kept with its data', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cc-token-key-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const mintFor = async (server: RunningServer, app: typeof TEAM_A) =>
    (
      await createClient({ baseUrl: server.apiBase, ...app }).mintToken({
        department: CONTEXT.department,
        operator: CONTEXT.operator,
        matters: ['*'],
      })
    ).token;
  const readMatters = (server: RunningServer, token: string) => bearer(server, token, 'GET', '/api/v1/catalog/matters');

  it('survives a restart over the same data dir; rotating the app secret revokes its tokens, not the other app’s', async () => {
    const dataDir = join(dir, 'rotate');
    let server = await start({ dataDir, apps: [TEAM_A, TEAM_B] });
    const tokenA = await mintFor(server, TEAM_A);
    const tokenB = await mintFor(server, TEAM_B);
    await server.close();
    server = await start({ dataDir, apps: [TEAM_A, TEAM_B] });
    expect((await readMatters(server, tokenA)).status).toBe(200);
    await server.close();
    server = await start({ dataDir, apps: [{ ...TEAM_A, appSecret: 'team-a-secret-rotated-2' }, TEAM_B] });
    try {
      const revoked = await readMatters(server, tokenA);
      expect([revoked.status, await code(revoked)]).toEqual([401, 'TOKEN_INVALID']);
      expect((await readMatters(server, tokenB)).status).toBe(200);
    } finally {
      await server.close();
    }
  });

  it('is random per platform without a data dir, and shared by instances given the same --token-key-file', async () => {
    const one = await start({ apps: [TEAM_A] });
    const two = await start({ apps: [TEAM_A] });
    const keyFile = join(dir, 'token.key');
    writeFileSync(keyFile, `${'ab'.repeat(32)}\n`);
    const { readTokenKey } = await import('../../src/node/token-key.ts');
    const key = readTokenKey({ file: keyFile });
    const three = await start({ apps: [TEAM_A], tokenKey: key });
    const four = await start({ apps: [TEAM_A], tokenKey: key });
    try {
      expect((await readMatters(two, await mintFor(one, TEAM_A))).status).toBe(401);
      expect((await readMatters(four, await mintFor(three, TEAM_A))).status).toBe(200);
    } finally {
      await Promise.all([one.close(), two.close(), three.close(), four.close()]);
    }
    writeFileSync(keyFile, 'too-short');
    expect(() => readTokenKey({ file: keyFile })).toThrow(/64 hex/);
  });

  it('is sealed under 国密 in a sealed data dir (never in clear in the file)', async () => {
    const dataDir = join(dir, 'gm');
    const storeKey = new Uint8Array(32).fill(3);
    const server = await start({ dataDir, crypto: 'gm', storeKey, apps: [{ ...TEAM_A, scheme: 'CC-HMAC-SM3' }] });
    const { token } = await createClient({
      baseUrl: server.apiBase,
      ...TEAM_A,
      signature: (await import('@credit-check/sdk/gm')).HMAC_SM3,
    }).mintToken({ department: CONTEXT.department, operator: CONTEXT.operator, matters: ['*'] });
    expect((await readMatters(server, token)).status).toBe(200);
    await server.close();
    const { DatabaseSync } = await import('node:sqlite');
    const db = new DatabaseSync(join(dataDir, 'platform.sqlite'));
    const row = db.prepare("SELECT value FROM meta WHERE key = 'key:token'").get() as { value: string } | undefined;
    db.close();
    expect(row?.value).toMatch(/^s1\./);
  });
});
