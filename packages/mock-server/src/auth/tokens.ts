import {
  fromBase64Url,
  HMAC_SHA256,
  randomId,
  type SignatureAlgorithm,
  subtle,
  timingSafeEqual,
  toBase64Url,
  utf8,
  widgetTokenKid,
  widgetTokenMac,
} from '@credit-check/sdk/auth';
import { TokenScope } from '@credit-check/sdk/contract';
import * as z from 'zod/mini';
import { problem } from '../problems.ts';
import type { Principal } from './principal.ts';

/** The longest a browser token may live (the contract's `ttlSeconds` allows 60 s – 1 h). */
export const MAX_TOKEN_SECONDS = 3600;
/** How far a token's `iat` may be ahead of this instance's clock (instances' clocks differ a little). */
export const CLOCK_SKEW_SECONDS = 60;

/** An HMAC keyed once, over bytes: HMAC-SHA256 (WebCrypto or node:crypto) or HMAC-SM3 under 国密. */
export type KeyedMac = (key: Uint8Array) => (data: Uint8Array) => Uint8Array | Promise<Uint8Array>;

/** What the authority needs of an app: its id and the secret it signs with (rotating the secret revokes its tokens). */
export interface TokenApp {
  appId: string;
  appSecret: string;
  /** Tokens act for a window: an app whose roles leave `window` out has none (absent: a window). */
  roles?: readonly string[];
}

/**
 * The claims as the platform mints them — checked strictly on the way back in: a token without
 * `exp`, with a string for a number or with scopes that are not a list is refused, not guessed at.
 */
const MintedClaims = z.strictObject({
  jti: z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/)),
  app: z.string().check(z.minLength(1), z.maxLength(64)),
  kid: z.string().check(z.regex(/^[A-Za-z0-9_-]{8,64}$/)),
  dept: z.string().check(z.minLength(1), z.maxLength(100)),
  op: z.string().check(z.minLength(1), z.maxLength(100)),
  mat: z.array(z.string().check(z.maxLength(40))).check(z.minLength(1), z.maxLength(100)),
  scp: z.array(TokenScope).check(z.maxLength(TokenScope.options.length)),
  iat: z.int(),
  exp: z.int(),
});
type Claims = z.infer<typeof MintedClaims>;

/** The claims of a token the backend signed offline: the same, and the matters it says allow 先行受理. */
const SignedClaims = z.strictObject({
  ...MintedClaims.shape,
  kid: z.string().check(z.regex(/^[A-Za-z0-9_-]{8,64}$/)),
  dfr: z.optional(z.array(z.string().check(z.maxLength(40))).check(z.maxLength(1000))),
});

type TokenPrincipal = Extract<Principal, { kind: 'token' }>;

interface AppKey {
  kid: string;
  mac: (data: Uint8Array) => Promise<Uint8Array>;
}

const invalid = (zh: string, en: string) => problem('TOKEN_INVALID', zh, en);

/**
 * Browser tokens, stateless, of two kinds. `cct_<claims>.<MAC>`, minted here (POST /tokens): The MAC key is the platform's own token key
 * (random, kept in the store or given by `--token-key-file`), never derived from an app's secret
 * alone: an app that knows its own secret cannot mint another app's token. Each app gets its own
 * key, HMAC(token key, app id ‖ app secret), named in the token by `kid`; a token is verified
 * against the app it names, so rotating an app's secret revokes exactly its tokens. Lifetimes are
 * capped (`exp` required, ≤ 1 h after `iat`, `iat` not in the future). `cca_<claims>.<MAC>`, signed
 * offline by the app's backend (`signWidgetToken` in the SDK, for a counter that opens while the
 * platform is down): the app's own request scheme under its secret, verified here with the same
 * caps; rotating the secret revokes them too. Either kind acts for a window only.
 */
export class TokenAuthority {
  private readonly keys = new Map<string, Promise<AppKey>>();
  private readonly apps: ReadonlyMap<string, TokenApp>;
  private readonly hmac: KeyedMac;
  private readonly platformMac: (data: Uint8Array) => Uint8Array | Promise<Uint8Array>;
  /** Verified tokens (the MAC is the hot path of every widget call); claims are re-checked against the clock each time. */
  private readonly cache = new Map<string, TokenPrincipal>();

  /** The app's request-signing scheme: tokens it signs offline use the same MAC (HMAC-SM3 under 国密). */
  private readonly algorithmOf: (app: TokenApp) => SignatureAlgorithm;

  constructor(options: {
    key: Uint8Array;
    apps: readonly TokenApp[];
    mac?: KeyedMac;
    algorithmOf?: (app: TokenApp) => SignatureAlgorithm;
  }) {
    if (options.key.length < 32) throw new Error('the token key must be at least 32 bytes');
    this.apps = new Map(options.apps.map((a) => [a.appId, a]));
    this.hmac = options.mac ?? webCryptoHmac;
    this.platformMac = this.hmac(options.key);
    this.algorithmOf = options.algorithmOf ?? (() => HMAC_SHA256);
  }

  /** The app's token key and its id, derived once: HMAC(token key, "cct-app" ‖ id ‖ secret). */
  private appKey(app: TokenApp): Promise<AppKey> {
    let key = this.keys.get(app.appId);
    if (!key) {
      key = (async () => {
        const derived = await this.platformMac(utf8.encode(`cct-app\u0000${app.appId}\u0000${app.appSecret}`));
        const mac = this.hmac(derived);
        // The id is a MAC of a constant under the derived key: it names the key without revealing it.
        const kid = toBase64Url((await mac(utf8.encode('cct-kid'))).subarray(0, 12));
        return { kid, mac: async (data: Uint8Array) => mac(data) };
      })();
      this.keys.set(app.appId, key);
    }
    return key;
  }

