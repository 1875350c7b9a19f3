import { describe, expect, it } from 'vitest';
import { rate, summariseCoverage } from './coverage.ts';

// 002 (十六) 逢办必查 and 003 §七 发起—响应—反馈: every check counted, and the share fed back.
describe('coverage sums', () => {
  const names: Record<string, string> = { A: '食品经营许可', B: '建筑施工许可' };
  const name = (code: string) => names[code] ?? code;

  it('adds checks per matter and verdict, with feedback rates, matters with most checks first', () => {
    const out = summariseCoverage(
      [
        { matter: 'A', verdict: 'clear', total: 3, withFeedback: 1, deferred: 1 },
        { matter: 'B', verdict: 'restrict', total: 4, withFeedback: 4, deferred: 0 },
        { matter: 'A', verdict: 'restrict', total: 2, withFeedback: 2, deferred: 2 },
        { matter: 'B', verdict: 'clear', total: 2, withFeedback: 0, deferred: 0 },
      ],
      name,
    );
    expect(out.total).toBe(11);
    expect(out.withFeedback).toBe(7);
    expect(out.feedbackRate).toBe(0.6364);
    // 补查 are part of the total and counted apart, per matter too.
    expect(out.deferred).toBe(3);
    expect(out.byMatter.map((m) => [m.matter.code, m.deferred])).toEqual([
      ['B', 0],
      ['A', 3],
    ]);
    expect(out.verdicts).toEqual({ clear: 5, notice: 0, caution: 0, restrict: 6 });
    expect(out.byMatter.map((m) => [m.matter.code, m.matter.name, m.total, m.withFeedback, m.feedbackRate])).toEqual([
      ['B', '建筑施工许可', 6, 4, 0.6667],
      ['A', '食品经营许可', 5, 3, 0.6],
    ]);
    expect(out.byMatter[0]?.verdicts).toEqual({ clear: 2, notice: 0, caution: 0, restrict: 4 });
  });

  it('reports no checks as zero, not as a division by zero', () => {
    expect(rate(0, 0)).toBe(0);
    expect(summariseCoverage([], name)).toEqual({
      total: 0,
      withFeedback: 0,
      feedbackRate: 0,
      deferred: 0,
      verdicts: { clear: 0, notice: 0, caution: 0, restrict: 0 },
      byMatter: [],
    });
  });
});
