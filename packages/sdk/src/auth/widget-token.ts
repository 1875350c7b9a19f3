import { toBase64Url, utf8 } from './encoding.ts';
import type { SignatureAlgorithm } from './signature.ts';

/**
 * Widget tokens a host backend signs itself, offline, with its app credentials — as Twilio or
 * Stream access tokens are made — so a counter gets its token even when the platform is down as the
 * day begins. `cca_<base64url JSON claims>.<base64url MAC>`: the MAC is the app's own request
 * scheme (HMAC-SHA256, or HMAC-SM3 under 国密) under its secret, over a domain-separated input so
 * that no request signature can pass for a token or the reverse. The platform knows the secret and
 * verifies it; `kid` names the secret in use, so rotating the secret revokes every token signed
 * with the old one. Knowing your own secret lets you sign tokens for your own app only.
 */
export const WIDGET_TOKEN_PREFIX = 'cca_';
const MAC_INPUT = 'CC-WIDGET-TOKEN\n';
const KID_INPUT = 'CC-WIDGET-TOKEN-KID';

/** Names the secret a token was signed with (12 bytes of a MAC of a constant, base64url). */
export async function widgetTokenKid(secret: string, algorithm: SignatureAlgorithm): Promise<string> {
  return toBase64Url((await algorithm.mac(secret, utf8.encode(KID_INPUT))).subarray(0, 12));
}

/** The MAC of a token's payload (its base64url claims). */
export async function widgetTokenMac(secret: string, payload: string, algorithm: SignatureAlgorithm): Promise<string> {
  return toBase64Url(await algorithm.mac(secret, utf8.encode(MAC_INPUT + payload)));
}
