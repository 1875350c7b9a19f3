import * as z from 'zod/mini';
import { Code, Label, listOf, Message } from './common.ts';
import './zod.ts';

/**
 * 分级分类监管 (002 (七); 000 二(二); 001 (七); 004 12–13): how much "双随机、一公开" samples a subject —
 * `reduced` (信用较好、风险较低: 降低抽查比例和频次), `normal` (信用风险一般: 常规比例和频次),
 * `increased` (违法失信、风险较高: 提高抽查比例和频次).
 */
export const SupervisionTier = /* @__PURE__ */ z.enum(['reduced', 'normal', 'increased']);
export type SupervisionTier = z.infer<typeof SupervisionTier>;

/** What a tier means, as the catalogue publishes it (GET /catalog/grades). */
export const TierDefinition = /* @__PURE__ */ z.object({ tier: SupervisionTier, label: Message, description: Message });
export type TierDefinition = z.infer<typeof TierDefinition>;

/** Where an evaluation comes from: 公共信用综合评价, 行业信用评价, 市场信用评价 (002 (七)). */
export const EvaluationKind = /* @__PURE__ */ z.enum(['public', 'industry', 'market']);
export type EvaluationKind = z.infer<typeof EvaluationKind>;

/** One input of a subject's tier: an evaluation with its level, or a 失信 record of its own (`record`). */
export const TierBasis = /* @__PURE__ */ z.object({
  kind: z.enum(['public', 'industry', 'market', 'record']),
  /** In words: 公共信用综合评价, 纳税信用等级, 失信被执行人名单 … */
  name: Label,
  /** The evaluation's level and its label (null for a record). */
  level: z.nullable(Code),
  levelLabel: z.nullable(Message),
  tier: SupervisionTier,
});
export type TierBasis = z.infer<typeof TierBasis>;

/** The subject's supervision tier on the day of the check, and what it rests on. */
export const Supervision = /* @__PURE__ */ z.object({
  tier: SupervisionTier,
  /** The tier in one plain line, from the catalogue (e.g. 降低“双随机、一公开”抽查比例和频次). */
  label: Message,
  basis: listOf(TierBasis, 50),
});
export type Supervision = z.infer<typeof Supervision>;

/** Tiers from least to most sampling: the stricter wins (`strictestTier`). */
export const TIER_RANK: Record<SupervisionTier, number> = { reduced: 0, normal: 1, increased: 2 };
