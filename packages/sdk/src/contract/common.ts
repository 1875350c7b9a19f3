import * as z from 'zod/mini';
import './zod.ts';

/*
 * Bounds on everything the platform answers (OWASP API4, unrestricted resource consumption): every
 * string and list has a maximum — generous, so a real platform's longer texts still parse, yet an
 * answer past it is off-contract (an error, never a verdict). Requests have their own, tighter ones.
 */
/** Explicit bidi controls (LRE…RLO, LRI…PDI): see `NO_BIDI_CONTROLS` below. */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/gu;
/**
 * Text as the platform answers it, with bidi controls taken out: whatever a platform let through,
 * no consumer of the SDK (the widget, `<credit-alerts>`, a backend's own pages) renders an override
 * that shows one name as another. Requests refuse them outright (`ShortText`, `LongText`).
 */
const withoutBidi = (text: string) => (text.search(BIDI_CONTROLS) < 0 ? text : text.replace(BIDI_CONTROLS, ''));

/** Codes, identifiers, levels, cursors. */
export const Code = /* @__PURE__ */ z.string().check(z.maxLength(100));
/** Names: of subjects, matters, departments, operators, lists. */
export const Label = /* @__PURE__ */ z.string().check(z.maxLength(500), z.overwrite(withoutBidi));
/** Prose: messages, legal bases, notes, commitment texts. */
export const Prose = /* @__PURE__ */ z.string().check(z.maxLength(20_000), z.overwrite(withoutBidi));
/** Compact JWS receipts and tokens. */
export const Opaque = /* @__PURE__ */ z.string().check(z.maxLength(16_384));
/** A list in an answer, at most `max` long (default 1 000). Pure, so unused schemas still tree-shake. */
export const listOf = /* @__NO_SIDE_EFFECTS__ */ <T extends z.ZodMiniType>(item: T, max = 1000) =>
  /* @__PURE__ */ z.array(item).check(z.maxLength(max));

/** Bilingual text: Chinese for staff, English alongside for developers. */
export const Message = /* @__PURE__ */ z.object({ 'zh-CN': Prose, en: Prose });
export type Message = z.infer<typeof Message>;

/** An instant, ISO 8601 in UTC (`2026-11-21T08:00:00.000Z`). */
export const Instant = /* @__PURE__ */ z.iso.datetime().check(z.maxLength(40));
/** A calendar date (`2026-11-21`). */
export const CalendarDate = /* @__PURE__ */ z.iso.date().check(z.maxLength(10));

/** Opaque identifiers the platform assigns (`chk_…`, `fb_…`, `cmt_…`, `obj_…`, `ent_…`). */
export const ResourceId = /* @__PURE__ */ z.string().check(z.minLength(1), z.maxLength(64), z.regex(/^[A-Za-z0-9_-]+$/));

/** 事项编码: the code of the approval matter being handled. */
export const MatterCode = /* @__PURE__ */ z
  .string()
  .check(z.trim(), z.toUpperCase(), z.minLength(2), z.maxLength(40), z.regex(/^[A-Z0-9][A-Z0-9_-]*$/));

/**
 * Text a person typed: no control characters (CR/LF would reach headers, CSV and logs) and no
 * lone surrogates (they are not Unicode, so no UTF-8 store or receiver can keep them).
 */
const PLAIN_LINE = /^[^\p{Cc}\p{Cs}]*$/u;
/** The same, with line breaks and tabs allowed (notes, reasons). */
const PLAIN_TEXT = /^(?:[^\p{Cc}\p{Cs}]|[\t\n\r])*$/u;

/**
 * No explicit bidi controls (LRE, RLE, PDF, LRO, RLO U+202A–U+202E; LRI, RLI, FSI, PDI
 * U+2066–U+2069): an override makes "王建国\u202E司公限有" read as another name on a clerk's
 * screen. Refused on the way in rather than stripped, so what is stored is what was sent; the
 * widget also strips them from whatever a platform answers before it shows it. The marks
 * LRM/RLM/ALM only hint a direction and override nothing: kept.
 */
const NO_BIDI_CONTROLS = /^[^\u202A-\u202E\u2066-\u2069]*$/u;

/** Bilingual words for the contract's own patterns (zod's locales can only quote the regex). */
export const PATTERN_MESSAGES: Record<string, { reason: string; 'zh-CN': string; en: string }> = {
  [String(PLAIN_LINE)]: {
    reason: 'CONTROL_CHARACTERS',
    'zh-CN': '含有控制字符（如换行）或无效的 Unicode 字符',
    en: 'contains control characters (such as line breaks) or broken Unicode',
  },
  [String(PLAIN_TEXT)]: {
    reason: 'CONTROL_CHARACTERS',
    'zh-CN': '含有控制字符或无效的 Unicode 字符',
    en: 'contains control characters or broken Unicode',
  },
  [String(NO_BIDI_CONTROLS)]: {
    reason: 'BIDI_CONTROLS',
    'zh-CN': '含有文字方向控制字符（会使显示的文字与实际内容不同）',
    en: 'contains bidirectional control characters (they make text display as something else)',
  },
};

export const ShortText = /* @__PURE__ */ z
  .string()
  .check(z.trim(), z.minLength(1), z.maxLength(100), z.regex(PLAIN_LINE), z.regex(NO_BIDI_CONTROLS));
export const LongText = /* @__PURE__ */ z.string().check(z.trim(), z.maxLength(1000), z.regex(PLAIN_TEXT), z.regex(NO_BIDI_CONTROLS));

/**
 * A refinement: `field` is required when `when(value)` holds — with a stable reason and the words
 * in both languages (e.g. a 容缺受理 deadline, an override reason).
 */
export function requiredWhen<T extends Record<string, unknown>>(
  field: keyof T & string,
  when: (value: T) => boolean,
  reason: string,
  zh: string,
  en: string,
) {
  return z.superRefine<T>((value, ctx) => {
    if (when(value) && !value[field]) {
      ctx.addIssue({ code: 'custom', path: [field], message: en, params: { reason, zh } });
    }
  });
}
