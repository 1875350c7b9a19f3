import type { Check, Feedback } from '@credit-check/sdk/contract';
import type { CoverageRow } from '../domain/coverage.ts';
import type { CommitmentRecord, FulfilmentRecord, ObjectionRecord } from '../domain/records.ts';
import type { CaseFilter, SupervisionStore } from './supervision.ts';

/** A check as stored: the full, unmasked record (masking is per caller, on the way out). */
export interface StoredCheck {
  check: Omit<Check, 'feedback'>;
  subjectKey: string;
  /**
   * The app that made it: only that app and its tokens see it (a sandbox shared by several teams).
   * `''` for a check stored before checks carried their app — every app's, as they all were then.
   */
  appId: string;
}

/** A check made by `owner` is visible to `reader` (no reader: the platform itself; '' owner: stored before apps were recorded). */
export function visibleTo(owner: string, reader: string | undefined): boolean {
  return reader === undefined || owner === '' || owner === reader;
}

export interface IdempotentResponse {
  /** Hash of method, path and body: the same key with another request is refused. */
  requestHash: string;
  status: number;
  body: string;
  createdAt: number;
}

export type { CoverageRow };

export interface CoverageFilter {
  /** Inclusive ISO dates on `checkedAt`. */
  from?: string;
  to?: string;
  department?: string;
  /** Only this app's checks (and those stored before checks carried their app). */
  appId?: string;
}

/**
 * What the platform remembers, behind one contract for every engine: in memory, node:sqlite
 * (`--data-dir`) and PostgreSQL (`--store postgres://…`, many instances over one database).
 * Asynchronous because a database across the network is; the embedded stores answer at once.
 * Anything several processes or instances could race on is decided by the store in one step
 * (a nonce claim, a first feedback, the first meta value, a rate-limit token), never read-then-write.
 */
export interface Store extends SupervisionStore {
  /** Which engine: shown by the CLI and `/healthz`. */
  readonly kind: 'memory' | 'sqlite' | 'postgres';

  putCheck(record: StoredCheck): Promise<void>;
  getCheck(checkId: string): Promise<StoredCheck | undefined>;
  checkStats(subjectKey: string): Promise<{ total: number; lastAt: string | null }>;

  /** Records feedback unless the check already has some; returns what is stored. */
  putFeedback(feedback: Feedback): Promise<Feedback>;
  getFeedback(checkId: string): Promise<Feedback | undefined>;
  /** Feedback with its check (联合奖惩案例 from the counter), filtered on the feedback's date and the check's department. */
  feedbackCases(filter: CaseFilter, appId?: string): Promise<{ feedback: Feedback; check: StoredCheck }[]>;

  putCommitment(record: CommitmentRecord): Promise<void>;
  /** Every signed commitment (the sweep looks for due ones). */
  allCommitments(): Promise<CommitmentRecord[]>;
  getCommitment(commitmentId: string): Promise<CommitmentRecord | undefined>;
  commitmentsOf(subjectKey: string): Promise<CommitmentRecord[]>;
  /** Fulfilment of a seeded commitment (signed ones are updated through putCommitment). */
  putFulfilment(commitmentId: string, fulfilment: FulfilmentRecord): Promise<void>;
  getFulfilment(commitmentId: string): Promise<FulfilmentRecord | undefined>;

  putObjection(record: ObjectionRecord): Promise<void>;
  getObjection(objectionId: string): Promise<ObjectionRecord | undefined>;
  objectionsOf(entryIds: readonly string[]): Promise<ObjectionRecord[]>;

  /** A stored outcome created at or after `notBefore` (ms); older ones have expired. */
  getIdempotent(key: string, notBefore: number): Promise<IdempotentResponse | undefined>;
  /** Stores an outcome and forgets those created before `notBefore`. */
  putIdempotent(key: string, response: IdempotentResponse, notBefore: number): Promise<void>;

  /**
   * Remembers a signature nonce; false if it was already used (a replay). Atomic across processes
   * and instances sharing the store: of two claims of the same key exactly one is true.
   */
  useNonce(key: string, expiresAt: number): Promise<boolean>;
  /**
   * Whether used nonces outlive the process (a file or a database). Where they do not (memory), the
   * platform refuses calls signed before it started — else a request captured before a restart
   * could be replayed after it.
   */
  readonly keepsNonces: boolean;
  /** Forgets a nonce before it expires (an in-flight claim, e.g. an Idempotency-Key, being released). */
  releaseNonce(key: string): Promise<void>;

  /**
   * Takes one token from `bucket` (refilled at `perSecond`, holding at most `burst`), in one step
   * the store decides — so every process and instance draws on the same bucket. Returns whether it
   * was granted and the tokens left.
   */
  takeToken(bucket: string, perSecond: number, burst: number, now: number): Promise<{ granted: boolean; tokens: number }>;

  coverage(filter: CoverageFilter): Promise<CoverageRow[]>;

  /** Small settings that must survive restarts (the receipt signing key, seeding marks). */
  getMeta(key: string): Promise<string | undefined>;
  putMeta(key: string, value: string): Promise<void>;
  /** Stores `value` unless `key` has one; returns the value kept (the first writer's, across instances). */
  claimMeta(key: string, value: string): Promise<string>;

  /**
   * Runs `fn` unless another process or instance runs the same `name` now (a scheduled sweep runs
   * once however many instances there are); resolves with its result, or undefined when skipped.
   */
  exclusive<T>(name: string, fn: () => Promise<T>): Promise<T | undefined>;

  /** Resolves when the store answers (`/healthz`); rejects with `StoreUnavailable` when it does not. */
  ping(): Promise<void>;

  /**
   * Forgets everything but `key:*` meta — receipts already issued stay verifiable (POST /__mock/reset)
   * — and the nonces: a reset must not make a captured request replayable.
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
