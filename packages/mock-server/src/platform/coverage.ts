import type { Coverage, CoverageQuery } from '@credit-check/sdk/contract';
import type { Principal } from '../auth/principal.ts';
import { summariseCoverage } from '../domain/coverage.ts';
import type { PlatformContext } from './context.ts';

/** GET /stats/coverage: 逢办必查 coverage; a token sees its own department only. */
export async function coverage(ctx: PlatformContext, principal: Principal, query: CoverageQuery): Promise<Coverage> {
  const department = principal.kind === 'token' ? principal.department : query.department;
  const rows = await ctx.store.coverage({ ...query, ...(department ? { department } : {}), appId: principal.appId });
  return {
    generatedAt: ctx.nowIso(),
    from: query.from ?? null,
    to: query.to ?? null,
    ...summariseCoverage(rows, (code) => ctx.matters.get(code)?.name ?? code),
  };
}
