import type { CommitmentRecord, FulfilmentRecord, ObjectionRecord } from '../../domain/records.ts';

/**
 * The commitments aggregate: 信用承诺 signed at the counter and their 履约 (003 §四), and the 异议
 * filed against list entries (001, 003 §五) — the records an applicant's later steps change.
 */
export interface CommitmentsStore {
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
  /** The objections against these entries, oldest first. */
  objectionsOf(entryIds: readonly string[]): Promise<ObjectionRecord[]>;
}
