import type { Check } from '@credit-check/sdk';
import { html, nothing, type ReactiveController, type TemplateResult } from 'lit';
import type { CreditCheckHost } from '../host.ts';
import { strings } from '../i18n.ts';
import { loadResultParts } from '../result-parts.ts';
import type { ApplicantController, ApplicantReadings } from './applicant.ts';

/**
 * Applicant mode on demand (`mode="applicant"`, the online channel): the commitment signing is a
 * chunk of its own, fetched as soon as the element knows its mode — well before a check answers.
 */
export class ApplicantMode implements ReactiveController {
  private impl: ApplicantController | undefined;
  private loading: Promise<void> | undefined;
  /** The chunk could not be loaded: said on screen, never silent. */
  private failed = false;
  private readonly host: CreditCheckHost;
  private readonly read: ApplicantReadings;

  constructor(host: CreditCheckHost, read: ApplicantReadings) {
    this.host = host;
    this.read = read;
    host.addController(this);
  }

  hostUpdate(): void {
    if (this.host.mode !== 'applicant' || this.loading) return;
    // Its calls (the matters, the signing) go through the connection, which comes with the result's chunk.
    this.loading = Promise.all([import('./applicant.ts'), loadResultParts()]).then(
      ([{ ApplicantController }]) => {
        this.impl = new ApplicantController(this.host, this.read);
        this.host.requestUpdate();
      },
      () => {
        this.failed = true;
        this.host.requestUpdate();
      },
    );
  }

  /** A new check: nothing signed for it yet. */
  reset(): void {
    this.impl?.reset();
  }

  view(result: Check): TemplateResult | typeof nothing {
    if (this.impl) return this.impl.view(result);
    return this.failed ? html`<p class="field-error" role="alert">${strings(this.host.lang).modeUnavailable}</p>` : nothing;
  }
}
