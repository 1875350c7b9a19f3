import type { Severity } from '@credit-check/sdk/contract';

/**
 * Publication periods of 《信用修复管理办法》 (in force 2026-04-01; domain.md "Publication
 * periods"): 轻微 — normally not published, at most 3 months; 一般 — 3 months to 1 year;
 * 严重 — 1 to 3 years; counted from the decision date.
 */
export const PUBLICATION_MONTHS: Record<Severity, { min: number; max: number }> = {
  minor: { min: 0, max: 3 },
  general: { min: 3, max: 12 },
  serious: { min: 12, max: 36 },
};

/** Adds whole months to an ISO date, clamping to the month's last day (2024-01-31 + 1 → 2024-02-29). */
export function addMonths(isoDate: string, months: number): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, lastDay));
  return target.toISOString().slice(0, 10);
}

/**
 * The end of the publication period for an entry decided on `decidedAt`: the period the
 * authority asked for, kept within the band its severity allows (the maximum when unspecified).
 */
export function publicationEnd(decidedAt: string, severity: Severity, requestedMonths?: number): string {
  const band = PUBLICATION_MONTHS[severity];
  const months = requestedMonths === undefined ? band.max : Math.min(band.max, Math.max(band.min, requestedMonths));
  return addMonths(decidedAt, months);
}

/** True once the publication period is over (the end date itself is the last day shown). */
export function publicationOver(publicationEndsAt: string, today: string): boolean {
  return today > publicationEndsAt;
}
