import { redact } from '@credit-check/sdk';
import { API_BASE, BATCH_MAX, type Endpoint, type EndpointId, endpoints } from '@credit-check/sdk/contract';
import { Hono, type MiddlewareHandler } from 'hono';
import type { Principal } from '../auth/principal.ts';
import type { Platform } from '../platform/platform.ts';
import { ProblemError, problem } from '../problems.ts';
import { isStoreUnavailable } from '../store/unavailable.ts';
import { authenticate } from './auth.ts';
import { isJson, parseJson, readBody } from './body.ts';
import type { Ctx, PlatformApp, PlatformEnv } from './env.ts';
import { type HandlerInput, handlers } from './handlers.ts';
import { type Handled, Idempotency } from './idempotency.ts';
import { accessLog, type RequestLog } from './middleware/access-log.ts';
import { adminKey } from './middleware/admin-key.ts';
import { cors } from './middleware/cors.ts';
import { requestId } from './middleware/request-id.ts';
import { openApiDocument } from './openapi.ts';
import { RateLimiter } from './rate-limit.ts';
import { problemResponse, validate } from './validate.ts';

export type { PlatformApp } from './env.ts';
export { IDEMPOTENCY_TTL_MS } from './idempotency.ts';
export { formatLog, type RequestLog } from './middleware/access-log.ts';

export interface AppOptions {
  platform: Platform;
  /** Allowed browser origins (default `*`, the sandbox). */
  corsOrigins?: '*' | string[];
  /** Body limit for single requests (default 64 KiB) and batches (default 1 MiB). */
  bodyLimit?: number;
  batchBodyLimit?: number;
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
 * The platform over HTTP as a fetch-API app: the same app serves Node (`credit-check-mock`),
 * msw in Node tests and msw's worker in the browser. Middleware (request id, access log, CORS,
 * faults) in `middleware/`; every route of the contract's endpoint table; the mock's controls as a
 * sub-app.
 */
