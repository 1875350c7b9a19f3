import * as z from 'zod/mini';
import { Grade, LinkedSubject } from './checks.ts';
import { Commitment } from './commitments.ts';
import { CalendarDate, Instant, Label, listOf, ResourceId } from './common.ts';
import { ListEntry } from './lists.ts';
import { Objection } from './objections.ts';
import { SubjectRef, SubjectView } from './subjects.ts';
import './zod.ts';

export const ProfileRequest = /* @__PURE__ */ z.strictObject({ subject: SubjectRef });
export type ProfileInput = z.input<typeof ProfileRequest>;
export type ProfileRequest = z.infer<typeof ProfileRequest>;

/** 提示约谈 (watchlist) / 警示约谈 (blacklist) after a missed rectification deadline (003 §二§三). */
export const Interview = /* @__PURE__ */ z.object({
  kind: z.enum(['reminder', 'warning']),
  date: CalendarDate,
  authority: Label,
  entryId: z.nullable(ResourceId),
});

/** A subject's full credit file, history included (可查可核可溯, 000 二(一)). */
export const Profile = /* @__PURE__ */ z.object({
  subject: SubjectView,
  entries: listOf(ListEntry),
  commitments: listOf(Commitment),
  grade: z.nullable(Grade),
  gradeHistory: listOf(Grade),
  interviews: listOf(Interview),
  objections: listOf(Objection),
  linked: listOf(LinkedSubject, 100),
  checks: z.object({ total: /* @__PURE__ */ z.int().check(z.gte(0)), lastAt: z.nullable(Instant) }),
});
export type Profile = z.infer<typeof Profile>;
