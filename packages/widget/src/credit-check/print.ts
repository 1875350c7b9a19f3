import type { Connection } from '@credit-check/sdk';

/**
 * Prints the check: the platform's 信用核查结果单 (its module loaded on demand), or — with no check on
 * the platform to print, or no platform — the element's own receipt.
 */
export function printCheck(el: HTMLElement, connection: Connection | undefined, checkId: string | undefined): void {
  if (!connection || !checkId) {
    printElement(el);
    return;
  }
  import('./sheet/print-sheet.ts').then((m) => m.printSheet(connection, checkId)).catch(() => printElement(el));
}

/** Prints one element's receipt: the page hides everything but that element for the print. */
export function printElement(el: HTMLElement): void {
  // Without constructable stylesheets the whole page prints (the element keeps its print styles).
  if (!('adoptedStyleSheets' in Document.prototype)) {
    window.print();
    return;
  }
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(
    '@media print { body * { visibility: hidden !important; } credit-check[printing], credit-check[printing] * { visibility: visible !important; } credit-check[printing] { position: absolute; inset: 0 auto auto 0; width: 100%; } }',
  );
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  el.setAttribute('printing', '');
  const done = () => {
    el.removeAttribute('printing');
    document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== sheet);
  };
  window.addEventListener('afterprint', done, { once: true });
  window.print();
}
