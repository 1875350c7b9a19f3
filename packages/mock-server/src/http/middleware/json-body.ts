import type { MiddlewareHandler } from 'hono';
import { problem } from '../../problems.ts';
import { isJson, readBody } from '../body.ts';
import type { PlatformEnv } from '../env.ts';

/**
 * A POST's body read once, as text, up to `limit` bytes (413 beyond, 415 if it is not JSON): kept as
 * `text` for the signature, the idempotency hash and validation. Other methods carry none.
 */
export const jsonBody =
  (limit: number): MiddlewareHandler<PlatformEnv> =>
  async (c, next) => {
    if (c.req.method !== 'POST') {
      c.set('text', '');
      return next();
    }
    if (!isJson(c.req.header('content-type'))) throw problem('UNSUPPORTED_MEDIA_TYPE');
    c.set('text', await readBody(c.req.raw, limit));
    await next();
  };
