import type { Check, Feedback } from '@credit-check/sdk';
import type { FeedbackAction } from '@credit-check/sdk/contract';
import { html, nothing, type TemplateResult } from 'lit';
import { strings, time } from '../i18n.ts';

export interface FeedbackView {
  lang: string;
  sent: Feedback | undefined;
  error: string | undefined;
  sending: boolean;
  selected: FeedbackAction;
  onChoose: (action: FeedbackAction) => void;
  onSubmit: (event: Event) => void;
}

/** 反馈: what was done, or the recorded feedback once sent. */
export function feedbackTemplate(r: Check, v: FeedbackView): TemplateResult {
  const s = strings(v.lang);
  if (v.sent) {
    return html`<div part="feedback"><p class="done" role="status">${s.feedbackSent(s.feedbackAction[v.sent.action], time(v.sent.recordedAt))}</p>
        <p part="receipt">${s.checkId}：${r.checkId}</p></div>`;
  }
  return html`<div part="feedback">
      <form @submit=${v.onSubmit}>
        <fieldset>
          <legend>${s.feedbackTitle}</legend>
          <p class="meta">${s.feedbackHint}</p>
          ${(Object.keys(s.feedbackAction) as FeedbackAction[]).map(
            (a) =>
              html`<label><input type="radio" name="action" value=${a} .checked=${a === v.selected} @change=${() => v.onChoose(a)} /> ${s.feedbackAction[a]}</label>`,
          )}
        </fieldset>
        ${v.selected === 'overridden' ? html`<label>${s.reason}<textarea name="reason" required rows="2"></textarea></label>` : nothing}
        <label>${s.note}<textarea name="note" rows="2"></textarea></label>
        ${v.error ? html`<p class="field-error" role="alert">${v.error}</p>` : nothing}
        <div class="actions"><button class="primary" type="submit" ?disabled=${v.sending}>${v.sending ? s.sending : s.sendFeedback}</button></div>
      </form>
    </div>`;
}
