import {
  BasisKind,
  CalendarDate,
  Code,
  Commitment,
  EventType,
  Grade,
  Instant,
  ListEntry,
  LongText,
  listOf,
  RepairMethod,
  Severity,
  ShortText,
  SubjectRef,
  z,
} from '@credit-check/sdk/contract';

// The happenings of the supervision loop on the shared record — a subject listed (认定), repaired,
// revoked, graded — and what each changed. In this platform the mock's controls make them happen
// (`/__mock/entries` …); the platform itself only needs their shapes.

/** POST /__mock/entries — list a subject (认定 on the mock's say-so); everything but subject and list defaulted. */
export const MockEntryRequest = /* @__PURE__ */ z.strictObject({
  subject: SubjectRef,
  listCode: /* @__PURE__ */ z.string().check(z.minLength(1), z.maxLength(60), z.regex(/^[A-Z0-9_-]+$/)),
  severity: z.optional(Severity),
  /** Decision date (default today). */
  listedAt: z.optional(CalendarDate),
  /** 公示期限 end (default: the list's publication period from `listedAt`). */
  publicationEndsAt: z.optional(CalendarDate),
  basis: z.optional(
    z.strictObject({
      kind: BasisKind,
      document: ShortText,
      summary: LongText,
    }),
  ),
});
export type MockEntryRequest = z.infer<typeof MockEntryRequest>;
export type MockEntryInput = z.input<typeof MockEntryRequest>;

/** POST /__mock/entries/{id}/repair — 信用修复 completed. */
export const MockRepairRequest = /* @__PURE__ */ z.strictObject({ method: z.optional(RepairMethod) });

/** POST /__mock/grades — a new 公共信用综合评价 result. */
export const MockGradeRequest = /* @__PURE__ */ z.strictObject({
  subject: SubjectRef,
  level: /* @__PURE__ */ z.string().check(z.minLength(1), z.maxLength(10), z.regex(/^[A-Za-z0-9+-]+$/)),
  scaleId: z.optional(/* @__PURE__ */ z.string().check(z.maxLength(40), z.regex(/^[A-Za-z0-9_-]+$/))),
});

/** What a control answers: what it changed and the events it emitted. */
export const MockChange = /* @__PURE__ */ z.object({
  entry: z.optional(ListEntry),
  commitment: z.optional(Commitment),
  grade: z.optional(z.nullable(Grade)),
  now: z.optional(Instant),
  events: listOf(z.object({ eventId: Code, type: EventType, sequence: /* @__PURE__ */ z.int().check(z.gte(1)) }), 1_000_000),
});
export type MockChange = z.infer<typeof MockChange>;
export type MockRepair = z.infer<typeof MockRepairRequest>;
