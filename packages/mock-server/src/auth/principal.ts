import type { TokenScope } from '@credit-check/sdk/contract';

/**
 * What an app may change on the shared record (001 (十六); 002 (十九); 003 §五; 004 32): a `window`
 * (a hall or a vendor's system) checks, records its response, files objections and signs
 * commitments; an `authority` (a 认定部门, or the credit office 信用办) decides objections and records
 * fulfilment for its own records. An app may hold both.
 */
export type AppRole = 'window' | 'authority';
export const APP_ROLES: readonly AppRole[] = ['window', 'authority'];

/**
 * Who is calling: a host backend with the app secret, or a browser widget with a scoped token. An
 * authenticated app carries its roles and authorities; a principal without them is the platform
 * itself acting in process (the mock's controls, tests), which may do everything.
 */
export type Principal =
  | { kind: 'app'; appId: string; roles?: readonly AppRole[]; authorities?: readonly string[] }
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

/** Does this caller hold `role`? A token acts for a window (only a window app mints one). */
export function holdsRole(principal: Principal, role: AppRole): boolean {
  if (principal.kind === 'token') return role === 'window';
  return principal.roles === undefined || principal.roles.includes(role);
}

/** May this caller rule on records of the 认定部门 (or department) `authority`? */
export function speaksFor(principal: Principal, authority: string): boolean {
  if (principal.kind === 'token') return false;
  if (principal.roles === undefined) return true;
  if (!principal.roles.includes('authority')) return false;
  return (principal.authorities ?? []).some((a) => a === '*' || a === authority);
}

/** A stable string for scoping idempotency keys and nonces to one caller. */
export function principalKey(principal: Principal): string {
  return principal.kind === 'app' ? `app:${principal.appId}` : `token:${principal.appId}:${principal.tokenId}`;
}
