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
 * What the platform remembers. Synchronous on purpose: the in-memory store and node:sqlite are
 * both synchronous, and a write that returned is durable (with --data-dir) before the response.
 */
export interface Store extends SupervisionStore {
  putCheck(record: StoredCheck): void;
  getCheck(checkId: string): StoredCheck | undefined;
  checkStats(subjectKey: string): { total: number; lastAt: string | null };

  /** Records feedback unless the check already has some; returns what is stored. */
  putFeedback(feedback: Feedback): Feedback;
  getFeedback(checkId: string): Feedback | undefined;
  /** Feedback with its check (联合奖惩案例 from the counter), filtered on the feedback's date and the check's department. */
  feedbackCases(filter: CaseFilter, appId?: string): { feedback: Feedback; check: StoredCheck }[];

  putCommitment(record: CommitmentRecord): void;
  /** Every signed commitment (the sweep looks for due ones). */
  allCommitments(): CommitmentRecord[];
  getCommitment(commitmentId: string): CommitmentRecord | undefined;
  commitmentsOf(subjectKey: string): CommitmentRecord[];
  /** Fulfilment of a seeded commitment (signed ones are updated through putCommitment). */
  putFulfilment(commitmentId: string, fulfilment: FulfilmentRecord): void;
  getFulfilment(commitmentId: string): FulfilmentRecord | undefined;

  putObjection(record: ObjectionRecord): void;
  getObjection(objectionId: string): ObjectionRecord | undefined;
  objectionsOf(entryIds: readonly string[]): ObjectionRecord[];

  /** A stored outcome created at or after `notBefore` (ms); older ones have expired. */
  getIdempotent(key: string, notBefore: number): IdempotentResponse | undefined;
  /** Stores an outcome and forgets those created before `notBefore`. */
  putIdempotent(key: string, response: IdempotentResponse, notBefore: number): void;

  /**
   * Remembers a signature nonce; false if it was already used (a replay). Atomic across processes
   * sharing the store (`--workers`): of two claims of the same key exactly one is true.
   */
  useNonce(key: string, expiresAt: number): boolean;
  /** Forgets a nonce before it expires (an in-flight claim, e.g. an Idempotency-Key, being released). */
  releaseNonce(key: string): void;

  coverage(filter: CoverageFilter): CoverageRow[];

  /** Small settings that must survive restarts (the receipt signing key, seeding marks). */
  getMeta(key: string): string | undefined;
  putMeta(key: string, value: string): void;

  /** Forgets everything but `key:*` meta — receipts already issued stay verifiable (POST /__mock/reset). */
  clear(): void;
  close(): void;

  /**
   * Resolves once every write made so far is durable. Writes in one turn of the event loop share one
   * transaction (group commit, committed right after it); the HTTP edge awaits this before it answers,
   * so anything acknowledged survives `kill -9`. Immediate where every write is durable at once.
   */
  durable(): Promise<void>;
  /** Commits what is pending now (startup, shutdown). */
  flush(): void;
  /** Runs `fn` once the writes made so far are committed (another process may read them then). */
  afterCommit(fn: () => void): void;
}
