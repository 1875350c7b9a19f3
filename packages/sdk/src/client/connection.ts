import ky, { isHTTPError, isNetworkError, isTimeoutError, type KyInstance } from 'ky';
import type * as z from 'zod/mini';
import { randomId } from '../auth/encoding.ts';
import type { SignatureAlgorithm } from '../auth/signature.ts';
import type { Check } from '../contract/checks.ts';
import { API_BASE, type Endpoint } from '../contract/endpoints.ts';
import { Problem } from '../contract/problem.ts';
import type { TokenClaims } from '../contract/tokens.ts';
import { CreditCheckError } from './errors.ts';
import { SharedCalls } from './shared-calls.ts';
import { tokenClaims } from './token-claims.ts';

/** A token, optionally with its expiry (ISO string or ms since epoch) so it is refreshed in time. */
export type TokenLike = string | { token: string; expiresAt?: string | number };

export interface RetryOptions {
  /** Retries after the first attempt (default 2). */
  limit?: number;
  /** Upper bound of one backoff delay in ms (default 5000). Jitter is full (0…delay). */
  backoffLimit?: number;
  /** A `Retry-After` longer than this (ms) is not waited for: the call fails with `retryAfter` set (default 30 000). */
  maxRetryAfter?: number;
}

export interface ClientOptions {
  /** The API root, e.g. `https://credit.example.gov.cn/api/v1` (the mock prints its own). */
  baseUrl: string | URL;
  /** Server-side credentials: every request is signed (HMAC-SHA256 by default). Never ship these to a browser. */
  appId?: string;
  appSecret?: string;
  /**
   * The app's signing scheme on the platform: `CC-HMAC-SHA256` (default) or, under 国密,
   * `HMAC_SM3` from `@credit-check/sdk/gm`. The platform accepts only the scheme set for the app.
   */
  signature?: SignatureAlgorithm;
  /** Browser credentials: a scoped bearer token minted by your backend (POST /tokens). */
  token?: string;
  /** Called for a token when there is none, when it is about to expire, and once after a 401. */
  getToken?: () => TokenLike | Promise<TokenLike>;
  /** Per-attempt timeout in ms (default 10 000). */
  timeout?: number;
  /** Overall budget in ms for a call including retries (default: none). */
  totalTimeout?: number;
  /** Retries with exponential backoff + jitter on network errors, timeouts, 408/429/5xx; `false` or 0 disables. */
  retry?: number | RetryOptions | false;
  /** A fetch implementation (default: global fetch). */
  fetch?: typeof fetch;
  /** Extra headers on every request. */
  headers?: Record<string, string>;
  /** Identical checks share one request while in flight and reuse the result for `ttl` ms (default 30 000; `false` disables). */
  cache?: false | { ttl?: number };
  /** Parallel requests when a batch is split over the platform's cap (default 4). */
  batchConcurrency?: number;
  /** Allow `appSecret` in a browser-like environment (only for in-browser sandboxes). */
  dangerouslyAllowBrowser?: boolean;
}

export interface CallOptions {
  signal?: AbortSignal;
  /** Reuse a key to make a retried logical call idempotent across processes (default: one per call). */
  idempotencyKey?: string;
}

export interface Call {
  params?: Record<string, string>;
  body?: unknown;
  query?: Record<string, string | undefined>;
  /** Another representation the endpoint `produces` (e.g. `text/csv`): the text is returned as is. */
  accept?: 'text/csv';
}

interface CallState {
  body: string | undefined;
  attempts: number;
}

const RETRY_STATUS = [408, 429, 500, 502, 503, 504];

/**
 * Request signing is loaded on the first signed call: browsers use tokens and never sign, so the
 * widget's entry does not carry it (and does not grow when a scheme is added).
 */
let signing: Promise<typeof import('../auth/signature.ts')> | undefined;

function isBrowser(): boolean {
  return typeof window !== 'undefined' && typeof document !== 'undefined';
}

function parseRetryAfter(value: string | null): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

/**
 * A connection to the platform — the HTTP edge of every call: auth (HMAC or bearer token), retries,
 * timeouts, response parsing, and turning every failure into a CreditCheckError. Endpoint functions
 * (`check(connection, …)`) take it as their first argument, so a page bundles only what it calls.
 */
export class Connection {
  readonly options: ClientOptions;
  private readonly ky: KyInstance;
  private token: string | undefined;
  private tokenExpiresAt = Number.POSITIVE_INFINITY;
  private tokenPending: Promise<string> | undefined;
  /** Identical checks share one request and a short-lived result (see `cache`). */
  readonly checks: SharedCalls<Check>;
  /** In-flight sharing only, for `cache: false` calls. */
  readonly freshChecks: SharedCalls<Check>;

