import * as z from 'zod/mini';
import { Code, Label, listOf, Message, Prose, ResourceId } from './common.ts';
import { ListType } from './lists.ts';
import './zod.ts';

/** 行政性 · 市场性 · 行业性 · 市场和行业禁入 (000 三(二)(三); 002 (十)(十一)). */
export const MeasureCategory = /* @__PURE__ */ z.enum(['administrative', 'market', 'industry', 'ban']);
export type MeasureCategory = z.infer<typeof MeasureCategory>;

/** How a measure bites on a matter: 限制 · 从严审核 · 提示 · 加速办理 (守信激励). */
export const MeasureAction = /* @__PURE__ */ z.enum(['restrict', 'strict-review', 'notice', 'fast-track']);
export type MeasureAction = z.infer<typeof MeasureAction>;

/** One line of the 联合奖惩措施清单. */
export const Measure = /* @__PURE__ */ z.object({
  measureId: ResourceId,
  name: Label,
  category: MeasureCategory,
  action: MeasureAction,
  /** List types whose active entries trigger the measure. */
  listTypes: listOf(ListType, 10),
  /** Narrower: only entries of these lists (empty: any list of `listTypes`). */
  listCodes: listOf(Code),
  /** Matters it binds (`*`: every matter). */
  matters: listOf(Code, 10_000),
  /** 法律依据 */
  basis: Prose,
  /** 实施单位: the departments that implement it — where 定向推送 sends its triggers (003 §六). */
  departments: listOf(Label),
  description: Message,
});
export type Measure = z.infer<typeof Measure>;

/** A measure that bites on the matter being handled, with the entries that trigger it. */
export const AppliedMeasure = /* @__PURE__ */ z.object({
  measureId: ResourceId,
  name: Label,
  category: MeasureCategory,
  action: MeasureAction,
  basis: Prose,
  triggeredBy: listOf(ResourceId),
});
export type AppliedMeasure = z.infer<typeof AppliedMeasure>;
