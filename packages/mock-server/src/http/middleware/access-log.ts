import { redact } from '@credit-check/sdk';
import type { MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import type { PlatformEnv } from '../env.ts';

export interface RequestLog {
  time: string;
  method: string;
  /** The path only (never a query or body), with anything ID-shaped masked. */
  path: string;
  /** The route pattern that answered (`/api/v1/checks/:checkId`): what metrics count by; absent when none matched. */
  route?: string;
  status: number;
  ms: number;
  requestId: string;
  code?: string;
  /** The path carried something ID-shaped (masked above): a client put personal data in a URL. */
  idInPath?: true;
}

/** One access-log line; never a query, never a body, never an unmasked identifier (002 (十八)). */
export function formatLog(l: RequestLog): string {
  return `${l.time} ${l.method} ${l.path} ${l.status} ${l.ms}ms ${l.requestId}${l.code ? ` ${l.code}` : ''}${l.idInPath ? ' ID_IN_URL' : ''}`;
}

/** The access log (可查可核可溯): one line per request, after the answer, with its problem code. */
export const accessLog =
  (logger: (line: RequestLog) => void): MiddlewareHandler<PlatformEnv> =>
  async (c, next) => {
    const started = performance.now();
    await next();
    const path = redact(c.req.path);
    // A 核查码 opens a check's summary to whoever holds it: the log keeps that it was asked, not which.
    const logged = path.replace(/(\/verifications\/)[^/]+/, '$1***');
    const code = c.res.headers.get('x-problem-code');
    // The last route matched is the handler's; a 404 matched only middleware ('*', '/api/v1/*').
    const route = code === 'ROUTE_NOT_FOUND' ? undefined : routePath(c, -1);
    logger({
      time: new Date().toISOString(),
      method: c.req.method,
      path: logged,
      ...(path !== c.req.path ? { idInPath: true as const } : {}),
      ...(route && !route.endsWith('*') ? { route } : {}),
      status: c.res.status,
      ms: Math.round((performance.now() - started) * 10) / 10,
      requestId: c.get('requestId'),
      ...(code ? { code } : {}),
    });
  };
