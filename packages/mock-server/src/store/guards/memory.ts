import type { MemoryTables } from '../engines/memory.ts';
import type { GuardsStore } from './contract.ts';

export function memoryGuards(t: MemoryTables): GuardsStore {
  let lastSweep = 0;
  return {
    keepsNonces: false,
    async getIdempotent(key, notBefore) {
      const saved = t.idempotent.get(key);
      return saved && saved.createdAt >= notBefore ? saved : undefined;
    },
    async putIdempotent(key, response, notBefore) {
      // Insertion order is creation order: drop expired outcomes from the front.
      for (const [k, v] of t.idempotent) {
        if (v.createdAt >= notBefore) break;
        t.idempotent.delete(k);
      }
      t.idempotent.delete(key);
      t.idempotent.set(key, response);
    },
    async useNonce(key, expiresAt) {
      const now = Date.now();
      if (now - lastSweep > 60_000) {
        lastSweep = now;
        for (const [k, exp] of t.nonces) if (exp < now) t.nonces.delete(k);
      }
      const seen = t.nonces.get(key);
      if (seen !== undefined && seen >= now) return false;
      t.nonces.set(key, expiresAt);
      return true;
    },
    async releaseNonce(key) {
      t.nonces.delete(key);
    },
    async takeToken(bucket, perSecond, burst, now) {
      const b = t.buckets.get(bucket) ?? { tokens: burst, at: now };
      b.tokens = Math.min(burst, b.tokens + (Math.max(0, now - b.at) / 1000) * perSecond);
      b.at = now;
      t.buckets.set(bucket, b);
      const granted = b.tokens >= 1;
      if (granted) b.tokens -= 1;
      return { granted, tokens: b.tokens };
    },
    async getMeta(key) {
      return t.meta.get(key);
    },
    async putMeta(key, value) {
      t.meta.set(key, value);
    },
    async claimMeta(key, value) {
      const kept = t.meta.get(key);
      if (kept !== undefined) return kept;
      t.meta.set(key, value);
      return value;
    },
    /** One process: nothing runs the same work beside it. */
    async exclusive(_name, fn) {
      return fn();
    },
  };
}
