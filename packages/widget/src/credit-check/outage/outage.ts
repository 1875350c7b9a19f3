import { type Check, CreditCheckError, type FeedbackInput, isPlatformUnavailable } from '@credit-check/sdk';
import type { DeferralReasonCode } from '@credit-check/sdk/contract';
import { html, nothing, type ReactiveController, type TemplateResult } from 'lit';
import type { CreditCheckDeferredDetail } from '../events.ts';
import type { CreditCheckHost } from '../host.ts';
import { strings } from '../i18n.ts';
import { loadResultParts } from '../result-parts.ts';
import type { DeferController, DeferReadings, OutageHooks } from './defer.ts';
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
  private readonly hooks: OutageHooks;

  constructor(host: CreditCheckHost, read: DeferReadings, hooks: OutageHooks) {
    this.host = host;
    this.read = read;
    this.hooks = hooks;
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
    // 应急 calls the platform through the connection, which comes with the result's chunk.
    this.loading ??= Promise.all([import('./defer.ts'), loadResultParts()]).then(
      ([{ DeferController }]) => {
        this.impl = new DeferController(this.host, this.read, this.hooks);
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

  /**
   * Keeps a response the platform did not take (it is down) until it is back: loads 应急 mode if need
   * be — any counter may lose the platform between the check and the response.
   */
  async queueFeedback(check: Check, body: FeedbackInput, idempotencyKey: string): Promise<void> {
    const impl = await this.load();
    // Loaded just now: its sender attaches in the update that follows.
    await this.host.updateComplete;
    return impl.queueFeedback(check, body, idempotencyKey);
  }

  /** The alert of `checkId` was confirmed on the element. */
  acknowledgedCheck(checkId: string): void {
    this.impl?.acknowledgedCheck(checkId);
  }

  /** The response to `checkId` was recorded on the element. */
  fedBackCheck(checkId: string): void {
    this.impl?.fedBackCheck(checkId);
  }

  /** Said above the result when it is the 补查 of the element's withdrawn deferral. */
  withdrawal(): string | undefined {
    return this.impl?.withdrawal();
  }

  /** Would 先行受理 be offered if the platform went down now (see DeferController.deferrable)? */
  deferrable(): boolean {
    return this.impl?.deferrable() ?? false;
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
    // Said where 先行受理 would be offered — an outage — not under every failure (a check that failed
    // for another reason, e.g. the result's parts, is not something 应急 would answer).
    const error = this.read.checkError();
    return this.failed && error && isPlatformUnavailable(error)
      ? html`<p part="defer-blocked" class="meta" role="note">${strings(this.host.lang).deferUnavailable}</p>`
      : nothing;
  }

  /** State `deferred` in words. */
  status(): { headline: string; message: string } | undefined {
    return this.impl?.status();
  }

  notices(): TemplateResult | typeof nothing {
    return this.impl?.notices.view() ?? nothing;
  }
}
