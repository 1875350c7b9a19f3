import * as z from 'zod/mini';
import { Grade, Serial } from './checks.ts';
import { Commitment } from './commitments.ts';
import { Code, Instant, Label, LongText, listOf, Message, Prose, ResourceId, requiredWhen, ShortText } from './common.ts';
import { ListEntry } from './lists.ts';
import { SubjectView } from './subjects.ts';
import { SupervisionTier } from './supervision.ts';
import './zod.ts';

/**
 * What the platform tells departments on its own (定向推送, 003 §六; 事中事后监管, 002 (一)):
 * a subject's list entries, commitments and grade changing after the check at the counter.
 */
export const EventType = /* @__PURE__ */ z.enum([
  'entry.listed',
  'entry.changed',
  'entry.repaired',
  'entry.expired',
  'entry.revoked',
  'commitment.due',
  'commitment.violated',
  'commitment.fulfilled',
  'grade.changed',
]);
export type EventType = z.infer<typeof EventType>;

/**
 * Why an event reached this department — the routing rule (003 §六): it implements a measure the
 * change triggers; the subject is in its region; it checked the subject within its monitoring
 * window; it accepted an application of the subject on commitment (until the commitment is settled).
 */
export const RouteRule = /* @__PURE__ */ z.enum(['measure', 'region', 'checked', 'commitment']);
export type RouteRule = z.infer<typeof RouteRule>;

export const Route = /* @__PURE__ */ z.object({
  rule: RouteRule,
  /** `measure`: the measure this department implements. */
  measureId: z.nullable(Code),
  /** `region`: the region code of the subscription the subject falls in. */
  region: z.nullable(Code),
  /** `checked` and `commitment`: the matter concerned. */
  matter: z.nullable(Code),
  /** `checked`: when this department last checked the subject for that matter. */
  checkedAt: z.nullable(Instant),
  /**
   * `checked`: that check — its id (replay it, `GET /checks/{checkId}/replay`, to see what the
   * platform knew then) and its 核查编号. Absent on events routed before routes carried them.
   */
  checkId: z.optional(ResourceId),
  serial: z.optional(Serial),
  /** `commitment`: the commitment the department accepted the application on. */
  commitmentId: z.nullable(Code),
  message: Message,
});
export type Route = z.infer<typeof Route>;

/** entry.changed: what changed about the entry. */
export const EntryChange = /* @__PURE__ */ z.enum(['objection-raised', 'objection-rejected', 'period-changed']);
export type EntryChange = z.infer<typeof EntryChange>;

const EntryData = /* @__PURE__ */ z.object({ entry: ListEntry });
const EntryChangedData = /* @__PURE__ */ z.object({ entry: ListEntry, change: EntryChange });
const CommitmentData = /* @__PURE__ */ z.object({ commitment: Commitment });
/**
 * A new grade, and the subject's supervision tier before and after it (分级分类, 002 (七)). The tiers
 * are absent only on events recorded before the platform computed them.
 */
const GradeData = /* @__PURE__ */ z.object({
  grade: z.nullable(Grade),
  previous: z.nullable(Grade),
  tier: z.optional(SupervisionTier),
  previousTier: z.optional(SupervisionTier),
});

/** One event type with its data: every event has an id, a time, a per-subject sequence, the subject and why. */
const eventOf = <T extends EventType, D extends z.ZodMiniType>(type: T, data: D) =>
  z.object({
    eventId: ResourceId,
    type: z.literal(type),
    occurredAt: Instant,
    /** 1, 2, 3 … per subject: apply in this order; a gap means an event not routed to you. */
    sequence: /* @__PURE__ */ z.int().check(z.gte(1)),
    /** Masked unless the receiver may see personal identifiers (as checks are). */
    subject: SubjectView,
    data,
    why: listOf(Route, 100),
  });

