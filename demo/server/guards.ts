import type { Context, MiddlewareHandler } from 'hono';
import { csrf } from 'hono/csrf';
import { HTTPException } from 'hono/http-exception';

/**
 * The two guards every state-changing route of a host backend needs before anything else — copy
 * them with the backend. Without them any web page a clerk visits could act with this backend's
 * app credentials (the platform sees a signed call from the backend, not the page).
 */
export interface GuardOptions {
  /**
   * The host names this backend answers to (`Host`): its own address and the names it is published
   * under. `'any'` only where no network can be rebound (the all-in-browser sandbox, whose backend
   * runs in the page itself).
   */
  hosts: readonly string[] | 'any';
  /** Refuse requests other sites' pages send (CSRF). Off only in the all-in-browser sandbox: see `sandbox.ts`. */
  sameOrigin: boolean;
}

/** Where the staff's words for a refused request come from: the backend answers JSON its pages show. */
type Refuse = (c: Context, code: string, message: string) => Response;

/**
 * DNS rebinding: a page on `evil.example` re-points its own name at this server's address, and its
 * requests are then same-origin to the browser — Origin checks pass, the page reads the answers (a
 * widget token, for one). The Host header still says `evil.example`: answer only the names this
 * backend is published under (as the mock platform's controls do).
 */
export function hostGuard(hosts: GuardOptions['hosts'], refuse: Refuse): MiddlewareHandler {
  const names = hosts === 'any' ? undefined : new Set(hosts.map(normal));
  return async (c, next) => {
    if (names && !names.has(normal(new URL(c.req.url).hostname))) {
      return refuse(c, 'HOST_NOT_ALLOWED', '本系统不接受发往其他域名的请求，请使用系统的正式地址访问');
    }
    return next();
  };
}

/**
 * CSRF: a form on any site may POST here (urlencoded, multipart or text/plain need no preflight)
 * and the browser sends it. Hono's `csrf()` lets such a request through only when the browser says
 * it came from this origin — `Sec-Fetch-Site: same-origin` or a matching `Origin` — which every
 * browser this backend's pages run in sends on a POST. JSON bodies need a CORS preflight this
 * backend never grants, so only the "simple" content types are checked; a POST with no body counts
 * as one (the session route).
 */
export function sameOriginGuard(refuse: Refuse): MiddlewareHandler {
  const guard = csrf();
  return async (c, next) => {
    try {
      return await guard(c, next);
    } catch (error) {
      if (error instanceof HTTPException && error.status === 403) {
        return refuse(c, 'CROSS_SITE', '拒绝来自其他网站的请求：请在本系统的页面中办理');
      }
      throw error;
    }
  };
}

const normal = (name: string) =>
  name
    .trim()
    .replace(/^\[(.*)\]$/, '$1')
    .replace(/\.$/, '')
    .toLowerCase();
