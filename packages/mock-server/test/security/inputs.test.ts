import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Check, Problem } from '@credit-check/sdk/contract';
import { verifyReceipt } from '@credit-check/sdk/receipts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/node/server.ts';
import { bearer, CLEAN, checkBody, mint, signed, start } from '../helpers.ts';

// The attacks an outside party tries first, kept as tests so none comes back: replays, unsigned
// receipts, tampered tokens, traversal, huge bodies, broken Unicode, header injection.
const code = async (res: Response) => Problem.parse(await res.json()).code;

describe('a platform without a data dir keeps no nonces across a restart', () => {
  it('refuses a call signed before it started, so a captured request cannot be replayed after a restart', async () => {
    let server = await start();
    const nonce = 'replay-after-restart-0001';
    const timestamp = Date.now();
    expect((await signed(server, 'POST', '/api/v1/checks', checkBody(), { nonce, timestamp })).status).toBe(201);
    await server.close();
    server = await start();
    try {
      const replayed = await signed(server, 'POST', '/api/v1/checks', checkBody(), { nonce, timestamp });
      const body = Problem.parse(await replayed.json());
      expect([replayed.status, body.code]).toEqual([401, 'SIGNATURE_EXPIRED']);
      expect(body.message['zh-CN']).toMatch(/重新签名/);
      // A call signed now goes through.
      expect((await signed(server, 'POST', '/api/v1/checks', checkBody())).status).toBe(201);
    } finally {
      await server.close();
    }
  });

  it('a reset of the records keeps the nonces: a call captured before it is not replayable after it', async () => {
    const server = await start();
    try {
      const nonce = 'replay-after-reset-0001';
      expect((await signed(server, 'POST', '/api/v1/checks', checkBody(), { nonce })).status).toBe(201);
      expect((await fetch(`${server.origin}/__mock/reset`, { method: 'POST' })).status).toBe(200);
      const replayed = await signed(server, 'POST', '/api/v1/checks', checkBody(), { nonce });
      expect([replayed.status, await code(replayed)]).toEqual([401, 'NONCE_REUSED']);
    } finally {
      await server.close();
    }
  });
});

