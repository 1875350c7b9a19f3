import { toHex } from '../auth/encoding.ts';
import type { SignatureAlgorithm } from '../auth/signature.ts';
import { hmacSm3, sm3 } from './sm3.ts';

/** SM3 and HMAC-SM3 over bytes: sm-crypto-v2's here, or a runtime's own (the Node platform uses node:crypto). */
export interface Sm3Primitives {
  sm3: (data: Uint8Array) => Uint8Array;
  hmacSm3: (key: Uint8Array | string, data: Uint8Array) => Uint8Array;
}

/** `CC-HMAC-SM3` over given SM3 primitives: the one definition of the scheme, whoever computes SM3. */
export function hmacSm3Scheme(primitives: Sm3Primitives): SignatureAlgorithm {
  return {
    name: 'CC-HMAC-SM3',
    digestHex: (data) => toHex(primitives.sm3(data)),
    mac: (secret, data) => primitives.hmacSm3(secret, data),
  };
}

/**
 * `CC-HMAC-SM3`: the canonical request of `CC-HMAC-SHA256` with SM3 for the body digest and the
 * HMAC (002 (十八); 密评 integrity and authentication with approved algorithms). Pass it to the
 * client (`createClient({ …, signature: HMAC_SM3 })`) when the platform set the app to SM3.
 */
export const HMAC_SM3: SignatureAlgorithm = hmacSm3Scheme({ sm3, hmacSm3 });
