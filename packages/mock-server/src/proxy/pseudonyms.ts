import { createHmac, randomBytes } from 'node:crypto';
import { validateIdNumber } from '@credit-check/sdk/identifiers';

// 18-character 身份证 shapes; only those with a valid check character are personal numbers.
const ID_SHAPE = /(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/g;
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ';

/**
 * Recordings hold no natural person's identity in clear. Each valid 身份证 number becomes a stable
 * pseudonym (`PSN` and 15 letters, HMAC-SHA256 under the recording's own salt) — never a valid ID,
 * so nobody mistakes it for one — and so does each person's name (`PSN-` and 10 letters): the name
 * of any subject whose `idType` is `idcard`, wherever it then appears in the exchange. Names of
 * organisations are public register data and stay. On replay the numbers and names the request
 * carries are mapped back, so a test that checks a subject gets that subject's number and name;
 * those the request did not carry (a legal representative) stay pseudonyms.
 */
export class Pseudonyms {
  readonly salt: string;

  constructor(salt = randomBytes(16).toString('hex')) {
    this.salt = salt;
  }

  of(id: string): string {
    return `PSN${this.letters(id.toUpperCase(), 15)}`;
  }

  /** A person's name as recorded: the same name gives the same pseudonym throughout a recording. */
  ofName(name: string): string {
    return `PSN-${this.letters(`name:${name}`, 10)}`;
  }

  private letters(input: string, n: number): string {
    const mac = createHmac('sha256', this.salt).update(input).digest();
    let out = '';
    for (let i = 0; i < n; i++) out += ALPHABET[(mac[i] as number) % ALPHABET.length];
    return out;
  }

  /** The text with every valid 身份证 number and person's name replaced, and what was found (pseudonym → original). */
  hide(text: string): { text: string; found: Map<string, string> } {
    const found = new Map<string, string>();
    let hidden = text.replace(ID_SHAPE, (id) => {
      if (!validateIdNumber(id).valid) return id;
      const pseudonym = this.of(id);
      found.set(pseudonym, id);
      return pseudonym;
    });
    // Longest first, so a name inside another is not half replaced.
    for (const name of [...personNames(text)].sort((a, b) => b.length - a.length)) {
      const pseudonym = this.ofName(name);
      found.set(pseudonym, name);
      hidden = hidden.split(name).join(pseudonym);
    }
    return { text: hidden, found };
  }

  /** Puts back the numbers and names a request carried where their pseudonyms stand. */
  static restore(text: string, found: Map<string, string>): string {
    let out = text;
    for (const [pseudonym, original] of found) out = out.split(pseudonym).join(original);
    return out;
  }
}

/**
 * The names of natural persons in a JSON text: the `name` of every object whose `idType` is
 * `idcard` (a subject, a linked legal representative), unless masked (`王**`) or a single character
 * (too short to replace safely elsewhere). Not JSON: none.
 */
function personNames(text: string): Set<string> {
  const names = new Set<string>();
  if (!text.includes('idcard')) return names;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return names;
  }
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) for (const item of node) walk(item);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (o.idType === 'idcard' && typeof o.name === 'string' && o.name.length > 1 && !o.name.includes('*')) names.add(o.name);
      for (const child of Object.values(o)) walk(child);
    }
  };
  walk(value);
  return names;
}
