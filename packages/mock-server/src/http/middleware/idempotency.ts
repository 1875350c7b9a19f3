import type { MiddlewareHandler } from 'hono';
import { principalKey } from '../../auth/principal.ts';
import type { Platform } from '../../platform/platform.ts';
import { problem } from '../../problems.ts';
import type { PlatformEnv } from '../env.ts';

/** How long an Idempotency-Key is remembered (as Stripe does): long enough for any retry. */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;
/** Longer than any request takes (a latency fault included); a claim is released as soon as its request ends. */
const IN_FLIGHT_MS = 5 * 60 * 1000;

/**
 * `Idempotency-Key` on POSTs (work accepted is never done twice): the first answer is stored per
 * caller and key and replayed for 24 h (`idempotent-replayed: true`); the same key with another
 * request is a 422; a concurrent duplicate is a 409 with Retry-After. Business refusals (4xx) are
 * part of the outcome and replayed; a 5xx is not stored, so a retry runs afresh. The in-flight claim
 * is a nonce in the store, so it holds across the processes of `--workers` (a client's retry after
 * a timeout usually arrives on another connection, so at another worker). After authentication
 * (keys are per caller) and validation (a refused body is not an outcome worth a key).
 */
export const idempotent =
  (platform: Platform): MiddlewareHandler<PlatformEnv> =>
  async (c, next) => {
    const key = c.req.header('idempotency-key');
    const principal = c.get('principal');
    if (key === undefined || !principal) return next();
    if (key.length > 255 || !/^[\x21-\x7e]+$/.test(key)) {
      throw problem(
        'VALIDATION_FAILED',
        'Idempotency-Key 须为1至255个可见ASCII字符',
        'Idempotency-Key must be 1–255 visible ASCII characters',
      );
    }
    const scoped = `${principalKey(principal)}:${key}`;
    const hash = await platform.sha256Hex(`${c.req.method} ${c.req.path}\n${c.get('text') ?? ''}`);
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
      await next();
      // The outcome as answered (a refusal the handler threw is answered by then too); never a 5xx.
      const { status } = c.res;
      if (status < 500) {
        const body = await c.res.clone().text();
        await platform.store.putIdempotent(scoped, { requestHash: hash, status, body, createdAt: now }, now - IDEMPOTENCY_TTL_MS);
      }
    } finally {
      // A store that is down keeps the claim; it lapses after IN_FLIGHT_MS (the retry meets a 409 until then).
      await platform.store.releaseNonce(claim).catch(() => {});
    }
  };

const contentType = (status: number) => (status >= 400 ? 'application/problem+json' : 'application/json');
