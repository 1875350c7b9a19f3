import { z } from '@credit-check/sdk/contract';

// The mock's own controls (`/__mock/*`): not part of the platform API, so not in the SDK's contract
// (issue 40). The scenario table's shape is the seed's, the supervision happenings' the platform's;
// all are exported here, where the controls are.
export {
  type MockChange,
  type MockEntryInput,
  MockEntryRequest,
  MockGradeRequest,
  type MockRepair,
  MockRepairRequest,
} from '../platform/happenings.ts';
export { ScenarioList } from '../seed/scenario-list.ts';

/**
 * A fault the mock platform injects (Prism-style `Prefer` header per request, or `/__mock/scenario`
 * for the next `times` requests): latency, an error status, 429 with Retry-After, a malformed or
 * off-contract body, a connection reset, a request that never answers, a platform outage.
 */
export const Fault = /* @__PURE__ */ z.strictObject({
  kind: z.enum(['latency', 'status', 'rate-limit', 'malformed', 'off-contract', 'reset', 'hang', 'outage']),
  /** For `status`: 500, 502, 503 … */
  status: z.optional(/* @__PURE__ */ z.int().check(z.gte(400), z.lte(599))),
  /** For `latency` (and added before any other fault). */
  delayMs: z.optional(/* @__PURE__ */ z.int().check(z.gte(0), z.lte(120_000))),
  /** For `rate-limit` and 503: seconds for `Retry-After`. */
  retryAfter: z.optional(/* @__PURE__ */ z.int().check(z.gte(0), z.lte(3600))),
  /** Apply to this many API requests, then clear (default: until reset). */
  times: z.optional(/* @__PURE__ */ z.int().check(z.gte(1), z.lte(1_000_000))),
  /** Only requests whose path starts with this (e.g. `/api/v1/checks`). */
  pathPrefix: z.optional(/* @__PURE__ */ z.string().check(z.maxLength(200), z.regex(/^\/[A-Za-z0-9/_.~-]*$/))),
});
export type Fault = z.infer<typeof Fault>;

export const FaultState = /* @__PURE__ */ z.object({
  fault: z.nullable(Fault),
  remaining: z.nullable(/* @__PURE__ */ z.int().check(z.gte(0))),
});

/** POST /__mock/clock — move the platform's clock forward (due commitments and expiries fire). */
export const MockClockRequest = /* @__PURE__ */ z.strictObject({
  days: z.optional(/* @__PURE__ */ z.int().check(z.gte(0), z.lte(3650))),
  hours: z.optional(/* @__PURE__ */ z.int().check(z.gte(0), z.lte(24 * 3650))),
});
