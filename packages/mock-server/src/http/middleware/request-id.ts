import { randomId } from '@credit-check/sdk/auth';
import type { MiddlewareHandler } from 'hono';
import type { PlatformEnv } from '../env.ts';
import { RESET_HEADER } from '../reset.ts';

/**
 * A request id on every request and response (`x-request-id`): the caller's when it is a short safe
 * token, else a fresh `req_…`. Hand-written rather than Hono's request-id, which accepts ids up to
 * 255 characters with `=` and always sets the header (even on a simulated dropped connection).
 */
export const requestId = (): MiddlewareHandler<PlatformEnv> => async (c, next) => {
  const given = c.req.header('x-request-id');
  const id = given && /^[A-Za-z0-9_.-]{1,64}$/.test(given) ? given : randomId('req_', 9);
  c.set('requestId', id);
  await next();
  if (!c.res.headers.has(RESET_HEADER)) c.res.headers.set('x-request-id', id);
};
