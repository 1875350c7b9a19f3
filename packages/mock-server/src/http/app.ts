import { redact } from '@credit-check/sdk';
import { randomId } from '@credit-check/sdk/auth';
import {
  API_BASE,
  BATCH_MAX,
  CoverageQuery,
  type Endpoint,
  type EndpointId,
  endpoints,
  Fault as FaultSchema,
  fieldErrors,
} from '@credit-check/sdk/contract';
import { type Context, Hono } from 'hono';
import type * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';
import zhCN from 'zod/v4/locales/zh-CN.js';
import { type Principal, principalKey } from '../auth/principal.ts';
import type { Platform } from '../platform/platform.ts';
import { ProblemError, problem } from '../problems.ts';
import { authenticate } from './auth.ts';
import { isJson, parseJson, readBody } from './body.ts';
import { Faults, RESET_HEADER, sleep } from './faults.ts';
import { openApiDocument } from './openapi.ts';

const LOCALES = { zh: zhCN(), en: en() };

/** The platform app: a Hono fetch-API app (`app.fetch(request)`). */
export type PlatformApp = Hono<{ Variables: { requestId: string } }>;

export interface RequestLog {
  time: string;
  method: string;
  /** The path only (never a query or body), with anything ID-shaped masked. */
  path: string;
  status: number;
  ms: number;
  requestId: string;
  code?: string;
  /** The path carried something ID-shaped (masked above): a client put personal data in a URL. */
  idInPath?: true;
}

/** One access-log line; never a query, never a body, never an unmasked identifier. */
export function formatLog(l: RequestLog): string {
  return `${l.time} ${l.method} ${l.path} ${l.status} ${l.ms}ms ${l.requestId}${l.code ? ` ${l.code}` : ''}${l.idInPath ? ' ID_IN_URL' : ''}`;
}

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
  faults?: Faults;
}

interface Handled {
  status?: number;
  body: unknown;
  headers?: Record<string, string>;
}

interface HandlerInput {
  principal: Principal;
  body: any;
  params: Record<string, string>;
  query: any;
}

type Handlers = { [K in EndpointId]: (input: HandlerInput) => Handled | Promise<Handled> };

/** How long an Idempotency-Key is remembered (as Stripe does): long enough for any retry. */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

const ALLOWED_HEADERS = 'authorization, content-type, idempotency-key, prefer, x-request-id';
const EXPOSED_HEADERS = 'retry-after, idempotent-replayed, x-request-id, location';

/**
 * The platform over HTTP as a fetch-API app: the same app serves Node (`credit-check-mock`),
 * msw in Node tests and msw's worker in the browser.
 */
