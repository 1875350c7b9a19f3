import { randomId, toBase64Url, utf8 } from '../auth/encoding.ts';
import {
  DEFAULT_TOKEN_SCOPES,
  type TokenClaims,
  type TokenResponse,
  type WidgetTokenInput,
  WidgetTokenRequest,
} from '../contract/tokens.ts';
import { CreditCheckError } from './errors.ts';
import { validate } from './input.ts';
import type { ClientOptions } from './options.ts';

/** The credentials a widget token is signed with: the app's own, as for signed calls. */
export type WidgetTokenCredentials = Pick<ClientOptions, 'appId' | 'appSecret' | 'signature' | 'dangerouslyAllowBrowser'>;

/** A signed widget token: what POST /tokens answers, plus the matters it says allow 先行受理. */
export type SignedWidgetToken = TokenResponse & { deferrals?: string[] };

const isBrowser = () => typeof window !== 'undefined' && typeof document !== 'undefined';

/**
 * Signs a widget token on the host backend, offline — no round trip to the platform, so a counter
 * gets its token even when the platform is down as the day begins. The same claims, scopes (the
 * defaults unless given), lifetime (900 s by default, at most 3600) and revocation (rotating the app
 * secret) as `mintToken`; the platform verifies it on every call. `deferrals` hands the page the
 * matters whose catalogue policy allows 先行受理, as the backend last read them (`listMatters`), for
 * a page that opens during an outage. Server side only: it needs the app secret.
 */
export async function signWidgetToken(
  credentials: WidgetTokenCredentials,
  input: WidgetTokenInput,
  now: number = Date.now(),
): Promise<SignedWidgetToken> {
  const { appId, appSecret } = credentials;
  if (!appId || !appSecret) throw new CreditCheckError('CONFIG', 'signWidgetToken needs appId and appSecret (server side only)');
  if (isBrowser() && !credentials.dangerouslyAllowBrowser) {
    throw new CreditCheckError('CONFIG', 'An app secret must not be used in a browser: sign widget tokens on your backend');
  }
  const request = validate(WidgetTokenRequest, input, 'widget token request');
  // Loaded here, not by the entry: browser bundles that never sign do not carry the signing code.
  const [{ HMAC_SHA256 }, { WIDGET_TOKEN_PREFIX, widgetTokenKid, widgetTokenMac }] = await Promise.all([
    import('../auth/signature.ts'),
    import('../auth/widget-token.ts'),
  ]);
  const algorithm = credentials.signature ?? HMAC_SHA256;
  const scopes = request.scopes ?? DEFAULT_TOKEN_SCOPES;
  const iat = Math.floor(now / 1000);
  const claims: TokenClaims = {
    jti: randomId('', 16),
    app: appId,
    kid: await widgetTokenKid(appSecret, algorithm),
    dept: request.department,
    op: request.operator,
    mat: request.matters,
    scp: scopes,
    iat,
    exp: iat + (request.ttlSeconds ?? 900),
    ...(request.deferrals ? { dfr: request.deferrals } : {}),
  };
  const payload = toBase64Url(utf8.encode(JSON.stringify(claims)));
  return {
    token: `${WIDGET_TOKEN_PREFIX}${payload}.${await widgetTokenMac(appSecret, payload, algorithm)}`,
    tokenType: 'Bearer',
    expiresAt: new Date(claims.exp * 1000).toISOString(),
    department: request.department,
    operator: request.operator,
    matters: request.matters,
    scopes,
    ...(request.deferrals ? { deferrals: request.deferrals } : {}),
  };
}
