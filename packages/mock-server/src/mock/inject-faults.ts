import type { MiddlewareHandler } from 'hono';
import type { PlatformEnv } from '../http/env.ts';
import { ProblemError } from '../problems.ts';
import { type Faults, RESET_HEADER, sleep } from './faults.ts';

const STATUS_CODES = { 502: 'UPSTREAM_ERROR', 503: 'UNAVAILABLE', 504: 'GATEWAY_TIMEOUT' } as const;

/** Faults on demand for the platform API (`Prefer` header or POST /__mock/scenario). */
export const injectFaults =
  (faults: Faults): MiddlewareHandler<PlatformEnv> =>
  async (c, next) => {
    const fault = faults.take(c.req.path, c.req.header('prefer') ?? null);
    if (!fault) return next();
    if (fault.delayMs) await sleep(fault.delayMs, c.req.raw.signal);
    switch (fault.kind) {
      case 'latency':
        return next();
      case 'status': {
        const status = fault.status ?? 500;
        const retryAfter = fault.retryAfter;
        throw new ProblemError(STATUS_CODES[status as keyof typeof STATUS_CODES] ?? 'INTERNAL', undefined, {
          status,
          ...(retryAfter !== undefined ? { retryAfter, headers: { 'retry-after': String(retryAfter) } } : {}),
        });
      }
      case 'rate-limit': {
        const retryAfter = fault.retryAfter ?? 1;
        throw new ProblemError('RATE_LIMITED', undefined, { retryAfter, headers: { 'retry-after': String(retryAfter) } });
      }
      case 'malformed':
        return new Response('{"checkId":"chk_', { status: 200, headers: { 'content-type': 'application/json' } });
      case 'off-contract': {
        await next();
        const data = (await c.res
          .clone()
          .json()
          .catch(() => null)) as Record<string, unknown> | null;
        const bent = data && typeof data === 'object' && 'verdict' in data ? { ...data, verdict: 'green', receipt: undefined } : { data };
        c.res = new Response(JSON.stringify(bent), { status: c.res.status, headers: { 'content-type': 'application/json' } });
        return;
      }
      case 'hang':
        await sleep(600_000, c.req.raw.signal);
        return new Response(null, { status: 500, headers: { [RESET_HEADER]: 'reset' } });
      default:
        // reset, outage: the connection drops without an answer.
        return new Response(null, { status: 500, headers: { [RESET_HEADER]: 'reset' } });
    }
  };
