import { describe, expect, it } from 'vitest';
import { addMonths, publicationEnd, publicationOver } from './publication.ts';

// domain.md "Publication periods" (《信用修复管理办法》): 轻微 ≤ 3 months; 一般 3–12 months;
// 严重 1–3 years; counted from the decision date.
describe('publication periods', () => {
  it('keeps a requested period inside the band of its severity', () => {
    expect(publicationEnd('2026-01-15', 'minor', 6)).toBe('2026-04-15');
    expect(publicationEnd('2026-01-15', 'general', 1)).toBe('2026-04-15');
    expect(publicationEnd('2026-01-15', 'general', 8)).toBe('2026-09-15');
    expect(publicationEnd('2026-01-15', 'serious', 6)).toBe('2027-01-15');
    expect(publicationEnd('2026-01-15', 'serious', 48)).toBe('2029-01-15');
  });

  it('uses the longest period of the band when none is asked for', () => {
    expect(publicationEnd('2026-01-15', 'minor')).toBe('2026-04-15');
    expect(publicationEnd('2026-01-15', 'general')).toBe('2027-01-15');
    expect(publicationEnd('2026-01-15', 'serious')).toBe('2029-01-15');
  });

  it('adds months without overflowing short months', () => {
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2025-01-31', 1)).toBe('2025-02-28');
    expect(addMonths('2025-12-15', -48)).toBe('2021-12-15');
  });

  it('is over the day after its end date', () => {
    expect(publicationOver('2026-11-21', '2026-11-21')).toBe(false);
    expect(publicationOver('2026-11-21', '2026-11-22')).toBe(true);
  });
});
