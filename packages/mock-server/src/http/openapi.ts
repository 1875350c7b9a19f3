import {
  API_BASE,
  CreditEvent,
  ENDPOINT_DESCRIPTIONS,
  ENDPOINT_REFERENCE,
  type Endpoint,
  type EndpointId,
  endpoints,
  Problem,
  SCOPE_DESCRIPTIONS,
  TAG_DESCRIPTIONS,
} from '@credit-check/sdk/contract';
import * as z from 'zod/mini';
import { CSV_MAX_CHARS } from '../platform/cases.ts';

const ERRORS: Record<string, string> = {
  '400': 'Invalid request (VALIDATION_FAILED, MALFORMED_JSON, BATCH_TOO_LARGE)',
  '401': 'Not authenticated (UNAUTHENTICATED, SIGNATURE_*, NONCE_REUSED, TOKEN_*)',
  '403': 'Not allowed (FORBIDDEN, SCOPE_*)',
  '404': 'Not found',
  '409': 'Conflict (FEEDBACK_EXISTS, OBJECTION_PENDING, IDEMPOTENCY_IN_PROGRESS …)',
  '413': 'Payload too large',
  '415': 'Content-Type must be application/json',
  '422': 'Unprocessable (UNKNOWN_MATTER, NOT_ELIGIBLE, IDEMPOTENCY_KEY_REUSED …)',
  '429': 'Rate limited (Retry-After)',
  '500': 'Internal error (INTERNAL): a fault of the platform, never of the input; the request id is in the log',
  '503': 'Unavailable (Retry-After)',
};

const INT32 = 2 ** 31;
/**
 * Every integer gets the format its bounds imply (OWASP API4 wants one; zod emits only the
 * bounds): within ±2³¹ it is an int32, beyond an int64. Derived, never restated.
 */
function integerFormats(schema: Record<string, unknown>): void {
  if (schema.type === 'integer' && schema.format === undefined) {
    const min = Number(schema.minimum ?? schema.exclusiveMinimum ?? -Infinity);
    const max = Number(schema.maximum ?? schema.exclusiveMaximum ?? Infinity);
    schema.format = min >= -INT32 && max < INT32 ? 'int32' : 'int64';
  }
}

/** Seconds to wait (429, 503). */
const RETRY_AFTER = {
  description: 'Seconds to wait before retrying',
  schema: { type: 'integer', format: 'int32', minimum: 0, maximum: 86_400 },
};

/**
 * IETF RateLimit headers (draft-ietf-httpapi-ratelimit-headers), sent on authenticated API
 * responses when the platform runs with a per-app limit (`--rate-limit N`).
 */
const RATE_LIMIT_HEADERS = {
  RateLimit: {
    description: 'The caller’s app budget left in the current window: `"per-app";r=<remaining>;t=<seconds until refilled>`',
    schema: { type: 'string', maxLength: 200, pattern: '^"[a-z-]+";r=[0-9]+;t=[0-9]+$' },
  },
  'RateLimit-Policy': {
    description: 'The per-app quota: `"per-app";q=<requests>;w=1` (requests per second)',
    schema: { type: 'string', maxLength: 200, pattern: '^"[a-z-]+";q=[0-9]+;w=[0-9]+$' },
  },
};

/** CORS for browser widgets: sent when the request carries an allowed Origin (`*` on the sandbox, or `--cors-origins`). */
const CORS_HEADERS = {
  'Access-Control-Allow-Origin': {
    description: 'The allowed origin (`*`, or the request’s Origin when the platform lists its allowed origins)',
    schema: { type: 'string', maxLength: 500 },
  },
};

