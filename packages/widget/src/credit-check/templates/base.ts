import type { Check } from '@credit-check/sdk';
import { html, nothing, type TemplateResult } from 'lit';
import type { CheckState } from '../check-state.ts';
import { strings } from '../i18n.ts';
import { needsAlert } from '../response.ts';
import type { FeedbackView } from '../result/feedback.ts';
import type { ResultParts } from '../result-parts.ts';

/** What the element hands its layout: its state, the results, and the parts its controllers render. */
export interface BaseView {
  state: CheckState;
  lang: string;
  /**
   * What shows a result (its chunk): here whenever a result is — a check does not finish without
   * it — so without it nothing of a result is rendered.
   */
  parts: ResultParts | undefined;
  mode: 'staff' | 'applicant';
  /** The result on screen (the current one, or the earlier one while `stale`). */
  result: Check | undefined;
  /** The result the staff's details panel was last rendered with: kept, hidden, between checks. */
  panel: Check | undefined;
  /** The staff confirmed the restrict/caution alert of the result. */
  acknowledged: boolean;
  status: TemplateResult;
  applicant: (result: Check) => TemplateResult | typeof nothing;
  feedback: (result: Check) => FeedbackView;
  notices: unknown;
  /** The result beside the check made at 受理, for a later check of the same application. */
  since: (result: Check) => TemplateResult | typeof nothing;
  onPrint: () => void;
  onRecheck: () => void;
  onAcknowledge: () => void;
  /** The alert was closed other than by confirming (Escape). */
  onAlertClosed: () => void;
}

/**
 * The element's layout: the state banner; the details (staff — kept across checks, hidden while
 * nothing is shown, so a new result updates them in place) or the applicant's view; the response
 * form once a finished result's alert is confirmed; the alert itself; the 补查 notices; and the
 * verdict announced to screen readers.
 */
export function baseTemplate(v: BaseView): TemplateResult {
  const { lang, parts } = v;
  const result = parts ? v.result : undefined;
  const done = v.state === 'done';
  const staff = v.mode === 'staff';
  const alerting = result !== undefined && needsAlert(v.mode, result.verdict);
  return html`<div part="base">
      ${v.status}
      ${
        staff
          ? v.panel && parts
            ? parts.detailsTemplate(v.panel, {
                lang,
                hidden: !result,
                canRecheck: done,
                since: v.since(v.panel),
                onPrint: v.onPrint,
                onRecheck: v.onRecheck,
              })
            : nothing
          : result
            ? v.applicant(result)
            : nothing
      }
      ${parts && result && staff && done && (!alerting || v.acknowledged) ? parts.feedbackTemplate(result, v.feedback(result)) : nothing}
      ${parts && result && alerting && done ? parts.alertTemplate(result, lang, v.onAcknowledge, v.onAlertClosed) : nothing}
      ${v.notices}
      <span class="sr-only" role="status">${done && result ? strings(lang).verdict[result.verdict][0] : ''}</span>
    </div>`;
}
