import type { Check } from '@credit-check/sdk/contract';
import type { ConformanceCheck, Fixtures } from '../check.ts';

/**
 * Rule conformance: each fixture subject gets the verdict it must get per matter and, where the
 * fixture names one, its supervision tier (分级分类, 002 (七)) — default fixtures: the mock's
 * scenario table, one subject per rule of the domain; a vendor supplies its own.
 */
export function ruleChecks(fixtures: Fixtures): ConformanceCheck[] {
  return fixtures.scenarios.map((scenario) => ({
    id: `rules.${scenario.id}`,
    title: scenario.title,
    rule: `the verdicts of scenario "${scenario.id}" (${scenario.checks.map((c) => `${c.request.matter} → ${c.verdict}`).join(', ')})`,
    async run(t) {
      for (const { request, verdict, tier } of scenario.checks) {
        const res = await t.session.send('POST', '/checks', { body: request });
        if (res.status !== 201) t.fail(`${request.matter} → ${verdict}`, `POST /checks got HTTP ${res.status}`, res);
        const check = JSON.parse(res.body) as Check;
        t.state.checks.push({ check, subject: request.subject });
        if (check.verdict !== verdict) {
          t.fail(`${scenario.title}: ${request.matter} → ${verdict}`, `verdict ${check.verdict}, expected ${verdict}`, res);
        }
        if (tier && check.supervision?.tier !== tier) {
          t.fail(`${scenario.title}: supervision tier ${tier}`, `tier ${check.supervision?.tier ?? 'missing'}, expected ${tier}`, res);
        }
      }
    },
  }));
}
