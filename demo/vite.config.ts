import { fileURLToPath } from 'node:url';
import vue from '@vitejs/plugin-vue';
import { msw } from 'msw/vite';
import { defaultClientConditions, defineConfig } from 'vite';

const page = (name: string) => fileURLToPath(new URL(name, import.meta.url));

/**
 * Two modes from one codebase: the dev server next to the real mock platform (`npm start`), and
 * `--mode static`: everything in the browser (platform and host backend behind msw's service
 * worker), built to static files any web server can host (dist/site).
 */
export default defineConfig(({ mode }) => ({
  base: './',
  resolve: { conditions: ['source', ...defaultClientConditions] },
  // Every page and dependency up front: discovering one late makes Vite re-optimise and answer
  // in-flight requests with 504 "Outdated Optimize Dep" (seen on fresh clones).
  optimizeDeps: {
    entries: ['index.html', 'coverage.html', 'alerts.html', 'examples/*/index.html'],
    include: [
      '@credit-check/widget > lit',
      '@credit-check/widget > @lit/task',
      '@credit-check/sdk > ky',
      '@credit-check/sdk > zod/mini',
      'hono',
      'msw',
      'msw/browser',
      'vue',
      'react',
      'react/jsx-runtime',
      'react/jsx-dev-runtime',
      'react-dom/client',
    ],
  },
  plugins: [
    vue({ template: { compilerOptions: { isCustomElement: (tag) => tag === 'credit-check' } } }),
    ...(mode === 'static' ? [msw({ mode: 'worker-only' })] : []),
  ],
  build: {
    // The demo pages use top-level await; the widget they load is ES2020 on its own.
    target: 'es2022',
    outDir: 'dist/site',
    emptyOutDir: true,
    rolldownOptions: { input: { index: page('index.html'), coverage: page('coverage.html'), alerts: page('alerts.html') } },
  },
}));