/** Path parameters are platform ids (`chk_…`, `sub_…`, `evt_…`). */
const PATH_PARAMETER = { type: 'string', minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' };

let cached: object | undefined;

/** OpenAPI 3.1, generated from the contract's endpoint table and zod schemas — never written by hand. */
export function openApiDocument(): object {
  if (cached) return cached;
  const components: Record<string, unknown> = {};
  const add = (name: string, schema: z.ZodMiniType, io: 'input' | 'output') => {
    const json = z.toJSONSchema(schema, {
      io,
      unrepresentable: 'any',
      override: (ctx) => integerFormats(ctx.jsonSchema as Record<string, unknown>),
    }) as Record<string, unknown>;
    delete json.$schema;
    components[name] = json;
    return { $ref: `#/components/schemas/${name}` };
  };
  const problemRef = add('Problem', Problem, 'output');
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [id, e] of Object.entries(endpoints) as [string, Endpoint][]) {
    const path = API_BASE + e.path.replace(/:(\w+)/g, '{$1}');
    const name = id.charAt(0).toUpperCase() + id.slice(1);
    const operation: Record<string, unknown> = {
      operationId: id,
      summary: ENDPOINT_REFERENCE[id as EndpointId].summary,
      description: ENDPOINT_DESCRIPTIONS[id as EndpointId],
      tags: [ENDPOINT_REFERENCE[id as EndpointId].tag],
      // Bearer schemes carry no scopes in OpenAPI: the token's required scope is named beside
      // (x-required-scopes), and every scope is described once on the scheme (x-scopes).
      security: e.callers.includes('public')
        ? []
        : [...(e.callers.includes('app') ? [{ appSignature: [] }] : []), ...(e.callers.includes('token') ? [{ bearerToken: [] }] : [])],
      ...(e.scope ? { 'x-required-scopes': [e.scope] } : {}),
      // The role an app must hold (ROLE_REQUIRED otherwise); described once on the signing scheme.
      ...(e.role ? { 'x-required-role': e.role } : {}),
      parameters: [
        ...[...e.path.matchAll(/:(\w+)/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: PATH_PARAMETER })),
        ...(e.query ? queryParameters(e.query) : []),
        ...(e.method === 'POST'
          ? [
              {
                name: 'Idempotency-Key',
                in: 'header',
                required: false,
                schema: { type: 'string', maxLength: 255 },
                description: 'Replays the first outcome of a retried request',
              },
            ]
          : []),
        {
          name: 'Prefer',
          in: 'header',
          required: false,
          schema: { type: 'string', maxLength: 200 },
          description: 'Mock only: code=503, delay=2000, fault=reset|hang|malformed|off-contract',
        },
      ],
      responses: {
        [String(e.status)]: {
          description: 'OK',
          headers: { ...CORS_HEADERS, ...RATE_LIMIT_HEADERS },
          content: {
            'application/json': { schema: add(`${name}Response`, e.response, 'output') },
            // Other representations on Accept (cases as CSV: UTF-8 with a BOM, capped).
            ...Object.fromEntries((e.produces ?? []).map((type) => [type, { schema: { type: 'string', maxLength: CSV_MAX_CHARS } }])),
          },
        },
        ...Object.fromEntries(
          Object.entries(ERRORS).map(([status, description]) => [
            status,
            {
              description,
              headers: {
                ...CORS_HEADERS,
                ...(status.startsWith('4') ? RATE_LIMIT_HEADERS : {}),
                ...(status === '429' || status === '503' ? { 'Retry-After': RETRY_AFTER } : {}),
              },
              content: { 'application/problem+json': { schema: problemRef } },
            },
          ]),
        ),
      },
    };
    if (e.body) {
      operation.requestBody = { required: true, content: { 'application/json': { schema: add(`${name}Request`, e.body, 'input') } } };
    }
    paths[path] ??= {};
    (paths[path] as Record<string, unknown>)[e.method.toLowerCase()] = operation;
  }
  const header = (name: string, description: string) => ({
    name,
    in: 'header',
    required: true,
    schema: { type: 'string', maxLength: 1000 },
    description,
  });
  // 定向推送 to a subscription's url: the same event objects the pull feed carries, signed per Standard Webhooks.
  const webhooks = {
    creditEvent: {
      post: {
        operationId: 'creditEvent',
        tags: ['events'],
        // What the receiver checks: the signature over id, timestamp and body with its subscription secret.
        security: [{ webhookSignature: [] }],
        summary: 'A pushed event (定向推送), signed per the Standard Webhooks specification',
        description:
          'POSTed to a subscription’s URL (public addresses only) for every event routed to its department; at least once, in order per subject. Verify the signature, deduplicate on webhook-id, answer 2xx once the event is safely recorded.',
        parameters: [
          header('webhook-id', 'The event id: the same on every retry (deduplicate on it)'),
          header('webhook-timestamp', 'Unix seconds; refuse if more than 5 minutes off'),
          header('webhook-signature', 'Space-separated `v1,<base64 HMAC-SHA256>` of `id.timestamp.body` (two during a secret rotation)'),
        ],
        requestBody: { required: true, content: { 'application/json': { schema: add('CreditEvent', CreditEvent, 'output') } } },
        responses: { '2XX': { description: 'Received; anything else (or no answer in 10 s) is retried with backoff' } },
      },
    },
  };
  cached = {
    openapi: '3.1.0',
    info: {
      title: '信用信息共享平台 API (credit-check mock)',
      version: '1.0.0',
      description:
        '逢办必查: credit checks for government-service approvals. Generated from the zod contract in @credit-check/sdk/contract. Errors are RFC 9457 problem details with a stable `code` and Chinese + English text.',
      contact: { name: 'credit-check (mock of the 信用信息共享平台 API)' },
      license: { name: 'MIT', identifier: 'MIT' },
    },
    // For government systems on 政务外网, not the public internet.
    servers: [
      { url: '/', description: 'This platform (the credit-check mock: local development and staging sandboxes)', 'x-internal': true },
    ],
    tags: [...new Set(Object.values(ENDPOINT_REFERENCE).map((e) => e.tag))].map((name) => ({ name, description: TAG_DESCRIPTIONS[name] })),
    paths,
    webhooks,
    components: {
      schemas: components,
      securitySchemes: {
        appSignature: {
          type: 'apiKey',
          in: 'header',
          name: 'Authorization',
          description:
            "Server to server: `CC-HMAC-SHA256 app=<appId>, ts=<unix ms>, nonce=<8–64 chars>, sig=<base64url HMAC-SHA256>` over `CC-HMAC-SHA256\\nMETHOD\\npath?query\\nts\\nnonce\\nhex(sha256(body))`. Timestamps ±5 min, nonces single-use. Under 国密 the app is set to `CC-HMAC-SM3`: the same with SM3 (GB/T 32905) for the body digest and the HMAC, and the scheme name in both places; the platform accepts only the app's scheme. Each app holds roles: `window` (checks, responses, tokens, commitments, objections filed) and/or `authority` (a listing authority or the credit office: objection decisions and fulfilment, for the lists and matters it speaks for); an operation that needs one names it in x-required-role.",
        },
        webhookSignature: {
          type: 'apiKey',
          in: 'header',
          name: 'webhook-signature',
          description:
            'Webhooks (the platform calling a subscription’s URL): Standard Webhooks `v1,<base64 HMAC-SHA256>` of `webhook-id.webhook-timestamp.body` under the subscription’s secret (`whsec_…`, shown once); during a rotation two signatures, space-separated.',
        },
        bearerToken: {
          type: 'http',
          scheme: 'bearer',
          description:
            'Browser widgets: a scoped token from POST /api/v1/tokens (at most one hour). The scope an operation needs is in its x-required-scopes.',
          'x-scopes': SCOPE_DESCRIPTIONS,
        },
      },
    },
  };
  return cached;
}

function queryParameters(schema: z.ZodMiniType) {
  const json = z.toJSONSchema(schema, {
    io: 'input',
    override: (ctx) => integerFormats(ctx.jsonSchema as Record<string, unknown>),
  }) as { properties?: Record<string, unknown> };
  return Object.entries(json.properties ?? {}).map(([name, s]) => ({ name, in: 'query', required: false, schema: s }));
}
