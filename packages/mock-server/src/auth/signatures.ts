import { HMAC_SHA256, type SignatureAlgorithm, type SignatureSchemeName } from '@credit-check/sdk/auth';
import type { Sm3Primitives } from '@credit-check/sdk/gm';

/** SM3 from the runtime (node:crypto in the Node server): the same bytes as sm-crypto-v2, faster. */
export type NativeSm3 = Sm3Primitives;

/** An HMAC over bytes (browser tokens, blind indexes): SHA-256, or SM3 under 国密. */
export type Mac = (key: string, data: Uint8Array) => Uint8Array | Promise<Uint8Array>;

/**
 * The request-signing schemes the platform verifies, by name. `CC-HMAC-SM3` uses node:crypto's
 * SM3 where the runtime has it and the SDK's `gm` entry (sm-crypto-v2) elsewhere (msw, browsers);
 * that entry is loaded only when some app signs with SM3.
 */
export async function signatureAlgorithms(
  needed: readonly SignatureSchemeName[],
  native?: NativeSm3,
): Promise<ReadonlyMap<SignatureSchemeName, SignatureAlgorithm>> {
  const algorithms = new Map<SignatureSchemeName, SignatureAlgorithm>([['CC-HMAC-SHA256', HMAC_SHA256]]);
  if (needed.includes('CC-HMAC-SM3')) {
    const gm = await import('@credit-check/sdk/gm');
    algorithms.set('CC-HMAC-SM3', native ? gm.hmacSm3Scheme(native) : gm.HMAC_SM3);
  }
  return algorithms;
}

/** SM3 and HMAC-SM3: the runtime's when given, else the SDK's `gm` entry (loaded on first use). */
export async function sm3Primitives(native?: NativeSm3): Promise<NativeSm3> {
  if (native) return native;
  const gm = await import('@credit-check/sdk/gm');
  return { sm3: gm.sm3, hmacSm3: gm.hmacSm3 };
}
