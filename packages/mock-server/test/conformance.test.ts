import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { HMAC_SM3 } from '@credit-check/sdk/gm';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultFixtures } from '../src/conformance/fixtures.ts';
import { type ConformanceReport, runConformance } from '../src/conformance/run.ts';
import { APP, start } from './helpers.ts';
import { exited, spawnMock } from './process.ts';

const KIT = fileURLToPath(new URL('../bin/credit-check-conformance.js', import.meta.url));
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const failures = (report: ConformanceReport) =>
  report.results.filter((r) => r.status === 'failed').map((r) => `${r.id}: ${r.rule} — ${r.reason}\n${r.sent}\n${r.received}`);

describe('the conformance kit against the mock', () => {
  it('passes on the Node server (standard suite), every check run but Retry-After, which needs a 429 to judge', async () => {
    const server = await start();
    try {
      const report = await runConformance({ baseUrl: server.apiBase, appId: APP.appId, appSecret: APP.appSecret });
      expect(failures(report)).toEqual([]);
      expect(report.results.filter((r) => r.status === 'skipped').map((r) => r.id)).toEqual(['errors.retry-after']);
      // Every group is there: endpoints, idempotency, auth, masking, one rule check per scenario, receipts, errors.
      const groups = new Set(report.results.map((r) => r.id.split('.')[0]));
      expect([...groups]).toEqual(['contract', 'idempotency', 'auth', 'masking', 'rules', 'receipts', 'errors']);
      expect(report.results.filter((r) => r.id.startsWith('rules.'))).toHaveLength(defaultFixtures().scenarios.length);
    } finally {
      await server.close();
    }
  });

  it('judges Retry-After when the platform rate-limits (--burst provokes the 429s)', async () => {
    const server = await start({ rateLimit: 30 });
    try {
      const report = await runConformance({ baseUrl: server.apiBase, appId: APP.appId, appSecret: APP.appSecret, burst: 60 });
      expect(report.results.find((r) => r.id === 'errors.retry-after')?.status).toBe('passed');
    } finally {
      await server.close();
    }
  });

  it('passes under 国密 (CC-HMAC-SM3 signing, SM2 receipts)', async () => {
    const server = await start({ crypto: 'gm' });
    try {
      const report = await runConformance({ baseUrl: server.apiBase, appId: APP.appId, appSecret: APP.appSecret, signature: HMAC_SM3 });
      expect(failures(report)).toEqual([]);
      expect(report.scheme).toBe('CC-HMAC-SM3');
      expect(report.results.find((r) => r.id === 'receipts.verify')?.status).toBe('passed');
    } finally {
      await server.close();
    }
  });
});

describe('credit-check-conformance (the bin) against credit-check-mock (the bin)', () => {
  it('exits 0 with JUnit, HTML and JSON reports; a vendor fixture the platform does not honour exits 1 naming it; bad options exit 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cc-conformance-'));
    dirs.push(dir);
    const mock = await spawnMock(['--quiet', '--subjects', '0']);
    const kit = (...args: string[]) =>
      spawnSync(process.execPath, [KIT, '--base-url', `${mock.origin}/api/v1`, ...args], {
        encoding: 'utf8',
        env: { ...process.env, CREDIT_CHECK_APP_ID: APP.appId, CREDIT_CHECK_APP_SECRET: APP.appSecret },
      });
    try {
      const junit = join(dir, 'junit.xml');
      const html = join(dir, 'report.html');
      const json = join(dir, 'report.json');
      const ok = kit('--junit', junit, '--html', html, '--json', json);
      expect(ok.status, ok.stdout + ok.stderr).toBe(0);
      expect(ok.stdout).toMatch(/\[ 1\/\d+\] ✓ contract\.keys/);
      expect(ok.stdout).toMatch(/CONFORMS: \d+ passed, 0 failed, 1 skipped/);
      expect(readFileSync(junit, 'utf8')).toMatch(/<testsuites name="credit-check-conformance [^"]+" tests="\d+" failures="0"/);
      expect(readFileSync(html, 'utf8')).toContain('符合契约 Conforms');
      expect((JSON.parse(readFileSync(json, 'utf8')) as ConformanceReport).failed).toBe(0);

      // A vendor's fixtures: the clean subject promised "restrict" for food — the platform says clear.
      const clean = defaultFixtures().scenarios[0];
      const wrong = {
        scenarios: [{ id: 'vendor-case-1', title: '供应商用例', checks: [{ request: clean?.checks[0]?.request, verdict: 'restrict' }] }],
      };
      const fixtures = join(dir, 'fixtures.json');
      writeFileSync(fixtures, JSON.stringify(wrong));
      const bad = kit('--fixtures', fixtures, '--junit', junit);
      expect(bad.status).toBe(1);
      expect(bad.stdout).toContain('✗ rules.vendor-case-1');
      expect(bad.stdout).toContain('verdict clear, expected restrict');
      expect(bad.stdout).toMatch(/DOES NOT CONFORM: .*\nfailed: rules\.vendor-case-1/);
      expect(readFileSync(junit, 'utf8')).toMatch(/<failure message="[^"]*verdict clear, expected restrict/);

      writeFileSync(fixtures, '{"scenarios": [{"id": "x", "checks": [{"verdict": "maybe"}]}]}');
      const malformed = kit('--fixtures', fixtures);
      expect(malformed.status).toBe(2);
      expect(malformed.stderr).toContain('--fixtures');
      expect(kit('--signature', 'RSA').status).toBe(2);
    } finally {
      mock.child.kill('SIGTERM');
      await exited(mock.child);
    }
    const unreachable = spawnSync(
      process.execPath,
      [KIT, '--base-url', 'http://127.0.0.1:9/api/v1', '--app-id', 'a', '--app-secret', 'b'],
      {
        encoding: 'utf8',
      },
    );
    expect(unreachable.status).toBe(2);
    expect(unreachable.stderr).toContain('cannot reach');
    // Seven Node processes started one after another (3 s on an idle machine, 5.3 s on a busy CI
    // one): the budget of the other process tests, not vitest's 5 s default for in-process tests.
  }, 30_000);
});
