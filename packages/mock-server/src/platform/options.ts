import type { SignatureSchemeName } from '@credit-check/sdk/auth';
import type { Verdict } from '@credit-check/sdk/contract';
import type { Ed25519Signer } from '@credit-check/sdk/receipts';
import { APP_ROLES, type AppRole } from '../auth/principal.ts';
import type { NativeSm3 } from '../auth/signatures.ts';
import type { KeyedMac } from '../auth/tokens.ts';
import type { Store } from '../store/store.ts';
import type { DestinationPolicy } from './webhook-policy.ts';

export { APP_ROLES, type AppRole };

export interface App {
  appId: string;
  appSecret: string;
  /** The one request-signing scheme the platform accepts from this app (default `CC-HMAC-SHA256`). */
  scheme?: SignatureSchemeName;
  /** Default `['window']`: least privilege. The sandbox app (no `--apps`) holds both. */
  roles?: readonly AppRole[];
  /**
   * For an `authority`: the 认定部门 it speaks for, as the catalogue names them (`市场监督管理局`), or
   * `'*'` for the credit office, which speaks for every authority.
   */
  authorities?: readonly string[];
}

/**
 * `standard`: Ed25519 receipts, HMAC-SHA256 tokens. `gm` (国密, for 密评): SM2 receipts with SM3
 * subject digests, HMAC-SM3 tokens, the default sandbox app signing with CC-HMAC-SM3; with a
 * sealed store (see `store/sealing.ts`) personal data at rest is SM4-encrypted.
 */
export type CryptoSuite = 'standard' | 'gm';

/** What a platform seeds and signs with when not told: the generated world every default instance shares. */
export const SEED_DEFAULTS = { subjects: 1000, seed: 'credit-check', crypto: 'standard' } as const;

export interface PlatformOptions {
  /** Where checks, feedback, commitments and objections live (default: in memory). */
  store?: Store;
  /** Generated subjects on top of the scenario subjects (default 1000). */
  subjects?: number;
  /** PRNG seed for generated subjects (default `credit-check`). */
  seed?: string;
  /** The clock (default: real time). */
  now?: () => Date;
  /** Apps allowed to sign requests (default: the sandbox app, signing with SM3 under `crypto: 'gm'`). */
  apps?: App[];
  /** Which algorithms the platform signs with (default `standard`). */
  crypto?: CryptoSuite;
  /**
   * The platform's key for browser tokens, ≥ 32 bytes (`--token-key-file`; instances sharing one
   * platform share it). Default: a random key made once and kept in the store (sealed with a
   * sealed store), or per process with the in-memory store.
   */
  tokenKey?: Uint8Array;
  issuer?: string;
  /** The 核查编号's prefix, 1–8 capital letters (default `HC`, 核查). */
  serialPrefix?: string;
  /** How many days a 核查码 verifies (default 90). */
  verificationDays?: number;
  /** The platform's public origin, for the links a 结果单 prints (default: the request's origin). */
  publicUrl?: string;
  /** Native crypto for the hot path (the Node server passes node:crypto; default WebCrypto). */
  natives?: PlatformCrypto;
  /**
   * Where webhooks may go: the policy the deliverer applies at every connection (default: public
   * addresses only), and the check a subscription's URL passes when it is made. The Node server
   * gives both (`webhooks/destinations.ts`); msw and the browser never deliver, and keep URLs
   * unchecked.
   */
  webhookDestinations?: DestinationPolicy & { check?: (url: string) => Promise<void> };
  /** Told of what the platform decides (the Node server's metrics count checks by verdict). */
  observer?: PlatformObserver;
}

/** Hooks for whoever counts what the platform does; none may throw or wait. */
export interface PlatformObserver {
  /** A check (or a 补查: `deferred`) was decided and stored. */
  checked?(verdict: Verdict, deferred: boolean): void;
}

/** Synchronous (or async) primitives the check path needs; WebCrypto works everywhere, node:crypto is faster. */
export interface PlatformCrypto {
  sha256: (data: Uint8Array) => Uint8Array | Promise<Uint8Array>;
  /** Builds an Ed25519 signer from the receipt key (PKCS#8 DER). */
  ed25519: (pkcs8: Uint8Array) => Ed25519Signer;
  /** SM3 and HMAC-SM3 (node:crypto has both; SM2 signing is not GB/T 32918 there, so it is not asked for). */
  sm3?: NativeSm3;
  /** HMAC-SHA256 keyed once (browser tokens; default WebCrypto). */
  hmacSha256?: KeyedMac;
}

/** The app every sandbox starts with (a shared secret anyone may read: the sandbox is not production). */
export const SANDBOX_APP: App = {
  appId: 'sandbox-app',
  appSecret: 'sandbox-secret-change-me',
  // One app plays every part on a developer's sandbox: the window and the credit office.
  roles: APP_ROLES,
  authorities: ['*'],
};
