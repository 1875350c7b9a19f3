import type { Coverage, Verdict } from '@credit-check/sdk/contract';

/** Checks of one matter with one verdict, and how many of them got feedback (as the store counts them). */
export interface CoverageRow {
  matter: string;
  verdict: Verdict;
  total: number;
  withFeedback: number;
  /** Of `total`, the 补查 (checks carrying `context.deferred`). */
  deferred: number;
}

type Summary = Pick<Coverage, 'total' | 'withFeedback' | 'feedbackRate' | 'deferred' | 'verdicts' | 'byMatter'>;

/** A share as a fraction with four decimals; 0 of 0 is 0 (no checks, nothing missed). */
export const rate = (part: number, whole: number): number => (whole === 0 ? 0 : Math.round((part / whole) * 10_000) / 10_000);

const zero = () => ({ clear: 0, notice: 0, caution: 0, restrict: 0 });

/**
 * 逢办必查 coverage (002 (十六); 003 §七 发起—响应—反馈): checks per matter and verdict, and the share
 * that got feedback — the counted cases 001 (八)3 asks to grow — and the 补查 apart (checks run after
 * an outage's 先行受理: the share of applications accepted unchecked is itself a figure to watch).
 * Matters with most checks first.
 */
export function summariseCoverage(rows: readonly CoverageRow[], matterName: (code: string) => string): Summary {
  const byMatter = new Map<string, Coverage['byMatter'][number]>();
  const verdicts = zero();
  let total = 0;
  let withFeedback = 0;
  let deferred = 0;
  for (const row of rows) {
    let m = byMatter.get(row.matter);
    if (!m) {
      m = {
        matter: { code: row.matter, name: matterName(row.matter) },
        total: 0,
        verdicts: zero(),
        withFeedback: 0,
        feedbackRate: 0,
        deferred: 0,
      };
      byMatter.set(row.matter, m);
    }
    m.total += row.total;
    m.withFeedback += row.withFeedback;
    m.deferred += row.deferred;
    m.verdicts[row.verdict] += row.total;
    verdicts[row.verdict] += row.total;
    total += row.total;
    withFeedback += row.withFeedback;
    deferred += row.deferred;
  }
  return {
    total,
    withFeedback,
    feedbackRate: rate(withFeedback, total),
    deferred,
    verdicts,
    byMatter: [...byMatter.values()].map((m) => ({ ...m, feedbackRate: rate(m.withFeedback, m.total) })).sort((a, b) => b.total - a.total),
  };
}