  async mint(input: {
    appId: string;
    department: string;
    operator: string;
    matters: string[];
    scopes: TokenScope[];
    ttlSeconds: number;
    now: number;
  }) {
    const app = this.apps.get(input.appId);
    if (!app) throw new Error(`no app ${input.appId} to mint a token for`);
    const iat = Math.floor(input.now / 1000);
    const claims: Claims = {
      jti: randomId('', 12),
      app: app.appId,
      kid: (await this.appKey(app)).kid,
      dept: input.department,
      op: input.operator,
      mat: input.matters,
      scp: input.scopes,
      iat,
      exp: iat + Math.min(input.ttlSeconds, MAX_TOKEN_SECONDS),
    };
    return { token: await this.seal(claims), expiresAt: claims.exp * 1000 };
  }

  /**
   * Signs claims as they are, with the key of the app they name (unknown app: the platform key is
   * not used at all). Only `mint` makes real tokens; tests use this to prove `verify` refuses
   * what `mint` never makes.
   */
  async seal(claims: Record<string, unknown>): Promise<string> {
    const app = this.apps.get(String(claims.app));
    const payload = toBase64Url(utf8.encode(JSON.stringify(claims)));
    const mac = app ? await (await this.appKey(app)).mac(utf8.encode(payload)) : crypto.getRandomValues(new Uint8Array(32));
    return `cct_${payload}.${toBase64Url(mac)}`;
  }

  async verify(token: string, now: number): Promise<TokenPrincipal> {
    let principal = this.cache.get(token);
    if (!principal) {
      principal = await this.check(token, now);
      if (this.cache.size > 10_000) this.cache.clear();
      this.cache.set(token, principal);
    }
    if (principal.expiresAt <= now) {
      throw problem('TOKEN_EXPIRED', undefined, undefined, { headers: { 'www-authenticate': 'Bearer error="invalid_token"' } });
    }
    return principal;
  }

  private async check(token: string, now: number): Promise<TokenPrincipal> {
    const match = /^(cct|cca)_([A-Za-z0-9_-]{1,16384})\.([A-Za-z0-9_-]{16,128})$/.exec(token);
    if (!match) throw invalid('访问令牌格式不正确', 'Malformed token');
    const [, kind, payload, signature] = match as unknown as [string, 'cct' | 'cca', string, string];
    let parsed: unknown;
    try {
      parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(fromBase64Url(payload)));
    } catch {
      throw invalid('访问令牌内容无法解析', 'Token claims are unreadable');
    }
    const result = (kind === 'cca' ? SignedClaims : MintedClaims).safeParse(parsed);
    if (!result.success) throw invalid('访问令牌内容不完整或格式不正确', 'Token claims are incomplete or malformed');
    const claims = result.data;
    const app = this.apps.get(claims.app);
    if (!app) throw invalid('访问令牌所属的应用不存在', 'The token names an unknown app');
    if (app.roles && !app.roles.includes('window')) {
      throw invalid('该应用不是窗口应用，不能使用访问令牌', 'The app lacks the window role: it has no widget tokens');
    }
    // Minted here: the app's key under the platform's token key. Signed offline by the backend
    // (`cca_`, `signWidgetToken`): the app's own request scheme under its secret.
    let expected: string;
    let kid: string;
    if (kind === 'cca') {
      const algorithm = this.algorithmOf(app);
      [expected, kid] = await Promise.all([widgetTokenMac(app.appSecret, payload, algorithm), widgetTokenKid(app.appSecret, algorithm)]);
    } else {
      const key = await this.appKey(app);
      [expected, kid] = [toBase64Url(await key.mac(utf8.encode(payload))), key.kid];
    }
    // Same work for a wrong kid and a wrong MAC: neither tells an attacker which part was wrong.
    if (!timingSafeEqual(expected, signature) || !timingSafeEqual(kid, claims.kid)) {
      throw invalid(
        '访问令牌签名无效，或应用凭据已轮换，请重新获取',
        'Token signature does not verify (or the app credentials were rotated)',
      );
    }
    if (claims.exp <= claims.iat || claims.exp - claims.iat > MAX_TOKEN_SECONDS) {
      throw invalid('访问令牌有效期超过上限（1 小时）', `Token lifetime exceeds ${MAX_TOKEN_SECONDS} s`);
    }
    if (claims.iat > Math.floor(now / 1000) + CLOCK_SKEW_SECONDS) {
      throw invalid('访问令牌的签发时间晚于平台当前时间', 'Token issued in the future');
    }
    return {
      kind: 'token',
      tokenId: claims.jti,
      appId: claims.app,
      department: claims.dept,
      operator: claims.op,
      matters: claims.mat,
      scopes: claims.scp,
      expiresAt: claims.exp * 1000,
    };
  }
}

const webCryptoHmac: KeyedMac = (key) => {
  const imported = subtle().importKey('raw', key as Uint8Array<ArrayBuffer>, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return async (data) => new Uint8Array(await subtle().sign('HMAC', await imported, data as Uint8Array<ArrayBuffer>));
};
