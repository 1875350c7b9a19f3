import { CreditCheckError } from '@credit-check/sdk';
import type { DeferralReasonCode } from '@credit-check/sdk/contract';
import { html, nothing, type ReactiveController, type TemplateResult } from 'lit';
import type { CreditCheck } from '../credit-check.ts';
import type { CreditCheckDeferredDetail } from '../events.ts';
import { strings } from '../i18n.ts';
import type { DeferController } from './defer.ts';

/** The IndexedDB database of 应急 mode (deferrals waiting to be sent, finished 补查, the sealing key). */
export const DEFERRAL_DB = 'credit-check';

let stored = false;

/**
 * Was anything ever deferred in this browser? Then 补查 may be waiting to be sent or shown, even by an
 * element that now holds during outages. Asked without opening (creating) the database; a yes is
 * remembered for the page, a no is asked again by the next element (a deferral may come meanwhile).
 */
async function deferralsStored(): Promise<boolean> {
  if (!stored) {
    try {
      stored = (await indexedDB.databases()).some((d) => d.name === DEFERRAL_DB);
    } catch {
      // No IndexedDB here: nothing can have been kept.
    }
  }
  return stored;
}

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
  private readonly host: CreditCheck;

  constructor(host: CreditCheck) {
    this.host = host;
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
        this.impl = new DeferController(this.host);
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
    return this.impl?.noticesView() ?? nothing;
  }
}
