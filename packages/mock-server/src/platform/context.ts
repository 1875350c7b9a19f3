import type { ListDefinition, Matter } from '@credit-check/sdk/contract';
import type { TokenAuthority } from '../auth/tokens.ts';
import type { Catalog, CommitmentRecord } from '../domain/records.ts';
import type { SubjectIndex } from '../seed/generate.ts';
import type { Store } from '../store/store.ts';
import type { PlatformObserver } from './options.ts';

/**
 * What every resource of the platform works over: the catalogue, the seeded subjects, the store,
 * the clock and the receipt key. The resources (`checks.ts`, `feedback.ts` …) are functions of it,
 * one file each, as stripe-node has one file per resource; `Platform` is the one implementation.
 */
export interface PlatformContext {
  readonly catalog: Catalog;
  readonly store: Store;
  readonly subjects: SubjectIndex;
  readonly tokenAuthority: TokenAuthority;
  readonly issuer: string;
  readonly matters: ReadonlyMap<string, Matter>;
  readonly lists: ReadonlyMap<string, ListDefinition>;
  /** Commitments of the seeded subjects by id (their fulfilments are laid over from the store). */
  readonly seededCommitments: ReadonlyMap<string, CommitmentRecord>;
  /** Milliseconds since the epoch, by the platform's business clock (moved by POST /__mock/clock). */
  now(): number;
  /** Milliseconds since the epoch, by the wall clock: signatures, tokens and idempotency never move with the mock's clock. */
  wallNow(): number;
  /** The current instant as ISO 8601, by the platform's clock. */
  nowIso(): string;
  /** Today's date (YYYY-MM-DD, UTC), by the platform's clock. */
  today(): string;
  /** Told of what the platform decides (metrics). */
  readonly observer?: PlatformObserver | undefined;
  /** Tells whoever listens (the webhook deliverer) that events were appended. */
  notify?(events: readonly import('../store/store.ts').EventRecord[]): void;
  /** The next 核查编号 (serials.ts). */
  nextSerial(): Promise<string>;
  /** Signs claims as a compact JWS with the platform's receipt key (`typ`: a receipt's unless given). */
  signReceipt(claims: object, typ?: string): Promise<string>;
  /** base64url SHA-256 of a text. */
  digest(text: string): Promise<string>;
}
