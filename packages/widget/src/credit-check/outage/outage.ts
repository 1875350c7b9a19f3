import { CreditCheckError } from '@credit-check/sdk';
import type { DeferralReasonCode } from '@credit-check/sdk/contract';
import { html, nothing, type ReactiveController, type TemplateResult } from 'lit';
import type { CreditCheckDeferredDetail } from '../events.ts';
import type { CreditCheckHost } from '../host.ts';
import { strings } from '../i18n.ts';
import type { DeferController, DeferReadings } from './defer.ts';
import { deferralsStored } from './stored.ts';

/**
 * 应急 mode on demand. The DeferController (deferral, IndexedDB, the sender, 补查 notices — about a
 * sixth of the widget) is a chunk of its own, loaded when `outage="defer"` or when this browser
 * keeps deferrals from before; a counter that holds during outages never downloads it.
 */
export class OutageController implements ReactiveController {
  private impl: DeferController | undefined;
  private loading: Promise<DeferController> | undefined;
  /** The chunk could not be loaded (a host that copied only credit-check.js): said on screen, never silent. */
  private failed = false;
  private probed = false;
  private readonly host: CreditCheckHost;
  private readonly read: DeferReadings;

  constructor(host: CreditCheckHost, read: DeferReadings) {
    this.host = host;
    this.read = read;
    host.addController(this);
  }

  hostUpdated(): void {
    if (this.loading) return;
    if (this.host.outage === 'defer') void this.load().catch(() => undefined);
    else if (!this.probed) {
      this.probed = true;
      void deferralsStored().then((yes) => {
        if (yes) void this.load().catch(() => undefined);
      });
    }
  }

  private load(): Promise<DeferController> {
    this.loading ??= import('./defer.ts').then(
      ({ DeferController }) => {
        this.impl = new DeferController(this.host, this.read);
        this.host.requestUpdate();
        return this.impl;
      },
      (cause: unknown) => {
        this.failed = true;
        this.host.requestUpdate();
        const en = 'Outage acceptance could not be loaded: serve the credit-check.*.js chunks beside credit-check.js';
        throw new CreditCheckError('CONFIG', en, {
          cause,
          fieldErrors: [{ pointer: '', code: 'DEFER_UNAVAILABLE', message: { 'zh-CN': strings('zh-CN').deferUnavailable, en } }],
        });
      },
    );
    return this.loading;
  }

  /** `el.defer(reason)`: loads 应急 mode if need be; it refuses what may not be deferred. */
  async defer(reason: { code: DeferralReasonCode; text: string }): Promise<CreditCheckDeferredDetail> {
    return (await this.load()).defer(reason);
  }

  /** The deferral in force for what is entered now. */
  deferral(): CreditCheckDeferredDetail | undefined {
    return this.impl?.deferral();
  }

  /** A new check or a form reset. */
  forget(): void {
    this.impl?.forget();
  }

  /** A live check was answered: the platform is back. */
  platformBack(): void {
    this.impl?.platformBack();
  }

  /** The offer below the retry button during an outage (`outage="defer"` only). */
  offer(): TemplateResult | typeof nothing {
    if (this.host.outage !== 'defer') return nothing;
    if (this.impl) return this.impl.offer();
    return this.failed ? html`<p part="defer-blocked" class="meta" role="note">${strings(this.host.lang).deferUnavailable}</p>` : nothing;
  }

  /** State `deferred` in words. */
  status(): { headline: string; message: string } | undefined {
    return this.impl?.status();
  }

  notices(): TemplateResult | typeof nothing {
    return this.impl?.notices.view() ?? nothing;
  }
}
