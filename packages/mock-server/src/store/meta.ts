import type { RowCodec } from './codec.ts';

/**
 * The meta table's rules, for every store: which values are sealed under 国密 and which survive a
 * reset of the platform's records.
 */

/** `key:*` meta values (the receipt and token keys) are sealed in a sealed store like personal data. */
const sealsMeta = (rows: RowCodec, key: string) => rows.sealed && key.startsWith('key:');

/** A meta value as stored. */
export const metaIn = (rows: RowCodec, key: string, value: string): string => (sealsMeta(rows, key) ? rows.write('meta', value) : value);

/** A stored meta value as the platform reads it. */
export const metaOut = (rows: RowCodec, key: string, value: string): string =>
  sealsMeta(rows, key) ? rows.read<string>('meta', value) : value;

/**
 * Kept by a reset (`POST /__mock/reset`): the keys (`key:*`: old receipts still verify) and what
 * the store itself decided (`store:*`: the sealing marker, the seed the instances agreed on).
 */
const KEPT_BY_RESET = ['key:', 'store:'] as const;

export const keptByReset = (key: string): boolean => KEPT_BY_RESET.some((prefix) => key.startsWith(prefix));

/**
 * Signature nonces (`sig:<app>:<nonce>`) survive a reset: a request captured before it must not be
 * replayable after it. The other rows of the nonce table are the records' claims (a fulfilment, a
 * decision), which a reset forgets with the records.
 */
export const SIGNATURE_NONCE = 'sig:';
export const keptNonce = (key: string): boolean => key.startsWith(SIGNATURE_NONCE);

/** The same as `LIKE` patterns, for the SQL stores' `DELETE FROM meta`. */
export const KEPT_BY_RESET_LIKE: readonly string[] = KEPT_BY_RESET.map((prefix) => `${prefix}%`);
