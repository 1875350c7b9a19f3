import { type Principal, principalKey } from '../auth/principal.ts';
import type { Platform } from '../platform/platform.ts';
import { ProblemError, problem } from '../problems.ts';
import type { Ctx } from './env.ts';

/** How long an Idempotency-Key is remembered (as Stripe does): long enough for any retry. */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;
/** Longer than any request takes (a latency fault included); a claim is released as soon as its request ends. */
const IN_FLIGHT_MS = 5 * 60 * 1000;

/** A handler's answer before it is written. */
export interface Handled {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
  text?: { contentType: string; content: string };
}

/**
 * `Idempotency-Key` on POSTs (work accepted is never done twice): the first answer is stored per
 * caller and key and replayed for 24 h (`idempotent-replayed: true`); the same key with another
 * request is a 422; a concurrent duplicate is a 409 with Retry-After. Business refusals (4xx) are
 * part of the outcome and replayed; a 5xx is not stored, so a retry runs afresh. The in-flight claim
 * is a nonce in the store, so it holds across the processes of `--workers` (a client's retry after
 * a timeout usually arrives on another connection, so at another worker).
 */
export class Idempotency {
  private readonly platform: Platform;

  constructor(platform: Platform) {
    this.platform = platform;
  }

  async run(c: Ctx, principal: Principal, key: string, text: string, run: () => Promise<Handled>): Promise<Response> {
    if (key.length > 255 || !/^[\x21-\x7e]+$/.test(key)) {
      throw problem(
        'VALIDATION_FAILED',
        'Idempotency-Key 须为1至255个可见ASCII字符',
        'Idempotency-Key must be 1–255 visible ASCII characters',
      );
    }
    const { platform } = this;
    const scoped = `${principalKey(principal)}:${key}`;
    const hash = await platform.sha256Hex(`${c.req.method} ${c.req.path}\n${text}`);
    const now = platform.wallNow();
    // Claim first, then look for a stored outcome: looking first would let a request that found
    // none claim the key just after another stored its outcome and released it, and run twice.
    // A claim a crashed process never released lapses after IN_FLIGHT_MS.
    const claim = `idempotency:${scoped}`;
    // Real time, as the store expires nonces by it (the platform's clock may be a test's).
    const claimed = await platform.store.useNonce(claim, Date.now() + IN_FLIGHT_MS);
    const saved = await platform.store.getIdempotent(scoped, now - IDEMPOTENCY_TTL_MS);
    if (saved || !claimed) {
      if (claimed) await platform.store.releaseNonce(claim);
      if (!saved) throw problem('IDEMPOTENCY_IN_PROGRESS', undefined, undefined, { retryAfter: 1, headers: { 'retry-after': '1' } });
      if (saved.requestHash !== hash) throw problem('IDEMPOTENCY_KEY_REUSED');
      return new Response(saved.body, {
        status: saved.status,
        headers: { 'content-type': contentType(saved.status), 'idempotent-replayed': 'true' },
      });
    }
    try {
      let status: number;
      let body: string;
      let headers: Record<string, string> = {};
      try {
        const handled = await run();
        status = handled.status;
        body = JSON.stringify(handled.body);
        headers = handled.headers ?? {};
      } catch (error) {
        if (!(error instanceof ProblemError) || error.status >= 500) throw error;
        status = error.status;
        body = JSON.stringify(error.toProblem(c.get('requestId')));
      }
      await platform.store.putIdempotent(scoped, { requestHash: hash, status, body, createdAt: now }, now - IDEMPOTENCY_TTL_MS);
      return new Response(body, { status, headers: { ...headers, 'content-type': contentType(status) } });
    } finally {
      // A store that is down keeps the claim; it lapses after IN_FLIGHT_MS (the retry meets a 409 until then).
      await platform.store.releaseNonce(claim).catch(() => {});
    }
  }
}

const contentType = (status: number) => (status >= 400 ? 'application/problem+json' : 'application/json');