export const CreditEvent = /* @__PURE__ */ z.discriminatedUnion('type', [
  eventOf('entry.listed', EntryData),
  eventOf('entry.changed', EntryChangedData),
  eventOf('entry.repaired', EntryData),
  eventOf('entry.expired', EntryData),
  eventOf('entry.revoked', EntryData),
  eventOf('commitment.due', CommitmentData),
  eventOf('commitment.violated', CommitmentData),
  eventOf('commitment.fulfilled', CommitmentData),
  eventOf('grade.changed', GradeData),
]);
/** The typed event union: switch on `event.type` and `event.data` follows. */
export type CreditEvent = z.infer<typeof CreditEvent>;
export type CreditEventOf<T extends EventType> = Extract<CreditEvent, { type: T }>;

/** 响应—反馈 on a pushed event (003 §七): 已惩戒 · 已激励 · 不适用 (a reason required). */
export const AckAction = /* @__PURE__ */ z.enum(['punished', 'rewarded', 'not-applicable']);
export type AckAction = z.infer<typeof AckAction>;

export const AckRequest = /* @__PURE__ */ z
  .strictObject({
    /** The acknowledging department (app callers; a token acknowledges for its own department). */
    department: z.optional(ShortText),
    action: AckAction,
    operator: ShortText,
    /** Required for `not-applicable`. */
    reason: z.optional(LongText),
    /** The measures applied (ids from the catalogue). */
    measuresApplied: z.optional(/* @__PURE__ */ z.array(ResourceId).check(z.maxLength(50))),
    /** 罚款 or other amount, in yuan. */
    amount: z.optional(/* @__PURE__ */ z.number().check(z.gte(0), z.lte(1e12))),
    /** 依据: the decision document. */
    basis: z.optional(LongText),
    note: z.optional(LongText),
  })
  .check(
    requiredWhen(
      'reason',
      (body) => body.action === 'not-applicable',
      'REASON_REQUIRED',
      '选择“不适用”时必须填写理由',
      'Not applicable needs a reason',
    ),
  );
export type AckRequest = z.infer<typeof AckRequest>;
export type AckInput = z.input<typeof AckRequest>;

export const Ack = /* @__PURE__ */ z.object({
  ackId: ResourceId,
  eventId: ResourceId,
  department: Label,
  action: AckAction,
  operator: Label,
  reason: Prose,
  measuresApplied: listOf(ResourceId, 100),
  amount: z.nullable(z.number()),
  basis: Prose,
  note: Prose,
  recordedAt: Instant,
});
export type Ack = z.infer<typeof Ack>;

/** One event in a department's feed: the event, where it sits in the feed, and the department's ack. */
export const FeedItem = /* @__PURE__ */ z.object({
  /** Pass as `after` to resume after this event. Stable: the same event keeps its cursor. */
  cursor: Code,
  event: CreditEvent,
  ack: z.nullable(Ack),
});
export type FeedItem = z.infer<typeof FeedItem>;

const Cursor = /* @__PURE__ */ z.string().check(z.maxLength(15), z.regex(/^[0-9]{1,15}$/));

/** GET /events — the pull feed, for departments that cannot receive inbound calls (most 政务 intranets). */
export const EventFeedQuery = /* @__PURE__ */ z.strictObject({
  /** Required for app callers; a token reads its own department's feed. */
  department: z.optional(ShortText),
  /** Oldest first, after this cursor (resume). */
  after: z.optional(Cursor),
  /** `desc`: newest first (an inbox), before `before` when given. */
  order: z.optional(z.enum(['asc', 'desc'])),
  before: z.optional(Cursor),
  limit: z.optional(z.coerce.number().check(/* @__PURE__ */ z.int(), z.gte(1), z.lte(500))),
  /** `false`: only events not yet acknowledged by the department. */
  acknowledged: z.optional(z.enum(['true', 'false'])),
});
export type EventFeedQuery = z.infer<typeof EventFeedQuery>;

export const EventPage = /* @__PURE__ */ z.object({
  items: listOf(FeedItem, 500),
  /** The cursor to continue from (`after` for asc, `before` for desc); null at the end. */
  next: z.nullable(Code),
  /** Events in the department's feed not yet acknowledged by it. */
  unacknowledged: /* @__PURE__ */ z.int().check(z.gte(0)),
});
export type EventPage = z.infer<typeof EventPage>;
