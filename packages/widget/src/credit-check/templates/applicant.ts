import type { Check, Commitment, Matter } from '@credit-check/sdk';
import { html, nothing, type TemplateResult } from 'lit';
import { time } from '../i18n.ts';
import { applicantStrings } from '../i18n-applicant.ts';
import { eligibilityTemplate } from '../result/details.ts';
import { resultStrings } from '../result/words.ts';

export interface ApplicantView {
  lang: string;
  matter: Matter | undefined;
  loadError: string | undefined;
  signed: Commitment | undefined;
  signError: string | undefined;
  onRetry: () => void;
  onSign: (event: Event) => void;
}

/** Applicant mode: the fast routes open to the applicant and the commitment to sign for one. */
export function applicantTemplate(r: Check, v: ApplicantView): TemplateResult {
  const s = { ...resultStrings(v.lang), ...applicantStrings(v.lang) };
  const routes = (['informed', 'tolerance'] as const).filter((t) =>
    t === 'informed' ? r.eligibility.informedCommitment.eligible : r.eligibility.toleranceAcceptance.eligible,
  );
  const text = v.matter?.commitmentText;
  return html`<div part="details">
      <section><h3>${s.applicantRoutes}</h3>${eligibilityTemplate(r, v.lang)}</section>
      ${
        v.loadError
          ? html`<p class="field-error" role="alert">${s.textFailed}：${v.loadError}</p>
              <div class="actions"><button @click=${v.onRetry}>${s.retry}</button></div>`
          : nothing
      }
      ${
        v.signed
          ? html`<p class="done" role="status">${s.signed(v.signed.commitmentId, time(v.signed.signedAt))}</p>`
          : text && routes.length
            ? html`<form part="commitment-form" @submit=${v.onSign}>
              <h3>${s.signTitle}：${text.title}</h3>
              <div class="commitment-text" tabindex="0" role="document" aria-label=${text.title}>${text.body}</div>
              <fieldset>
                <legend>${s.chooseRoute}</legend>
                ${routes.map((t, i) => html`<label><input type="radio" name="type" value=${t} ?checked=${i === 0} /> ${s.commitmentType[t]}</label>`)}
              </fieldset>
              ${
                routes.includes('tolerance')
                  ? html`<label>${s.deadline}<input type="date" name="deadline" /></label><label>${s.materials}<input type="text" name="materials" /></label>`
                  : nothing
              }
              <label><input type="checkbox" name="agree" required /> ${s.agree}</label>
              ${v.signError ? html`<p class="field-error" role="alert">${v.signError}</p>` : nothing}
              <div class="actions"><button class="primary" type="submit">${s.sign}</button></div>
            </form>`
            : nothing
      }
    </div>`;
}
