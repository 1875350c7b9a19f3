import { type Check, type CheckContext, DEFAULT_DEFERRAL_WINDOW_HOURS, type Feedback, type Matter } from '@credit-check/sdk/contract';
import { canSeePii, type Principal } from '../auth/principal.ts';
import { problem } from '../problems.ts';
import type { PlatformContext } from './context.ts';
import { maskCheck } from './views.ts';

/**
 * Who may do what with which record (002 (十八): authorised callers only, least data returned). Apps
 * signing with their secret act for any department; a browser token only for the department,
 * operator and matters it was minted for.
 */
export function matterOf(ctx: PlatformContext, code: string): Matter {
  const matter = ctx.matters.get(code);
  if (!matter)
    throw problem('UNKNOWN_MATTER', `事项编码“${code}”不存在（见 GET /catalog/matters）`, `No matter "${code}" (see GET /catalog/matters)`);
  return matter;
}

export function allowMatter(principal: Principal, code: string): void {
  if (principal.kind === 'token' && !principal.matters.includes('*') && !principal.matters.includes(code)) {
    throw problem('SCOPE_MATTER', `访问令牌不适用于事项“${code}”`, `The token does not cover matter "${code}"`);
  }
}

export function allowContext(principal: Principal, context: { department: string; operator: string }): void {
  if (principal.kind !== 'token') return;
  if (context.department !== principal.department) {
    throw problem(
      'SCOPE_DEPARTMENT',
      `访问令牌属于“${principal.department}”，不能代表其他部门核查`,
      'The token belongs to another department',
    );
  }
  if (context.operator !== principal.operator) {
    throw problem('SCOPE_OPERATOR', '访问令牌属于其他经办人', 'The token was issued to another operator');
  }
}

/**
 * 先行受理，事后补查 (a 补查 carries `context.deferred`): a token needs the `checks:defer` scope its
 * backend grants per department policy, and the matter's catalogue policy must allow it — where a
 * binding 市场禁入 measure must be applied before acceptance it is `forbidden` for everyone.
 */
export function allowDeferral(principal: Principal, matter: Matter, context: CheckContext, now: number): void {
  const deferred = context.deferred;
  if (!deferred) return;
  if (principal.kind === 'token' && !principal.scopes.includes('checks:defer')) {
    throw problem('SCOPE_MISSING', '访问令牌没有先行受理、事后补查的权限（checks:defer）', 'The token lacks scope "checks:defer"');
  }
  if (matter.deferral === 'forbidden') {
    throw problem(
      'DEFERRAL_FORBIDDEN',
      `事项“${matter.name}”不允许先行受理，须核查完成后办理`,
      `Matter "${matter.code}" does not allow accepting before the check`,
    );
  }
  // A deferral is in the past: the window accepted, then the 补查 arrives (5 minutes of clock skew) —
  // but not long past: a 先行受理 older than the matter's 补查 window is no longer checked after
  // the fact; the application goes to a person (its file is then read by hand, not by this check).
  const hours = matter.deferralWindowHours ?? DEFAULT_DEFERRAL_WINDOW_HOURS;
  if (Date.parse(deferred.at) < now - hours * 3_600_000) {
    throw problem(
      'DEFERRAL_EXPIRED',
      `先行受理已超过${hours}小时的补查时限，平台不再事后补查：请对该申请进行人工核查，再按核查结果处理`,
      `The deferral (${deferred.at}) is older than the ${hours} hours the matter allows for its check: check the application by hand`,
      {
        errors: [
          {
            pointer: '/context/deferred/at',
            code: 'DEFERRAL_EXPIRED',
            message: { 'zh-CN': `先行受理时间早于${hours}小时前`, en: `The deferral is more than ${hours} hours old` },
          },
        ],
      },
    );
  }
  if (Date.parse(deferred.at) > now + 300_000) {
    throw problem('VALIDATION_FAILED', '先行受理时间不能晚于当前时间', 'context.deferred.at is in the future', {
      errors: [
        {
          pointer: '/context/deferred/at',
          code: 'IN_FUTURE',
          message: { 'zh-CN': '先行受理时间不能晚于当前时间', en: 'The deferral time is in the future' },
        },
      ],
    });
  }
}

export function allowRead(principal: Principal, check: Pick<Check, 'context'>): void {
  if (principal.kind === 'token' && check.context.department !== principal.department) {
    throw problem('SCOPE_DEPARTMENT', '不能查看其他部门的核查记录', "The token cannot read other departments' checks");
  }
}

/** A check as this caller may see it: personal data masked without `pii:read` (003 §四). */
export function presentCheck(check: Check, feedback: Feedback | null, principal: Principal): Check {
  // Checks stored before 分级分类 was computed carry no tier: null, never a made-up one.
  const full = { ...check, supervision: check.supervision ?? null, feedback };
  return canSeePii(principal) ? full : maskCheck(full);
}
