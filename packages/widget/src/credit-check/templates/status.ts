import type { Check, CreditCheckError, ValidationResult } from '@credit-check/sdk';
import { html, nothing, type TemplateResult } from 'lit';
import type { CheckState } from '../check-state.ts';
import { pick, strings, time, verdictWords } from '../i18n.ts';
import { icons } from '../icons.ts';
import { failureText } from '../messages.ts';
import { technicalTemplate } from './technical.ts';

export interface StatusView {
  state: CheckState;
  lang: string;
  mode: 'staff' | 'applicant';
  idType: string;
  result: Check | undefined;
  validation: ValidationResult<string> | undefined;
  /** Missing or broken settings, in words. */
  missing: string | undefined;
  error: CreditCheckError | undefined;
  /** State `deferred`: the deferral in force, in words (from the lazily loaded 应急 module). */
  deferred: { headline: string; message: string } | undefined;
  /** Below the retry button during an outage: the 先行受理 offer (`outage="defer"`). */
  defer: TemplateResult | typeof nothing;
  /** The result is the 补查 of a deferral it withdrew: said above the verdict's words. */
  withdrawn: string | undefined;
  onRetry: () => void;
}

/** The state banner: one class, icon and headline per state; errors are `role=alert` with a retry. */
export function statusTemplate(v: StatusView): TemplateResult {
  const s = strings(v.lang);
  let cls: string = v.state;
  let icon = icons.idle;
  let headline = '';
  let message: string | TemplateResult = '';
  switch (v.state) {
    case 'idle': {
      const n = v.validation?.normalized.length ?? 0;
      headline = n ? s.typing(n) : s.idle[v.idType === 'idcard' ? 'idcard' : 'uscc'];
      break;
    }
    case 'invalid':
      icon = icons.invalid;
      headline = v.validation?.message ? pick(v.validation.message, v.lang) : '';
      break;
    case 'checking':
      icon = icons.checking;
      headline = s.checking;
      break;
    case 'error': {
      icon = icons.error;
      headline = s.errorTitle;
      // Plain words for the clerk; codes and addresses only behind 技术详情.
      const why = v.missing ? { text: s.missingConfig, detail: v.missing } : v.error ? failureText(v.error, v.lang) : undefined;
      message = html`${s.errorBody}${why ? html`<br /><span class="why">${why.text}</span>${technicalTemplate(why.detail, v.lang)}` : nothing}`;
      break;
    }
    case 'stale':
      icon = icons.error;
      headline = s.staleTitle;
      message = v.result ? s.staleAt(time(v.result.checkedAt)) : '';
      break;
    case 'deferred':
      icon = icons.caution;
      headline = v.deferred?.headline ?? '';
      message = v.deferred?.message ?? '';
      break;
    case 'done':
      if (v.result) {
        cls = v.result.verdict;
        icon = icons[v.result.verdict];
        const [h, m] = verdictWords(v.result, v.lang);
        headline = v.mode === 'applicant' ? s.applicantTitle : h;
        message = v.mode === 'applicant' ? '' : v.result.fastTrack ? `${m} ${s.fastTrack}` : m;
        if (v.withdrawn && v.mode !== 'applicant') message = html`<strong class="withdrawn">${v.withdrawn}</strong><br />${message}`;
      }
      break;
  }
  const urgent = v.state === 'error' || v.state === 'stale';
  return html`<div part="status" class=${cls} role=${urgent ? 'alert' : 'group'} aria-label=${urgent ? nothing : headline}>
      <span part="icon">${icon}</span>
      <div>
        <p part="headline">${headline}</p>
        ${message ? html`<div part="message">${message}</div>` : nothing}
        ${urgent && !v.missing ? html`<div class="actions"><button part="retry-button" @click=${v.onRetry}>${s.retry}</button></div>` : nothing}
        ${urgent ? v.defer : nothing}
      </div>
    </div>`;
}
