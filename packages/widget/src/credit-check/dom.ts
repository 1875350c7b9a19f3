import { maskIdNumber } from '@credit-check/sdk';

/** The document or shadow root the element lives in: watched fields and the guarded form are looked up there. */
export function rootOf(el: Element): Document | ShadowRoot {
  const root = el.getRootNode();
  return root instanceof ShadowRoot || root instanceof Document ? root : document;
}

/** Elements matching a selector from the host page; undefined when the selector is invalid. */
export function select(root: Document | ShadowRoot, selector: string | undefined): HTMLInputElement[] | undefined {
  if (!selector) return [];
  try {
    return [...root.querySelectorAll<HTMLInputElement>(selector)];
  } catch {
    return undefined;
  }
}

export function matches(target: Element | null, selector: string | undefined): boolean {
  if (!target || !selector) return false;
  try {
    return target.matches?.(selector) ?? false;
  } catch {
    return false;
  }
}

/** Identifiers on screen and in events: 身份证 always masked (003 §四). */
export function shownId(idType: string, id: string): string {
  return idType === 'idcard' ? maskIdNumber(id) : id;
}

/**
 * Opens an alert dialog modally (once) with its confirm button focused. Escape is refused by the
 * template's `cancel` handler — but a browser lets a page refuse it only once per user activation
 * (Chromium's close watchers): on `close`, the controller opens again what is still unconfirmed.
 */
export function openModal(dialog: HTMLDialogElement): void {
  // Not in a document (the element was removed while an update was on its way): nothing to show.
  if (dialog.open || !dialog.isConnected) return;
  dialog.showModal();
  dialog.querySelector<HTMLButtonElement>('[part="acknowledge-button"]')?.focus();
}
