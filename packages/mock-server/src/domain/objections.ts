import type { ObjectionRecord } from './records.ts';

/**
 * 异议 (001 (十六); 002 (十九); 004 32): a subject may object to an entry; one objection at a time,
 * and none once an objection was upheld (the entry is revoked). Returns the refusal's code, or
 * undefined when a new objection may be filed.
 */
export function objectionRefusal(previous: readonly ObjectionRecord[]): 'OBJECTION_PENDING' | 'ENTRY_REVOKED' | undefined {
  if (previous.some((o) => o.status === 'pending')) return 'OBJECTION_PENDING';
  if (previous.some((o) => o.status === 'upheld')) return 'ENTRY_REVOKED';
  return undefined;
}

/**
 * The listing authority decides once: `upheld` revokes the entry (the wrongly listed subject is
 * restored), `rejected` keeps it. A decided objection cannot be decided again (undefined).
 */
export function decideObjection(
  record: ObjectionRecord,
  outcome: 'upheld' | 'rejected',
  note: string,
  at: string,
): ObjectionRecord | undefined {
  if (record.status !== 'pending') return undefined;
  return { ...record, status: outcome, decidedAt: at, decisionNote: note };
}
