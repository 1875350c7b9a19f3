import type { Check } from '@credit-check/sdk/contract';
import type { CoverageRow } from '../../domain/coverage.ts';

export type { CoverageRow };

/** A check as stored: the full, unmasked record (masking is per caller, on the way out). */
export interface StoredCheck {
  check: Omit<Check, 'feedback'>;
  subjectKey: string;
  /** The app that made it: only that app and its tokens see it (a sandbox shared by several teams). */
  appId: string;
}

/** A check made by `owner` is visible to `reader` (no reader: the platform itself). */
export function visibleTo(owner: string, reader: string | undefined): boolean {
  return reader === undefined || owner === reader;
}

export interface CoverageFilter {
  /** Inclusive ISO dates on `checkedAt`. */
  from?: string;
  to?: string;
  department?: string;
  /** Only this app's checks. */
  appId?: string;
}

/** Who checked a subject: the latest check per app, department and matter (定向推送 routes by it). */
export interface CheckerRecord {
  appId: string;
  department: string;
  matter: string;
  checkedAt: string;
  /** That latest check, and its 核查编号 (null on checks made before they were issued). */
  checkId: string;
  serial: string | null;
}

/**
 * The checks aggregate: every check made (逢办必查), its counts per subject, who checked a subject
 * (the routing of 定向推送, 003 §六) and the coverage an operator reports (with the feedback table:
 * which checks have their 反馈).
 */
export interface ChecksStore {
  putCheck(record: StoredCheck): Promise<void>;
  getCheck(checkId: string): Promise<StoredCheck | undefined>;
  /** The check with this 核查编号. */
  getCheckBySerial(serial: string): Promise<StoredCheck | undefined>;
  /**
   * Reserves the next `count` numbers of a sequence (a 核查编号's prefix and day) in one step the
   * store decides — across every process and instance — and returns the last of them.
   */
  reserveSerials(scope: string, count: number): Promise<number>;
  checkStats(subjectKey: string): Promise<{ total: number; lastAt: string | null }>;
  /** Departments that checked the subject since `sinceIso`: the latest check per app, department and matter. */
  checkersOf(subjectKey: string, sinceIso: string): Promise<CheckerRecord[]>;
  coverage(filter: CoverageFilter): Promise<CoverageRow[]>;
}
