import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
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

  it('refuses bad options with a reason and exit code 2', () => {
    const bad = spawnSync(process.execPath, [BIN, '--port', 'eighty'], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--port must be 0–65535');
    const unknown = spawnSync(process.execPath, [BIN, '--nope'], { encoding: 'utf8' });
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain("Unknown option '--nope'");
  });
});
