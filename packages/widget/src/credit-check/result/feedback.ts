import type { Check, Feedback } from '@credit-check/sdk';
import { type FeedbackAction, OUTCOME_PATH, type Verdict } from '@credit-check/sdk/contract';
import { html, nothing, type TemplateResult } from 'lit';
import { time } from '../i18n.ts';
import { technicalTemplate } from '../templates/technical.ts';
import { resultStrings } from './words.ts';

export interface FeedbackView {
  lang: string;
  verdict: Verdict;
  /** The outcomes this check permits, the one to offer first first. */
  options: FeedbackAction[];
  /** The form is held until an outcome is recorded. */
  required: boolean;
  sent: Feedback | undefined;
  queued: { action: FeedbackAction; at: string } | undefined;
  error: { text: string; detail: string | undefined } | undefined;
  sending: boolean;
  selected: FeedbackAction;
  onChoose: (action: FeedbackAction) => void;
  onSubmit: (event: Event) => void;
}

/** 响应 = 反馈: the outcomes this check permits; once recorded (or kept while the platform is down), what it opens. */
export function feedbackTemplate(r: Check, v: FeedbackView): TemplateResult {
  const s = resultStrings(v.lang);
  const recorded = v.sent?.action ?? v.queued?.action;
  if (recorded) {
    const said = v.sent
      ? s.feedbackSent(s.feedbackAction[recorded], time(v.sent.recordedAt))
      : s.feedbackQueued(s.feedbackAction[recorded]);
    return html`<div part="feedback" class="recorded ${OUTCOME_PATH[recorded]}">
        <p class="done" role="status" tabindex="-1">${said}</p>
        <p class="next">${s.pathNext[OUTCOME_PATH[recorded]]}</p>
        <p part="receipt">${s.checkId}：${r.serial ?? r.checkId}</p>
      </div>`;
  }
  return html`<div part="feedback" class=${v.required ? 'required' : ''}>
      <form @submit=${v.onSubmit}>
        <fieldset>
          <legend>${s.feedbackTitle}</legend>
          <p class="meta">${s.feedbackHint[v.verdict]}</p>
          ${v.options.map(
            (a) =>
              html`<label><input type="radio" name="action" value=${a} .checked=${a === v.selected} @change=${() => v.onChoose(a)} /> ${s.feedbackAction[a]}</label>`,
          )}
        </fieldset>
        ${v.selected === 'overridden' ? html`<label>${s.reason}<textarea name="reason" required rows="2"></textarea></label>` : nothing}
        <label>${s.note}<textarea name="note" rows="2"></textarea></label>
        ${v.error ? html`<div class="field-error" role="alert"><p>${v.error.text}</p>${technicalTemplate(v.error.detail, v.lang)}</div>` : nothing}
        <div class="actions"><button class="primary" type="submit" ?disabled=${v.sending}>${v.sending ? s.sending : s.sendFeedback}</button></div>
      </form>
    </div>`;
}
