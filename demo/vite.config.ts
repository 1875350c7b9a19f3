import { fileURLToPath } from 'node:url';
import vue from '@vitejs/plugin-vue';
import { msw } from 'msw/vite';
import { defaultClientConditions, defineConfig } from 'vite';
// The widget's own guard: no Node built-in in a browser build (sm-crypto-v2's fallback resolves to WebCrypto).
import { browserOnly } from '../packages/widget/vite.browser.ts';

const page = (name: string) => fileURLToPath(new URL(name, import.meta.url));

/**
 * Two builds from one codebase: the approval hall `npm start` serves next to the real mock platform
 * (`vite build`: production bundles in dist/hall, with the Vue and React examples; the plain-HTML
 * and jQuery examples need no build and are served as written), and `--mode static`: everything in
 * the browser (platform and host backend behind msw's service worker), built to static files any
 * web server can host (dist/site).
 */
export default defineConfig(({ mode, command }) => {
  const site = mode === 'static';
  return {
    base: site ? './' : '/',
    // Workspace packages from their sources; every build (the static one too, whose mode is not
    // `production`) takes the production exports: no Lit dev mode, no dev warnings in the console.
    resolve: {
      conditions: [
        'source',
        ...defaultClientConditions.map((c) => (c === 'development|production' && command === 'build' ? 'production' : c)),
      ],
    },
    plugins: [
      browserOnly(),
      vue({ template: { compilerOptions: { isCustomElement: (tag) => tag === 'credit-check' } } }),
      ...(site ? [msw({ mode: 'worker-only' })] : []),
    ],
    build: {
      // The demo pages use top-level await; the widget they load is ES2020 on its own.
      target: 'es2022',
      outDir: site ? 'dist/site' : 'dist/hall',
      emptyOutDir: true,
      // One chunk per page is what a counter loads; no warning for the Vue and React runtimes.
      chunkSizeWarningLimit: 700,
      rolldownOptions: {
        input: {
          index: page('index.html'),
          coverage: page('coverage.html'),
          alerts: page('alerts.html'),
          ...(site ? {} : { vue: page('examples/vue/index.html'), react: page('examples/react/index.html') }),
        },
      },
    },
  };
});
