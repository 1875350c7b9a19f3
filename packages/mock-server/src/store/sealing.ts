import { createCipheriv, createDecipheriv, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { readHexKey } from '../io/key-file.ts';

/**
 * Personal data at rest under 国密 (GB/T 39786 data confidentiality and integrity): every record
 * that carries an ID number or a name is sealed with SM4 (GB/T 32907) in CBC mode and authenticated
 * with HMAC-SM3 over the ciphertext (encrypt-then-MAC); lookups by subject go through an HMAC-SM3
 * blind index, so equal subjects still meet in SQL without the number being stored.
 *
 * Why CBC + HMAC and not SM4-GCM: Node's OpenSSL has no `sm4-gcm` (`Unknown cipher`), and a
 * pure-JS GCM on every row would be slower than two native passes; the format is versioned
 * (`s1.`), so a GCM record type can be added when the runtime has it.
 *
 * One 32-byte master key (a key file or the environment, never the database) yields three keys
 * with HMAC-SM3 as the derivation function: SM4 encryption, the MAC and the blind index.
 */
export interface Sealer {
  /** `s1.` + base64url(iv ‖ SM4-CBC ciphertext ‖ HMAC-SM3 tag); `context` (the table) is bound into the tag. */
  seal(plain: string, context: string): string;
  /** The plain text; throws `SealError` when the record was altered or sealed under another key or context. */
  open(sealed: string, context: string): string;
  /** The blind index of a lookup value (a subject key): deterministic, keyed, not reversible. */
  index(value: string): string;
  /** A short tag of the key, stored beside the data, so a wrong key is refused before anything is read. */
  readonly keyCheck: string;
}

export class SealError extends Error {
  override readonly name = 'SealError';
}

const VERSION = 's1';
const IV = 16;
const TAG = 32;

const derive = (master: Uint8Array, label: string): Buffer => createHmac('sm3', master).update(`credit-check/${label}`).digest();

export function sm4Sealer(masterKey: Uint8Array): Sealer {
  if (masterKey.length !== 32) throw new SealError('the store key must be 32 bytes (64 hex characters)');
  const encKey = derive(masterKey, 'sm4-cbc').subarray(0, 16);
  const macKey = derive(masterKey, 'hmac-sm3');
  const indexKey = derive(masterKey, 'blind-index');
  const tagOf = (context: string, iv: Uint8Array, ciphertext: Uint8Array) =>
    createHmac('sm3', macKey).update(`${VERSION}\u0000${context}\u0000`).update(iv).update(ciphertext).digest();
  return {
    keyCheck: derive(macKey, 'key-check').subarray(0, 12).toString('base64url'),
    seal(plain, context) {
      const iv = randomBytes(IV);
      const cipher = createCipheriv('sm4-cbc', encKey, iv);
      const ciphertext = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return `${VERSION}.${Buffer.concat([iv, ciphertext, tagOf(context, iv, ciphertext)]).toString('base64url')}`;
    },
    open(sealed, context) {
      if (!sealed.startsWith(`${VERSION}.`)) throw new SealError(`not a sealed record (${context})`);
      const bytes = Buffer.from(sealed.slice(VERSION.length + 1), 'base64url');
      if (bytes.length < IV + 16 + TAG) throw new SealError(`sealed record too short (${context})`);
      const iv = bytes.subarray(0, IV);
      const ciphertext = bytes.subarray(IV, bytes.length - TAG);
      // MAC first: nothing unauthenticated reaches the cipher (no padding oracle).
      if (!timingSafeEqual(bytes.subarray(bytes.length - TAG), tagOf(context, iv, ciphertext))) {
        throw new SealError(`sealed record does not authenticate (${context}): altered, or another key`);
      }
      const decipher = createDecipheriv('sm4-cbc', encKey, iv);
      return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
    },
    index: (value) => `bi1.${createHmac('sm3', indexKey).update(value).digest('base64url')}`,
  };
}

/** The store key from a file or `CREDIT_CHECK_STORE_KEY`: 64 hex characters (e.g. `openssl rand -hex 32`). */
export function readStoreKey(options: { file?: string | undefined; env?: NodeJS.ProcessEnv }): Uint8Array | undefined {
  return readHexKey({ ...options, variable: 'CREDIT_CHECK_STORE_KEY', what: 'store key', fail: (m) => new SealError(m) });
}
