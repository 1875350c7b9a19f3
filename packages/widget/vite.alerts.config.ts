import { defaultClientConditions, defineConfig } from 'vite';
import { browserOnly, minifiedLiterals, shippedComments } from './vite.browser.ts';

/**
 * dist/credit-alerts.js: the <credit-alerts> inbox as its own self-registering drop-in, for the
 * 信用提醒 page. Separate from dist/credit-check.js so the counter's file does not grow; a page
 * that loads both pays Lit and the SDK twice (the inbox page usually stands alone).
 */
export default defineConfig({
  plugins: [browserOnly(), minifiedLiterals()],
  resolve: { conditions: ['source', ...defaultClientConditions] },
  build: {
    target: 'es2020',
    minify: true,
    sourcemap: true,
    outDir: 'dist',
    emptyOutDir: false,
    copyPublicDir: false,
    lib: { entry: 'src/alerts.ts', formats: ['es'], fileName: () => 'credit-alerts.js' },
    reportCompressedSize: false,
    rolldownOptions: { output: { minify: true, comments: shippedComments, codeSplitting: false } },
  },
});
