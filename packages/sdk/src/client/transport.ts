import ky, { isHTTPError, type KyInstance } from 'ky';
import type { ClientOptions } from './options.ts';

/** What one logical call carries across its attempts (the body is signed again on each). */
export interface CallState {
  body: string | undefined;
  attempts: number;
}

const RETRY_STATUS = [408, 429, 500, 502, 503, 504];

/** `Retry-After` in seconds (delta or HTTP date), undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

/**
 * The HTTP transport (ky): base URL, per-attempt and total timeouts, and the retry policy —
 * exponential backoff with full jitter on network errors, timeouts and 408/429/5xx, honouring a
 * `Retry-After` up to `maxRetryAfter` (a longer one fails the call with `retryAfter` set).
 * `authorize` runs before every attempt, so each one carries a fresh signature or token.
 */
export function transport(options: ClientOptions, authorize: (request: Request, state: CallState) => Promise<void>): KyInstance {
  const retry =
    options.retry === false ? { limit: 0 } : typeof options.retry === 'number' ? { limit: options.retry } : (options.retry ?? {});
  const maxRetryAfter = retry.maxRetryAfter ?? 30_000;
  let base = String(options.baseUrl);
  if (!base.endsWith('/')) base += '/';
  return ky.create({
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
      beforeRequest: [({ request, options: o }) => authorize(request, o.context.state as CallState)],
      beforeRetry: [({ request, options: o }) => authorize(request, o.context.state as CallState)],
    },
  });
}
