import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Jwks } from '@credit-check/sdk/contract';
import { HMAC_SM3, sm2PublicKeyFromJwk } from '@credit-check/sdk/gm';
import { sm2 } from 'sm-crypto-v2';
import { describe, expect, it } from 'vitest';
import type { RunningServer } from '../src/node/server.ts';
import { checkBody, signed } from './helpers.ts';
import { BIN, exited, spawnMock } from './process.ts';

describe('credit-check-mock CLI', () => {
  it('prints URLs and the sandbox credentials, serves /healthz, and stops on SIGTERM', async () => {
    const { child, origin, output } = await spawnMock(['--subjects', '10']);
    try {
      expect(output()).toContain('appId=sandbox-app appSecret=sandbox-secret-change-me');
      expect(output()).toMatch(/OpenAPI\s+http:\/\/127\.0\.0\.1:\d+\/api\/v1\/openapi\.json/);
      const health = await fetch(`${origin}/healthz`);
      expect(health.status).toBe(200);
      expect(((await health.json()) as { subjects: number }).subjects).toBeGreaterThanOrEqual(10);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited(child)).toBe(0);
  });

  it('takes credentials from CREDIT_CHECK_APP_ID / CREDIT_CHECK_APP_SECRET and does not print the secret', async () => {
    const { child, output } = await spawnMock(['--quiet'], {
      CREDIT_CHECK_APP_ID: 'hall-backend',
      CREDIT_CHECK_APP_SECRET: 'a-real-secret-123',
    });
    child.kill('SIGTERM');
    await exited(child);
    expect(output()).toContain('appId=hall-backend');
    expect(output()).not.toContain('a-real-secret-123');
  });

  it('--crypto gm: a backend signing with CC-HMAC-SM3 checks, and the SM2 receipt verifies with sm-crypto-v2', async () => {
    const { child, origin, output } = await spawnMock(['--quiet', '--subjects', '10', '--crypto', 'gm']);
    try {
      expect(output()).toContain('signs with CC-HMAC-SM3');
      const server = { origin } as RunningServer;
      const res = await signed(server, 'POST', '/api/v1/checks', checkBody(), { algorithm: HMAC_SM3 });
      expect(res.status).toBe(201);
      const { receipt } = (await res.json()) as { receipt: string };
      const jwk = Jwks.parse(await (await fetch(`${origin}/api/v1/keys`)).json()).keys[0];
      expect(jwk).toMatchObject({ kty: 'EC', crv: 'SM2', alg: 'SM2SM3' });
      const [head, body, sig] = receipt.split('.') as [string, string, string];
      const publicKey = sm2PublicKeyFromJwk(jwk ?? {}) as string;
      expect(sm2.doVerifySignature(`${head}.${body}`, Buffer.from(sig, 'base64url').toString('hex'), publicKey, { hash: true })).toBe(true);
      // The standard scheme is refused for this app.
      expect((await signed(server, 'POST', '/api/v1/checks', checkBody())).status).toBe(401);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited(child)).toBe(0);
  });

  it('--apps FILE: several teams sign with their own secrets, which the banner never prints; a bad file is refused', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cc-apps-'));
    const file = join(dir, 'apps.json');
    writeFileSync(
      file,
      JSON.stringify([
        { appId: 'team-a', appSecret: 'team-a-secret-000001' },
        { appId: 'team-b', appSecret: 'team-b-secret-000002' },
      ]),
    );
    const { child, origin, output } = await spawnMock(['--quiet', '--subjects', '0', '--apps', file]);
    try {
      expect(output()).toContain('team-a, team-b');
      expect(output()).not.toContain('secret-00000');
      const server = { origin, apiBase: `${origin}/api/v1` } as RunningServer;
      const asB = { appId: 'team-b', secret: 'team-b-secret-000002' };
      expect((await signed(server, 'POST', '/api/v1/checks', checkBody(), asB)).status).toBe(201);
      // The documented sandbox app is not among them.
      expect((await signed(server, 'GET', '/api/v1/catalog/matters')).status).toBe(401);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited(child)).toBe(0);
    writeFileSync(file, JSON.stringify([{ appId: 'team a', appSecret: 'short' }]));
    const bad = spawnSync(process.execPath, [BIN, '--apps', file], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('appId: 1–64 of');
    expect(bad.stderr).toContain('/0/appId');
  });

  it('says its version, and every subcommand has its help (exit 0)', () => {
    const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
    const CONFORMANCE = fileURLToPath(new URL('../bin/credit-check-conformance.js', import.meta.url));
    for (const [bin, args, expected] of [
      [BIN, ['--version'], `credit-check-mock ${version}`],
      [BIN, ['-V'], `credit-check-mock ${version}`],
      [CONFORMANCE, ['--version'], `credit-check-conformance ${version}`],
    ] as const) {
      const run = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });
      expect([run.status, run.stdout.trim()], args.join(' ')).toEqual([0, expected]);
    }
    for (const args of [['--help'], ['proxy', '--help'], ['--replay', 'x', '--help'], ['migrate-store', '--help']]) {
      const run = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });
      expect(run.status, args.join(' ')).toBe(0);
      expect(run.stdout, args.join(' ')).toMatch(/Usage: credit-check-mock/);
    }
    const conformance = spawnSync(process.execPath, [CONFORMANCE, '--help'], { encoding: 'utf8' });
    expect([conformance.status, conformance.stdout]).toEqual([0, expect.stringContaining('Usage: credit-check-conformance')]);
  });

  it('refuses bad options with a reason and exit code 2', () => {
    const bad = spawnSync(process.execPath, [BIN, '--port', 'eighty'], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--port must be 0–65535');
    const suite = spawnSync(process.execPath, [BIN, '--crypto', 'sm9'], { encoding: 'utf8' });
    expect([suite.status, suite.stderr]).toEqual([2, expect.stringContaining('--crypto must be standard or gm')]);
    const badKey = spawnSync(process.execPath, [BIN, '--crypto', 'gm', '--data-dir', '/tmp/cc-nope', '--store-key-file', BIN], {
      encoding: 'utf8',
    });
    expect([badKey.status, badKey.stderr]).toEqual([2, expect.stringContaining('64 hex characters')]);
    // Workers in memory would each keep their own checks: refused before any is forked.
    const memory = spawnSync(process.execPath, [BIN, '--workers', '2'], { encoding: 'utf8' });
    expect([memory.status, memory.stderr]).toEqual([2, expect.stringContaining('--workers shares one store between processes')]);
    const many = spawnSync(process.execPath, [BIN, '--workers', '0', '--data-dir', '/tmp/cc-nope'], { encoding: 'utf8' });
    expect([many.status, many.stderr]).toEqual([2, expect.stringContaining('--workers must be 1–64')]);
    const unknown = spawnSync(process.execPath, [BIN, '--nope'], { encoding: 'utf8' });
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain("Unknown option '--nope'");
    const hosts = spawnSync(process.execPath, [BIN, '--allow-webhook-hosts', '127.0.0.1,10.0.0.0/33'], { encoding: 'utf8' });
    expect([hosts.status, hosts.stderr]).toEqual([2, expect.stringContaining('"10.0.0.0/33" is not a valid CIDR range')]);
    const tokenKey = spawnSync(process.execPath, [BIN, '--token-key-file', BIN], { encoding: 'utf8' });
    expect([tokenKey.status, tokenKey.stderr]).toEqual([2, expect.stringContaining('must hold 64 hex characters')]);
    const tokenEnv = spawnSync(process.execPath, [BIN], { encoding: 'utf8', env: { ...process.env, CREDIT_CHECK_TOKEN_KEY: 'abc' } });
    expect([tokenEnv.status, tokenEnv.stderr]).toEqual([2, expect.stringContaining('CREDIT_CHECK_TOKEN_KEY must hold 64 hex')]);
    // A store that is not PostgreSQL, two stores at once, a database out of reach: a reason, never the password.
    const notPg = spawnSync(process.execPath, [BIN, '--store', 'mysql://vendor:hunter2@db/x'], { encoding: 'utf8' });
    expect([notPg.status, notPg.stderr]).toEqual([2, expect.stringContaining('--store must be a PostgreSQL URL')]);
    expect(notPg.stderr).toContain('vendor:***@db');
    expect(notPg.stderr).not.toContain('hunter2');
    const both = spawnSync(process.execPath, [BIN, '--store', 'postgres://db/x', '--data-dir', '/tmp/cc-nope'], { encoding: 'utf8' });
    expect([both.status, both.stderr]).toEqual([2, expect.stringContaining('two stores: give one')]);
    const reseed = spawnSync(process.execPath, [BIN, '--reseed'], { encoding: 'utf8' });
    expect([reseed.status, reseed.stderr]).toEqual([
      2,
      expect.stringContaining('--reseed changes what instances over one --store agree on'),
    ]);
    const down = spawnSync(process.execPath, [BIN, '--store', 'postgres://vendor:hunter2@127.0.0.1:1/x'], { encoding: 'utf8' });
    expect(down.status).toBe(1);
    expect(down.stderr).toContain('无法连接 PostgreSQL 数据库');
    expect(down.stderr).not.toContain('hunter2');
    // Ten Node processes one after another: ~0.5 s each on an idle machine, far more under a full
    // test run's load (it timed out at vitest's default 5 s) — a harness limit, nothing is timed here.
  }, 60_000);
});
