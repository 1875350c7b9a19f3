import type { TokenRequest, TokenResponse } from '@credit-check/sdk/contract';
import { DEFAULT_TOKEN_SCOPES } from '@credit-check/sdk/contract';
import type { Principal } from '../auth/principal.ts';
import { problem } from '../problems.ts';
import { matterOf } from './access.ts';
import type { PlatformContext } from './context.ts';

/** POST /tokens: a short-lived token scoped to one department, operator and matters — app callers only. */
export async function mintToken(ctx: PlatformContext, principal: Principal, request: TokenRequest): Promise<TokenResponse> {
  if (principal.kind !== 'app') throw problem('FORBIDDEN', '只有后端应用可以签发访问令牌', 'Only a signed app may mint tokens');
  for (const m of request.matters) if (m !== '*') matterOf(ctx, m);
  const scopes = request.scopes ?? DEFAULT_TOKEN_SCOPES;
  const { token, expiresAt } = await ctx.tokenAuthority.mint({
    appId: principal.appId,
    department: request.department,
    operator: request.operator,
    matters: request.matters,
    scopes,
    ttlSeconds: request.ttlSeconds ?? 900,
    now: ctx.wallNow(),
  });
  return {
    token,
    tokenType: 'Bearer',
    expiresAt: new Date(expiresAt).toISOString(),
    department: request.department,
    operator: request.operator,
    matters: request.matters,
    scopes,
  };
}
