import type { ChecksStore } from './checks/contract.ts';
import type { CommitmentsStore } from './commitments/contract.ts';
import type { EventsStore } from './events/contract.ts';
import type { FeedbackStore } from './feedback/contract.ts';
import type { GuardsStore } from './guards/contract.ts';
import type { OutboxStore } from './outbox/contract.ts';
import type { OverlayStore } from './overlay/contract.ts';
import type { VerificationsStore } from './verifications/contract.ts';

export type { CheckerRecord, CoverageFilter, CoverageRow, StoredCheck } from './checks/contract.ts';
export { visibleTo } from './checks/contract.ts';
export type { EventRecord, FeedQuery, FeedRecord, NewEvent, Recipient } from './events/contract.ts';
export type { CaseFilter } from './feedback/contract.ts';
export type { IdempotentResponse } from './guards/contract.ts';
export type { DeliveryLease, DeliveryRecord, SubscriptionRecord } from './outbox/contract.ts';
export { chainOf } from './outbox/contract.ts';
export type { StoredEntry } from './overlay/contract.ts';
export type { VerificationRecord } from './verifications/contract.ts';

/**
 * What the platform remembers, one aggregate per folder — `checks`, `feedback`, `commitments`
 * (with fulfilments and objections), `overlay` (entries, grades), `events` (events, feed, acks),
 * `outbox` (subscriptions, deliveries), `guards` (idempotency, nonces, rate buckets, meta),
 * `verifications` (核查码) — each
 * with its contract, its in-memory implementation (msw, the browser, the default sandbox) and one
 * SQL implementation that runs on SQLite (`--data-dir`) and PostgreSQL (`--store postgres://…`)
 * alike (`engines/`). Asynchronous because a database across the network is.
 */
export interface Store
  extends ChecksStore,
    FeedbackStore,
    CommitmentsStore,
    OverlayStore,
    EventsStore,
    OutboxStore,
    GuardsStore,
    VerificationsStore {
  /** Which engine: shown by the CLI and `/healthz`. */
  readonly kind: 'memory' | 'sqlite' | 'postgres';

  /** Resolves when the store answers (`/readyz`); rejects with `StoreUnavailable` when it does not. */
  ping(): Promise<void>;
  /**
   * Forgets everything but `key:*` meta — receipts already issued stay verifiable (POST /__mock/reset)
   * — and the signature nonces: a reset must not make a captured request replayable.
   */
  clear(): Promise<void>;
  close(): Promise<void>;
  /**
   * Resolves once every write made so far is durable. In SQLite the writes of one turn of the
   * event loop share one transaction (group commit, committed right after it); the HTTP edge awaits
   * this before it answers, so anything acknowledged survives `kill -9`. Immediate where every write
   * is durable once its promise resolves (memory, PostgreSQL).
   */
  durable(): Promise<void>;
  /** Commits what is pending now (startup, shutdown). */
  flush(): Promise<void>;
  /** Runs `fn` once the writes made so far are committed (another process may read them then). */
  afterCommit(fn: () => void): void;
}
