import { defaultClientConditions, defineConfig } from 'vite';

/**
 * dist/credit-check.js: one self-contained, self-registering ES module (Lit + SDK + widget) for a
 * single <script type="module"> drop-in. Minified, ES2020 syntax for Chromium-based domestic browsers.
 */
export default defineConfig({
  resolve: { conditions: ['source', ...defaultClientConditions] },
  build: {
    target: 'es2020',
    minify: true,
    sourcemap: true,
    outDir: 'dist',
    emptyOutDir: false,
    copyPublicDir: false,
    lib: { entry: 'src/standalone.ts', formats: ['es'], fileName: () => 'credit-check.js' },
    reportCompressedSize: false,
    // Library mode leaves ES output's whitespace and names as they are; the drop-in is shipped as is,
    // so minify the chunk itself.
    rolldownOptions: { output: { minify: true } },
  },
});
