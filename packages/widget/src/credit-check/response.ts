import type { FeedbackAction, ResponsePath, Verdict } from '@credit-check/sdk/contract';
import { OUTCOME_PATH } from '@credit-check/sdk/contract';
import type { CheckState } from './check-state.ts';

/** Verdicts that raise the modal alert before anything else (自动提示, 002 (十)). */
export const ALERT_VERDICTS: ReadonlySet<Verdict> = new Set<Verdict>(['restrict', 'caution']);

/** Every path a host form can take: 受理/提交审批, 不予受理, 转人工复核. */
export const ALL_PATHS: ReadonlySet<ResponsePath> = new Set<ResponsePath>(['approve', 'refuse', 'refer']);
const NONE: ReadonlySet<ResponsePath> = new Set<ResponsePath>();

/** The attribute a host puts on a submit button that is not an approval: `refuse` or `refer`. */
export const PATH_ATTRIBUTE = 'data-credit-check-path';

/** Which path a submit button takes: its `data-credit-check-path`, else approval. */
export function pathOf(button: Element | null | undefined): ResponsePath {
  const path = button?.getAttribute(PATH_ATTRIBUTE);
  return path === 'refuse' || path === 'refer' ? path : 'approve';
}

/** Staff must confirm restrict/caution in a modal alert (the applicant channel shows none). */
export function needsAlert(mode: 'staff' | 'applicant', verdict: Verdict | undefined): boolean {
  return mode === 'staff' && verdict !== undefined && ALERT_VERDICTS.has(verdict);
}

/**
 * Staff must record what they did before the form goes on (响应 and 反馈 as one step, 003 §七):
 * every verdict with something to apply or tell — restrict, caution, notice. A clear result binds
 * nothing, so it does not hold the form (its feedback stays optional).
 */
export function needsResponse(mode: 'staff' | 'applicant', verdict: Verdict | undefined): boolean {
  return mode === 'staff' && verdict !== undefined && verdict !== 'clear';
}

export interface ResponseInput {
  state: CheckState;
  /** `optional`: an empty identifier does not hold the form. */
  optional: boolean;
  empty: boolean;
  mode: 'staff' | 'applicant';
  /** The verdict of the current result, if any. */
  verdict: Verdict | undefined;
  /** The staff confirmed the restrict/caution alert. */
  acknowledged: boolean;
  /** The outcome recorded on the platform, or kept on this computer until it answers again. */
  outcome: FeedbackAction | undefined;
}

/**
 * The paths the guarded form may take now — 自动响应 (002 (十六)): the page applies the measure
 * itself. Nothing before a finished check; after a restrict/caution alert, nothing until it is
 * confirmed; after a verdict that needs a response, nothing until the outcome is recorded (or kept
 * durably while the platform is down) — and then only the path that outcome opens: 不予受理 opens
 * the refusal, never the approval. A deferral (先行受理 during an outage) opens every path: the
 * 补查 follows. An online applicant cannot submit what a restriction forbids.
 */
export function openPaths(i: ResponseInput): ReadonlySet<ResponsePath> {
  if (i.optional && i.state === 'idle' && i.empty) return ALL_PATHS;
  if (i.state === 'deferred') return ALL_PATHS;
  if (i.state !== 'done') return NONE;
  if (i.mode === 'applicant') return i.verdict === 'restrict' ? NONE : ALL_PATHS;
  if (needsAlert(i.mode, i.verdict) && !i.acknowledged) return NONE;
  if (i.outcome) return new Set([OUTCOME_PATH[i.outcome]]);
  return needsResponse(i.mode, i.verdict) ? NONE : ALL_PATHS;
}

/** What still holds the form, when nothing is open: a key of `strings(lang).hold`. */
export type HoldReason = 'empty' | 'incomplete' | 'checking' | 'failed' | 'confirm' | 'respond' | 'restricted';

/**
 * Why the guarded form is held now, for the page to say in plain words (申请单位代码未填写 …):
 * undefined when a path is open. The same rule as `openPaths`, read the other way round.
 */
export function holdReason(i: ResponseInput): HoldReason | undefined {
  if (openPaths(i).size > 0) return undefined;
  switch (i.state) {
    case 'idle':
      return i.empty ? 'empty' : 'incomplete';
    case 'invalid':
      return 'incomplete';
    case 'checking':
      return 'checking';
    case 'error':
    case 'stale':
      return 'failed';
    default:
      if (i.mode === 'applicant') return 'restricted';
      return needsAlert(i.mode, i.verdict) && !i.acknowledged ? 'confirm' : 'respond';
  }
}
