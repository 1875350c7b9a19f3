import { ProblemError } from '../problems.ts';

/**
 * Per-app rate limits for a sandbox shared by many vendors: one token bucket per app (its
 * signed calls and its widgets' tokens together), so one team's load test cannot starve the
 * others. Applied after authentication, so a forged app id cannot drain someone else's bucket.
 * Over the limit: 429 `RATE_LIMITED` with `Retry-After` (whole seconds), which the SDK honours.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private readonly perSecond: number;
  private readonly burst: number;

  /** @param perSecond sustained requests per second per app; @param burst bucket size (default: one second's worth). */
  constructor(perSecond: number, burst?: number) {
    this.perSecond = perSecond;
    this.burst = burst ?? perSecond;
  }

  /**
   * Spends one request of `appId`'s bucket, or throws 429 with how long until there is one.
   * Returns the IETF RateLimit headers (draft-ietf-httpapi-ratelimit-headers) for the answer.
   */
  take(appId: string, now: number): Record<string, string> {
    let bucket = this.buckets.get(appId);
    if (!bucket) {
      bucket = { tokens: this.burst, at: now };
      this.buckets.set(appId, bucket);
    }
    bucket.tokens = Math.min(this.burst, bucket.tokens + ((now - bucket.at) / 1000) * this.perSecond);
    bucket.at = now;
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return this.headers(bucket.tokens);
    }
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
