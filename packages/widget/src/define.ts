import { CreditCheck } from './credit-check/credit-check.ts';

declare global {
  interface HTMLElementTagNameMap {
    'credit-check': CreditCheck;
  }
}

// Pages under a strict CSP without adoptedStyleSheets support can pass a nonce for Lit's <style>
// fallback: <meta name="csp-nonce" content="…"> (or set window.litNonce before loading).
const g = globalThis as { litNonce?: string; document?: Document };
if (!g.litNonce && g.document) {
  const nonce = g.document.querySelector<HTMLMetaElement>('meta[name="csp-nonce"]')?.content;
  if (nonce) g.litNonce = nonce;
}

if (!customElements.get('credit-check')) customElements.define('credit-check', CreditCheck);

export { CreditCheck };
