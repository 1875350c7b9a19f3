import type { Check } from '@credit-check/sdk';
import { html, nothing, type TemplateResult } from 'lit';
import { shownId } from '../../dom.ts';
import { pick, strings, time } from '../../i18n.ts';
import { icons } from '../../icons.ts';
import { type FeedbackView, feedbackTemplate } from '../../result/feedback.ts';
import { resultStrings } from '../../result/words.ts';
import type { SettledNotice } from '../records.ts';
import { outageStrings } from '../strings.ts';

export interface NoticesView {
  lang: string;
  notices: SettledNotice[];
  pending: number;
  /** Responses kept while the platform was down, not yet delivered. */
  feedbackPending: number;
  check: (n: SettledNotice) => Check | undefined;
  /** The feedback form of a notice whose check is known. */
  feedback: (n: SettledNotice, check: Check) => FeedbackView;
  /** The notice whose alert is open (caution/restrict or a refused 补查, not yet confirmed). */
  alerting: SettledNotice | undefined;
  onAcknowledge: (n: SettledNotice) => void;
  /** The alert closed other than by confirming (Escape): it goes up again. */
  onClose: () => void;
}

/** 补查 results waiting for the staff: each names its application; feedback as for a live check. */
export function noticesTemplate(v: NoticesView): TemplateResult | typeof nothing {
  const s = outageStrings(v.lang);
  if (!v.notices.length && !v.pending && !v.feedbackPending) return nothing;
  return html`<section part="notices" aria-label=${s.noticeTitle}>
      ${v.pending ? html`<p class="meta" part="pending" role="status">${s.pending(v.pending)}</p>` : nothing}
      ${v.feedbackPending ? html`<p class="meta" part="pending-feedback" role="status">${s.feedbackPending(v.feedbackPending)}</p>` : nothing}
      ${v.notices.map((n) => noticeTemplate(n, v))}
      ${v.alerting ? alertTemplate(v.alerting, v) : nothing}
    </section>`;
}

function heading(n: SettledNotice, v: NoticesView): { cls: string; title: string; body: string } {
  if (n.failed) {
    const s = outageStrings(v.lang);
    return { cls: 'error', title: n.kind === 'feedback' ? s.feedbackFailed : s.noticeFailed, body: pick(n.failed.message, v.lang) };
  }
  const [title, body] = strings(v.lang).verdict[n.verdict ?? 'clear'];
  return { cls: n.verdict ?? 'clear', title, body };
}

function noticeTemplate(n: SettledNotice, v: NoticesView): TemplateResult {
  const s = outageStrings(v.lang);
  const { cls, title, body } = heading(n, v);
  const check = v.check(n);
  const alerting = n.failed || n.verdict === 'caution' || n.verdict === 'restrict';
  return html`<div part="notice" class=${cls} data-deferral=${n.id}>
      <p part="headline">${s.noticeTitle}：${title}</p>
      <p class="meta">${s.noticeFor(n.applicationId, check?.matter.name, time(n.at))}</p>
      ${check ? html`<p class="meta">${check.subject.name ?? ''} ${shownId(check.subject.idType, check.subject.id)}</p>` : nothing}
      <p>${body}</p>
      ${n.failed ? nothing : check && (!alerting || n.acknowledged) ? feedbackTemplate(check, v.feedback(n, check)) : nothing}
    </div>`;
}

/** The persistent 补查提示: modal, Escape cannot close it; it names the application. */
function alertTemplate(n: SettledNotice, v: NoticesView): TemplateResult {
  const s = outageStrings(v.lang);
  const { cls, title, body } = heading(n, v);
  const check = v.check(n);
  return html`<dialog part="deferred-alert" class=${cls} role="alertdialog" aria-modal="true" aria-labelledby="deferred-alert-title" aria-describedby="deferred-alert-body" @cancel=${(e: Event) => e.preventDefault()} @close=${v.onClose}>
      <div part="status" class=${cls}>
        <span part="icon">${n.failed ? icons.error : icons[n.verdict ?? 'clear']}</span>
        <div><p part="headline" id="deferred-alert-title">${s.noticeAlertTitle}：${title}</p></div>
      </div>
      <div class="body" id="deferred-alert-body">
        <p><strong>${s.noticeFor(n.applicationId, check?.matter.name, time(n.at))}</strong></p>
        <p>${body}</p>
        ${check ? html`<ul>${check.reasons.slice(0, 4).map((x) => html`<li>${pick(x.message, v.lang)}</li>`)}</ul>` : nothing}
        <div class="actions"><button part="acknowledge-button" class="primary" @click=${() => v.onAcknowledge(n)}>${
          n.failed ? s.checkByHand : resultStrings(v.lang).acknowledge
        }</button></div>
      </div>
    </dialog>`;
}
