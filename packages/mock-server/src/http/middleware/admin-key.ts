import { timingSafeEqual } from '@credit-check/sdk/auth';
import type { MiddlewareHandler } from 'hono';
import { problem } from '../../problems.ts';
import type { PlatformEnv } from '../env.ts';

/**
 * Guards the mock's controls (`/__mock/*`: reset, faults, the supervision happenings, the clock)
 * on a shared sandbox: with an admin key set, only `Authorization: Bearer <admin key>` may use
 * them — anyone else could wipe every team's data. Reading the scenario table stays open (it is
 * the sandbox guide's table, no one's data). Without a key the controls are open, as on a developer's
 * loopback sandbox; the Node server refuses a non-loopback address without one.
 */
export function adminKey(
  key: string | undefined,
  surface = { zh: '模拟平台控制接口', en: 'The mock controls' },
): MiddlewareHandler<PlatformEnv> {
  return async (c, next) => {
    if (!key || (c.req.method === 'GET' && c.req.path.endsWith('/scenarios'))) return next();
    const header = c.req.header('authorization') ?? '';
    const given = header.startsWith('Bearer ') ? header.slice(7).trim() : '';
    if (!given || !timingSafeEqual(given, key)) {
      throw problem(
        'UNAUTHENTICATED',
        `${surface.zh}需要管理员密钥（Authorization: Bearer <管理员密钥>）`,
        `${surface.en} need the admin key (Authorization: Bearer <admin key>)`,
        { headers: { 'www-authenticate': 'Bearer realm="credit-check-mock admin"' } },
      );
    }
    return next();
  };
}
