import { readdirSync, rmSync } from 'node:fs';
import { defaultClientConditions, defineConfig, type Plugin } from 'vite';
import { browserOnly, minifiedLiterals, shippedComments } from './vite.browser.ts';

/**
 * Modules only the on-demand parts use: 应急 (`outage="defer"`: all of `outage/` but the loader and the
 * database name), applicant mode, the English words, the printed 结果单 (`sheet/`, with the SDK's sheet layout) —
 * and the SDK's request signing, which a browser never loads (it holds a token, not a secret).
 */
const ON_DEMAND =
  /\/credit-check\/(outage\/(?!outage\.ts|stored\.ts)|sheet\/|replay\/|result\/|controllers\/applicant\.ts|templates\/applicant\.ts|i18n-(applicant|en)\.ts)|\/idb\/|\/sdk\/src\/client\/(deferred|records)\.ts|\/sdk\/src\/sheets\/|\/sdk\/src\/contract\/(endpoints-records|sheets|verifications|replays)\.ts|\/sdk\/src\/auth\/signature\.ts/;

/**
 * What a result needs on screen (issue 42): one chunk, which the element starts loading as it
 * connects — the applicant mode and 应急 take their templates and words from it too.
 */
const RESULT = /\/credit-check\/result\//;

/**
 * The SDK's connection and check with what they stand on — ky, zod/mini, the contract's schemas —
 * travel with the result's parts (issue 42: the entry that blocks the page ≤ 32 KB). Not what the
 * entry itself uses before any request: the error family (`errors.ts`, `redact.ts`), the
 * identifiers a field is validated with as it is typed, the outcome paths (`outcomes.ts`, which
 * imports no schema) — and not 应急's own client (`deferred.ts`).
 */
const PLATFORM =
  /\/node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?(?:ky|zod)\/|\/sdk\/src\/(?:client\/(?!errors|redact|deferred)|contract\/(?!outcomes)|auth\/(?!signature))/;

/**
 * The SDK's record calls and their schemas (结果单, replay): a chunk of their own, shared by the print
 * and the comparison with 受理. Left to the default, they sit in the entry — the SDK index re-exports
 * them, so the entry's module graph reaches them even though it never calls them.
 */
const RECORDS = /\/sdk\/src\/(client\/records|contract\/(endpoints-records|sheets|verifications|replays))\.ts/;

/** dist/ also holds tsc's output (emptyOutDir is off): drop the previous build's hashed chunks. */
const dropOldChunks: Plugin = {
  name: 'drop-old-chunks',
  apply: 'build',
  buildStart() {
    const dist = new URL('./dist/', import.meta.url);
    let files: string[] = [];
    try {
      files = readdirSync(dist);
    } catch {
      return;
    }
    for (const f of files) if (/^credit-check\..+\.js(\.map)?$/.test(f)) rmSync(new URL(f, dist));
  },
};

/**
 * dist/credit-check.js: a self-registering ES module (Lit + SDK + widget) for a single
 * <script type="module"> drop-in. Minified, ES2020 syntax for Chromium-based domestic browsers.
 * What only some counters use is a chunk beside it (credit-check.<name>-<hash>.js), fetched on
 * demand relative to the entry; it takes Lit, the SDK and shared code from the entry
 * (allow-extension: the entry exports them), so nothing is shipped twice. The hash in the name
 * keeps an old cached chunk from meeting a new entry.
 */
export default defineConfig({
  plugins: [browserOnly(), minifiedLiterals(), dropOldChunks],
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
    rolldownOptions: {
      preserveEntrySignatures: 'allow-extension',
      output: {
        minify: true,
        comments: shippedComments,
        chunkFileNames: 'credit-check.[name]-[hash].js',
        // Everything but the on-demand modes goes into the entry itself. Left alone, Rolldown puts
        // what the entry shares with both modes (Lit, zod, the contract) into a third, common chunk
        // that every page would have to load before anything runs.
        codeSplitting: {
          groups: [
            { name: 'records', test: RECORDS, priority: 3, includeDependenciesRecursively: false },
            {
              name: 'result',
              test: (id: string) => RESULT.test(id) || PLATFORM.test(id),
              priority: 2,
              includeDependenciesRecursively: false,
            },
            { name: 'credit-check', test: (id: string) => !ON_DEMAND.test(id), priority: 1 },
          ],
        },
      },
    },
  },
});
