import * as z from 'zod/mini';
import { Message } from './common.ts';
import './zod.ts';

/** A field-level error: where (JSON Pointer into the request), what (stable code), in both languages. */
export const FieldError = z.object({ pointer: z.string(), code: z.string(), message: Message });
export type FieldError = z.infer<typeof FieldError>;

/**
 * RFC 9457 problem details (`application/problem+json`). `title` and `detail` are English, as
 * RFC clients expect; `message` carries the same in Chinese and English; `code` is stable.
 */
export const Problem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.int(),
  detail: z.string(),
  code: z.string(),
  message: Message,
  errors: z.optional(z.array(FieldError)),
  requestId: z.optional(z.string()),
  /** Seconds, mirrored from the `Retry-After` header on 429/503. */
  retryAfter: z.optional(z.number()),
});
export type Problem = z.infer<typeof Problem>;
