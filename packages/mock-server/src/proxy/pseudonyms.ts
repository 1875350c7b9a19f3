import { createHmac, randomBytes } from 'node:crypto';
import { validateIdNumber } from '@credit-check/sdk/identifiers';

// 18-character 身份证 shapes; only those with a valid check character are personal numbers.
const ID_SHAPE = /(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/g;
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ';

/**
 * Recordings hold no 身份证 number in clear: each one becomes a stable pseudonym (`PSN` and 15
 * letters, HMAC-SHA256 under the recording's own salt) — never a valid ID, so nobody mistakes it
 * for one. On replay the numbers the request carries are mapped back, so a test that checks a
 * subject gets that subject's number; numbers the request did not carry (a legal representative)
 * stay pseudonyms.
 */
export class Pseudonyms {
  readonly salt: string;

  constructor(salt = randomBytes(16).toString('hex')) {
    this.salt = salt;
  }

  of(id: string): string {
    const mac = createHmac('sha256', this.salt).update(id.toUpperCase()).digest();
    let out = 'PSN';
    for (let i = 0; i < 15; i++) out += ALPHABET[(mac[i] as number) % ALPHABET.length];
    return out;
  }

  /** The text with every valid 身份证 number replaced, and the numbers found (pseudonym → number). */
  hide(text: string): { text: string; found: Map<string, string> } {
    const found = new Map<string, string>();
    const hidden = text.replace(ID_SHAPE, (id) => {
      if (!validateIdNumber(id).valid) return id;
      const pseudonym = this.of(id);
      found.set(pseudonym, id);
      return pseudonym;
    });
    return { text: hidden, found };
  }

  /** Puts back the numbers a request carried where their pseudonyms stand. */
  static restore(text: string, found: Map<string, string>): string {
    let out = text;
    for (const [pseudonym, id] of found) out = out.split(pseudonym).join(id);
    return out;
  }
}
