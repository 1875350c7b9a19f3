import type { CommitmentStatus } from '@credit-check/sdk/contract';

/** The longest 容缺受理 promise the platform accepts, in days from today. */
export const TOLERANCE_MAX_DAYS = 180;

/**
 * 容缺受理 (001 (一)2; 004 1–3): accepted first, the missing materials promised by a deadline. The
 * deadline must be after today and within TOLERANCE_MAX_DAYS. Returns the latest allowed date when
 * the deadline is out of the window, undefined when it is fine.
 */
export function toleranceDeadlineProblem(deadline: string, today: string): { latest: string } | undefined {
  const latest = new Date(Date.parse(`${today}T00:00:00Z`) + TOLERANCE_MAX_DAYS * 86_400_000).toISOString().slice(0, 10);
  return deadline <= today || deadline > latest ? { latest } : undefined;
}

/**
 * A commitment still in force past its deadline is overdue (违诺 pending: 000 一(一); 004 1–3): the
 * window sees it before the platform records the violation.
 */
export function isOverdue(status: CommitmentStatus, deadline: string | null, today: string): boolean {
  return status === 'in-force' && deadline !== null && deadline < today;
}
