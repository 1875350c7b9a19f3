import { isBuiltin } from 'node:module';
import minifyLiterals from '@lit-labs/rollup-plugin-minify-html-literals';
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

/**
 * Lit's own guidance for production: template and CSS literals minified (html-minifier-next,
 * lightningcss) once TypeScript is stripped. A literal it cannot parse fails the build rather than
 * shipping half-minified markup.
 */
export function minifiedLiterals(): Plugin {
  // keepClosingSlash: an svg`` literal is a fragment of shapes (`<circle …/><rect …/>`) the minifier
  // does not know are SVG; dropping their slash nests each shape in the one before it, and a shape
  // inside a <circle> is never painted (every icon lost its inner mark in the drop-in).
  const options = { minifyOptions: { keepClosingSlash: true } };
  return { ...minifyLiterals({ include: ['**/src/**/*.ts'], failOnError: true, options }), apply: 'build' } as unknown as Plugin;
}

/**
 * A drop-in is the end of the line: no bundler reads its tree-shaking annotations (hundreds of
 * `@__PURE__` comments), so they are only bytes. Licences stay.
 */
export const shippedComments = { legal: true, annotation: false, jsdoc: false } as const;
