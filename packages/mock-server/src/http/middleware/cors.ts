import type { MiddlewareHandler } from 'hono';
import type { PlatformEnv } from '../env.ts';

const ALLOWED_HEADERS = 'authorization, content-type, idempotency-key, prefer, x-request-id';
const EXPOSED_HEADERS = 'retry-after, ratelimit, ratelimit-policy, idempotent-replayed, x-request-id, location';

/**
 * CORS for browser widgets: allowed origins only, preflights answered here. Hand-written rather than
 * Hono's cors, which sets the exposed headers and `vary` on requests without an Origin and answers
 * preflights from origins it refuses; here a refused origin gets no CORS headers at all.
 */
export const cors =
  (origins: '*' | readonly string[] = '*'): MiddlewareHandler<PlatformEnv> =>
  async (c, next) => {
    if (c.req.method === 'OPTIONS') c.res = new Response(null, { status: 204 });
    else await next();
    const origin = c.req.header('origin');
    if (!origin || (origins !== '*' && !origins.includes(origin))) return;
    const headers = c.res.headers;
    headers.set('access-control-allow-origin', origins === '*' ? '*' : origin);
    if (origins !== '*') headers.append('vary', 'origin');
    headers.set('access-control-expose-headers', EXPOSED_HEADERS);
    if (c.req.method === 'OPTIONS') {
      headers.set('access-control-allow-methods', 'GET, POST, OPTIONS');
      headers.set('access-control-allow-headers', ALLOWED_HEADERS);
      headers.set('access-control-max-age', '600');
    }
  };
