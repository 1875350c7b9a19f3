import type { ValidationResult } from '@credit-check/sdk/identifiers';

/** What the element shows and reflects as `state`. */
export type CheckState = 'idle' | 'invalid' | 'checking' | 'done' | 'error' | 'stale' | 'deferred';

/** Where the check task stands (a plain mirror of @lit/task's status). */
export type TaskPhase = 'initial' | 'pending' | 'complete' | 'error';

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
