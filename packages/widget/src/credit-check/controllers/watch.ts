import type { ReactiveController } from 'lit';
import { matches, rootOf, select } from '../dom.ts';
import type { CreditCheckHost } from '../host.ts';
import { hookOptions, onValueSet } from '../value-hooks.ts';

type Field = HTMLInputElement | HTMLSelectElement;

const INPUT_EVENTS = ['input', 'change', 'compositionend'] as const;

/**
 * Watches the host page's identifier and name fields (自动触发, 002 (十六)), however their value gets
 * there: typing, paste, IME composition, drag-and-drop and autofill (events, heard in the capture
 * phase on the element's root); a script setting `value` — plain, jQuery `.val()`, Vue, React —
 * (value hooks); `setAttribute('value', …)` and fields that appear, are replaced or re-rendered
 * later (one MutationObserver on the root); a form reset. Nothing is polled.
 */
export class WatchController implements ReactiveController {
  /** The identifier as last entered in a watched field. */
  value = '';
  /** The applicant name, once entered (`change`, or set by script). */
  name: string | undefined;
  /** The value is final: the staff left the field, or a script or reset put it there. */
  blurred = false;
  private readonly host: CreditCheckHost;
  private root: Document | ShadowRoot | undefined;
  private readonly hooks = new Map<Field, () => void>();
  /** An input event heard on its way down, handled once the page's own listeners have run. */
  private pending: Event | undefined;
  private pendingTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly observer = new MutationObserver((records) => this.onMutations(records));

  constructor(host: CreditCheckHost) {
    this.host = host;
    host.addController(this);
  }

  hostConnected(): void {
    const root = rootOf(this.host);
    this.root = root;
    for (const type of INPUT_EVENTS) {
      root.addEventListener(type, this.onCapture, true);
      root.addEventListener(type, this.onBubble);
    }
    root.addEventListener('focusout', this.onBlur, true);
    root.addEventListener('reset', this.onReset, true);
    this.observer.observe(root, { childList: true, subtree: true, attributes: true, attributeFilter: ['value'] });
    this.read();
    // Frameworks may render the watched input after us in the same task.
    queueMicrotask(() => this.read());
  }

  hostDisconnected(): void {
    const root = this.root;
    for (const type of INPUT_EVENTS) {
      root?.removeEventListener(type, this.onCapture, true);
      root?.removeEventListener(type, this.onBubble);
    }
    root?.removeEventListener('focusout', this.onBlur, true);
    clearTimeout(this.pendingTimer);
    this.pending = undefined;
    root?.removeEventListener('reset', this.onReset, true);
    this.observer.disconnect();
    for (const stop of this.hooks.values()) stop();
    this.hooks.clear();
    this.root = undefined;
  }

  /**
   * Finds the watched fields now on the page, hooks the new ones, and takes a value that arrived
   * with them (pre-filled forms, fields rendered or replaced later).
   */
  read(): void {
    const root = rootOf(this.host);
    for (const [field, stop] of this.hooks) {
      if (!field.isConnected) {
        stop();
        this.hooks.delete(field);
      }
    }
    for (const field of [...(select(root, this.host.watch) ?? []), ...(select(root, this.host.watchName)?.slice(0, 1) ?? [])]) {
      if (this.hooks.has(field)) hookOptions(field);
      else {
        this.hooks.set(
          field,
          onValueSet(field, () => this.take(field)),
        );
        if (field.value) this.take(field, !this.value);
      }
    }
  }

  /** The form was reset: nothing entered any more. */
  reset(): void {
    this.update('', false);
  }

  /** Takes a field's current value, set by script or carried by a new field (`force`: even if one is known). */
  private take(field: Field, force = true): void {
    if (matches(field, this.host.watch)) {
      if (force || field.value !== this.value) this.update(field.value ?? '', true);
    } else if (matches(field, this.host.watchName)) {
      this.updateName(field.value?.trim() || undefined);
    }
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

  private onMutations(records: MutationRecord[]): void {
    let added = false;
    for (const r of records) {
      if (r.type === 'childList') added ||= r.addedNodes.length > 0;
      // setAttribute('value', …): on a field the staff have not edited, it is the value.
      else if (this.hooks.has(r.target as Field)) this.take(r.target as Field, false);
    }
    if (added) this.read();
  }

  /**
   * Heard on the way down (a page that stops propagation cannot hide it), handled on the way up:
   * the page's own handlers (Vue's v-model, React's onChange) must update their state first, or a
   * re-render our events cause in between would write their stale value back into the field. A
   * task is the fallback when propagation was stopped.
   */
  private readonly onCapture = (event: Event) => {
    const target = event.target as Element | null;
    if (!matches(target, this.host.watch) && !matches(target, this.host.watchName)) return;
    if (this.pending) this.flush();
    this.pending = event;
    this.pendingTimer = setTimeout(() => this.flush());
  };

  private readonly onBubble = (event: Event) => {
    if (event === this.pending) this.flush();
  };

  private flush(): void {
    const event = this.pending;
    this.pending = undefined;
    clearTimeout(this.pendingTimer);
    if (event) this.onInput(event);
  }

  private onInput(event: Event): void {
    const target = event.target as Element | null;
    if (!target || (event as InputEvent).isComposing) return;
    if (matches(target, this.host.watch)) {
      // Typing again: judge the length only once the code is complete or the field is left.
      this.update((target as HTMLInputElement).value ?? '', event.type === 'change');
    } else if (event.type === 'change' && matches(target, this.host.watchName)) {
      // The name counts once entered (change), not per keystroke: each keystroke would be a check.
      this.updateName((target as HTMLInputElement).value?.trim() || undefined);
    }
  }

  private readonly onBlur = (event: Event) => {
    if (!matches(event.target as Element | null, this.host.watch)) return;
    // A complete code is judged as final already: leaving the field changes nothing on screen, so
    // no update is asked for (the alert taking focus blurs the field in the middle of an update).
    if (this.value.replace(/[\s-]/g, '').length >= 18) {
      this.blurred = true;
      return;
    }
    this.update(this.value, true);
  };

  /** A reset puts the fields back to their defaults after the event: read them then. */
  private readonly onReset = (event: Event) => {
    const form = event.target as HTMLFormElement;
    setTimeout(() => {
      if (event.defaultPrevented) return;
      for (const field of this.hooks.keys()) if (form.contains(field)) this.take(field);
    });
  };
}
