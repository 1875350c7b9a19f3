import { describe, expect, it } from 'vitest';
import { isOverdue, TOLERANCE_MAX_DAYS, toleranceDeadlineProblem } from './commitments.ts';

// 001 (一)2; 004 1–3: 容缺受理 — accepted first, the missing materials supplied by a promised deadline.
describe('the 容缺受理 deadline window', () => {
  const today = '2026-11-21';

  it('accepts a deadline after today and within the window', () => {
    expect(toleranceDeadlineProblem('2026-11-22', today)).toBeUndefined();
    expect(toleranceDeadlineProblem('2027-05-20', today)).toBeUndefined(); // today + 180 days
  });

  it('refuses today, the past and beyond the window, naming the latest date allowed', () => {
    expect(TOLERANCE_MAX_DAYS).toBe(180);
    for (const deadline of ['2026-11-21', '2026-01-01', '2027-05-21']) {
      expect(toleranceDeadlineProblem(deadline, today)).toEqual({ latest: '2027-05-20' });
    }
  });
});

// 000 一(一); 004 1–3: a promise not kept by its deadline is a violation in waiting.
describe('overdue commitments', () => {
  it('is overdue only while in force and past its deadline', () => {
    expect(isOverdue('in-force', '2026-11-20', '2026-11-21')).toBe(true);
    expect(isOverdue('in-force', '2026-11-21', '2026-11-21')).toBe(false);
    expect(isOverdue('in-force', null, '2026-11-21')).toBe(false);
    expect(isOverdue('fulfilled', '2026-01-01', '2026-11-21')).toBe(false);
    expect(isOverdue('violated', '2026-01-01', '2026-11-21')).toBe(false);
  });
});
