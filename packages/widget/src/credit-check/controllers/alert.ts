import type { ReactiveController } from 'lit';
import { openModal } from '../dom.ts';
import { emit } from '../events.ts';
import type { CreditCheckHost } from '../host.ts';
import { needsAlert, needsResponse } from '../response.ts';

/**
 * The modal alert for restrict/caution (自动提示, 002 (十)): opens once per check, takes focus, cannot
 * be dismissed with Escape, and is shown again when the staff try to submit before confirming.
 */
export class AlertController implements ReactiveController {
  /** The staff confirmed the alert of the current check. */
  acknowledged = false;
  private alertedFor = '';

  private readonly host: CreditCheckHost;

  constructor(host: CreditCheckHost) {
    this.host = host;
    host.addController(this);
  }

  hostUpdated(): void {
    this.show();
    this.revealResponse();
  }

  /**
   * A verdict that needs a response but no alert (提示): its response form comes into view once,
   * where it would otherwise wait below the fold (1366×900) while the buttons stay held.
   */
  private revealedFor = '';
  private revealResponse(): void {
    const result = this.host.result;
    if (!result || needsAlert(this.host.mode, result.verdict) || !needsResponse(this.host.mode, result.verdict)) return;
    if (this.revealedFor === result.checkId || this.host.outcome) return;
    this.revealedFor = result.checkId;
    this.host.renderRoot.querySelector('[part="feedback"]')?.scrollIntoView({ block: 'nearest' });
  }

  /** A new check: nothing confirmed yet. */
  reset(): void {
    this.acknowledged = false;
  }

  /** Opens the dialog when the current result needs it (`again`: even if it was shown before). */
  show(again = false): void {
    const result = this.host.result;
    if (!result || !needsAlert(this.host.mode, result.verdict) || this.acknowledged) return;
    if (this.alertedFor === result.checkId && !again) return;
    this.alertedFor = result.checkId;
    const dialog = this.host.renderRoot.querySelector<HTMLDialogElement>('dialog[part="alert"]');
    if (dialog) openModal(dialog);
  }

  acknowledge(): void {
    const result = this.host.result;
    if (!result || this.acknowledged) return;
    this.acknowledged = true;
    this.host.renderRoot.querySelector<HTMLDialogElement>('dialog[part="alert"]')?.close();
    this.host.requestUpdate();
    emit(this.host, 'credit-check-acknowledge', { checkId: result.checkId, verdict: result.verdict });
    this.focusResponse();
  }

  /** Moves focus to the response form (the chosen outcome), where the staff go next. */
  focusResponse(): void {
    void this.host.updateComplete.then(() =>
      this.host.renderRoot.querySelector<HTMLInputElement>('[part="feedback"] input:checked, [part="feedback"] input')?.focus(),
    );
  }
}