  constructor(options: ClientOptions) {
    if (!options?.baseUrl) throw new CreditCheckError('CONFIG', 'createClient needs a baseUrl (the API root, …/api/v1)');
    if (options.appSecret && isBrowser() && !options.dangerouslyAllowBrowser) {
      throw new CreditCheckError(
        'CONFIG',
        'An app secret must not be used in a browser: mint a scoped token on your backend (POST /tokens) and pass `token` or `getToken`',
      );
    }
    if ((options.appId === undefined) !== (options.appSecret === undefined)) {
      throw new CreditCheckError('CONFIG', 'appId and appSecret go together');
    }
    this.options = options;
    this.checks = new SharedCalls<Check>(options.cache === false ? 0 : (options.cache?.ttl ?? 30_000));
    this.freshChecks = new SharedCalls<Check>(0);
    this.token = options.token;
    const retry =
      options.retry === false ? { limit: 0 } : typeof options.retry === 'number' ? { limit: options.retry } : (options.retry ?? {});
    const maxRetryAfter = retry.maxRetryAfter ?? 30_000;
    let base = String(options.baseUrl);
    if (!base.endsWith('/')) base += '/';
    this.ky = ky.create({
      baseUrl: base,
      timeout: options.timeout ?? 10_000,
      totalTimeout: options.totalTimeout ?? false,
      ...(options.fetch ? { fetch: options.fetch } : {}),
      headers: { accept: 'application/json', ...options.headers },
      retry: {
        limit: retry.limit ?? 2,
        // Every POST the SDK sends carries an Idempotency-Key, kept across retries, so POSTs are safe to retry.
        methods: ['get', 'post', 'delete'],
        statusCodes: RETRY_STATUS,
        afterStatusCodes: [429, 503],
        backoffLimit: retry.backoffLimit ?? 5000,
        jitter: true,
        retryOnTimeout: true,
        shouldRetry: ({ error }) => {
          if (isHTTPError(error)) {
            const after = parseRetryAfter(error.response.headers.get('retry-after'));
            if (after !== undefined && after * 1000 > maxRetryAfter) return false;
          }
          return undefined;
        },
      },
      hooks: {
        beforeRequest: [({ request, options: o }) => this.authorize(request, o.context.state as CallState)],
        beforeRetry: [({ request, options: o }) => this.authorize(request, o.context.state as CallState)],
      },
    });
  }

  /**
   * The claims of the token in use (fetched through `getToken` if none yet), decoded, unverified;
   * undefined for app credentials, another token format, or when no token can be had.
   */
  async claims(): Promise<TokenClaims | undefined> {
    if (!this.token && !this.options.getToken) return undefined;
    try {
      return tokenClaims(await this.currentToken(false));
    } catch {
      return undefined;
    }
  }

  /** What error messages must never contain: the secret and the tokens in use. */
  private get secrets(): (string | undefined)[] {
    return [this.options.appSecret, this.options.token, this.token];
  }

  /** Sets the Authorization header for one attempt: a fresh signature (new timestamp and nonce) each time. */
  private async authorize(request: Request, state: CallState): Promise<void> {
    state.attempts++;
    const { appId, appSecret } = this.options;
    if (appId && appSecret) {
      signing ??= import('../auth/signature.ts');
      const { authorizationHeader } = await signing;
      const url = new URL(request.url);
      request.headers.set(
        'authorization',
        await authorizationHeader(
          appId,
          appSecret,
          {
            method: request.method,
            pathAndQuery: url.pathname + url.search,
            timestamp: Date.now(),
            nonce: randomId('', 18),
            body: state.body ?? '',
          },
          this.options.signature,
        ),
      );
    } else if (this.token || this.options.getToken) {
      request.headers.set('authorization', `Bearer ${await this.currentToken(false)}`);
    }
  }

  private async currentToken(force: boolean): Promise<string> {
    const getToken = this.options.getToken;
    if (!getToken) return this.token ?? '';
    if (!force && this.token && this.tokenExpiresAt - 30_000 > Date.now()) return this.token;
    this.tokenPending ??= (async () => {
      try {
        const got = await getToken();
        const token = typeof got === 'string' ? got : got?.token;
        if (!token) throw new CreditCheckError('AUTH', 'getToken() returned no token');
        const expires = typeof got === 'string' ? undefined : got.expiresAt;
        this.token = token;
        this.tokenExpiresAt =
          expires === undefined ? Number.POSITIVE_INFINITY : typeof expires === 'number' ? expires : Date.parse(expires);
        return token;
      } catch (error) {
        throw error instanceof CreditCheckError
          ? error
          : new CreditCheckError('AUTH', `getToken() failed: ${(error as Error)?.message ?? error}`, { cause: error });
      } finally {
        this.tokenPending = undefined;
      }
    })();
    return this.tokenPending;
  }

  /** A call answered in another representation than JSON (the endpoint's `produces`): its text. */
  callText(endpoint: Endpoint, call: Call & { accept: 'text/csv' }, opts: CallOptions = {}): Promise<string> {
    return this.call(endpoint as Endpoint & { response: z.ZodMiniType<string> }, call, opts) as Promise<string>;
  }

