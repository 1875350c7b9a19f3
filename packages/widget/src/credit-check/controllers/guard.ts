import type { ResponsePath } from '@credit-check/sdk/contract';
import type { ReactiveController } from 'lit';
import { rootOf, select } from '../dom.ts';
import type { CreditCheckHost } from '../host.ts';
import { strings } from '../i18n.ts';
import { pathOf } from '../response.ts';

type SubmitControl = HTMLButtonElement | HTMLInputElement;
const SUBMITS = 'button:not([type]), button[type="submit"], input[type="submit"]';
const OBSERVE: MutationObserverInit = { childList: true, subtree: true, attributes: true, attributeFilter: ['disabled'] };

/**
 * The element as a form control, and the guard on the approval form (逢办必查: no approval without a
 * finished check). Through ElementInternals it submits the check id and receipt and stays invalid
 * while `held`; on the `guard` form it disables the submit buttons and stops submission while held.
 * Modelled on Shoelace's FormControlController.
 */
export class GuardController implements ReactiveController {
  private form: HTMLFormElement | null = null;
  private selector: string | undefined;
  private readonly disabledByUs = new Set<SubmitControl>();
  /** Frameworks re-render buttons: keep them held. */
  private readonly observer = new MutationObserver(() => this.syncGuard());

  private readonly host: CreditCheckHost;
  private readonly internals: ElementInternals;

  constructor(host: CreditCheckHost, internals: ElementInternals) {
    this.host = host;
    this.internals = internals;
    host.addController(this);
  }

  hostUpdated(): void {
    if (this.host.guard !== this.selector) {
      this.selector = this.host.guard;
      this.attach((select(rootOf(this.host), this.selector)?.[0] as unknown as HTMLFormElement | undefined) ?? null);
    }
    this.syncForm();
    this.syncGuard();
  }

  hostConnected(): void {
    // Moved in the page: find the guarded form again.
    if (this.host.hasUpdated) this.host.requestUpdate();
  }

  hostDisconnected(): void {
    this.selector = undefined;
    this.attach(null);
  }

  /**
   * The form value: `name` = check id, `name-receipt` = the signed receipt; or, for a deferral,
   * `name` = `deferred:<id>` and `name-deferral` = its JSON (no receipt: the backend re-checks).
   * Validity follows `held`.
   */
  private syncForm(): void {
    const { result, name, deferral } = this.host;
    if (deferral && name && this.host.state === 'deferred') {
      const data = new FormData();
      data.append(name, `deferred:${deferral.deferralId}`);
      data.append(`${name}-deferral`, JSON.stringify(deferral));
      this.internals.setFormValue(data);
    } else if (result && name) {
      const data = new FormData();
      data.append(name, result.checkId);
      data.append(`${name}-receipt`, result.receipt);
      // What the window did (响应 = 反馈): the backend applies the same rule (permittedOutcomes).
      if (this.host.outcome) data.append(`${name}-outcome`, this.host.outcome);
      this.internals.setFormValue(data);
    } else {
      this.internals.setFormValue(null);
    }
    const anchor = this.host.renderRoot.querySelector<HTMLElement>('[part="status"]') ?? undefined;
    const held = this.host.held;
    // The reason is the validation message: a page says it beside its held buttons.
    if (held) this.internals.setValidity({ customError: true }, this.host.holdReason ?? strings(this.host.lang).guardHeld, anchor);
    else this.internals.setValidity({});
    // `held` as an attribute: for the page's styles and its MutationObserver.
    this.host.toggleAttribute('held', held);
  }

  private attach(form: HTMLFormElement | null): void {
    if (this.form === form) return;
    if (this.form) {
      this.form.removeEventListener('submit', this.onSubmit, true);
      this.release();
      this.observer.disconnect();
    }
    this.form = form;
    if (form) {
      form.addEventListener('submit', this.onSubmit, true);
      this.observer.observe(form, OBSERVE);
    }
  }

  private readonly onSubmit = (event: Event) => {
    // Which path this submission takes: its submit button's (none: an approval).
    if (this.host.paths.has(pathOf((event as SubmitEvent).submitter))) return;
    event.preventDefault();
    event.stopImmediatePropagation();
    this.host.showAlert();
  };

  /** Disables every submit button whose path is not open, and gives back the ones it held that are. */
  private syncGuard(): void {
    const form = this.form;
    if (!form) return;
    const open = this.host.paths;
    this.observer.disconnect();
    for (const button of form.querySelectorAll<SubmitControl>(SUBMITS)) {
      if (open.has(pathOf(button))) {
        if (this.disabledByUs.delete(button)) {
          button.disabled = false;
          button.removeAttribute('data-credit-check-held');
        }
      } else if (!button.disabled || this.disabledByUs.has(button)) {
        button.disabled = true;
        button.setAttribute('data-credit-check-held', '');
        this.disabledByUs.add(button);
      }
    }
    this.observer.observe(form, OBSERVE);
  }

  /**
   * After a response is recorded, once the buttons follow it: focus on the first submit button of
   * the way it opened, so the staff go on from there (not from the page's top) — else on the words
   * that say what was recorded.
   */
  focusWay(path: ResponsePath): void {
    this.host.requestUpdate();
    void this.host.updateComplete.then(() => {
      const button = [...(this.form?.querySelectorAll<SubmitControl>(SUBMITS) ?? [])].find((b) => pathOf(b) === path && !b.disabled);
      (button ?? this.host.renderRoot.querySelector<HTMLElement>('[part="feedback"] .done'))?.focus();
    });
  }

  private release(): void {
    this.observer.disconnect();
    for (const button of this.disabledByUs) {
      button.disabled = false;
      button.removeAttribute('data-credit-check-held');
    }
    this.disabledByUs.clear();
    if (this.form) this.observer.observe(this.form, OBSERVE);
  }
}
