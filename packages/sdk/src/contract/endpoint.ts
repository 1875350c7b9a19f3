import type * as z from 'zod/mini';
import type { TokenScope } from './tokens.ts';

/** Base path of the platform API. */
export const API_BASE = '/api/v1';

/** The largest request body the platform reads (413 beyond) unless an endpoint says otherwise. */
export const DEFAULT_MAX_BODY_BYTES = 64 * 1024;

/**
 * Who may call: `app` — a host backend signing with its app secret (HMAC); `token` — a browser
 * widget with a scoped bearer token (needs `scope`); `public` — anyone (catalog keys, health).
 */
export type Caller = 'app' | 'token' | 'public';

export interface Endpoint {
  method: 'GET' | 'POST' | 'DELETE';
  /** Relative to API_BASE, Hono-style params (`/checks/:checkId`). */
  path: string;
  callers: readonly Caller[];
  scope?: TokenScope;
  /**
   * The role an app must hold (tokens act for a window): `window` — checks and what a counter records;
   * `authority` — what only a listing authority (认定部门) or the credit office decides (objections,
   * fulfilment). Absent: any app.
   */
  role?: 'window' | 'authority';
  body?: z.ZodMiniType;
  query?: z.ZodMiniType;
  response: z.ZodMiniType;
  /** The status of a success (every POST also honours `Idempotency-Key`). */
  status: 200 | 201;
  /** Other representations on `Accept` (the JSON one is always offered). */
  produces?: readonly ('text/csv' | 'text/html')[];
  /** The largest body the platform reads for this endpoint (default `DEFAULT_MAX_BODY_BYTES`). */
  maxBodyBytes?: number;
}

export const browser = ['app', 'token'] as const;

/** Declares one endpoint (keeps the literal types the SDK and server rely on). */
export const endpoint = <const E extends Endpoint>(e: E): E => e;

/**
 * The table of every endpoint, in a call a bundler may drop: an object literal spreading a
 * namespace is kept by Rolldown (a spread may run getters), and with it every schema of the contract
 * would ship in a browser bundle that calls one endpoint.
 */
export const table = <const T>(t: T): T => t;