  /** Performs one logical call: validated body in, schema-parsed result out, or a CreditCheckError. */
  async call<S extends z.ZodMiniType>(endpoint: Endpoint & { response: S }, call: Call, opts: CallOptions = {}): Promise<z.infer<S>> {
    const idempotencyKey = endpoint.method === 'POST' ? (opts.idempotencyKey ?? randomId('idem_')) : undefined;
    try {
      return await this.attempt(endpoint, call, opts, idempotencyKey);
    } catch (error) {
      // A rejected token is refreshed once (it may have been revoked or expired early).
      if (error instanceof CreditCheckError && error.status === 401 && this.options.getToken && !opts.signal?.aborted) {
        await this.currentToken(true);
        return this.attempt(endpoint, call, opts, idempotencyKey);
      }
      throw error;
    }
  }

  private async attempt<S extends z.ZodMiniType>(
    endpoint: Endpoint & { response: S },
    call: Call,
    opts: CallOptions,
    idempotencyKey: string | undefined,
  ): Promise<z.infer<S>> {
    const path = (API_BASE + endpoint.path).replace(/:(\w+)/g, (_m, name: string) => encodeURIComponent(call.params?.[name] ?? ''));
    const state: CallState = { body: call.body === undefined ? undefined : JSON.stringify(call.body), attempts: 0 };
    const headers: Record<string, string> = {};
    if (state.body !== undefined) headers['content-type'] = 'application/json';
    if (idempotencyKey) headers['idempotency-key'] = idempotencyKey;
    if (call.accept) headers.accept = call.accept;
    const query = Object.entries(call.query ?? {}).filter((e): e is [string, string] => e[1] !== undefined);
    // Only when there is a query: ky rebuilds the URL for any searchParams, even empty ones.
    const searchParams = query.length ? Object.fromEntries(query) : undefined;
    let text: string;
    let response: Response;
    try {
      // The path is resolved against baseUrl's origin + path: drop API_BASE's leading part if baseUrl already has it.
      response = await this.ky(this.relative(path), {
        method: endpoint.method,
        ...(state.body !== undefined ? { body: state.body } : {}),
        headers,
        ...(searchParams ? { searchParams } : {}),
        ...(opts.signal ? { signal: opts.signal } : {}),
        context: { state },
      });
      text = await response.text();
    } catch (error) {
      throw await this.toError(error, state, opts.signal);
    }
    if (call.accept) return text as z.infer<S>;
    // Not ky 2's `.json(schema)`: it goes through Standard Schema's async `validate` on every call
    // and throws one SchemaValidationError for malformed and off-contract bodies alike, while the
    // error family keeps them apart (RESPONSE_SHAPE with the HTTP status, the attempts and the
    // paths of the first issues). Parsing the text here maps each case once.
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      throw new CreditCheckError('RESPONSE_SHAPE', `${endpoint.method} ${endpoint.path}: the platform answered malformed JSON`, {
        status: response.status,
        attempts: state.attempts,
      });
    }
    const parsed = endpoint.response.safeParse(data);
    if (!parsed.success) {
      const where = parsed.error.issues
        .slice(0, 3)
        .map((i) => `/${i.path.join('/')}`)
        .join(', ');
      throw new CreditCheckError('RESPONSE_SHAPE', `${endpoint.method} ${endpoint.path}: the platform answered off-contract (${where})`, {
        status: response.status,
        attempts: state.attempts,
        cause: parsed.error,
      });
    }
    return parsed.data;
  }

  /** `baseUrl` is the API root (…/api/v1): request paths are relative to it. */
  private relative(path: string): string {
    return path.slice(API_BASE.length + 1);
  }

  private async toError(error: unknown, state: CallState, signal: AbortSignal | undefined): Promise<CreditCheckError> {
    const details = { attempts: state.attempts, secrets: this.secrets, cause: error };
    if (error instanceof CreditCheckError) return error;
    if (signal?.aborted) return new CreditCheckError('ABORTED', 'The call was aborted by the caller', details);
    if (isHTTPError(error)) {
      const status = error.response.status;
      const parsed = Problem.safeParse(error.data);
      const problem = parsed.success ? parsed.data : undefined;
      const retryAfter = parseRetryAfter(error.response.headers.get('retry-after')) ?? problem?.retryAfter;
      const code = status === 401 || status === 403 ? 'AUTH' : status === 429 ? 'RATE_LIMITED' : 'API_ERROR';
      const message = problem
        ? `${problem.title} (${problem.code}): ${problem.detail}`
        : `The platform answered HTTP ${status} without problem details`;
      return new CreditCheckError(code, message, {
        ...details,
        status,
        ...(problem ? { problem } : {}),
        ...(retryAfter !== undefined ? { retryAfter } : {}),
        ...(error.response.headers.get('x-request-id') ? { requestId: error.response.headers.get('x-request-id') as string } : {}),
      });
    }
    if (isTimeoutError(error)) {
      return new CreditCheckError('TIMEOUT', `No answer from the platform within ${this.options.timeout ?? 10_000} ms`, details);
    }
    if (isNetworkError(error) || error instanceof TypeError) {
      return new CreditCheckError('NETWORK', `Could not reach the platform: ${(error as Error).message}`, details);
    }
    return new CreditCheckError('NETWORK', `The request failed: ${(error as Error)?.message ?? String(error)}`, details);
  }
}