export function createApp(options: AppOptions): PlatformApp {
  const { platform } = options;
  const limit = options.bodyLimit ?? 64 * 1024;
  const batchLimit = options.batchBodyLimit ?? 1024 * 1024;
  const idempotency = new Idempotency(platform);
  const limiter = options.rateLimit ? new RateLimiter(platform.store, options.rateLimit) : undefined;
  const answer = handlers(platform, options.batchMax ?? BATCH_MAX);
  const app = new Hono<PlatformEnv>();

  app.use('*', requestId());
  // No answer before its writes are durable: the store commits the writes of a turn together (group
  // commit) and every response waits for that commit; one that fails is a 503 the caller may retry.
  app.use('*', async (c, next) => {
    await next();
    try {
      await platform.store.durable();
    } catch {
      options.onStoreUnavailable?.();
      c.res = problemResponse(c, storeUnavailable('数据未能保存，请稍后重试', 'The write could not be committed; retry'));
    }
  });
  if (options.logger) app.use('*', accessLog(options.logger));
  // CORS for the widget's API and the health check; never for the mock's controls (a page must not drive them).
  app.use(`${API_BASE}/*`, cors(options.corsOrigins));
  app.use('/healthz', cors(options.corsOrigins));

  // Liveness: the process answers (a restart would not help otherwise). Readiness: send it traffic —
  // the store answers (and so its migrations ran: it is opened only after them), not shutting down.
  app.get('/livez', (c) => c.json({ status: 'ok' }));
  app.get('/readyz', async (c) => {
    const draining = options.draining?.() ?? false;
    const store = await platform.store.ping().then(
      () => 'ok' as const,
      () => 'unavailable' as const,
    );
    const status = draining ? 'draining' : store === 'ok' ? 'ready' : 'store-unavailable';
    return c.json({ status, store: store }, status === 'ready' ? 200 : 503);
  });
  if (options.metrics) {
    const { metrics } = options;
    app.use('/metrics', adminKey(options.adminKey, { zh: '运行指标接口', en: 'The metrics' }));
    app.get('/metrics', async (c) => {
      const { contentType, body } = await metrics.render();
      return c.body(body, 200, { 'content-type': contentType, 'cache-control': 'no-store' });
    });
  }

  // A load balancer's probe: 503 while this instance cannot reach its store (or an outage is staged).
  app.get('/healthz', async (c) => {
    const store = await platform.store.ping().then(
      () => 'ok' as const,
      () => 'unavailable' as const,
    );
    const status = options.outage?.() ? 'outage' : store === 'ok' ? 'ok' : 'store-unavailable';
    return c.json(
      {
        status,
        store: { kind: platform.store.kind, status: store },
        subjects: platform.subjects.subjects.size,
        time: new Date().toISOString(),
        ...(options.worker ? { worker: options.worker } : {}),
        ...(options.instance ? { instance: options.instance } : {}),
      },
      status === 'ok' ? 200 : 503,
    );
  });

  // The budget goes on every answer to an authenticated caller — success, refusal or replay.
  if (limiter) {
    app.use(`${API_BASE}/*`, async (c, next) => {
      await next();
      for (const [name, value] of Object.entries(c.get('rateLimit') ?? {})) c.res.headers.set(name, value);
    });
  }

  // In front of the API only (the mock's faults: its controls stay reachable to end them).
  for (const middleware of options.apiMiddleware ?? []) app.use(`${API_BASE}/*`, middleware);
  app.get(`${API_BASE}/openapi.json`, (c) => c.json(openApiDocument()));

  for (const [id, endpoint] of Object.entries(endpoints) as [EndpointId, Endpoint][]) {
    const handler = async (c: Ctx) => {
      const request = c.req.raw;
      let text = '';
      if (endpoint.method === 'POST') {
        if (!isJson(c.req.header('content-type'))) throw problem('UNSUPPORTED_MEDIA_TYPE');
        text = await readBody(request, id === 'createCheckBatch' ? batchLimit : limit);
      }
      const principal = (await authenticate(platform, endpoint, request, text)) as Principal;
      if (principal && limiter) c.set('rateLimit', await limiter.take(principal.appId, Date.now()));
      const input = {
        principal,
        body: endpoint.body ? validate(endpoint.body, parseJson(text)) : undefined,
        query: endpoint.query ? validate(endpoint.query, c.req.query()) : undefined,
        params: c.req.param(),
        accept: c.req.header('accept') ?? '',
      } as HandlerInput<typeof id>;
      const run = async (): Promise<Handled> => {
        const out = await (answer[id] as (i: HandlerInput<typeof id>) => Promise<Omit<Handled, 'status'> & { status?: number }>)(input);
        return { ...out, status: out.status ?? endpoint.status };
      };
      const key = endpoint.method === 'POST' ? c.req.header('idempotency-key') : undefined;
      if (key) return idempotency.run(c, principal, key, text, run);
      const out = await run();
      if (out.text) return c.body(out.text.content, out.status as 200, { ...out.headers, 'content-type': out.text.contentType });
      return c.json(out.body as object, out.status as 200, out.headers ?? {});
    };
    const route = API_BASE + endpoint.path;
    if (endpoint.method === 'GET') app.get(route, handler);
    else if (endpoint.method === 'DELETE') app.delete(route, handler);
    else app.post(route, handler);
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

/** 503 with Retry-After: the store is out of reach for now; the request did not happen and may be retried. */
function storeUnavailable(
  zh = '信用平台的数据存储暂时无法访问，请稍后重试',
  en = 'The platform cannot reach its data store now; retry shortly',
) {
  return problem('UNAVAILABLE', zh, en, { retryAfter: 2, headers: { 'retry-after': '2' } });
}

function matches(route: string, path: string): boolean {
  return new RegExp(`^${route.replace(/:\w+/g, '[^/]+')}$`).test(path);
}
