import { redact } from '@credit-check/sdk';
import { API_BASE, BATCH_MAX, DEFAULT_MAX_BODY_BYTES, type Endpoint, type EndpointId, endpoints } from '@credit-check/sdk/contract';
import { Hono, type MiddlewareHandler } from 'hono';
import type { Platform } from '../platform/platform.ts';
import { ProblemError, problem } from '../problems.ts';
import { isStoreUnavailable } from '../store/unavailable.ts';
import type { Ctx, PlatformApp, PlatformEnv } from './env.ts';
import { type HandlerInput, type HandlerOutput, handlers } from './handlers.ts';
import { accessLog, type RequestLog } from './middleware/access-log.ts';
import { authenticated } from './middleware/authenticate.ts';
import { cors } from './middleware/cors.ts';
import { durable } from './middleware/durable.ts';
import { idempotent } from './middleware/idempotency.ts';
import { jsonBody } from './middleware/json-body.ts';
import { RateLimiter, rateLimited } from './middleware/rate-limit.ts';
import { requestId } from './middleware/request-id.ts';
import { validated } from './middleware/validate-input.ts';
import { openApiDocument } from './openapi.ts';
import { operations } from './operations.ts';
import { storeUnavailable } from './store-unavailable.ts';
import { problemResponse } from './validate.ts';
import { verifyPage } from './verify-page.ts';

export type { PlatformApp } from './env.ts';
export { formatLog, type RequestLog } from './middleware/access-log.ts';
export { IDEMPOTENCY_TTL_MS } from './middleware/idempotency.ts';

export interface AppOptions {
  platform: Platform;
  /** Allowed browser origins (default `*`, the sandbox). */
  corsOrigins?: '*' | string[];
  /** The cap of POST /checks/batch (default BATCH_MAX). */
  batchMax?: number;
  logger?: (line: RequestLog) => void;
  /** With a key, the operator's surfaces (`/metrics`; the mock's controls) need `Authorization: Bearer <key>`. */
  adminKey?: string;
  /** Requests per second per app (signed calls and its tokens together); none by default. */
  rateLimit?: number;
  /**
   * Run on every platform API request before it is authenticated (the mock's faults): whatever
   * acts on the API as a whole, in front of it.
   */
  apiMiddleware?: MiddlewareHandler<PlatformEnv>[];
  /** The platform is out on purpose (the mock's staged outage): `/healthz` says so with a 503. */
  outage?: () => boolean;
  /** Which worker of `--workers` this is: /healthz says so (an operator sees each one answer). */
  worker?: number;
  /** Which instance over a shared PostgreSQL store this is (its name): /healthz says so behind a load balancer. */
  instance?: string;
  /**
   * `GET /metrics` in Prometheus' text format (the Node server's prom-client registry). With an
   * admin key it needs `Authorization: Bearer <admin key>`, as the controls do.
   */
  metrics?: { render(): Promise<{ contentType: string; body: string }> };
  /** True once the server is shutting down: `/readyz` answers 503 so a load balancer stops sending. */
  draining?: () => boolean;
  /** A request answered 503 because the store could not be reached or a write committed. */
  onStoreUnavailable?: () => void;
  /** An internal error (never the input; the request id to find its access-log line). Default: stderr. */
  onError?: (message: string, fields: Record<string, unknown>) => void;
}

/**
 * The platform over HTTP as a fetch-API app: the same app serves Node (`credit-check-mock`), msw
 * in Node tests and msw's worker in the browser. Every route of the contract's endpoint table runs
 * one pipeline of middleware (`middleware/`, in this order): the body read within the endpoint's
 * limit, the caller authenticated, its rate limit, the input validated with the endpoint's schemas,
 * Idempotency-Key — then the handler (`handlers.ts`). Around everything: a request id, durable
 * writes before any answer, the access log, CORS; beside the API, the operator's endpoints
 * (`operations.ts`). The mock adds its faults and controls around this app (`mock/app.ts`).
 */
export function createApp(options: AppOptions): PlatformApp {
  const { platform } = options;
  const limiter = options.rateLimit ? new RateLimiter(platform.store, options.rateLimit) : undefined;
  const answer = handlers(platform, options.batchMax ?? BATCH_MAX);
  const app = new Hono<PlatformEnv>();

  app.use('*', requestId());
  app.use('*', durable(platform.store, options.onStoreUnavailable));
  if (options.logger) app.use('*', accessLog(options.logger));
  // CORS for the widget's API and the health check; never for the mock's controls (a page must not drive them).
  app.use(`${API_BASE}/*`, cors(options.corsOrigins));
  app.route('/', operations(platform, options));
  // The public page a 结果单's QR opens (no login, no script).
  app.route('/', verifyPage(platform));

  // In front of the API only (the mock's faults: its controls stay reachable to end them).
  for (const middleware of options.apiMiddleware ?? []) app.use(`${API_BASE}/*`, middleware);
  app.get(`${API_BASE}/openapi.json`, (c) => c.json(openApiDocument()));

  for (const [id, endpoint] of Object.entries(endpoints) as [EndpointId, Endpoint][]) {
    app.on(
      endpoint.method,
      API_BASE + endpoint.path,
      jsonBody(endpoint.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES),
      authenticated(platform, endpoint),
      ...(limiter ? [rateLimited(limiter)] : []),
      validated(endpoint),
      ...(endpoint.method === 'POST' ? [idempotent(platform)] : []),
      respond(endpoint, answer[id] as (input: HandlerInput<typeof id>) => Promise<HandlerOutput<typeof id>> | HandlerOutput<typeof id>),
    );
  }

  app.notFound((c) => {
    const path = c.req.path;
    const known = Object.values(endpoints).some((e) => matches(API_BASE + e.path, path));
    const error = known
      ? problem('METHOD_NOT_ALLOWED', `${c.req.method} 不适用于 ${path}`, `${c.req.method} is not allowed on ${path}`)
      : problem(
          'ROUTE_NOT_FOUND',
          `接口 ${path} 不存在（接口文档见 ${API_BASE}/openapi.json）`,
          `No endpoint ${path} (see ${API_BASE}/openapi.json)`,
        );
    return problemResponse(c, error);
  });

  app.onError((error, c) => {
    if (error instanceof ProblemError) return problemResponse(c, error);
    if (isStoreUnavailable(error)) {
      options.onStoreUnavailable?.();
      return problemResponse(c, storeUnavailable());
    }
    // Never the input, never a stack in the response; the log line carries the request id.
    const detail = redact(String((error as Error)?.stack ?? error));
    if (options.onError) options.onError('internal error', { requestId: c.get('requestId'), error: detail });
    else console.error(`[credit-check-mock] internal error ${c.get('requestId')}: ${detail}`);
    return problemResponse(c, problem('INTERNAL'));
  });

  return app;
}

/** The handler's answer written: its status (the endpoint's by default), headers, JSON or another representation. */
function respond<K extends EndpointId>(
  endpoint: Endpoint,
  handler: (input: HandlerInput<K>) => Promise<HandlerOutput<K>> | HandlerOutput<K>,
): MiddlewareHandler<PlatformEnv> {
  return async (c: Ctx) => {
    const out = await handler(c.get('input') as HandlerInput<K>);
    const status = (out.status ?? endpoint.status) as 200;
    if (out.text) return c.body(out.text.content, status, { ...out.headers, 'content-type': out.text.contentType });
    return c.json(out.body as object, status, out.headers ?? {});
  };
}

function matches(route: string, path: string): boolean {
  return new RegExp(`^${route.replace(/:\w+/g, '[^/]+')}$`).test(path);
}
