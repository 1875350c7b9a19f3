import { type Check, type Feedback, type FeedbackInput, sendFeedback } from '@credit-check/sdk';
import { type FeedbackAction, FeedbackRequest, fieldErrors } from '@credit-check/sdk/contract';
import { SUGGESTED_ACTION } from '../check-state.ts';
import { emit } from '../events.ts';
import type { CreditCheckHost, Readings } from '../host.ts';
import { errorText, pick, strings } from '../i18n.ts';
import type { FeedbackView } from '../templates/feedback.ts';

export type FeedbackReadings = Pick<Readings, 'operator' | 'connection'>;

/**
 * 反馈 (003 §七 发起—响应—反馈): what the window did with the result, recorded on the platform once
 * per check. The rules (an override needs a reason …) are the contract's own schema, checked here
 * before anything is sent, and its words are shown.
 */
export class FeedbackController {
  /** The feedback the platform recorded for the current check. */
  sent: Feedback | undefined;
  error: string | undefined;
  sending = false;
  /** The action the staff picked (before sending). */
  chosen: FeedbackAction | undefined;

  private readonly host: CreditCheckHost;
  private readonly read: FeedbackReadings;
  /** The check fed back: the live result, or a finished 补查. */
  private readonly target: () => Check | undefined;
  private readonly onSent: (() => void) | undefined;

  constructor(
    host: CreditCheckHost,
    read: FeedbackReadings,
    { target = () => host.result, onSent }: { target?: () => Check | undefined; onSent?: () => void } = {},
  ) {
    this.host = host;
    this.read = read;
    this.target = target;
    this.onSent = onSent;
  }

  /** What the feedback form shows for `check`, with its handlers. */
  view(check: Check, lang: string): FeedbackView {
    return {
      lang,
      sent: this.sent,
      error: this.error,
      sending: this.sending,
      selected: this.selected(check),
      onChoose: (a) => this.choose(a),
      onSubmit: (e) => this.submit(e),
    };
  }

  /** A new check: nothing chosen or sent yet. */
  reset(): void {
    this.sent = undefined;
    this.error = undefined;
    this.chosen = undefined;
  }

  /** The action shown selected: the staff's choice, else the one the verdict suggests. */
  selected(r: Check): FeedbackAction {
    return this.chosen ?? (r.fastTrack ? 'fast-tracked' : SUGGESTED_ACTION[r.verdict]);
  }

  choose(action: FeedbackAction): void {
    this.chosen = action;
    this.host.requestUpdate();
  }

  async submit(event: Event): Promise<void> {
    event.preventDefault();
    const result = this.target();
    if (!result || this.sending || this.sent) return;
    const lang = this.host.lang;
    const data = new FormData(event.target as HTMLFormElement);
    const action = (data.get('action') as FeedbackAction | null) ?? this.selected(result);
    const note = String(data.get('note') ?? '').trim();
    const reason = String(data.get('reason') ?? '').trim();
    const body: FeedbackInput = {
      action,
      operator: this.read.operator() as string,
      ...(note ? { note } : {}),
      ...(reason ? { reason } : {}),
      ...(action === 'restricted' || action === 'strict-review'
        ? { measuresApplied: result.measures.filter((m) => m.action !== 'fast-track').map((m) => m.measureId) }
        : {}),
    };
    const parsed = FeedbackRequest.safeParse(body);
    if (!parsed.success) {
      const first = fieldErrors(parsed.error.issues, body)[0];
      this.error = first ? pick(first.message, lang) : strings(lang).chooseAction;
      this.host.requestUpdate();
      return;
    }
    this.sending = true;
    this.error = undefined;
    this.host.requestUpdate();
    try {
      // One key per check and answer: a double submit or a retry records it once.
      const feedback = await sendFeedback(this.read.connection(), result.checkId, body, {
        idempotencyKey: `fb_${result.checkId}_${hash(JSON.stringify(body))}`,
      });
      this.sent = feedback;
      emit(this.host, 'credit-check-feedback', {
        checkId: feedback.checkId,
        feedbackId: feedback.feedbackId,
        action: feedback.action,
        recordedAt: feedback.recordedAt,
      });
      this.onSent?.();
    } catch (error) {
      const e = error as { code?: string };
      // Refused before sending (the contract's own rule): the reason alone says what to fix.
      this.error =
        e?.code === 'INVALID_INPUT'
          ? errorText(error, lang)
          : `${strings(lang).feedbackFailed}${lang === 'en' ? ': ' : '：'}${errorText(error, lang)}`;
    } finally {
      this.sending = false;
      this.host.requestUpdate();
    }
  }
}

/** A short, stable string hash (idempotency keys derived from content). */
function hash(text: string): string {
  let h = 5381;
  for (let i = 0; i < text.length; i++) h = ((h << 5) + h + text.charCodeAt(i)) | 0;
  return (h >>> 0).toString(36);
}
