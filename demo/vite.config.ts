import { fileURLToPath } from 'node:url';
import { defaultClientConditions, defineConfig } from 'vite';

const page = (name: string) => fileURLToPath(new URL(name, import.meta.url));

export default defineConfig({
  resolve: { conditions: ['source', ...defaultClientConditions] },
  build: {
    target: 'es2020',
    outDir: 'dist/site',
    emptyOutDir: true,
    rolldownOptions: { input: { index: page('index.html'), coverage: page('coverage.html') } },
  },
});
