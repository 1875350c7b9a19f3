import * as z from 'zod/mini';
import { normalizeIdentifier } from '../identifiers/normalize.ts';
import { validateSubjectId } from '../identifiers/subject.ts';
import { Label, ShortText } from './common.ts';
import './zod.ts';

/** `uscc`: 统一社会信用代码 of an organisation; `idcard`: 居民身份证号码 of a natural person. */
export const IdType = /* @__PURE__ */ z.enum(['uscc', 'idcard']);
export type IdType = z.infer<typeof IdType>;

/** The subject's shape alone (a batch validates each item on its own, so one bad code fails one item). */
export const SubjectRefShape = /* @__PURE__ */ z.strictObject({
  idType: IdType,
  /** Normalised on the way in: full-width, lower-case, spaces and dashes are accepted. */
  id: /* @__PURE__ */ z.string().check(z.maxLength(64), z.overwrite(normalizeIdentifier)),
  name: z.optional(ShortText),
});

/** Who is checked: an identifier with its check character verified, and an optional name. */
export const SubjectRef = /* @__PURE__ */ SubjectRefShape.check(
  z.superRefine((subject, ctx) => {
    const result = validateSubjectId(subject.idType, subject.id);
    if (!result.valid && result.message) {
      ctx.addIssue({
        code: 'custom',
        path: ['id'],
        message: result.message.en,
        params: { reason: `${subject.idType.toUpperCase()}_${result.reason}`, zh: result.message['zh-CN'] },
      });
    }
  }),
);
export type SubjectRef = z.infer<typeof SubjectRef>;
export type SubjectRefInput = z.input<typeof SubjectRef>;

/** A subject as the platform returns it: personal identifiers masked unless the caller may see them. */
export const SubjectView = /* @__PURE__ */ z.object({
  idType: IdType,
  id: /* @__PURE__ */ z.string().check(z.maxLength(64)),
  /** True when `id` (and a person's `name`) are masked for this caller. */
  masked: z.boolean(),
  name: z.nullable(Label),
  /** False when the platform holds no file for this identifier (no record is not a negative record). */
  found: z.boolean(),
});
export type SubjectView = z.infer<typeof SubjectView>;
