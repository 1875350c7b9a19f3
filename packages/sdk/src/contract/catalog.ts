import * as z from 'zod/mini';
import { Message } from './common.ts';
import { ListDefinition } from './lists.ts';
import { Measure } from './measures.ts';
import './zod.ts';

/** A government-service matter (事项) and the credit routes it offers. */
export const Matter = z.object({
  code: z.string(),
  name: z.string(),
  department: z.string(),
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
  /** The standard commitment text (格式规范的信用承诺书, 004 1), versioned. */
  commitmentText: z.nullable(z.object({ version: z.string(), title: z.string(), body: z.string() })),
});
export type Matter = z.infer<typeof Matter>;

export const MatterList = z.object({ matters: z.array(Matter) });
export const MeasureList = z.object({ measures: z.array(Measure) });
export const ListDefinitionList = z.object({ lists: z.array(ListDefinition) });

/** A grade scale (e.g. A/B/C/D 优秀/良好/一般/差), best first. */
export const GradeScale = z.object({
  scaleId: z.string(),
  name: z.string(),
  standard: z.string(),
  levels: z.array(z.object({ level: z.string(), label: Message, goodStanding: z.boolean() })),
});
export type GradeScale = z.infer<typeof GradeScale>;
export const GradeScaleList = z.object({ scales: z.array(GradeScale) });
