import { html, nothing, type TemplateResult } from 'lit';
import { strings } from '../i18n.ts';

/** The technical side of a failure (codes, status, request id), closed by default: for the administrator, not the clerk. */
export function technicalTemplate(detail: string | undefined, lang: string): TemplateResult | typeof nothing {
  if (!detail) return nothing;
  return html`<details part="technical"><summary>${strings(lang).technical}</summary><p class="meta">${detail}</p></details>`;
}
