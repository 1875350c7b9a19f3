import { isBuiltin } from 'node:module';
import type { Plugin } from 'vite';

const WEBCRYPTO = '\0credit-check:webcrypto';

/**
 * No Node built-in reaches a browser build. sm-crypto-v2 (国密, loaded only where a receipt is
 * SM2-signed) falls back to `import('crypto')` for `webcrypto` when `globalThis.crypto` is missing —
 * never in a browser; there `crypto` is the browser's own WebCrypto, so that is what it resolves
 * to. Any other built-in fails the build, naming the module that imports it, instead of Vite's
 * "externalized for browser compatibility" warning and an empty module at run time.
 */
export function browserOnly(): Plugin {
  return {
    name: 'credit-check:browser-only',
    enforce: 'pre',
    resolveId(id, importer) {
      if (!isBuiltin(id)) return null;
      if ((id === 'crypto' || id === 'node:crypto') && importer?.includes('/sm-crypto-v2/')) return WEBCRYPTO;
      this.error(`Node built-in "${id}" imported by ${importer ?? '?'} would reach the browser build`);
    },
    load(id) {
      return id === WEBCRYPTO ? 'export const webcrypto = globalThis.crypto;\nexport default { webcrypto };\n' : null;
    },
  };
}
