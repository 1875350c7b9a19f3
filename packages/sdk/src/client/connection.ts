import type { KyInstance } from 'ky';
import type * as z from 'zod/mini';
import { randomId } from '../auth/encoding.ts';
import type { Check } from '../contract/checks.ts';
import { API_BASE, type Endpoint } from '../contract/endpoints.ts';
import type { TokenClaims } from '../contract/tokens.ts';
import { Credentials } from './credentials.ts';
import { CreditCheckError } from './errors.ts';
import { parseBody, toError } from './failures.ts';
import type { Call, CallOptions, ClientOptions } from './options.ts';
import { SharedCalls } from './shared-calls.ts';
import { apiRoot, BODY, type CallState, retryPolicy, transport } from './transport.ts';

function isBrowser(): boolean {
  return typeof window !== 'undefined' && typeof document !== 'undefined';
}

/**
 * A connection to the platform — the HTTP edge of every call. It composes the transport (ky:
 * timeouts, retries, `transport.ts`), the credentials (signing or bearer token, `credentials.ts`)
 * and the error mapping (`failures.ts`). Endpoint functions (`check(connection, …)`) take it as
 * their first argument, so a page bundles only what it calls.
 */
export class Connection {
  readonly options: ClientOptions;
  private readonly ky: KyInstance;
  private readonly credentials: Credentials;
  /** Identical checks share one request and a short-lived result (see `cache`). */
  readonly checks: SharedCalls<Check>;
  /** In-flight sharing only, for `cache: false` calls. */
  readonly freshChecks: SharedCalls<Check>;
  /** The API root (…/api/v1/): every call goes to an absolute URL under it. */
  private readonly root: string;

  constructor(options: ClientOptions) {
    if (!options?.baseUrl) throw new CreditCheckError('CONFIG', 'createClient needs a baseUrl (the API root, …/api/v1)');
    if (options.appSecret && isBrowser() && !options.dangerouslyAllowBrowser) {
      throw new CreditCheckError(
        'CONFIG',
        'An app secret must not be used in a browser: mint a scoped token on your backend (POST /tokens) and pass `token` or `getToken`',
      );
    }
    if ((options.appId === undefined) !== (options.appSecret === undefined)) {
      throw new CreditCheckError('CONFIG', 'appId and appSecret go together');
    }
    this.options = options;
    this.checks = new SharedCalls<Check>(options.cache === false ? 0 : (options.cache?.ttl ?? 30_000));
    this.freshChecks = new SharedCalls<Check>(0);
    this.credentials = new Credentials(options);
    this.ky = transport(options, (request, state) => this.credentials.authorize(request, state));
    this.root = apiRoot(options);
  }

  /**
   * The claims of the token in use (fetched through `getToken` if none yet), decoded, unverified;
   * undefined for app credentials, another token format, or when no token can be had.
   */
  claims(): Promise<TokenClaims | undefined> {
    return this.credentials.claims();
  }

  /** A call answered as text: another representation (the endpoint's `produces`), or JSON left unparsed. */
  callText(endpoint: Endpoint, call: Call & { accept: NonNullable<Call['accept']> }, opts: CallOptions = {}): Promise<string> {
    return this.call(endpoint as Endpoint & { response: z.ZodMiniType<string> }, call, opts) as Promise<string>;
  }

  /** Performs one logical call: validated body in, schema-parsed result out, or a CreditCheckError. */
  async call<S extends z.ZodMiniType>(endpoint: Endpoint & { response: S }, call: Call, opts: CallOptions = {}): Promise<z.infer<S>> {
    const idempotencyKey = endpoint.method === 'POST' ? (opts.idempotencyKey ?? randomId('idem_')) : undefined;
    try {
      return await this.attempt(endpoint, call, opts, idempotencyKey);
    } catch (error) {
      // A rejected token is refreshed once (it may have been revoked or expired early).
      if (error instanceof CreditCheckError && error.status === 401 && this.credentials.refreshable && !opts.signal?.aborted) {
        await this.credentials.current(true);
        return this.attempt(endpoint, call, opts, idempotencyKey);
      }
      throw error;
    }
  }

  private async attempt<S extends z.ZodMiniType>(
    endpoint: Endpoint & { response: S },
    call: Call,
    opts: CallOptions,
    idempotencyKey: string | undefined,
  ): Promise<z.infer<S>> {
    const path = (API_BASE + endpoint.path).replace(/:(\w+)/g, (_m, name: string) => encodeURIComponent(call.params?.[name] ?? ''));
    const state: CallState = { body: call.body === undefined ? undefined : JSON.stringify(call.body), attempts: 0 };
    // The call's own headers first: the SDK's (content type, idempotency, auth) are not for overriding.
    const headers: Record<string, string> = { ...opts.headers };
    if (state.body !== undefined) headers['content-type'] = 'application/json';
    if (idempotencyKey) headers['idempotency-key'] = idempotencyKey;
    if (call.accept) headers.accept = call.accept;
    const query = Object.entries(call.query ?? {}).filter((e): e is [string, string] => e[1] !== undefined);
    // Only when there is a query: ky rebuilds the URL for any searchParams, even empty ones.
    const searchParams = query.length ? Object.fromEntries(query) : undefined;
    let text: string;
    let response: Response;
    try {
      // baseUrl is the API root (…/api/v1): request paths are under it.
      response = await this.ky(this.root + path.slice(API_BASE.length + 1), {
        method: endpoint.method,
        ...(state.body !== undefined ? { [BODY]: state.body } : {}),
        headers,
        ...(searchParams ? { searchParams } : {}),
        ...(opts.signal ? { signal: opts.signal } : {}),
        ...(opts.timeout !== undefined ? { timeout: opts.timeout } : {}),
        ...(opts.retry !== undefined ? { retry: retryPolicy(opts.retry) } : {}),
        context: { state },
      });
      text = await response.text();
    } catch (error) {
      throw toError(error, state, {
        signal: opts.signal,
        secrets: this.credentials.secrets,
        timeout: opts.timeout ?? this.options.timeout ?? 10_000,
      });
    }
    if (call.accept) return text as z.infer<S>;
    return parseBody(endpoint, text, response.status, state);
  }
}
