import { describe, expect, it } from 'vitest';
import { ALL_PATHS, holdReason, needsAlert, needsResponse, openPaths, type ResponseInput } from '../src/credit-check/response.ts';

// 自动响应 (002 (十六)): the page applies the measure itself. The guard opens a path of the host form
// only after a finished check, a confirmed alert and — where the verdict needs one — a recorded
// outcome; and then only the path that outcome opens (响应 = 反馈, 003 §七).
const paths = (over: Partial<ResponseInput> = {}) =>
  [
    ...openPaths({
      state: 'done',
      optional: false,
      empty: false,
      mode: 'staff',
      verdict: 'clear',
      acknowledged: false,
      outcome: undefined,
      ...over,
    }),
  ].sort();

describe('the guard (no approval without a finished check, a confirmed alert and a recorded response)', () => {
  it('opens nothing in every state but done', () => {
    for (const state of ['idle', 'invalid', 'checking', 'error', 'stale'] as const) expect(paths({ state })).toEqual([]);
    expect(paths()).toEqual([...ALL_PATHS].sort());
  });

  it('opens every path for a deferral (the 补查 follows)', () => {
    expect(paths({ state: 'deferred', verdict: undefined })).toEqual([...ALL_PATHS].sort());
  });

  it('restrict: nothing after the alert is confirmed — only once the outcome is recorded, and only its path', () => {
    expect(paths({ verdict: 'restrict' })).toEqual([]);
    // The one click that released the approval before: confirmed is not enough.
    expect(paths({ verdict: 'restrict', acknowledged: true })).toEqual([]);
    expect(paths({ verdict: 'restrict', acknowledged: true, outcome: 'refused' })).toEqual(['refuse']);
    expect(paths({ verdict: 'restrict', acknowledged: true, outcome: 'referred' })).toEqual(['refer']);
    expect(paths({ verdict: 'restrict', acknowledged: true, outcome: 'restricted' })).toEqual(['approve']);
    // An outcome recorded before the alert was confirmed (by script) still waits for the confirmation.
    expect(paths({ verdict: 'restrict', acknowledged: false, outcome: 'refused' })).toEqual([]);
  });

  it('caution: 从严审核 is confirmed with its response, then the approval opens', () => {
    expect(paths({ verdict: 'caution', acknowledged: true })).toEqual([]);
    expect(paths({ verdict: 'caution', acknowledged: true, outcome: 'strict-review' })).toEqual(['approve']);
    expect(paths({ verdict: 'caution', acknowledged: true, outcome: 'refused' })).toEqual(['refuse']);
  });

  it('notice needs its response (已告知) but no alert; clear binds nothing', () => {
    expect(paths({ verdict: 'notice' })).toEqual([]);
    expect(paths({ verdict: 'notice', outcome: 'informed' })).toEqual(['approve']);
    expect(paths({ verdict: 'clear' })).toEqual([...ALL_PATHS].sort());
    expect(paths({ verdict: 'clear', outcome: 'not-applicable' })).toEqual(['approve']);
  });

  it('lets an optional, empty field through, but not an optional field with a code in it', () => {
    expect(paths({ state: 'idle', optional: true, empty: true })).toEqual([...ALL_PATHS].sort());
    expect(paths({ state: 'idle', optional: true, empty: false })).toEqual([]);
    expect(paths({ state: 'idle', optional: false, empty: true })).toEqual([]);
  });

  it('an online applicant cannot submit what a restriction forbids; other verdicts pass', () => {
    expect(paths({ mode: 'applicant', verdict: 'restrict' })).toEqual([]);
    expect(paths({ mode: 'applicant', verdict: 'caution' })).toEqual([...ALL_PATHS].sort());
  });

  it('raises the modal alert and asks for a response from staff only', () => {
    expect(needsAlert('staff', 'restrict')).toBe(true);
    expect(needsAlert('applicant', 'restrict')).toBe(false);
    expect(needsAlert('staff', 'notice')).toBe(false);
    expect(needsAlert('staff', undefined)).toBe(false);
    expect(needsResponse('staff', 'notice')).toBe(true);
    expect(needsResponse('staff', 'clear')).toBe(false);
    expect(needsResponse('applicant', 'restrict')).toBe(false);
  });
});

describe('what still holds the form, for the page to say (issue 38)', () => {
  const reason = (over: Partial<ResponseInput> = {}) =>
    holdReason({
      state: 'done',
      optional: false,
      empty: false,
      mode: 'staff',
      verdict: 'clear',
      acknowledged: false,
      outcome: undefined,
      ...over,
    });

  it('names the step that is missing, and nothing once a path is open', () => {
    expect(reason({ state: 'idle', empty: true, verdict: undefined })).toBe('empty');
    expect(reason({ state: 'idle', empty: true, optional: true, verdict: undefined })).toBeUndefined();
    expect(reason({ state: 'idle', verdict: undefined })).toBe('incomplete');
    expect(reason({ state: 'invalid', verdict: undefined })).toBe('incomplete');
    expect(reason({ state: 'checking', verdict: undefined })).toBe('checking');
    expect(reason({ state: 'error', verdict: undefined })).toBe('failed');
    expect(reason({ state: 'stale' })).toBe('failed');
    expect(reason({ verdict: 'restrict' })).toBe('confirm');
    expect(reason({ verdict: 'restrict', acknowledged: true })).toBe('respond');
    expect(reason({ verdict: 'notice' })).toBe('respond');
    expect(reason({ verdict: 'notice', outcome: 'informed' })).toBeUndefined();
    expect(reason()).toBeUndefined();
    expect(reason({ mode: 'applicant', verdict: 'restrict' })).toBe('restricted');
    expect(reason({ state: 'deferred', verdict: undefined })).toBeUndefined();
  });
});
