import { describe, expect, it } from 'vitest';
import { commitment, entry } from '../../test/domain-fixtures.ts';
import { GRADE_SCALES, SUPERVISION_TIERS } from '../seed/grades.ts';
import { combine, supervisionTier, type TierInput } from './tiers.ts';

const grade = (scaleId: string, level: string) => ({ scaleId, level, evaluatedAt: '2026-06-01' });
const tier = (over: Partial<TierInput>) =>
  supervisionTier({ evaluations: [], entries: [], commitments: [], scales: GRADE_SCALES, tiers: SUPERVISION_TIERS, ...over });

describe('分级分类监管 (002 (七); 000 二(二); 001 (七); 004 12–13)', () => {
  it('good credit, low risk → fewer inspections: 信用状况好、风险小的市场主体，合理降低抽查比例和频次', () => {
    const s = tier({ evaluations: [grade('LOCAL-ABCD', 'A'), grade('TAX-CREDIT', 'A')] });
    expect(s.tier).toBe('reduced');
    expect(s.label['zh-CN']).toContain('降低');
    expect(s.basis.map((b) => [b.kind, b.name, b.level, b.tier])).toEqual([
      ['public', '公共信用综合评价（地方四级）', 'A', 'reduced'],
      ['industry', '纳税信用等级', 'A', 'reduced'],
    ]);
  });

  it('public and industry evaluations combined (有机结合、统筹使用): one average grade keeps the usual ratio', () => {
    expect(tier({ evaluations: [grade('LOCAL-ABCD', 'A'), grade('CONSTRUCTION-MARKET', 'B')] }).tier).toBe('normal');
    expect(tier({ evaluations: [grade('LOCAL-ABCD', 'B')] }).tier).toBe('normal');
  });

  it('dishonest or high risk → more inspections: any poor evaluation, whichever the others', () => {
    // A good public grade does not outweigh an industry's poor one (食品安全 C级).
    const s = tier({ evaluations: [grade('LOCAL-ABCD', 'A'), grade('FOOD-SAFETY', 'C')] });
    expect(s.tier).toBe('increased');
    expect(s.label['zh-CN']).toContain('提高抽查比例和频次');
    expect(tier({ evaluations: [grade('GBT45255', '差')] }).tier).toBe('increased');
  });

  it('存在失信行为 → more inspections: an effective black- or watchlist entry, or a violated commitment', () => {
    const good = [grade('LOCAL-ABCD', 'A')];
    expect(tier({ evaluations: good, entries: [entry({ listType: 'blacklist', listCode: 'COURT_DISHONEST_DEBTOR' })] }).tier).toBe(
      'increased',
    );
    expect(tier({ evaluations: good, entries: [entry({ listType: 'watchlist', listCode: 'ABNORMAL_OPERATION' })] }).tier).toBe('increased');
    const broken = tier({ evaluations: good, commitments: [commitment({ status: 'violated' })] });
    expect(broken.tier).toBe('increased');
    expect(broken.basis.at(-1)).toMatchObject({ kind: 'record', name: '违背信用承诺', tier: 'increased' });
  });

  it('repaired, expired and revoked entries count for nothing (000 三(六): repair ends the measures); a red list is no risk', () => {
    const spent = [
      entry({ listType: 'blacklist', listCode: 'A', status: 'repaired', effective: false }),
      entry({ listType: 'blacklist', listCode: 'B', status: 'expired', effective: false }),
      entry({ listType: 'redlist', listCode: 'TAX_A_GRADE' }),
    ];
    expect(tier({ evaluations: [grade('LOCAL-ABCD', 'A')], entries: spent }).tier).toBe('reduced');
  });

  it('no evaluation and no record → the usual ratio (nothing known is not good credit)', () => {
    const s = tier({});
    expect(s).toMatchObject({ tier: 'normal', basis: [] });
    // An unknown scale or level is not evidence either way.
    expect(tier({ evaluations: [grade('NO-SUCH', 'A'), grade('LOCAL-ABCD', 'Z')] }).tier).toBe('normal');
  });

  it('every level of every scale in the catalogue names a tier, and every tier has its words', () => {
    for (const scale of GRADE_SCALES) for (const l of scale.levels) expect(['reduced', 'normal', 'increased']).toContain(l.tier);
    expect(SUPERVISION_TIERS.map((t) => t.tier).sort()).toEqual(['increased', 'normal', 'reduced']);
    expect(combine(['reduced', 'normal', 'reduced'])).toBe('normal');
    expect(combine(['reduced', 'increased'])).toBe('increased');
  });
});
