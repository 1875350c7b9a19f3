import * as z from 'zod/mini';
import { CalendarDate, Code, Instant, Label, Message, Prose, ResourceId } from './common.ts';
import './zod.ts';

/** 黑名单 (失信联合惩戒对象) · 重点关注名单 · 红名单 (守信联合激励), domain.md "Lists". */
export const ListType = /* @__PURE__ */ z.enum(['blacklist', 'watchlist', 'redlist']);
export type ListType = z.infer<typeof ListType>;

/**
 * `active`: in force. `repaired`: 信用修复 done, shown but triggers nothing (000 三(六)).
 * `expired`: publication period over. `under-objection`: 异议 pending (001 (十六)).
 * `revoked`: an upheld objection removed it; kept for 可查可核可溯.
 */
export const EntryStatus = /* @__PURE__ */ z.enum(['active', 'repaired', 'expired', 'under-objection', 'revoked']);
export type EntryStatus = z.infer<typeof EntryStatus>;

/** 《信用修复管理办法》 severity bands that set the publication period (domain.md). */
export const Severity = /* @__PURE__ */ z.enum(['minor', 'general', 'serious']);
export type Severity = z.infer<typeof Severity>;

/** 认定依据: court judgment, administrative penalty, administrative enforcement. */
export const BasisKind = /* @__PURE__ */ z.enum(['judgment', 'penalty', 'enforcement', 'other']);

export const RepairMethod = /* @__PURE__ */ z.enum([
  'commitment',
  'rectification',
  'verification',
  'training',
  'credit-report',
  'public-service',
]);

export const ListEntry = /* @__PURE__ */ z.object({
  entryId: ResourceId,
  listType: ListType,
  listCode: Code,
  listName: Label,
  /** 认定部门 */
  authority: Label,
  basis: z.object({ kind: BasisKind, document: Label, summary: Prose }),
  severity: Severity,
  /** Date of the decision; publication is counted from it. */
  listedAt: CalendarDate,
  /** 公示期限 end. */
  publicationEndsAt: CalendarDate,
  status: EntryStatus,
  /** Whether this entry can trigger measures: only `active` and `under-objection` entries do. */
  effective: z.boolean(),
  repair: z.nullable(z.object({ method: RepairMethod, repairedAt: CalendarDate })),
  objection: z.nullable(z.object({ objectionId: ResourceId, status: z.enum(['pending', 'upheld', 'rejected']), filedAt: Instant })),
});
export type ListEntry = z.infer<typeof ListEntry>;

export const ListDefinition = /* @__PURE__ */ z.object({
  code: Code,
  name: Label,
  listType: ListType,
  authority: Label,
  domain: Label,
  description: Message,
});
export type ListDefinition = z.infer<typeof ListDefinition>;
