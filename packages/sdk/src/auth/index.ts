export { fromBase64Url, randomId, subtle, toBase64Url, toHex, utf8 } from './encoding.ts';
export {
  authorizationHeader,
  canonicalRequest,
  computeSignature,
  type ParsedSignature,
  parseSignatureHeader,
  SIGNATURE_SCHEME,
  SIGNATURE_WINDOW_MS,
  type SignatureParts,
  timingSafeEqual,
} from './signature.ts';
