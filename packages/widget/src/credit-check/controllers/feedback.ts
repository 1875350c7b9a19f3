import { type Check, type Feedback, type FeedbackInput, isPlatformUnavailable } from '@credit-check/sdk';
import { type FeedbackAction, OUTCOME_PATH, permittedOutcomes } from '@credit-check/sdk/contract';
import { emit } from '../events.ts';
import type { CreditCheckHost, Readings } from '../host.ts';
import { strings } from '../i18n.ts';
import { failureText } from '../messages.ts';
import type { FeedbackView } from '../result/feedback.ts';
import { resultParts } from '../result-parts.ts';

export type FeedbackReadings = Pick<Readings, 'operator' | 'connection'>;

export interface FeedbackOptions {
  /** The check fed back: the live result (default), or a finished 补查. */
  target?: () => Check | undefined;
  /** The response was recorded on the platform. */
  onSent?: (feedback: Feedback) => void;
  /** The response was recorded, or kept until the platform answers: the way it opens is where the staff go next. */
  onRecorded?: (action: FeedbackAction) => void;
  /**
   * Keeps a response the platform did not take (it is down) until it is back; rejects when it
   * cannot be kept. Without it, an unanswered response stays unsent and the form stays held.
   */
  queue?: (check: Check, body: FeedbackInput, idempotencyKey: string) => Promise<void>;
  /** Whether a response is required (the form is held until one is recorded). */
  required?: (check: Check) => boolean;
}

/**
 * 响应 and 反馈 in one step (003 §七 发起—响应—反馈; 002 (十六) 自动响应): the staff choose what is done
 * among the outcomes the check permits (`permittedOutcomes`: 不予受理 opens the refusal, never the
 * approval), and that choice is recorded on the platform once per check — or, while the platform is
 * down, kept sealed on this computer and delivered when it is back. The rules (an override needs a
 * reason …) are the contract's own schema, checked before anything is sent — with the call, in the
 * result's parts (`result/parts.ts`), which are here whenever the form is.
 */
export class FeedbackController {
  /** The feedback the platform recorded for the current check. */
  sent: Feedback | undefined;
  /** Kept on this computer while the platform is down (delivered later with the same key). */
  queued: { action: FeedbackAction; at: string } | undefined;
  error: { text: string; detail: string | undefined } | undefined;
  sending = false;
  /** The action the staff picked (before sending). */
  chosen: FeedbackAction | undefined;

  private readonly host: CreditCheckHost;
  private readonly read: FeedbackReadings;
  private readonly options: FeedbackOptions;

  constructor(host: CreditCheckHost, read: FeedbackReadings, options: FeedbackOptions = {}) {
    this.host = host;
    this.read = read;
    this.options = options;
  }

  private target(): Check | undefined {
    return this.options.target ? this.options.target() : this.host.result;
  }

  /** The outcome recorded (or kept until the platform answers) for the current check. */
  outcome(): FeedbackAction | undefined {
    return this.sent?.action ?? this.queued?.action;
  }

  /** What the response form shows for `check`, with its handlers. */
  view(check: Check, lang: string): FeedbackView {
    return {
      lang,
      verdict: check.verdict,
      options: permittedOutcomes(check),
      required: this.options.required?.(check) ?? false,
      sent: this.sent,
      queued: this.queued,
      error: this.error,
      sending: this.sending,
      selected: this.selected(check),
      onChoose: (a) => this.choose(a),
      onSubmit: (e) => void this.submit(e),
    };
  }

  /** A new check: nothing chosen or sent yet. */
  reset(): void {
    this.sent = undefined;
    this.queued = undefined;
    this.error = undefined;
    this.chosen = undefined;
  }

  /** The outcome shown selected: the staff's choice, else the first the check permits. */
  selected(r: Check): FeedbackAction {
    const allowed = permittedOutcomes(r);
    return this.chosen && allowed.includes(this.chosen) ? this.chosen : (allowed[0] as FeedbackAction);
  }

  choose(action: FeedbackAction): void {
    this.chosen = action;
    this.host.requestUpdate();
  }

  /** A response kept earlier reached the platform. */
  delivered(feedback: Feedback): void {
    if (this.target()?.checkId !== feedback.checkId) return;
    this.sent = feedback;
    this.queued = undefined;
    this.host.requestUpdate();
  }

  async submit(event: Event): Promise<void> {
    event.preventDefault();
    const result = this.target();
    if (!result || this.sending || this.sent || this.queued) return;
    const lang = this.host.lang;
    const data = new FormData(event.target as HTMLFormElement);
    const action = (data.get('action') as FeedbackAction | null) ?? this.selected(result);
    const note = String(data.get('note') ?? '').trim();
    const reason = String(data.get('reason') ?? '').trim();
    const applied = result.measures.filter((m) => m.action !== 'fast-track').map((m) => m.measureId);
    const body: FeedbackInput = {
      action,
      operator: this.read.operator() as string,
      ...(note ? { note } : {}),
      ...(reason ? { reason } : {}),
      ...((action === 'refused' || action === 'restricted' || action === 'strict-review') && applied.length
        ? { measuresApplied: applied }
        : {}),
    };
    // The form is only on screen once the result's parts are here: at hand, synchronously (no await
    // between the double-submit check above and `sending` below).
    const parts = resultParts();
    if (!parts) return;
    const problem = parts.feedbackProblem(result, body, lang);
    if (problem) {
      this.error = { text: problem, detail: undefined };
      this.host.requestUpdate();
      return;
    }
    this.sending = true;
    this.error = undefined;
    this.host.requestUpdate();
    // One key per check and answer: a double submit, a retry or a delivery later records it once.
    const idempotencyKey = `fb_${result.checkId}_${hash(JSON.stringify(body))}`;
    try {
      const feedback = await parts.sendFeedback(this.read.connection(), result.checkId, body, { idempotencyKey });
      this.sent = feedback;
      this.announce(result, action, false, feedback);
      this.options.onSent?.(feedback);
      this.options.onRecorded?.(action);
    } catch (error) {
      if (isPlatformUnavailable(error) && this.options.queue) {
        try {
          await this.options.queue(result, body, idempotencyKey);
          this.queued = { action, at: new Date().toISOString() };
          this.announce(result, action, true);
          this.options.onRecorded?.(action);
        } catch (keepError) {
          this.error = { text: strings(lang).feedbackNotKept, detail: failureText(keepError, lang).detail };
        }
      } else {
        const f = failureText(error, lang);
        this.error = { text: `${strings(lang).feedbackFailed}${lang === 'en' ? ': ' : '：'}${f.text}`, detail: f.detail };
      }
    } finally {
      this.sending = false;
      this.host.requestUpdate();
    }
  }

  private announce(result: Check, action: FeedbackAction, queued: boolean, feedback?: Feedback): void {
    emit(this.host, 'credit-check-feedback', {
      checkId: result.checkId,
      action,
      path: OUTCOME_PATH[action],
      queued,
      ...(feedback ? { feedbackId: feedback.feedbackId, recordedAt: feedback.recordedAt } : { recordedAt: new Date().toISOString() }),
    });
  }
}

/** A short, stable string hash (idempotency keys derived from content). */
function hash(text: string): string {
  let h = 5381;
  for (let i = 0; i < text.length; i++) h = ((h << 5) + h + text.charCodeAt(i)) | 0;
  return (h >>> 0).toString(36);
}
