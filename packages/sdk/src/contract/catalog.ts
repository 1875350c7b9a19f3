import * as z from 'zod/mini';
import { Code, Label, listOf, Message, Prose } from './common.ts';
import { ListDefinition } from './lists.ts';
import { Measure } from './measures.ts';
import { EvaluationKind, SupervisionTier, TierDefinition } from './supervision.ts';
import './zod.ts';

/** A government-service matter (事项) and the credit routes it offers. */
export const Matter = /* @__PURE__ */ z.object({
  code: Code,
  name: Label,
  department: Label,
  /** Offers 告知承诺 (approval on commitment). */
  informedCommitment: z.boolean(),
  /** Offers 容缺受理 (accept first, supply missing materials by a deadline). */
  toleranceAcceptance: z.boolean(),
  /**
   * 应急 policy: may the window accept first and check afterwards (先行受理，事后补查) when the
   * platform is down? `forbidden` where a binding measure must be applied before acceptance
   * (e.g. 市场禁入, 003 §六).
   */
  deferral: z.enum(['allowed', 'forbidden']),
  /**
   * The 补查 window where deferral is allowed: a 补查 whose 先行受理 is older than this many hours is
   * refused (`DEFERRAL_EXPIRED`) and the application is checked by hand. Absent from platforms that
   * do not state one; `DEFAULT_DEFERRAL_WINDOW_HOURS` then.
   */
  deferralWindowHours: z.optional(z.number().check(z.int(), z.gte(1), z.lte(720))),
  /** The standard commitment text (格式规范的信用承诺书, 004 1), versioned. */
  commitmentText: z.nullable(z.object({ version: Code, title: Label, body: Prose })),
});
export type Matter = z.infer<typeof Matter>;

/** The 补查 window a matter that allows deferral has when its platform states none (hours). */
export const DEFAULT_DEFERRAL_WINDOW_HOURS = 24;

export const MatterList = /* @__PURE__ */ z.object({ matters: listOf(Matter, 10_000) });
export const MeasureList = /* @__PURE__ */ z.object({ measures: listOf(Measure, 10_000) });
export const ListDefinitionList = /* @__PURE__ */ z.object({ lists: listOf(ListDefinition) });

/**
 * A grade scale (e.g. A/B/C/D 优秀/良好/一般/差), best first: a 公共信用综合评价, a 行业信用评价 (纳税信用,
 * 食品安全信用 …) or a 市场信用评价. Each level says which supervision tier it calls for (分级分类,
 * 002 (七)): the rule is data, like the scale.
 */
export const GradeScale = /* @__PURE__ */ z.object({
  scaleId: Code,
  name: Label,
  standard: Label,
  kind: EvaluationKind,
  levels: listOf(z.object({ level: Code, label: Message, goodStanding: z.boolean(), tier: SupervisionTier }), 100),
});
export type GradeScale = z.infer<typeof GradeScale>;
/** GET /catalog/grades: the scales and what each supervision tier means. */
export const GradeScaleList = /* @__PURE__ */ z.object({ scales: listOf(GradeScale, 100), tiers: listOf(TierDefinition, 3) });
