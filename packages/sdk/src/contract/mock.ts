import * as z from 'zod/mini';
import { CheckRequest, Verdict } from './checks.ts';
import './zod.ts';

/** GET /__mock/scenarios — the named scenario subjects and the verdict each demo matter must yield. */
export const ScenarioList = z.object({
  scenarios: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      description: z.string(),
      checks: z.array(z.object({ request: CheckRequest, verdict: Verdict })),
    }),
  ),
});
export type ScenarioList = z.infer<typeof ScenarioList>;

/**
 * A fault the mock platform injects (Prism-style `Prefer` header per request, or `/__mock/scenario`
 * for the next `times` requests): latency, an error status, 429 with Retry-After, a malformed or
 * off-contract body, a connection reset, a request that never answers, a platform outage.
 */
export const Fault = z.strictObject({
  kind: z.enum(['latency', 'status', 'rate-limit', 'malformed', 'off-contract', 'reset', 'hang', 'outage']),
  /** For `status`: 500, 502, 503 … */
  status: z.optional(z.int().check(z.gte(400), z.lte(599))),
  /** For `latency` (and added before any other fault). */
  delayMs: z.optional(z.int().check(z.gte(0), z.lte(120_000))),
  /** For `rate-limit` and 503: seconds for `Retry-After`. */
  retryAfter: z.optional(z.int().check(z.gte(0), z.lte(3600))),
  /** Apply to this many API requests, then clear (default: until reset). */
  times: z.optional(z.int().check(z.gte(1))),
  /** Only requests whose path starts with this (e.g. `/api/v1/checks`). */
  pathPrefix: z.optional(z.string()),
});
export type Fault = z.infer<typeof Fault>;

export const FaultState = z.object({ fault: z.nullable(Fault), remaining: z.nullable(z.int()) });
