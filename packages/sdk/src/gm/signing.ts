import type { SignatureAlgorithm } from '../auth/signature.ts';
import { hmacSm3, sm3HexOf } from './sm3.ts';

/**
 * `CC-HMAC-SM3`: the canonical request of `CC-HMAC-SHA256` with SM3 for the body digest and the
 * HMAC (002 (十八); 密评 integrity and authentication with approved algorithms). Pass it to the
 * client (`createClient({ …, signature: HMAC_SM3 })`) when the platform set the app to SM3.
 */
export const HMAC_SM3: SignatureAlgorithm = {
  name: 'CC-HMAC-SM3',
  digestHex: (data) => sm3HexOf(data),
  mac: (secret, data) => hmacSm3(secret, data),
};
