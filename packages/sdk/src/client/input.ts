import type * as z from 'zod/mini';
import { fieldErrors } from '../contract/issues.ts';
import { CreditCheckError } from './errors.ts';

/** Validates input before any request; a refusal names the field and the reason in both languages. */
export function validate<S extends z.ZodMiniType>(schema: S, input: unknown, what: string): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const errors = fieldErrors(parsed.error.issues, input);
  const first = errors[0];
  throw new CreditCheckError(
    'INVALID_INPUT',
    `Invalid ${what}: ${first ? `${first.pointer || '(root)'} — ${first.message.en}` : 'rejected'}`,
    { fieldErrors: errors },
  );
}

export function resourceId(value: string, what: string): string {
  if (typeof value !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(value)) {
    throw new CreditCheckError('INVALID_INPUT', `Invalid ${what}`, {
      fieldErrors: [{ pointer: '', code: 'INVALID_ID', message: { 'zh-CN': `${what} 无效`, en: `Invalid ${what}` } }],
    });
  }
  return value;
}

/** Runs `fn` so that a synchronous validation error becomes a rejected promise. */
export function later<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return fn();
  } catch (error) {
    return Promise.reject(error);
  }
}
