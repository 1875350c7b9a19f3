// What a connection is configured with, and what one call takes: types only.
import type { SignatureAlgorithm } from '../auth/signature.ts';

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

/** What one call may set for itself, over the client's options (as stripe-node's request options). */
export interface CallOptions {
  signal?: AbortSignal;
  /** Reuse a key to make a retried logical call idempotent across processes (default: one per call). */
  idempotencyKey?: string;
  /** This call's per-attempt timeout in ms (default: the client's `timeout`). */
  timeout?: number;
  /** This call's retries (default: the client's `retry`): a number, `false`, or `{ limit, backoffLimit, maxRetryAfter }`. */
  retry?: number | RetryOptions | false;
  /** Extra headers for this call (over the client's `headers`; the SDK's own — auth, idempotency — stay its own). */
  headers?: Record<string, string>;
}

export interface Call {
  params?: Record<string, string>;
  body?: unknown;
  query?: Record<string, string | undefined>;
  /**
   * Another representation the endpoint `produces` (`text/csv`, `text/html`), or JSON a caller checks
   * itself (`application/json`): the text is returned as is, unparsed.
   */
  accept?: 'text/csv' | 'text/html' | 'application/json';
}
