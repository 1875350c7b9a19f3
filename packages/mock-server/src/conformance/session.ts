import { redact } from '@credit-check/sdk';
import { authorizationHeader, HMAC_SHA256, randomId, type SignatureAlgorithm } from '@credit-check/sdk/auth';
import { fetchFailure } from '../io/fetch-failure.ts';

/** The platform under test and the credentials of one app registered on it. */
export interface Target {
  /** e.g. `https://credit.example.gov.cn/api/v1` */
  baseUrl: string;
  appId: string;
  appSecret: string;
  /** How the app signs (default CC-HMAC-SHA256; `HMAC_SM3` from `@credit-check/sdk/gm` under 国密). */
  signature?: SignatureAlgorithm;
  /** Per request (default 15 s). */
  timeoutMs?: number;
}

/** How a request is authenticated: signed by the app (optionally bent), a bearer token, or not at all. */
export type Auth =
  | { as: 'app'; timestamp?: number; nonce?: string; secret?: string; label?: string }
  | { as: 'token'; token: string; label?: string }
  | { as: 'none' };

export interface SendOptions {
  body?: unknown;
  /** A body sent as is (malformed JSON, a wrong media type). */
  rawBody?: string;
  auth?: Auth;
  headers?: Record<string, string>;
}

/** One request and what came back, kept for the report (PII and secrets redacted when shown). */
export interface Exchange {
  method: string;
  path: string;
  auth: string;
  requestBody: string | undefined;
  status: number;
  headers: Headers;
  body: string;
  ms: number;
}

/**
 * Talks to the platform under test: signs like the SDK does (or deliberately not), and remembers
 * every exchange — the 429s and 503s among them are judged for Retry-After whatever check saw them.
 */
export class Session {
  readonly exchanges: Exchange[] = [];
  private readonly secrets: string[];
  private readonly algorithm: SignatureAlgorithm;

  readonly target: Target;

  constructor(target: Target) {
    this.target = target;
    this.secrets = [target.appSecret];
    this.algorithm = target.signature ?? HMAC_SHA256;
  }

  get scheme(): string {
    return this.algorithm.name;
  }

  /** Tokens minted during the run are secrets too: never in a report. */
  rememberSecret(secret: string): void {
    this.secrets.push(secret);
  }

  redact(text: string): string {
    return redact(text, this.secrets);
  }

  async send(method: string, path: string, options: SendOptions = {}): Promise<Exchange> {
    const url = new URL(this.target.baseUrl.replace(/\/$/, '') + path);
    const body = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
    const auth = options.auth ?? { as: 'app' };
    const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
    if (body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type'))
      headers['content-type'] = 'application/json';
    let described = 'unauthenticated';
    if (auth.as === 'app') {
      const timestamp = auth.timestamp ?? Date.now();
      const nonce = auth.nonce ?? randomId('', 12);
      headers.authorization = await authorizationHeader(
        this.target.appId,
        auth.secret ?? this.target.appSecret,
        { method, pathAndQuery: url.pathname + url.search, timestamp, nonce, body: body ?? '' },
        this.algorithm,
      );
      described = auth.label ?? `signed ${this.algorithm.name} by ${this.target.appId}`;
    } else if (auth.as === 'token') {
      headers.authorization = `Bearer ${auth.token}`;
      described = auth.label ?? 'bearer token';
    }
    const started = performance.now();
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers,
        ...(body !== undefined ? { body } : {}),
        signal: AbortSignal.timeout(this.target.timeoutMs ?? 15_000),
      });
    } catch (error) {
      const cause = fetchFailure(error);
      throw new Error(`${method} ${url.pathname} did not complete (${cause}): is --base-url right and the platform up?`);
    }
    const exchange: Exchange = {
      method,
      path: url.pathname + url.search,
      auth: described,
      requestBody: body,
      status: response.status,
      headers: response.headers,
      body: await response.text(),
      ms: performance.now() - started,
    };
    this.exchanges.push(exchange);
    return exchange;
  }

  /** Throws a plain reason when nothing answers at the base URL (any HTTP answer will do). */
  async reachable(): Promise<void> {
    const url = `${this.target.baseUrl.replace(/\/$/, '')}/keys`;
    try {
      await (await fetch(url, { signal: AbortSignal.timeout(this.target.timeoutMs ?? 15_000) })).arrayBuffer();
    } catch (error) {
      const cause = fetchFailure(error);
      throw new Error(`cannot reach ${url} (${cause}): is --base-url right and the platform up?`);
    }
  }

  /** What was sent, for a failure report: method, path, how it was signed, the body — redacted. */
  describeSent(e: Exchange): string {
    return this.redact(`${e.method} ${e.path} (${e.auth})${e.requestBody ? `\n${e.requestBody}` : ''}`);
  }

  /** What came back, shortened and redacted. */
  describeReceived(e: Exchange): string {
    const type = e.headers.get('content-type') ?? 'no content-type';
    const retry = e.headers.get('retry-after');
    const body = e.body.length > 1500 ? `${e.body.slice(0, 1500)}… (${e.body.length} characters)` : e.body;
    return this.redact(`HTTP ${e.status} ${type}${retry ? `, Retry-After: ${retry}` : ''}\n${body}`);
  }
}
