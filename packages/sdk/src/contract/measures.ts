import * as z from 'zod/mini';
import { Message, ResourceId } from './common.ts';
import { ListType } from './lists.ts';
import './zod.ts';

/** 行政性 · 市场性 · 行业性 · 市场和行业禁入 (000 三(二)(三); 002 (十)(十一)). */
export const MeasureCategory = z.enum(['administrative', 'market', 'industry', 'ban']);
export type MeasureCategory = z.infer<typeof MeasureCategory>;

/** How a measure bites on a matter: 限制 · 从严审核 · 提示 · 加速办理 (守信激励). */
export const MeasureAction = z.enum(['restrict', 'strict-review', 'notice', 'fast-track']);
export type MeasureAction = z.infer<typeof MeasureAction>;

/** One line of the 联合奖惩措施清单. */
export const Measure = z.object({
  measureId: ResourceId,
  name: z.string(),
  category: MeasureCategory,
  action: MeasureAction,
  /** List types whose active entries trigger the measure. */
  listTypes: z.array(ListType),
  /** Narrower: only entries of these lists (empty: any list of `listTypes`). */
  listCodes: z.array(z.string()),
  /** Matters it binds (`*`: every matter). */
  matters: z.array(z.string()),
  /** 法律依据 */
  basis: z.string(),
  /** 实施单位: the departments that implement it — where 定向推送 sends its triggers (003 §六). */
  departments: z.array(z.string()),
  description: Message,
});
export type Measure = z.infer<typeof Measure>;

/** A measure that bites on the matter being handled, with the entries that trigger it. */
export const AppliedMeasure = z.object({
  measureId: ResourceId,
  name: z.string(),
  category: MeasureCategory,
  action: MeasureAction,
  basis: z.string(),
  triggeredBy: z.array(ResourceId),
});
export type AppliedMeasure = z.infer<typeof AppliedMeasure>;
