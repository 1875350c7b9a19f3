import ky, { isHTTPError, type KyInstance } from 'ky';
import type { ClientOptions } from './options.ts';

/** What one logical call carries across its attempts (the body is signed again on each). */
export interface CallState {
  body: string | undefined;
  attempts: number;
}

const RETRY_STATUS = [408, 429, 500, 502, 503, 504];

/** The option that carries a call's JSON text past ky to `fetch` (see `transport`). */
export const BODY = 'creditCheckBody';

/**
 * A Request by its brand, not `instanceof`: libraries replace `globalThis.Request` (msw's
 * interceptors do), and a Request ky clones for a retry is then not an instance of the class a
 * module saw first — tested by `instanceof`, a retried signed call went out without its body and
 * was refused as "signature invalid" (the 补查 after an outage, issue 27).
 */
const isRequest = (value: unknown): value is Request => Object.prototype.toString.call(value) === '[object Request]';

/** The API root with a trailing slash: calls are made to absolute URLs (ky then resolves nothing per call). */
export function apiRoot(options: Pick<ClientOptions, 'baseUrl'>): string {
  const base = String(options.baseUrl);
  return base.endsWith('/') ? base : `${base}/`;
}

/** `Retry-After` in seconds (delta or HTTP date), undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

/**
 * The retry policy (ky's `retry` option) from the client's or one call's `retry`: exponential
 * backoff with full jitter on network errors, timeouts and 408/429/5xx; a `Retry-After` honoured up
 * to `maxRetryAfter` (a longer one fails the call with `retryAfter` set).
 */
export function retryPolicy(option: ClientOptions['retry']) {
  const retry = option === false ? { limit: 0 } : typeof option === 'number' ? { limit: option } : (option ?? {});
  const maxRetryAfter = retry.maxRetryAfter ?? 30_000;
  return {
    limit: retry.limit ?? 2,
    // Every POST the SDK sends carries an Idempotency-Key, kept across retries, so POSTs are safe to retry.
    methods: ['get', 'post', 'delete'],
    statusCodes: RETRY_STATUS,
    afterStatusCodes: [429, 503],
    backoffLimit: retry.backoffLimit ?? 5000,
    jitter: true,
    retryOnTimeout: true,
    shouldRetry: ({ error }: { error: Error }) => {
      if (isHTTPError(error)) {
        const after = parseRetryAfter(error.response.headers.get('retry-after'));
        if (after !== undefined && after * 1000 > maxRetryAfter) return false;
      }
      return undefined;
    },
  };
}

/**
 * The HTTP transport (ky): base URL, per-attempt and total timeouts, and the retry policy —
 * exponential backoff with full jitter on network errors, timeouts and 408/429/5xx, honouring a
 * `Retry-After` up to `maxRetryAfter` (a longer one fails the call with `retryAfter` set).
 * `authorize` runs before every attempt, so each one carries a fresh signature or token.
 */
export function transport(options: ClientOptions, authorize: (request: Request, state: CallState) => Promise<void>): KyInstance {
  const fetcher = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init));
  return ky.create({
    timeout: options.timeout ?? 10_000,
    totalTimeout: options.totalTimeout ?? false,
    // ky builds a Request per attempt; a body inside it becomes a stream (teed for every retry,
    // written chunk by chunk). The JSON text travels beside it instead, as an option ky forwards to
    // fetch untouched, and is sent as a string — the very text that was signed, on every attempt.
    fetch: (input, init) => {
      const { [BODY]: body, ...rest } = (init ?? {}) as RequestInit & { [BODY]?: string };
      if (body === undefined) return fetcher(input, rest);
      if (!isRequest(input)) return fetcher(input, { ...rest, body });
      return fetcher(input.url, {
        ...rest,
        method: input.method,
        headers: input.headers,
        body,
        signal: input.signal,
        credentials: input.credentials,
        redirect: input.redirect,
      });
    },
    headers: { accept: 'application/json', ...options.headers },
    retry: retryPolicy(options.retry),
    hooks: {
      beforeRequest: [({ request, options: o }) => authorize(request, o.context.state as CallState)],
      beforeRetry: [({ request, options: o }) => authorize(request, o.context.state as CallState)],
    },
  });
}
