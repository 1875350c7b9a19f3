import { type AppliedMeasure, OUTCOME_PATH, permits, permittedOutcomes } from '@credit-check/sdk/contract';
import { describe, expect, it } from 'vitest';
import { createClient } from '../src/index.ts';
import { APP, BASE, CONTEXT, inProcessPlatform } from './harness.ts';
import { DEMO_MATTERS, scenarios } from './platform.ts';

const mock = await inProcessPlatform();

const measure = (action: AppliedMeasure['action'], category: AppliedMeasure['category']): AppliedMeasure => ({
  measureId: `M-${action}-${category}`,
  name: 'm',
  category,
  action,
  basis: '',
  triggeredBy: ['e1'],
});

describe('permittedOutcomes (自动响应, 002 (十六))', () => {
  it('a 市场和行业禁入 admits no approving outcome: 不予受理 or 转人工复核 only (000 三(三))', () => {
    const outcomes = permittedOutcomes({ verdict: 'restrict', fastTrack: false, measures: [measure('restrict', 'ban')] });
    expect(outcomes).toEqual(['refused', 'referred']);
    expect(outcomes.map((o) => OUTCOME_PATH[o])).not.toContain('approve');
  });

  it('another restriction allows 限制办理 beside 不予受理 and 转人工复核; never an override', () => {
    const check = { verdict: 'restrict' as const, fastTrack: false, measures: [measure('restrict', 'administrative')] };
    expect(permittedOutcomes(check)).toEqual(['refused', 'restricted', 'referred']);
    expect(permits(check, 'overridden')).toBe(false);
    expect(permits(check, 'not-applicable')).toBe(false);
    // One ban among the measures is enough to forbid acceptance.
    expect(permits({ ...check, measures: [measure('restrict', 'administrative'), measure('restrict', 'ban')] }, 'restricted')).toBe(false);
  });

  it('caution: 从严审核后受理 first, refusal and referral possible, no plain acceptance (002 (十))', () => {
    const check = { verdict: 'caution' as const, fastTrack: false, measures: [measure('strict-review', 'administrative')] };
    expect(permittedOutcomes(check)).toEqual(['strict-review', 'refused', 'referred']);
    expect(permits(check, 'informed')).toBe(false);
  });

  it('notice and clear proceed; the fast track is offered first to a red-list subject (003 §一)', () => {
    expect(permittedOutcomes({ verdict: 'notice', fastTrack: false, measures: [] })[0]).toBe('informed');
    expect(permittedOutcomes({ verdict: 'clear', fastTrack: true, measures: [] })[0]).toBe('fast-tracked');
    expect(permits({ verdict: 'clear', fastTrack: false, measures: [] }, 'fast-tracked')).toBe(false);
  });

  it('every scenario subject gets a first outcome whose path fits its verdict', async () => {
    const client = createClient({ baseUrl: BASE, ...APP });
    const seen = new Map<string, string>();
    for (const s of scenarios(mock.platform.today())) {
      for (const matter of DEMO_MATTERS) {
        const check = await client.check({ subject: { idType: s.subject.idType, id: s.subject.id }, matter, context: CONTEXT });
        const [first] = permittedOutcomes(check);
        expect(first, `${s.id} / ${matter}`).toBeDefined();
        const path = OUTCOME_PATH[first as keyof typeof OUTCOME_PATH];
        expect(path, `${s.id} / ${matter}`).toBe(check.verdict === 'restrict' ? 'refuse' : 'approve');
        seen.set(check.verdict, path);
      }
    }
    expect([...seen.keys()].sort()).toEqual(['caution', 'clear', 'notice', 'restrict']);
  });
});
