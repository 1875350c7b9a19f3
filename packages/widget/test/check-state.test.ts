import { validateUscc } from '@credit-check/sdk/identifiers';
import { describe, expect, it } from 'vitest';
import { checkState, type StateInput } from '../src/credit-check/check-state.ts';

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
