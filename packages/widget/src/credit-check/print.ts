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
