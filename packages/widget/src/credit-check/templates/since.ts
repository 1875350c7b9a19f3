import { html, type TemplateResult } from 'lit';
import type { SinceView } from '../controllers/since.ts';
import { pick, strings, time } from '../i18n.ts';

/**
 * A later check of the application beside the one made at 受理 (issue 41): the verdict then, and what
 * changed in the record since in the platform's plain words. Announced politely when it arrives
 * (it explains the result above; it never replaces it).
 */
export function sinceTemplate(v: SinceView, lang: string): TemplateResult {
  const s = strings(lang).since;
  const body = (() => {
    if (v.state === 'loading') return html`<p class="meta">${s.loading}</p>`;
    if (v.state === 'failed') return html`<p class="meta">${s.failed}</p>`;
    const r = v.replay;
    const then = s.atAcceptance(time(r.atCheck.asOf), r.serial ?? r.checkId, strings(lang).verdict[r.atCheck.verdict][0]);
    return html`<p>${then}</p>${
      r.changes.length
        ? html`<p>${s.changes}</p><ul>${r.changes.map((c) => html`<li>${pick(c.words, lang)}</li>`)}</ul>`
        : html`<p>${s.unchanged}</p>`
    }`;
  })();
  return html`<section part="since" aria-live="polite"><h3>${s.title}</h3>${body}</section>`;
}
