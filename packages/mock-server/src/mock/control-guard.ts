import type { MiddlewareHandler } from 'hono';
import type { PlatformEnv } from '../http/env.ts';
import { problem } from '../problems.ts';

export interface ControlGuardOptions {
  /** Pages of these origins may use the controls, besides the server's own (e.g. the demo hall). */
  origins?: readonly string[];
  /**
   * Whether a request addressed to this host name may use the controls (the DNS-rebinding guard).
   * Absent where no network can be rebound (msw in process).
   */
  host?: (hostname: string) => boolean;
}

/**
 * Keeps web pages away from the mock's controls (`/__mock/*`: reset, faults, the clock). A page on
 * any site may send a "simple" cross-origin POST without a preflight, and a name it controls may
 * be re-pointed at 127.0.0.1 (DNS rebinding); either would let a page a developer visits reset the
 * sandbox. So: a request addressed to a host that is not this server's is refused, then one whose
 * `Origin` is neither the server's own nor a configured one. Requests without an Origin (curl,
 * scripts, tests, server-side code) pass: no browser page can send a cross-origin request without
 * one. This holds with or without an admin key; no CORS headers are ever sent here.
 */
export function controlGuard(options: ControlGuardOptions = {}): MiddlewareHandler<PlatformEnv> {
  const allowed = new Set(options.origins ?? []);
  return async (c, next) => {
    const url = new URL(c.req.url);
    if (options.host) {
      const hostname = url.hostname
        .replace(/^\[(.*)\]$/, '$1')
        .replace(/\.$/, '')
        .toLowerCase();
      if (!options.host(hostname)) {
        throw problem(
          'HOST_NOT_ALLOWED',
          `模拟平台控制接口不接受发往“${hostname}”的请求（可能是 DNS 重绑定）：请用 127.0.0.1 或 localhost 访问，或以 --allowed-hosts 放行该名称`,
          `The mock controls do not answer requests addressed to "${hostname}" (DNS rebinding?): use 127.0.0.1 or localhost, or allow the name with --allowed-hosts`,
        );
      }
    }
    const origin = c.req.header('origin');
    if (origin !== undefined && origin !== url.origin && !allowed.has(origin)) {
      throw problem(
        'ORIGIN_NOT_ALLOWED',
        '模拟平台控制接口不接受其他网页发起的请求：请在命令行或测试脚本中调用，或以 --control-origins 放行该页面的来源',
        `The mock controls refuse requests from other web pages (Origin ${origin.slice(0, 100)}): call them from a script, or allow the page's origin with --control-origins`,
      );
    }
    return next();
  };
}
