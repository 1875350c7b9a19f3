import type { FeedbackAction, Verdict } from '@credit-check/sdk/contract';
import type { ValidationResult } from '@credit-check/sdk/identifiers';

/** What the element shows and reflects as `state`. */
export type CheckState = 'idle' | 'invalid' | 'checking' | 'done' | 'error' | 'stale' | 'deferred';

/** Where the check task stands (a plain mirror of @lit/task's status). */
export type TaskPhase = 'initial' | 'pending' | 'complete' | 'error';

/** Verdicts that raise the modal alert and hold the form until confirmed (自动提示, 002 (十)). */
export const ALERT_VERDICTS: ReadonlySet<Verdict> = new Set<Verdict>(['restrict', 'caution']);

/** The feedback action offered first for each verdict (the staff may choose another). */
export const SUGGESTED_ACTION: Record<Verdict, FeedbackAction> = {
  restrict: 'restricted',
  caution: 'strict-review',
  notice: 'informed',
  clear: 'not-applicable',
};

export interface StateInput {
  /** Missing or broken settings, in words (`endpoint, token` …); undefined when complete. */
  configProblem: string | undefined;
  /** The identifier as typed or set. */
  raw: string;
  validation: ValidationResult<string> | undefined;
  /** The identifier comes from a watched field (typing in progress may be partial). */
  watching: boolean;
  /** The staff left the field (or committed it with `change`): judge it as final. */
  blurred: boolean;
  /** The key of what should be checked now ('' when nothing valid). */
  key: string;
  /** The key of the check last started. */
  runKey: string;
  task: TaskPhase;
  /** The task's error is the caller's own abort (a newer check replaced it). */
  aborted: boolean;
  /** An earlier result exists for `key` (shown as `stale` when a re-check fails). */
  hasEarlier: boolean;
  /** The task's result belongs to `key`. */
  hasCurrent: boolean;
  /** The staff accepted this very key during an outage (先行受理): the 补查 will follow. */
  deferred: boolean;
}

/**
 * The state from plain inputs. A check that did not happen is never `done`: errors stay `error`
 * (or `stale` with an earlier result on screen) — 002 (十八), "never a clean result".
 */
export function checkState(i: StateInput): CheckState {
  // Missing settings may still be on their way (hosts set them after an async call); a broken
  // selector never fixes itself, so it is an error at once.
  if (i.configProblem) return i.raw.trim() || i.configProblem.includes('selector') ? 'error' : 'idle';
  const v = i.validation;
  if (!v) return 'idle';
  if (!v.valid) {
    // While typing, judge the length only once the code is complete or the field is left.
    const definitive = v.normalized.length >= 18 || i.blurred || v.reason === 'CHARSET' || !i.watching;
    return definitive ? 'invalid' : 'idle';
  }
  if (i.deferred) return 'deferred';
  if (i.key !== i.runKey || i.task === 'pending' || i.task === 'initial') return 'checking';
  if (i.task === 'error') {
    if (i.aborted) return 'checking';
    return i.hasEarlier ? 'stale' : 'error';
  }
  return i.hasCurrent ? 'done' : 'checking';
}

export interface HoldInput {
  state: CheckState;
  /** `optional`: an empty identifier does not hold the form. */
  optional: boolean;
  empty: boolean;
  mode: 'staff' | 'applicant';
  /** The verdict of the current result, if any. */
  verdict: Verdict | undefined;
  acknowledged: boolean;
}

/**
 * True while the guarded form must not be submitted: no finished check, or an unconfirmed alert. A
 * deferral (先行受理 during an outage, with its reason) releases it: the 补查 follows.
 */
export function isHeld(i: HoldInput): boolean {
  if (i.optional && i.state === 'idle' && i.empty) return false;
  if (i.state === 'deferred') return false;
  if (i.state !== 'done') return true;
  return needsAlert(i.mode, i.verdict) && !i.acknowledged;
}

/** Staff must confirm restrict/caution (the applicant channel shows no modal alert). */
export function needsAlert(mode: 'staff' | 'applicant', verdict: Verdict | undefined): boolean {
  return mode === 'staff' && verdict !== undefined && ALERT_VERDICTS.has(verdict);
}
