import { fieldErrors } from '@credit-check/sdk/contract';
import type * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';
import zhCN from 'zod/v4/locales/zh-CN.js';
import { ProblemError } from '../problems.ts';
import type { Ctx } from './env.ts';

const LOCALES = { zh: zhCN(), en: en() };

/** Parses with a contract schema; a refusal is a 400 naming every field in Chinese and English. */
export function validate<S extends z.ZodMiniType>(schema: S, data: unknown): z.infer<S> {
  const parsed = schema.safeParse(data);
  if (parsed.success) return parsed.data;
  const errors = fieldErrors(parsed.error.issues, data, LOCALES);
  const first = errors[0];
  throw new ProblemError(
    'VALIDATION_FAILED',
    first
      ? { 'zh-CN': `${first.pointer || '请求'}：${first.message['zh-CN']}`, en: `${first.pointer || 'request'}: ${first.message.en}` }
      : undefined,
    { errors },
  );
}

/** An RFC 9457 `application/problem+json` response, with the code in `x-problem-code` for the access log. */
export function problemResponse(c: Ctx, error: ProblemError): Response {
  const body = error.toProblem(c.get('requestId'));
  return new Response(JSON.stringify(body), {
    status: error.status,
    headers: { 'content-type': 'application/problem+json', 'x-problem-code': error.code, ...error.headers },
  });
}