export function createApp(options: AppOptions): PlatformApp {
  const { platform } = options;
  const faults = options.faults ?? new Faults();
  const limit = options.bodyLimit ?? 64 * 1024;
  const batchLimit = options.batchBodyLimit ?? 1024 * 1024;
  const batchMax = options.batchMax ?? BATCH_MAX;
  const inFlight = new Set<string>();
  const app = new Hono<{ Variables: { requestId: string } }>();

  const handlers: Handlers = {
    createCheck: async ({ principal, body }) => {
      const check = await platform.check(principal, body);
      return { status: 201, body: check, headers: { location: `${API_BASE}/checks/${check.checkId}` } };
    },
    createCheckBatch: async ({ principal, body }) => ({ body: await platform.checkBatch(principal, body, batchMax) }),
    getCheck: ({ principal, params }) => ({ body: platform.getCheck(principal, params.checkId as string) }),
    createFeedback: ({ principal, params, body }) => {
      const { feedback, created } = platform.feedback(principal, params.checkId as string, body);
      return { status: created ? 201 : 200, body: feedback };
    },
    getProfile: ({ principal, body }) => ({ body: platform.profile(principal, body.subject) }),
    listMatters: () => ({ body: { matters: platform.catalog.matters } }),
    listMeasures: () => ({ body: { measures: platform.catalog.measures } }),
    listLists: () => ({ body: { lists: platform.catalog.lists } }),
    listGradeScales: () => ({ body: { scales: platform.catalog.gradeScales } }),
    signCommitment: ({ principal, body }) => ({ status: 201, body: platform.signCommitment(principal, body) }),
    searchCommitments: ({ principal, body }) => ({ body: platform.searchCommitments(principal, body) }),
    recordFulfilment: ({ principal, params, body }) => ({
      body: platform.recordFulfilment(principal, params.commitmentId as string, body),
    }),
    createObjection: ({ principal, body }) => {
      const objection = platform.createObjection(principal, body);
      return { status: 201, body: objection, headers: { location: `${API_BASE}/objections/${objection.objectionId}` } };
    },
    getObjection: ({ principal, params }) => ({ body: platform.getObjection(principal, params.objectionId as string) }),
    decideObjection: ({ principal, params, body }) => ({ body: platform.decideObjection(principal, params.objectionId as string, body) }),
    createToken: async ({ principal, body }) => ({ status: 201, body: await platform.mintToken(principal, body) }),
    getKeys: () => ({ body: platform.jwks(), headers: { 'cache-control': 'public, max-age=300' } }),
    getCoverage: ({ principal, query }) => ({ body: platform.coverage(principal, query) }),
  };

  // Request id, CORS and the access log around everything.
  app.use('*', async (c, next) => {
    const started = performance.now();
    const requestId = sanitizeRequestId(c.req.header('x-request-id')) ?? randomId('req_', 9);
    c.set('requestId', requestId);
    if (c.req.method === 'OPTIONS') {
      c.res = new Response(null, { status: 204 });
    } else {
      await next();
    }
    const origin = c.req.header('origin');
    const allowed = options.corsOrigins ?? '*';
    if (origin && (allowed === '*' || allowed.includes(origin))) {
      c.res.headers.set('access-control-allow-origin', allowed === '*' ? '*' : origin);
      if (allowed !== '*') c.res.headers.append('vary', 'origin');
      c.res.headers.set('access-control-expose-headers', EXPOSED_HEADERS);
      if (c.req.method === 'OPTIONS') {
        c.res.headers.set('access-control-allow-methods', 'GET, POST, OPTIONS');
        c.res.headers.set('access-control-allow-headers', ALLOWED_HEADERS);
        c.res.headers.set('access-control-max-age', '600');
      }
    }
    if (!c.res.headers.has(RESET_HEADER)) c.res.headers.set('x-request-id', requestId);
    const path = options.logger ? redact(c.req.path) : '';
    options.logger?.({
      time: new Date().toISOString(),
      method: c.req.method,
      path,
      ...(path !== c.req.path ? { idInPath: true as const } : {}),
      status: c.res.status,
      ms: Math.round((performance.now() - started) * 10) / 10,
      requestId,
      ...(c.res.headers.get('x-problem-code') ? { code: c.res.headers.get('x-problem-code') as string } : {}),
    });
  });

  app.get('/healthz', (c) =>
    c.json(
      { status: faults.outage ? 'outage' : 'ok', subjects: platform.subjects.subjects.size, time: new Date().toISOString() },
      faults.outage ? 503 : 200,
    ),
  );

  // Faults apply to the platform API only; /__mock stays reachable to end them.
  app.use(`${API_BASE}/*`, async (c, next) => {
    const fault = faults.take(c.req.path, c.req.header('prefer') ?? null);
    if (!fault) return next();
    if (fault.delayMs) await sleep(fault.delayMs, c.req.raw.signal);
    switch (fault.kind) {
      case 'latency':
        return next();
      case 'status': {
        const status = fault.status ?? 500;
        const code = status === 502 ? 'UPSTREAM_ERROR' : status === 503 ? 'UNAVAILABLE' : status === 504 ? 'GATEWAY_TIMEOUT' : 'INTERNAL';
        const retryAfter = fault.retryAfter;
        throw new ProblemError(code, undefined, {
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
  });

  app.get(`${API_BASE}/openapi.json`, (c) => c.json(openApiDocument()));

  for (const [id, endpoint] of Object.entries(endpoints) as [EndpointId, Endpoint][]) {
    const route = API_BASE + endpoint.path;
    const handler = async (c: Ctx) => {
      const request = c.req.raw;
      let text = '';
      if (endpoint.method === 'POST') {
        if (!isJson(c.req.header('content-type'))) throw problem('UNSUPPORTED_MEDIA_TYPE');
        text = await readBody(request, id === 'createCheckBatch' ? batchLimit : limit);
      }
      const principal = (await authenticate(platform, endpoint, request, text)) as Principal;
      let body: unknown;
      if (endpoint.body) body = validate(endpoint.body, parseJson(text));
      let query: unknown;
      if (endpoint.query) query = validate(CoverageQuery, c.req.query());
      const input: HandlerInput = { principal, body, params: c.req.param() as Record<string, string>, query };
      const run = handlers[id];
      const key = endpoint.method === 'POST' ? c.req.header('idempotency-key') : undefined;
      if (!key) return respond(c, await run(input));
      return idempotent(c, principal, key, text, () => Promise.resolve(run(input)));
    };
    if (endpoint.method === 'GET') app.get(route, handler);
    else app.post(route, handler);
  }

  // ── the mock's own controls ─────────────────────────────────────────────────────────────
  app.get('/__mock/scenarios', (c) => c.json(platform.scenarios()));
  app.get('/__mock/scenario', (c) => c.json(faults.state()));
  app.post('/__mock/scenario', async (c) => {
    if (!isJson(c.req.header('content-type'))) throw problem('UNSUPPORTED_MEDIA_TYPE');
    const fault = validate(FaultSchema, parseJson(await readBody(c.req.raw, limit)));
    faults.set(fault);
    return c.json(faults.state());
  });
  app.delete('/__mock/scenario', (c) => {
    faults.clear();
    return c.json(faults.state());
  });
  app.post('/__mock/reset', (c) => {
    faults.clear();
    platform.reset();
    inFlight.clear();
    return c.json({ reset: true });
  });

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
    // Never the input, never a stack in the response; the log line carries the request id.
    console.error(`[credit-check-mock] internal error ${c.get('requestId')}: ${redact(String((error as Error)?.stack ?? error))}`);
    return problemResponse(c, problem('INTERNAL'));
  });

  function validate<S extends z.ZodMiniType>(schema: S, data: unknown): z.infer<S> {
    const parsed = schema.safeParse(data);
    if (parsed.success) return parsed.data;
    const errors = fieldErrors(parsed.error.issues, data, LOCALES);
    const first = errors[0];
    throw new ProblemError(
      'VALIDATION_FAILED',
      first
        ? { 'zh-CN': `${first.pointer || '请求'}：${first.message['zh-CN']}`, en: `${first.pointer || 'request'}: ${first.message.en}` }
        : undefined,
      { errors },
    );
  }

  async function idempotent(c: Ctx, principal: Principal, key: string, text: string, run: () => Promise<Handled>) {
    if (key.length > 255 || !/^[\x21-\x7e]+$/.test(key)) {
      throw problem(
        'VALIDATION_FAILED',
        'Idempotency-Key 须为1至255个可见ASCII字符',
        'Idempotency-Key must be 1–255 visible ASCII characters',
      );
    }
    const scoped = `${principalKey(principal)}:${key}`;
    const hash = await platform.sha256Hex(`${c.req.method} ${c.req.path}\n${text}`);
    const now = platform.now();
    const saved = platform.store.getIdempotent(scoped, now - IDEMPOTENCY_TTL_MS);
    if (saved) {
      if (saved.requestHash !== hash) throw problem('IDEMPOTENCY_KEY_REUSED');
      return new Response(saved.body, {
        status: saved.status,
        headers: { 'content-type': saved.status >= 400 ? 'application/problem+json' : 'application/json', 'idempotent-replayed': 'true' },
      });
    }
    if (inFlight.has(scoped))
      throw problem('IDEMPOTENCY_IN_PROGRESS', undefined, undefined, { retryAfter: 1, headers: { 'retry-after': '1' } });
    inFlight.add(scoped);
    try {
      let status: number;
      let body: string;
      let headers: Record<string, string> = {};
      try {
        const handled = await run();
        status = handled.status ?? 200;
        body = JSON.stringify(handled.body);
        headers = handled.headers ?? {};
      } catch (error) {
        // Business refusals (409, 422 …) are part of the outcome; a 5xx may be retried afresh.
        if (!(error instanceof ProblemError) || error.status >= 500) throw error;
        status = error.status;
        body = JSON.stringify(error.toProblem(c.get('requestId')));
      }
      platform.store.putIdempotent(scoped, { requestHash: hash, status, body, createdAt: now }, now - IDEMPOTENCY_TTL_MS);
      return new Response(body, {
        status,
        headers: { ...headers, 'content-type': status >= 400 ? 'application/problem+json' : 'application/json' },
      });
    } finally {
      inFlight.delete(scoped);
    }
  }

  return app;
}

type Ctx = Context<{ Variables: { requestId: string } }>;

function respond(c: Ctx, handled: Handled): Response {
  return c.json(handled.body as object, (handled.status ?? 200) as 200, handled.headers ?? {});
}

function problemResponse(c: Ctx, error: ProblemError): Response {
  const body = error.toProblem(c.get('requestId'));
  return new Response(JSON.stringify(body), {
    status: error.status,
    headers: { 'content-type': 'application/problem+json', 'x-problem-code': error.code, ...error.headers },
  });
}

function matches(route: string, path: string): boolean {
  const pattern = new RegExp(`^${route.replace(/:\w+/g, '[^/]+')}$`);
  return pattern.test(path);
}

function sanitizeRequestId(value: string | undefined): string | undefined {
  return value && /^[A-Za-z0-9_.-]{1,64}$/.test(value) ? value : undefined;
}
