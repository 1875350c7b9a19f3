import { subtle, toBase64Url, utf8 } from '../auth/encoding.ts';
import { normalizeIdentifier } from '../identifiers/normalize.ts';

/**
 * Binds a receipt to its subject without putting the identifier in it: base64url SHA-256 of
 * `${idType}:${normalizedId}:${checkId}`. The check id salts it so digests cannot be looked up
 * in a precomputed table; a backend that holds the identifier recomputes and compares.
 */
export async function subjectDigest(idType: string, id: string, checkId: string): Promise<string> {
  return toBase64Url(new Uint8Array(await subtle().digest('SHA-256', utf8.encode(subjectDigestInput(idType, id, checkId)))));
}

/** What the digest is taken of (for platforms hashing with their own SHA-256). */
export function subjectDigestInput(idType: string, id: string, checkId: string): string {
  return `${idType}:${normalizeIdentifier(id)}:${checkId}`;
}
