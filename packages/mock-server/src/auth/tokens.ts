import { fromBase64Url, randomId, subtle, timingSafeEqual, toBase64Url, utf8 } from '@credit-check/sdk/auth';
import type { TokenClaims, TokenScope } from '@credit-check/sdk/contract';
import { problem } from '../problems.ts';
import type { Principal } from './principal.ts';
import type { Mac } from './signatures.ts';

/** The contract's claims, with scopes as minted (the contract keeps them open for other platforms). */
type Claims = TokenClaims & { scp: TokenScope[] };

/**
 * Browser tokens: `cct_<claims>.<HMAC>`, stateless, signed with the platform's token secret —
 * HMAC-SHA256, or HMAC-SM3 under 国密 (the token is opaque to everyone but the platform).
 * Verified results are cached (the signature check is the hot path of every widget call).
 */
export class TokenAuthority {
  private readonly mac: (data: Uint8Array) => Promise<Uint8Array>;
  private readonly cache = new Map<string, Extract<Principal, { kind: 'token' }>>();

  constructor(secret: string, mac?: Mac) {
    if (mac) {
      this.mac = async (data) => mac(secret, data);
    } else {
      const key = subtle().importKey('raw', utf8.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
      this.mac = async (data) => new Uint8Array(await subtle().sign('HMAC', await key, data as Uint8Array<ArrayBuffer>));
    }
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
    const claims: Claims = {
      jti: randomId('', 12),
      app: input.appId,
      dept: input.department,
      op: input.operator,
      mat: input.matters,
      scp: input.scopes,
      iat: Math.floor(input.now / 1000),
      exp: Math.floor(input.now / 1000) + input.ttlSeconds,
    };
    const payload = toBase64Url(utf8.encode(JSON.stringify(claims)));
    return { token: `cct_${payload}.${await this.sign(payload)}`, expiresAt: claims.exp * 1000 };
  }

  async verify(token: string, now: number): Promise<Extract<Principal, { kind: 'token' }>> {
    let principal = this.cache.get(token);
    if (!principal) {
      const match = /^cct_([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)$/.exec(token);
      if (!match) throw problem('TOKEN_INVALID', '访问令牌格式不正确', 'Malformed token');
      const [, payload, signature] = match as unknown as [string, string, string];
      if (!timingSafeEqual(await this.sign(payload), signature)) {
        throw problem('TOKEN_INVALID', '访问令牌签名无效', 'Token signature does not verify');
      }
      let claims: Claims;
      try {
        claims = JSON.parse(new TextDecoder().decode(fromBase64Url(payload))) as Claims;
      } catch {
        throw problem('TOKEN_INVALID', '访问令牌内容无法解析', 'Token claims are unreadable');
      }
      principal = {
        kind: 'token',
        tokenId: claims.jti,
        appId: claims.app,
        department: claims.dept,
        operator: claims.op,
        matters: claims.mat,
        scopes: claims.scp,
        expiresAt: claims.exp * 1000,
      };
      if (this.cache.size > 10_000) this.cache.clear();
      this.cache.set(token, principal);
    }
    if (principal.expiresAt <= now)
      throw problem('TOKEN_EXPIRED', undefined, undefined, { headers: { 'www-authenticate': 'Bearer error="invalid_token"' } });
    return principal;
  }

  private async sign(payload: string): Promise<string> {
    return toBase64Url(await this.mac(utf8.encode(payload)));
  }
}
