import { fromBase64Url, toBase64Url } from '@credit-check/sdk/auth';
import type { Jwks } from '@credit-check/sdk/contract';
import type { ReceiptSigner } from '@credit-check/sdk/receipts';
import { type SigningKey, signingKey, sm2SigningKey } from '../auth/keys.ts';
import type { NativeSm3 } from '../auth/signatures.ts';
import type { KeyedMac } from '../auth/tokens.ts';
import type { Store } from '../store/store.ts';
import type { CryptoSuite, PlatformCrypto } from './options.ts';

/** Where the receipt keys live in the store's meta (`key:*` survives a reset; sealed in a sealed store). */
const ED25519_KEY = 'key:receipt';
const SM2_KEY = 'key:receipt:sm2';
/** The platform's browser-token key (base64url), made once per store. */
const TOKEN_KEY = 'key:token';

/** The receipt key in use, how it signs, and the public keys of an earlier suite still published. */
export interface ReceiptKeys {
  key: SigningKey;
  sign: ReceiptSigner;
  /** Public keys of an earlier suite kept in the store, still published so receipts they signed verify. */
  retired: Jwks['keys'];
}

/** The receipt key of this suite (made once per store), and the other suite's if the store has one. */
export async function receiptKeys(store: Store, suite: CryptoSuite, natives: PlatformCrypto | undefined): Promise<ReceiptKeys> {
  const [ed, sm2] = await Promise.all([store.getMeta(ED25519_KEY), store.getMeta(SM2_KEY)]);
  // Made once per store: instances starting together each offer one; the store keeps the first.
  if (suite === 'gm') {
    const key = await sm2SigningKey(sm2 ?? (await store.claimMeta(SM2_KEY, (await sm2SigningKey(undefined)).exported)));
    return { key, sign: key.sign, retired: ed ? [(await signingKey(ed)).publicJwk] : [] };
  }
  const key = await signingKey(ed ?? (await store.claimMeta(ED25519_KEY, (await signingKey(undefined)).exported)));
  const sign = natives ? natives.ed25519(fromBase64Url(key.exported)) : key.sign;
  return { key, sign, retired: sm2 ? [(await sm2SigningKey(sm2)).publicJwk] : [] };
}

/**
 * The platform's browser-token key: the one given (`--token-key-file`), else the store's, made on
 * first start (`key:*` is sealed in a sealed store). Never derived from an app's secret.
 */
export async function tokenKey(store: Store, given: Uint8Array | undefined): Promise<Uint8Array> {
  if (given) return given;
  const kept = await store.getMeta(TOKEN_KEY);
  if (kept) return fromBase64Url(kept);
  // The first instance's key is everyone's: a token minted by one verifies on all.
  return fromBase64Url(await store.claimMeta(TOKEN_KEY, toBase64Url(crypto.getRandomValues(new Uint8Array(32)))));
}

/** HMAC-SM3 for tokens under 国密. */
export function sm3Mac(sm3: NativeSm3 | undefined): { mac: KeyedMac } | undefined {
  return sm3 ? { mac: (key) => (data) => sm3.hmacSm3(key, data) } : undefined;
}
