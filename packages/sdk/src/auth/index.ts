/**
 * Request signing shared by the client and the platform: canonical request, HMAC-SHA256 (and
 * HMAC-SM3 from the gm entry), the Authorization header, base64url helpers.
 *
 * @module @credit-check/sdk/auth
 */
export { fromBase64Url, randomId, subtle, toBase64Url, toHex, utf8 } from './encoding.ts';
export {
  authorizationHeader,
  canonicalRequest,
  computeSignature,
  HMAC_SHA256,
  type ParsedSignature,
  parseSignatureHeader,
  SIGNATURE_SCHEME,
  SIGNATURE_SCHEMES,
  SIGNATURE_WINDOW_MS,
  type SignatureAlgorithm,
  type SignatureParts,
  type SignatureSchemeName,
  timingSafeEqual,
} from './signature.ts';
export { WIDGET_TOKEN_PREFIX, widgetTokenKid, widgetTokenMac } from './widget-token.ts';
