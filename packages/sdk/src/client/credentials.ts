import { randomId } from '../auth/encoding.ts';
import type { TokenClaims } from '../contract/tokens.ts';
import { CreditCheckError } from './errors.ts';
import type { ClientOptions } from './options.ts';
import { tokenClaims } from './token-claims.ts';
import type { CallState } from './transport.ts';

/**
 * Request signing is loaded on the first signed call: browsers use tokens and never sign, so the
 * widget's entry does not carry it (and does not grow when a scheme is added).
 */
let signing: Promise<typeof import('../auth/signature.ts')> | undefined;

/**
 * Who the calls are made as: app credentials (every attempt signed afresh, new timestamp and
 * nonce) on a server, or a bearer token in a browser — given, or fetched through `getToken` when
 * there is none, shortly before it expires, and once after a 401.
 */
export class Credentials {
  private readonly options: ClientOptions;
  private token: string | undefined;
  private tokenExpiresAt = Number.POSITIVE_INFINITY;
  private tokenPending: Promise<string> | undefined;

  constructor(options: ClientOptions) {
    this.options = options;
    this.token = options.token;
  }

  /** A refused token can be replaced: there is a `getToken` to ask for a new one. */
  get refreshable(): boolean {
    return Boolean(this.options.getToken);
  }

  /** What error messages must never contain: the secret and the tokens in use. */
  get secrets(): (string | undefined)[] {
    return [this.options.appSecret, this.options.token, this.token];
  }

  /** The claims of the token in use, decoded, unverified; undefined for app credentials or another format. */
  async claims(): Promise<TokenClaims | undefined> {
    if (!this.token && !this.options.getToken) return undefined;
    try {
      return tokenClaims(await this.current(false));
    } catch {
      return undefined;
    }
  }

  /** Sets the Authorization header for one attempt. */
  async authorize(request: Request, state: CallState): Promise<void> {
    state.attempts++;
    const { appId, appSecret } = this.options;
    if (appId && appSecret) {
      signing ??= import('../auth/signature.ts');
      const { authorizationHeader } = await signing;
      const url = new URL(request.url);
      request.headers.set(
        'authorization',
        await authorizationHeader(
          appId,
          appSecret,
          {
            method: request.method,
            pathAndQuery: url.pathname + url.search,
            timestamp: Date.now(),
            nonce: randomId('', 18),
            body: state.body ?? '',
          },
          this.options.signature,
        ),
      );
    } else if (this.token || this.options.getToken) {
      request.headers.set('authorization', `Bearer ${await this.current(false)}`);
    }
  }

  /** The token to send (`force`: a new one from `getToken`, the last was refused). One fetch at a time. */
  async current(force: boolean): Promise<string> {
    const getToken = this.options.getToken;
    if (!getToken) return this.token ?? '';
    if (!force && this.token && this.tokenExpiresAt - 30_000 > Date.now()) return this.token;
    this.tokenPending ??= (async () => {
      try {
        const got = await getToken();
        const token = typeof got === 'string' ? got : got?.token;
        if (!token) throw new CreditCheckError('AUTH', 'getToken() returned no token');
        const expires = typeof got === 'string' ? undefined : got.expiresAt;
        this.token = token;
        this.tokenExpiresAt =
          expires === undefined ? Number.POSITIVE_INFINITY : typeof expires === 'number' ? expires : Date.parse(expires);
        return token;
      } catch (error) {
        throw error instanceof CreditCheckError
          ? error
          : new CreditCheckError('AUTH', `getToken() failed: ${(error as Error)?.message ?? error}`, { cause: error });
      } finally {
        this.tokenPending = undefined;
      }
    })();
    return this.tokenPending;
  }
}
