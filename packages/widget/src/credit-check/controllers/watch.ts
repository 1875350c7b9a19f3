import type { ReactiveController } from 'lit';
import type { CreditCheck } from '../credit-check.ts';
import { matches, rootOf, select } from '../dom.ts';

/**
 * Watches the host page's identifier and name fields (自动触发, 002 (十六)): whatever the staff
 * type, paste or compose there becomes the element's input. Listens on the element's root in the
 * capture phase, so fields rendered before or after the element are both seen.
 */
export class WatchController implements ReactiveController {
  /** The identifier as last entered in a watched field. */
  value = '';
  /** The applicant name, once entered (`change`). */
  name: string | undefined;
  /** The staff left the identifier field: its value is final. */
  blurred = false;
  private root: Document | ShadowRoot | undefined;

  private readonly host: CreditCheck;

  constructor(host: CreditCheck) {
    this.host = host;
    host.addController(this);
  }

  hostConnected(): void {
    this.root = rootOf(this.host);
    this.root.addEventListener('input', this.onInput, true);
    this.root.addEventListener('change', this.onInput, true);
    this.root.addEventListener('compositionend', this.onInput, true);
    this.root.addEventListener('focusout', this.onBlur, true);
    this.read();
    // Frameworks may render the watched input after us.
    queueMicrotask(() => this.read());
  }

  hostDisconnected(): void {
    this.root?.removeEventListener('input', this.onInput, true);
    this.root?.removeEventListener('change', this.onInput, true);
    this.root?.removeEventListener('compositionend', this.onInput, true);
    this.root?.removeEventListener('focusout', this.onBlur, true);
    this.root = undefined;
  }

  /** Picks up values already in the fields (pre-filled forms, late-rendered fields). */
  read(): void {
    const root = rootOf(this.host);
    const filled = select(root, this.host.watch)?.find((i) => i.value);
    if (filled && !this.value) this.update(filled.value, this.blurred);
    const name = select(root, this.host.watchName)?.[0];
    if (name?.value) this.updateName(name.value.trim());
  }

  /** The form was reset: nothing entered any more. */
  reset(): void {
    this.update('', false);
  }

  private update(value: string, blurred: boolean): void {
    if (value === this.value && blurred === this.blurred) return;
    this.value = value;
    this.blurred = blurred;
    this.host.requestUpdate();
  }

  private updateName(name: string | undefined): void {
    if (name === this.name) return;
    this.name = name;
    this.host.requestUpdate();
  }

  private readonly onInput = (event: Event) => {
    const target = event.target as Element | null;
    if (!target || (event as InputEvent).isComposing) return;
    if (matches(target, this.host.watch)) {
      // Typing again: judge the length only once the code is complete or the field is left.
      this.update((target as HTMLInputElement).value ?? '', event.type === 'change');
    } else if (event.type === 'change' && matches(target, this.host.watchName)) {
      // The name counts once entered (change), not per keystroke: each keystroke would be a check.
      this.updateName((target as HTMLInputElement).value?.trim() || undefined);
    }
  };

  private readonly onBlur = (event: Event) => {
    if (matches(event.target as Element | null, this.host.watch)) this.update(this.value, true);
  };
}
