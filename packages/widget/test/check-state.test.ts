import { validateUscc } from '@credit-check/sdk/identifiers';
import { describe, expect, it } from 'vitest';
import { checkState, isHeld, needsAlert, type StateInput } from '../src/credit-check/check-state.ts';

const VALID = '91320100748204660Q';
const base = (over: Partial<StateInput> = {}): StateInput => {
  const raw = over.raw ?? VALID;
  return {
    configProblem: undefined,
    raw,
    validation: raw.trim() ? validateUscc(raw) : undefined,
    watching: true,
    blurred: false,
    key: 'k1',
    runKey: 'k1',
    task: 'complete',
    aborted: false,
    hasEarlier: true,
    hasCurrent: true,
    deferred: false,
    ...over,
  };
};

describe('check state (逢办必查: a check that did not happen is never a clean result, 002 (十八))', () => {
  it('is idle with nothing entered, and while a watched code is still being typed', () => {
    expect(checkState(base({ raw: '' }))).toBe('idle');
    expect(checkState(base({ raw: '9132010074' }))).toBe('idle');
  });

  it('judges a partial code invalid once the field is left, or at once when it is set by attribute', () => {
    expect(checkState(base({ raw: '9132010074', blurred: true }))).toBe('invalid');
    expect(checkState(base({ raw: '9132010074', watching: false }))).toBe('invalid');
    // 18 characters with one outside the USCC alphabet (no I, O, S, V, Z).
    expect(checkState(base({ raw: '91320100748204660I' }))).toBe('invalid');
    // 18 characters with a wrong check character: definitive.
    expect(checkState(base({ raw: '91320100748204660A' }))).toBe('invalid');
  });

  it('is checking while the request for this key has not answered', () => {
    expect(checkState(base({ runKey: 'k0' }))).toBe('checking');
    expect(checkState(base({ task: 'pending', hasCurrent: false }))).toBe('checking');
    expect(checkState(base({ task: 'initial', hasCurrent: false }))).toBe('checking');
    // A superseded (aborted) request is not an error: the newer one is on its way.
    expect(checkState(base({ task: 'error', aborted: true }))).toBe('checking');
  });

  it('is done only with a result for the very key on screen', () => {
    expect(checkState(base())).toBe('done');
    expect(checkState(base({ hasCurrent: false }))).toBe('checking');
  });

  it('is error on a failure, or stale when an earlier result exists — never done', () => {
    expect(checkState(base({ task: 'error', hasEarlier: false, hasCurrent: false }))).toBe('error');
    expect(checkState(base({ task: 'error', hasEarlier: true, hasCurrent: false }))).toBe('stale');
  });

  it('is deferred when the staff accepted this very key during an outage (先行受理), never done', () => {
    expect(checkState(base({ task: 'error', hasEarlier: false, hasCurrent: false, deferred: true }))).toBe('deferred');
    // An invalid or empty code is never deferred.
    expect(checkState(base({ raw: '91320100748204660A', deferred: true }))).toBe('invalid');
    expect(checkState(base({ raw: '', deferred: true }))).toBe('idle');
  });

  it('waits for settings that may still come, but a broken selector is an error at once', () => {
    expect(checkState(base({ raw: '', configProblem: 'token' }))).toBe('idle');
    expect(checkState(base({ configProblem: 'token' }))).toBe('error');
    expect(checkState(base({ raw: '', configProblem: 'watch (not a valid CSS selector)' }))).toBe('error');
  });
});

describe('the guard (no approval without a finished check; alerts confirmed, 002 (十))', () => {
  const held = (over: Partial<Parameters<typeof isHeld>[0]> = {}) =>
    isHeld({ state: 'done', optional: false, empty: false, mode: 'staff', verdict: 'clear', acknowledged: false, ...over });

  it('holds the form in every state but done', () => {
    for (const state of ['idle', 'invalid', 'checking', 'error', 'stale'] as const) expect(held({ state })).toBe(true);
    expect(held()).toBe(false);
  });

  it('releases the form for a deferral (the 补查 follows)', () => {
    expect(held({ state: 'deferred', verdict: undefined })).toBe(false);
  });

  it('holds restrict and caution until the staff confirm; notice and clear pass', () => {
    expect(held({ verdict: 'restrict' })).toBe(true);
    expect(held({ verdict: 'caution' })).toBe(true);
    expect(held({ verdict: 'restrict', acknowledged: true })).toBe(false);
    expect(held({ verdict: 'notice' })).toBe(false);
  });

  it('lets an optional, empty field through, but not an optional field with a code in it', () => {
    expect(held({ state: 'idle', optional: true, empty: true })).toBe(false);
    expect(held({ state: 'idle', optional: true, empty: false })).toBe(true);
    expect(held({ state: 'idle', optional: false, empty: true })).toBe(true);
  });

  it('raises the modal alert for staff only', () => {
    expect(needsAlert('staff', 'restrict')).toBe(true);
    expect(needsAlert('applicant', 'restrict')).toBe(false);
    expect(needsAlert('staff', 'notice')).toBe(false);
    expect(needsAlert('staff', undefined)).toBe(false);
  });
});
