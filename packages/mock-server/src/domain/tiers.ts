import type {
  Commitment,
  GradeScale,
  ListEntry,
  Supervision,
  SupervisionTier,
  TierBasis,
  TierDefinition,
} from '@credit-check/sdk/contract';
import { TIER_RANK } from '@credit-check/sdk/contract';
import type { GradeRecord } from './records.ts';

export interface TierInput {
  /** Every evaluation the platform holds for the subject: the public one and the industry/market ones. */
  evaluations: readonly GradeRecord[];
  /** The subject's own entries with today's status (repaired, expired and revoked ones count for nothing). */
  entries: readonly ListEntry[];
  commitments: readonly Commitment[];
  scales: readonly GradeScale[];
  tiers: readonly TierDefinition[];
}

/**
 * 分级分类监管 — the subject's supervision tier for "双随机、一公开" (002 (七): 公共信用综合评价、行业信用评价
 * 和市场信用评价结果有机结合、统筹使用; 000 二(二); 001 (七); 004 12–13):
 * - 存在失信行为、风险高 → `increased`: an effective blacklist or watchlist entry of its own, a violated
 *   commitment (违背承诺, 002 (一)), or any evaluation whose level calls for it;
 * - 信用状况好、风险小 → `reduced`: only when every evaluation held calls for it (one average grade is
 *   enough to keep the usual ratio) and nothing above applies;
 * - otherwise — 信用状况一般, or no evaluation at all — `normal`.
 * Each level's tier is catalogue data (GradeScale levels); this combines them. Linked subjects do not
 * count: a tier is the subject's own (a legal representative's liability is in the verdict).
 */
export function supervisionTier(input: TierInput): Supervision {
  const basis: TierBasis[] = [];
  for (const e of input.evaluations) {
    const scale = input.scales.find((s) => s.scaleId === e.scaleId);
    const level = scale?.levels.find((l) => l.level === e.level);
    if (!scale || !level) continue;
    basis.push({ kind: scale.kind, name: scale.name, level: level.level, levelLabel: level.label, tier: level.tier });
  }
  for (const entry of input.entries) {
    if (!entry.effective || entry.listType === 'redlist') continue;
    basis.push({ kind: 'record', name: entry.listName, level: null, levelLabel: null, tier: 'increased' });
  }
  if (input.commitments.some((c) => c.status === 'violated')) {
    basis.push({ kind: 'record', name: '违背信用承诺', level: null, levelLabel: null, tier: 'increased' });
  }
  const tier = combine(basis.map((b) => b.tier));
  const definition = input.tiers.find((t) => t.tier === tier);
  return {
    tier,
    label: definition?.label ?? { 'zh-CN': tier, en: tier },
    basis,
  };
}

/** The stricter tier wins; `reduced` needs every input to agree; nothing known is `normal`. */
export function combine(tiers: readonly SupervisionTier[]): SupervisionTier {
  if (tiers.length === 0) return 'normal';
  if (tiers.some((t) => t === 'increased')) return 'increased';
  return tiers.every((t) => t === 'reduced') ? 'reduced' : 'normal';
}

/** The stricter of two tiers. */
export function stricter(a: SupervisionTier, b: SupervisionTier): SupervisionTier {
  return TIER_RANK[b] > TIER_RANK[a] ? b : a;
}
