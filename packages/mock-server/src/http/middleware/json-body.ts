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
    // A POST with no body at all (issue a 核查码, make a sheet) has no media type to name.
    const length = c.req.header('content-length');
    if ((length === undefined || length === '0') && !c.req.header('transfer-encoding') && !c.req.header('content-type')) {
      c.set('text', '');
      return next();
    }
    if (!isJson(c.req.header('content-type'))) throw problem('UNSUPPORTED_MEDIA_TYPE');
    c.set('text', await readBody(c.req.raw, limit));
    await next();
  };
