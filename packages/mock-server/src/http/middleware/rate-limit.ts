import type { MiddlewareHandler } from 'hono';
import { ProblemError } from '../../problems.ts';
import type { Store } from '../../store/store.ts';
import type { PlatformEnv } from '../env.ts';

/**
 * Per-app rate limits for a sandbox shared by many vendors: one token bucket per app (its
 * signed calls and its widgets' tokens together), so one team's load test cannot starve the
 * others. Applied after authentication, so a forged app id cannot drain someone else's bucket.
 * Over the limit: 429 `RATE_LIMITED` with `Retry-After` (whole seconds), which the SDK honours.
 */
export class RateLimiter {
  private readonly store: Pick<Store, 'takeToken'>;
  private readonly perSecond: number;
  private readonly burst: number;

  /**
   * @param store keeps the buckets (one per app for every process and instance sharing it);
   * @param perSecond sustained requests per second per app; @param burst bucket size (default: one second's worth).
   */
  constructor(store: Pick<Store, 'takeToken'>, perSecond: number, burst?: number) {
    this.store = store;
    this.perSecond = perSecond;
    this.burst = burst ?? perSecond;
  }

  /**
   * Spends one request of `appId`'s bucket, or throws 429 with how long until there is one.
   * Returns the IETF RateLimit headers (draft-ietf-httpapi-ratelimit-headers) for the answer.
   */
  async take(appId: string, now: number): Promise<Record<string, string>> {
    const bucket = await this.store.takeToken(`app:${appId}`, this.perSecond, this.burst, now);
    if (bucket.granted) return this.headers(bucket.tokens);
    const retryAfter = Math.max(1, Math.ceil((1 - bucket.tokens) / this.perSecond));
    throw new ProblemError(
      'RATE_LIMITED',
      {
        'zh-CN': `应用“${appId}”超过每秒 ${this.perSecond} 次的调用限额，请 ${retryAfter} 秒后重试`,
        en: `App "${appId}" is over its limit of ${this.perSecond} requests per second: retry in ${retryAfter} s`,
      },
      { retryAfter, headers: { 'retry-after': String(retryAfter), ...this.headers(bucket.tokens) } },
    );
  }

  /** What is left and when the bucket is full again (whole seconds). */
  private headers(tokens: number): Record<string, string> {
    const remaining = Math.max(0, Math.floor(tokens));
    const reset = Math.ceil((this.burst - tokens) / this.perSecond);
    return {
      'ratelimit-policy': `"per-app";q=${this.perSecond};w=1`,
      ratelimit: `"per-app";r=${remaining};t=${reset}`,
    };
  }
}

/**
 * The caller's budget, after authentication (a forged app id draws on no one's bucket): over it, a
 * 429 before the handler runs; the IETF RateLimit headers on whatever the answer is.
 */
export const rateLimited =
  (limiter: RateLimiter): MiddlewareHandler<PlatformEnv> =>
  async (c, next) => {
    const principal = c.get('principal');
    if (!principal) return next();
    const headers = await limiter.take(principal.appId, Date.now());
    await next();
    for (const [name, value] of Object.entries(headers)) c.res.headers.set(name, value);
  };
