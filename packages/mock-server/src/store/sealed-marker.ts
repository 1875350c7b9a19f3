/** Why a store cannot be opened as asked (a plain store under 国密, a sealed one without its key). */
export class StoreSealingError extends Error {
  override readonly name = 'StoreSealingError';
}

/** Where a sealed store keeps the tag of its key (SQLite and PostgreSQL alike). */
export const SEALING_META = 'store:sealing';

/**
 * A store is sealed or plain for life (until `credit-check-mock migrate-store` seals a plain SQLite
 * one): opened the other way, or with another key, it is refused before a row is read or written.
 * Returns whether the marker must be written (a new store opened sealed); throws the refusal.
 */
export function sealingDecision(
  marker: string | undefined,
  sealer: { keyCheck: string } | undefined,
  used: () => boolean,
  where: { zh: string; en: string; plain: string },
): boolean {
  if (!sealer) {
    if (marker)
      throw new StoreSealingError(
        `${where.zh}已按国密 SM4 加密：请以 --crypto gm 并提供存储密钥启动 (the ${where.en} is SM4-sealed: start with --crypto gm and its store key)`,
      );
    return false;
  }
  if (marker) {
    if (marker !== sealer.keyCheck)
      throw new StoreSealingError(`存储密钥与${where.zh}不匹配 (the store key does not match the one this ${where.en} was sealed with)`);
    return false;
  }
  if (used()) throw new StoreSealingError(where.plain);
  return true;
}
