import type { MiddlewareHandler } from 'hono';
import type { Store } from '../../store/store.ts';
import type { PlatformEnv } from '../env.ts';
import { storeUnavailable } from '../store-unavailable.ts';
import { problemResponse } from '../validate.ts';

/**
 * No answer before its writes are durable: the store commits the writes of a turn together (group
 * commit) and every response waits for that commit; one that fails is a 503 the caller may retry.
 */
export const durable =
  (store: Pick<Store, 'durable'>, onUnavailable?: () => void): MiddlewareHandler<PlatformEnv> =>
  async (c, next) => {
    await next();
    try {
      await store.durable();
    } catch {
      onUnavailable?.();
      c.res = problemResponse(c, storeUnavailable('数据未能保存，请稍后重试', 'The write could not be committed; retry'));
    }
  };
