import type { Check } from '@credit-check/sdk';
import { html, type TemplateResult } from 'lit';
import { shownId } from '../dom.ts';
import { pick, verdictWords } from '../i18n.ts';
import { icons } from '../icons.ts';
import { resultStrings } from './words.ts';

/** The restrict/caution alert: a modal `alertdialog` that Escape cannot close; only confirming does. */
export function alertTemplate(r: Check, lang: string, onAcknowledge: () => void, onClose: () => void): TemplateResult {
  const s = resultStrings(lang);
  const [h, m] = verdictWords(r, lang);
  return html`<dialog part="alert" class=${r.verdict} role="alertdialog" aria-modal="true" aria-labelledby="alert-title" aria-describedby="alert-body" @cancel=${(e: Event) => e.preventDefault()} @close=${onClose}>
      <div part="status" class=${r.verdict}>
        <span part="icon">${icons[r.verdict]}</span>
        <div><p part="headline" id="alert-title">${s.alertTitle}：${h}</p></div>
      </div>
      <div class="body" id="alert-body">
        <p>${m}</p>
        <p class="subject">${r.subject.name ?? ''} ${shownId(r.subject.idType, r.subject.id)} · ${r.matter.name}</p>
        <ul>${r.reasons.slice(0, 4).map((x) => html`<li>${pick(x.message, lang)}</li>`)}</ul>
        <p class="next">${s.alertNext}</p>
        <div class="actions"><button part="acknowledge-button" class="primary" @click=${onAcknowledge}>${s.acknowledge}</button></div>
      </div>
    </dialog>`;
}
