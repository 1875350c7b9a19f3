import { fromBase64Url } from '../auth/encoding.ts';
import { TokenClaims } from '../contract/tokens.ts';

/**
 * The claims a browser token carries (`cct_<base64url JSON>.<signature>`, `cca_…` when the backend
 * signed it offline), decoded but not
 * verified — the platform verifies every call. For defaults and for what to offer (the widget takes
 * `department`/`operator` from them and offers 先行受理 only with `checks:defer`). Undefined for a
 * token of another shape (a real platform's own format): callers then rely on explicit settings.
 */
export function tokenClaims(token: string | undefined): TokenClaims | undefined {
  const match = /^cc[ta]_([A-Za-z0-9_-]+)\./.exec(token ?? '');
  if (!match?.[1]) return undefined;
  try {
    const parsed = TokenClaims.safeParse(JSON.parse(new TextDecoder().decode(fromBase64Url(match[1]))));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
