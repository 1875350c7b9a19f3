import type { TokenScope } from '@credit-check/sdk/contract';

/** Who is calling: a host backend with the app secret, or a browser widget with a scoped token. */
export type Principal =
  | { kind: 'app'; appId: string }
  | {
      kind: 'token';
      tokenId: string;
      appId: string;
      department: string;
      operator: string;
      matters: string[];
      scopes: TokenScope[];
      expiresAt: number;
    };

/** Apps see personal identifiers (they hold them already); tokens only with `pii:read`. */
export function canSeePii(principal: Principal): boolean {
  return principal.kind === 'app' || principal.scopes.includes('pii:read');
}

/** A stable string for scoping idempotency keys and nonces to one caller. */
export function principalKey(principal: Principal): string {
  return principal.kind === 'app' ? `app:${principal.appId}` : `token:${principal.appId}:${principal.tokenId}`;
}
