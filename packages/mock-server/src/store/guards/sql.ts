import { bodies, type SqlEngine } from '../engines/engine.ts';
import { metaIn, metaOut } from '../meta.ts';
import type { GuardsStore, IdempotentResponse } from './contract.ts';

/**
 * A bucket refilled and, when a whole token is there, spent — in the statement that writes it
 * (every SET expression reads the row as it was). ?1 bucket, ?2 per second, ?3 burst, ?4 now.
 */
const takeToken = (least: string, greatest: string) => {
  const refilled = `${least}(CAST(?3 AS DOUBLE PRECISION), b.tokens + ${greatest}(0, CAST(?4 AS BIGINT) - b.at) / 1000.0 * CAST(?2 AS DOUBLE PRECISION))`;
  return `INSERT INTO rate_buckets AS b (bucket, tokens, at, granted) VALUES (?1, CAST(?3 AS DOUBLE PRECISION) - 1, CAST(?4 AS BIGINT), ?5)
    ON CONFLICT (bucket) DO UPDATE SET
      granted = (${refilled} >= 1),
      tokens = ${refilled} - CASE WHEN ${refilled} >= 1 THEN 1 ELSE 0 END,
      at = CAST(?4 AS BIGINT)
    RETURNING tokens, granted`;
};

export function sqlGuards(db: SqlEngine): GuardsStore {
  const tokenStatement = takeToken(db.dialect.least, db.dialect.greatest);
  let lastIdempotencySweep = 0;
  let lastNonceSweep = 0;
  const getMeta = async (key: string) => {
    const [row] = await db.all<{ value: string }>('SELECT value FROM meta WHERE key = ?', [key]);
    return row ? metaOut(db.rows, key, row.value) : undefined;
  };
  return {
    keepsNonces: true,
    async getIdempotent(key, notBefore) {
      return bodies<IdempotentResponse>(
        db,
        'idempotency',
        await db.all('SELECT body FROM idempotency WHERE key = ? AND created_at >= ?', [key, notBefore]),
      )[0];
    },
    async putIdempotent(key, response, notBefore) {
      if (response.createdAt - lastIdempotencySweep > 60_000) {
        lastIdempotencySweep = response.createdAt;
        await db.write('DELETE FROM idempotency WHERE created_at < ?', [notBefore]);
      }
      await db.write(
        `INSERT INTO idempotency (key, created_at, body) VALUES (?, ?, ?)
         ON CONFLICT (key) DO UPDATE SET created_at = excluded.created_at, body = excluded.body`,
        [key, response.createdAt, db.rows.write('idempotency', response)],
      );
    },
    async useNonce(key, expiresAt) {
      const now = Date.now();
      if (now - lastNonceSweep > 60_000) {
        lastNonceSweep = now;
        await db.write('DELETE FROM nonces WHERE expires_at < ?', [now]);
      }
      // One statement: of two processes or instances claiming the same key, exactly one gets the row back.
      const rows = await db.write(
        `INSERT INTO nonces (key, expires_at) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET expires_at = excluded.expires_at WHERE nonces.expires_at < ?3 RETURNING key`,
        [key, expiresAt, now],
      );
      return rows.length === 1;
    },
    async releaseNonce(key) {
      await db.write('DELETE FROM nonces WHERE key = ?', [key]);
    },
    async takeToken(bucket, perSecond, burst, now) {
      const [row] = await db.write<{ tokens: number; granted: number | boolean }>(tokenStatement, [bucket, perSecond, burst, now, true]);
      return { granted: Number(row?.granted) === 1, tokens: Number(row?.tokens ?? 0) };
    },
    getMeta,
    async putMeta(key, value) {
      await db.write('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [
        key,
        metaIn(db.rows, key, value),
      ]);
    },
    async claimMeta(key, value) {
      const [row] = await db.write<{ value: string }>(
        'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING RETURNING value',
        [key, metaIn(db.rows, key, value)],
      );
      // Not inserted: another instance's value is committed and is the one kept.
      return row ? metaOut(db.rows, key, row.value) : ((await getMeta(key)) as string);
    },
    exclusive: (name, fn) => db.exclusive(name, fn),
  };
}
