import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseSignatureHeader } from '@credit-check/sdk/auth';
import { Pseudonyms } from './pseudonyms.ts';

/** One recorded exchange, as saved (one file each, numbered in the order they happened). */
export interface RecordedExchange {
  /** What the request is matched on: method, path and query, how it was authenticated, body. */
  key: string;
  request: { method: string; path: string; auth: string; body: string };
  response: { status: number; headers: Record<string, string>; body: string };
}

const META = 'recording.json';
/** Response headers worth replaying (content negotiation, retry advice, request ids). */
const KEPT_HEADERS = ['content-type', 'retry-after', 'x-request-id', 'location', 'www-authenticate', 'credit-check-violations'];

/** How a request was authenticated, without the credential: `none`, the signing scheme, or `bearer`. */
export function authKind(authorization: string | null): string {
  if (!authorization) return 'none';
  if (/^bearer\s/i.test(authorization)) return 'bearer';
  return parseSignatureHeader(authorization)?.scheme ?? 'other';
}

/** The matching key: a digest of method, path, auth kind and the (pseudonymised, canonical) body. */
export function exchangeKey(method: string, path: string, auth: string, body: string): string {
  let canonical = body;
  try {
    canonical = body ? JSON.stringify(sortKeys(JSON.parse(body))) : '';
  } catch {}
  return createHash('sha256').update(`${method.toUpperCase()} ${path}\n${auth}\n${canonical}`).digest('base64url');
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

export function keptHeaders(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of KEPT_HEADERS) {
    const value = headers.get(name);
    if (value !== null) out[name] = value;
  }
  return out;
}

/**
 * A recording directory: `recording.json` (the upstream, when, the pseudonym salt) and one
 * `000001-POST-checks.json` per exchange — plain files a vendor can read, diff and commit.
 */
export class Recording {
  readonly dir: string;
  readonly pseudonyms: Pseudonyms;
  private count: number;

  private constructor(dir: string, pseudonyms: Pseudonyms, count: number) {
    this.dir = dir;
    this.pseudonyms = pseudonyms;
    this.count = count;
  }

  /** Starts (or continues) a recording into `dir`. */
  static create(dir: string, upstream: string): Recording {
    mkdirSync(dir, { recursive: true });
    if (existsSync(join(dir, META))) return Recording.open(dir);
    const pseudonyms = new Pseudonyms();
    writeFileSync(
      join(dir, META),
      `${JSON.stringify({ upstream, createdAt: new Date().toISOString(), salt: pseudonyms.salt }, null, 2)}\n`,
    );
    return new Recording(dir, pseudonyms, 0);
  }

  static open(dir: string): Recording {
    let meta: { salt?: unknown };
    try {
      meta = JSON.parse(readFileSync(join(dir, META), 'utf8'));
    } catch {
      throw new Error(`--replay ${dir}: no ${META} there — record one with \`credit-check-mock proxy --upstream URL --record ${dir}\``);
    }
    if (typeof meta.salt !== 'string') throw new Error(`--replay ${dir}: ${META} has no salt`);
    return new Recording(dir, new Pseudonyms(meta.salt), Recording.files(dir).length);
  }

  private static files(dir: string): string[] {
    return readdirSync(dir)
      .filter((f) => /^\d{6}-.*\.json$/.test(f))
      .sort();
  }

  save(exchange: RecordedExchange): void {
    this.count += 1;
    const name = `${String(this.count).padStart(6, '0')}-${exchange.request.method}-${exchange.request.path
      .split('?')[0]
      ?.replace(/^\/api\/v1\//, '')
      .replace(/[^A-Za-z0-9_-]+/g, '_')
      .slice(0, 60)}.json`;
    writeFileSync(join(this.dir, name), `${JSON.stringify(exchange, null, 2)}\n`);
  }

  /** Every exchange, in the order recorded. */
  exchanges(): RecordedExchange[] {
    return Recording.files(this.dir).map((f) => JSON.parse(readFileSync(join(this.dir, f), 'utf8')) as RecordedExchange);
  }
}
