import { computeSignature, parseSignatureHeader, SIGNATURE_WINDOW_MS, timingSafeEqual } from '@credit-check/sdk/auth';
import type { Endpoint } from '@credit-check/sdk/contract';
import type { MiddlewareHandler } from 'hono';
import { holdsRole, type Principal } from '../../auth/principal.ts';
import type { Platform } from '../../platform/platform.ts';
import { problem } from '../../problems.ts';
import { SIGNATURE_NONCE } from '../../store/meta.ts';
import type { PlatformEnv } from '../env.ts';

const CHALLENGE = {
  'www-authenticate': 'Bearer realm="credit-check", CC-HMAC-SHA256 realm="credit-check", CC-HMAC-SM3 realm="credit-check"',
};

/**
 * Who is calling (the route's endpoint says who may): sets `principal` for what follows — rate
 * limits, the handler — or refuses with 401/403. Reads the body `jsonBody` kept (the signature
 * covers it).
 */
export const authenticated =
  (platform: Platform, endpoint: Endpoint): MiddlewareHandler<PlatformEnv> =>
  async (c, next) => {
    c.set('principal', await authenticate(platform, endpoint, c.req.raw, c.get('text') ?? ''));
    await next();
  };

/**
 * Authenticates one request for one endpoint (002 (十八): authenticated, authorised callers only):
 * a signed server call (app id, timestamp within ±5 min, unused nonce, HMAC over method, path,
 * timestamp, nonce and body hash — with the one scheme set for the app, SHA-256 or SM3) or a
 * scoped browser token. Returns null for public endpoints.
 */
export async function authenticate(platform: Platform, endpoint: Endpoint, request: Request, body: string): Promise<Principal | null> {
  if (endpoint.callers.includes('public')) return null;
  const header = request.headers.get('authorization') ?? '';
  const now = platform.wallNow();
  if (header.startsWith('Bearer ')) {
    const principal = await platform.tokenAuthority.verify(header.slice(7).trim(), now);
    if (!endpoint.callers.includes('token')) {
      throw problem(
        'FORBIDDEN',
        '该接口仅供后端应用以签名方式调用，浏览器访问令牌无权访问',
        'This endpoint is server-to-server only: tokens may not call it',
      );
    }
    if (endpoint.scope && !principal.scopes.includes(endpoint.scope)) {
      throw problem('SCOPE_MISSING', `访问令牌缺少权限“${endpoint.scope}”`, `The token lacks scope "${endpoint.scope}"`);
    }
    return principal;
  }
  const parsed = parseSignatureHeader(header);
  if (!parsed) {
    throw problem(
      'UNAUTHENTICATED',
      '请使用应用签名（CC-HMAC-SHA256 或 CC-HMAC-SM3）或访问令牌（Bearer）',
      'Sign the request (CC-HMAC-SHA256 or CC-HMAC-SM3) or send a Bearer token',
      { headers: CHALLENGE },
    );
  }
  const app = platform.app(parsed.appId);
  if (!app) throw problem('SIGNATURE_INVALID', '应用标识不存在', 'Unknown app id', { headers: CHALLENGE });
  if (Math.abs(now - parsed.timestamp) > SIGNATURE_WINDOW_MS) {
    throw problem(
      'SIGNATURE_EXPIRED',
      '请求时间戳与平台时间相差超过5分钟，请校准服务器时钟',
      'The timestamp is more than 5 minutes off: check the server clock',
      { headers: CHALLENGE },
    );
  }
  if (parsed.timestamp < platform.noncesSince) {
    // This store forgets nonces with its process: a call signed before it started may have been
    // used already and cannot be told from a replay (no --data-dir).
    throw problem(
      'SIGNATURE_EXPIRED',
      '请求签名早于信用平台本次启动，无法确认未被使用过：请重新签名后再发送',
      'The request was signed before the platform started (it keeps no nonces across restarts without a data dir): sign it again',
      { headers: CHALLENGE },
    );
  }
  const algorithm = platform.signatureAlgorithm(app);
  if (parsed.scheme !== algorithm.name) {
    // One scheme per app: a platform set to SM3 for 密评 must not be downgraded to SHA-256.
    throw problem(
      'SIGNATURE_INVALID',
      `该应用须使用 ${algorithm.name} 签名，收到的是 ${parsed.scheme}`,
      `This app must sign with ${algorithm.name}, not ${parsed.scheme}`,
      { headers: CHALLENGE },
    );
  }
  const expected = await computeSignature(
    app.appSecret,
    { method: request.method, pathAndQuery: pathAndQuery(request.url), timestamp: parsed.timestamp, nonce: parsed.nonce, body },
    algorithm,
  );
  if (!timingSafeEqual(expected, parsed.signature)) {
    throw problem(
      'SIGNATURE_INVALID',
      '签名校验失败：请核对应用密钥与签名算法',
      'The signature does not verify: check the secret and the canonical request',
      { headers: CHALLENGE },
    );
  }
  // Only a verified signature may spend a nonce, so garbage cannot fill the nonce store.
  if (!(await platform.store.useNonce(`${SIGNATURE_NONCE}${app.appId}:${parsed.nonce}`, parsed.timestamp + 2 * SIGNATURE_WINDOW_MS))) {
    throw problem('NONCE_REUSED', undefined, undefined, { headers: CHALLENGE });
  }
  if (!endpoint.callers.includes('app')) throw problem('FORBIDDEN');
  const principal: Principal = {
    kind: 'app',
    appId: app.appId,
    roles: app.roles ?? ['window'],
    authorities: app.authorities ?? [],
  };
  if (endpoint.role && !holdsRole(principal, endpoint.role)) throw roleRequired(endpoint.role);
  return principal;
}

/** The app lacks the role the endpoint needs, in words that say who may call it. */
function roleRequired(role: 'window' | 'authority') {
  return role === 'authority'
    ? problem(
        'ROLE_REQUIRED',
        '该操作只能由名单的认定部门或信用办的应用进行（异议处理、履约认定），窗口和核查应用不能裁决',
        "Only a listing authority's or the credit office's app may do this (the app lacks the 'authority' role)",
      )
    : problem(
        'ROLE_REQUIRED',
        '该操作只能由窗口或核查应用进行（核查、反馈、签发访问令牌），该应用未获此角色',
        "Only a window or vendor app may do this (the app lacks the 'window' role)",
      );
}

/** `/api/v1/x?y` of an absolute URL, without building a URL object. */
export function pathAndQuery(url: string): string {
  const start = url.indexOf('/', url.indexOf('//') + 2);
  const hash = url.indexOf('#', start);
  return start < 0 ? '/' : hash < 0 ? url.slice(start) : url.slice(start, hash);
}