describe('attacks refused at the edge', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cc-attacks-'));
  let server: RunningServer;
  beforeAll(async () => {
    server = await start({ dataDir: dir });
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a replayed signed call is refused, also after the platform restarts over its data dir', async () => {
    const nonce = 'replay-attack-nonce-0001';
    expect((await signed(server, 'POST', '/api/v1/checks', checkBody(), { nonce })).status).toBe(201);
    const again = await signed(server, 'POST', '/api/v1/checks', checkBody(), { nonce });
    expect([again.status, await code(again)]).toEqual([401, 'NONCE_REUSED']);
    await server.close();
    server = await start({ dataDir: dir });
    const afterRestart = await signed(server, 'POST', '/api/v1/checks', checkBody(), { nonce });
    expect([afterRestart.status, await code(afterRestart)]).toEqual([401, 'NONCE_REUSED']);
  });

  it('a receipt re-signed with alg "none" or stripped of its signature does not verify', async () => {
    const check = Check.parse(await (await signed(server, 'POST', '/api/v1/checks', checkBody())).json());
    const keys = await (await fetch(`${server.apiBase}/keys`)).json();
    const [, payload] = check.receipt.split('.') as [string, string, string];
    const none = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${payload}.`;
    await expect(verifyReceipt(none, keys, { subject: CLEAN })).rejects.toThrow();
    await expect(verifyReceipt(`${check.receipt.split('.').slice(0, 2).join('.')}.`, keys, { subject: CLEAN })).rejects.toThrow();
    await expect(verifyReceipt(check.receipt, keys, { subject: CLEAN })).resolves.toMatchObject({ checkId: check.checkId });
  });

  it('a token whose claims were edited (more scopes, later expiry) is refused', async () => {
    const token = await mint(server, { scopes: ['checks:read'] });
    const [payload, mac] = token.slice(4).split('.') as [string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    for (const edit of [{ scp: ['checks:read', 'pii:read'] }, { exp: claims.exp + 3000 }, { dept: '另一个部门' }]) {
      const forged = `cct_${Buffer.from(JSON.stringify({ ...claims, ...edit })).toString('base64url')}.${mac}`;
      const res = await bearer(server, forged, 'GET', '/api/v1/catalog/matters');
      expect([res.status, await code(res)]).toEqual([401, 'TOKEN_INVALID']);
    }
  });

  it('path traversal towards the controls or files is a 404, never a reset', async () => {
    const check = Check.parse(await (await signed(server, 'POST', '/api/v1/checks', checkBody())).json());
    for (const path of [
      '/api/v1/checks/..%2F..%2F__mock%2Freset',
      '/api/v1/checks/%2e%2e/%2e%2e/__mock/reset',
      '/api/v1/../../etc/passwd',
      '/api/v1/checks/..%5c..%5c__mock%5creset',
    ]) {
      const res = await signed(server, 'POST', path, {});
      expect(res.status, path).toBeGreaterThanOrEqual(400);
      expect(res.status, path).toBeLessThan(500);
    }
    expect((await signed(server, 'GET', `/api/v1/checks/${check.checkId}`)).status).toBe(200);
  });

  it('a 10 MB body is refused with 413 without being read, and the server keeps serving', async () => {
    const big = JSON.stringify({ ...checkBody(), padding: 'x'.repeat(10 * 1024 * 1024) });
    const res = await signed(server, 'POST', '/api/v1/checks', undefined, { raw: big });
    expect([res.status, await code(res)]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
    expect((await signed(server, 'POST', '/api/v1/checks', checkBody())).status).toBe(201);
  });

  it('lone surrogates and control characters in text fields are a 400, never a 500', async () => {
    for (const department of ['\ud800部门', '部门\udfff', '部门\u0000', '部门\r\nSet-Cookie: x=1']) {
      const res = await signed(server, 'POST', '/api/v1/tokens', { department, operator: 'window-01', matters: ['*'] });
      expect(res.status, JSON.stringify(department)).toBe(400);
      expect(res.headers.get('set-cookie')).toBeNull();
      expect(await code(res)).toBe('VALIDATION_FAILED');
    }
  });

  it('right-to-left overrides and other bidi controls in names and free text are a 400 that says why (a name could be spoofed on screen)', async () => {
    // U+202E makes "王建国\u202E司公限有" read as "王建国有限公司" on a clerk's screen (issue 37).
    const spoofs = ['王建国\u202E司公限有', '\u2066苏州\u2069', '部门\u202A', '部门\u202D'];
    for (const name of spoofs) {
      const res = await signed(server, 'POST', '/api/v1/checks', checkBody({ ...CLEAN, name }));
      expect(res.status, JSON.stringify(name)).toBe(400);
      const body = Problem.parse(await res.json());
      expect(body.errors?.map((e) => [e.pointer, e.code])).toEqual([['/subject/name', 'BIDI_CONTROLS']]);
      expect(body.errors?.[0]?.message['zh-CN']).toMatch(/文字方向/);
    }
    const note = await signed(server, 'POST', '/api/v1/tokens', { department: '民政局\u2067', operator: 'window-01', matters: ['*'] });
    expect([note.status, Problem.parse(await note.json()).errors?.[0]?.code]).toEqual([400, 'BIDI_CONTROLS']);
    // Marks that only hint a direction (LRM, RLM) override nothing: kept.
    expect((await signed(server, 'POST', '/api/v1/checks', checkBody({ ...CLEAN, name: '南京\u200E清源食品有限公司' }))).status).toBe(201);
  });

  it('CRLF in a request id or idempotency key never reaches a response header', async () => {
    const { port } = new URL(server.origin);
    const answer = await new Promise<{ status: number; headers: Record<string, unknown> }>((resolve, reject) => {
      // Obsolete line folding and a bare CR: the HTTP parser refuses them before the app sees them.
      const req = request({ host: '127.0.0.1', port, method: 'GET', path: '/healthz', headers: { 'x-request-id': 'abc' } }, (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
      });
      req.on('error', reject);
      req.end();
    });
    expect(answer.headers['x-request-id']).toBe('abc');
    const injected = await fetch(`${server.origin}/healthz`, { headers: { 'x-request-id': 'abc%0d%0aSet-Cookie:%20x=1' } });
    expect(injected.headers.get('set-cookie')).toBeNull();
    expect(injected.headers.get('x-request-id')).not.toContain('Set-Cookie');
  });
});
