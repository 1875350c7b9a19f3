import { readFile } from 'node:fs/promises';
import { Jwks } from '@credit-check/sdk/contract';
import { verifyReceipt } from '@credit-check/sdk/receipts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CryptoSuite } from '../src/index.ts';
import { ScenarioList } from '../src/mock/schemas.ts';
import type { RunningServer } from '../src/node/server.ts';
import { mint, start } from './helpers.ts';

let server: RunningServer;
beforeAll(async () => {
  server = await start();
});
afterAll(() => server.close());

describe.each<CryptoSuite>(['standard', 'gm'])('scenario verdicts, crypto %s', (suite) => {
  let platform: RunningServer;
  beforeAll(async () => {
    platform = suite === 'standard' ? server : await start({ crypto: suite });
  });
  afterAll(async () => {
    if (platform !== server) await platform.close();
  });

  it('GET /__mock/scenarios lists complete requests; each yields its verdict, with a receipt that verifies under the suite', async () => {
    const list = ScenarioList.parse(await (await fetch(`${platform.origin}/__mock/scenarios`)).json());
    const token = await mint(platform, { department: '苏州市政务服务中心', operator: 'window-01' });
    const keys = Jwks.parse(await (await fetch(`${platform.apiBase}/keys`)).json());
    expect(keys.keys[0]?.alg).toBe(suite === 'gm' ? 'SM2SM3' : 'EdDSA');
    expect(list.scenarios.length).toBeGreaterThanOrEqual(10);
    const seen = new Set<string>();
    const tiers = new Set<string>();
    for (const scenario of list.scenarios) {
      for (const { request, verdict, tier } of scenario.checks) {
        const res = await fetch(`${platform.apiBase}/checks`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify(request),
        });
        expect(res.status, `${scenario.id} ${request.matter}`).toBe(201);
        const check = (await res.json()) as { verdict: string; checkId: string; receipt: string; supervision: { tier: string } };
        expect(check.verdict, `${scenario.id} × ${request.matter}`).toBe(verdict);
        // 分级分类 (002 (七)): the subject's tier, whatever the matter.
        expect(check.supervision.tier, `${scenario.id} tier`).toBe(tier);
        tiers.add(tier);
        const claims = await verifyReceipt(check.receipt, keys, { checkId: check.checkId, subject: request.subject });
        expect(claims.verdict).toBe(verdict);
        seen.add(verdict);
      }
    }
    // Together they yield all four verdicts and all three tiers.
    expect([...seen].sort()).toEqual(['caution', 'clear', 'notice', 'restrict']);
    expect([...tiers].sort()).toEqual(['increased', 'normal', 'reduced']);
  });
});

describe('scenario subjects', () => {
  it('the sandbox guide carries the same table as GET /__mock/scenarios', async () => {
    const list = ScenarioList.parse(await (await fetch(`${server.origin}/__mock/scenarios`)).json());
    const readme = await readFile(new URL('../../../docs/guide/sandbox.md', import.meta.url), 'utf8');
    // Compare cells, not spacing (the formatter aligns Markdown tables).
    const rows = readme
      .split('\n')
      .filter((line) => line.startsWith('|'))
      .map((line) =>
        line
          .slice(1, -1)
          .split('|')
          .map((cell) => cell.trim())
          .join(' | '),
      );
    const matters = list.scenarios[0]?.checks.map((c) => c.request.matter) ?? [];
    expect(rows).toContain(['scenario', 'subject', ...matters, '分级分类 tier'].join(' | '));
    const tableRows = rows.filter((r) => /^`[a-z-]+` .* \| (uscc|idcard) `/.test(r));
    expect(tableRows).toHaveLength(list.scenarios.length);
    for (const s of list.scenarios) {
      const subject = s.checks[0]?.request.subject;
      const row = [
        `\`${s.id}\` ${s.title}`,
        `${subject?.idType} \`${subject?.id}\` ${subject?.name}`,
        ...s.checks.map((c) => c.verdict),
        s.checks[0]?.tier,
      ].join(' | ');
      expect(rows, `guide row for ${s.id}`).toContain(row);
    }
  });
});
