/**
 * 国密 (GM/T) for backends: `CC-HMAC-SM3` request signing, SM2 receipts (GB/T 32918) and SM3.
 * A separate entry so browser bundles that never sign or verify stay as they are.
 *
 *   import { HMAC_SM3 } from '@credit-check/sdk/gm';
 *   const client = createClient({ baseUrl, appId, appSecret, signature: HMAC_SM3 });
 *
 * `verifyReceipt` (main entry) verifies SM2 receipts itself; the functions here are for
 * platforms and tests that sign.
 *
 * @module @credit-check/sdk/gm
 */
export { type Sm2Rejection, sm3SubjectDigest, verifySm2Jws } from './receipts.ts';
export { HMAC_SM3, hmacSm3Scheme, type Sm3Primitives } from './signing.ts';
export {
  generateSm2KeyPair,
  SM2_ALG,
  SM2_DEFAULT_USER_ID,
  type Sm2KeyPair,
  sm2Jwk,
  sm2PublicKeyFromJwk,
  sm2PublicKeyOf,
  sm2Sign,
  sm2Signer,
  sm2Verify,
} from './sm2.ts';
export { fromHex, hmacSm3, sm3, sm3HexOf } from './sm3.ts';
