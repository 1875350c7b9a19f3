/**
 * A 核查码 as stored: only the hash of the code (a copy of the database verifies nothing), the
 * check it speaks for, and whether it still does.
 */
export interface VerificationRecord {
  /** SHA-256 (hex) of the normalised code. */
  codeHash: string;
  checkId: string;
  /** The app whose check it is. */
  appId: string;
  issuedAt: string;
  expiresAt: string;
  /** `expired` is not stored: it is `valid` past `expiresAt`. */
  status: 'valid' | 'superseded' | 'withdrawn';
  endedAt: string | null;
}

/**
 * The verifications aggregate: the 核查码 of checks whose 结果单 was printed (issue 41). A check has
 * at most one code that verifies: issuing a new one supersedes the earlier in the same step.
 */
export interface VerificationsStore {
  /** Stores a new valid code; the check's codes still valid become `superseded` (ended at its `issuedAt`). */
  issueVerification(record: VerificationRecord): Promise<void>;
  getVerification(codeHash: string): Promise<VerificationRecord | undefined>;
  /** The check's valid codes become `withdrawn`; returns how many. */
  withdrawVerifications(checkId: string, at: string): Promise<number>;
}
