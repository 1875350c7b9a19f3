import { readFile } from 'node:fs/promises';
import { ScenarioList } from '@credit-check/sdk/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../src/node/server.ts';
import { mint, start } from './helpers.ts';

let server: RunningServer;
beforeAll(async () => {
  server = await start();
});
afterAll(() => server.close());

describe('scenario subjects', () => {
  it('GET /__mock/scenarios lists complete requests whose verdicts the platform yields', async () => {
    const list = ScenarioList.parse(await (await fetch(`${server.origin}/__mock/scenarios`)).json());
    expect(list.scenarios.length).toBeGreaterThanOrEqual(10);
    const token = await mint(server, { department: '苏州市政务服务中心', operator: 'window-01' });
    const seen = new Set<string>();
    for (const scenario of list.scenarios) {
      for (const { request, verdict } of scenario.checks) {
        const res = await fetch(`${server.apiBase}/checks`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify(request),
        });
        expect(res.status, `${scenario.id} ${request.matter}`).toBe(201);
        const check = (await res.json()) as { verdict: string };
        expect(check.verdict, `${scenario.id} × ${request.matter}`).toBe(verdict);
        seen.add(verdict);
      }
    }
    // Together they yield all four verdicts.
    expect([...seen].sort()).toEqual(['caution', 'clear', 'notice', 'restrict']);
  });

  it('the README carries the same table as GET /__mock/scenarios', async () => {
    const list = ScenarioList.parse(await (await fetch(`${server.origin}/__mock/scenarios`)).json());
    const readme = await readFile(new URL('../../../README.md', import.meta.url), 'utf8');
    const matters = list.scenarios[0]?.checks.map((c) => c.request.matter) ?? [];
    const header = `| scenario | subject | ${matters.join(' | ')} |`;
    expect(readme).toContain(header);
    for (const s of list.scenarios) {
      const subject = s.checks[0]?.request.subject;
      const row = `| \`${s.id}\` ${s.title} | ${subject?.idType} \`${subject?.id}\` ${subject?.name} | ${s.checks.map((c) => c.verdict).join(' | ')} |`;
      expect(readme, `README row for ${s.id}`).toContain(row);
    }
  });
});
