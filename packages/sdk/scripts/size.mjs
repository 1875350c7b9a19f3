// Measures the browser bundle of the SDK's check path (SDK + ky + schemas), minified, gzip and
// brotli, against the 24 KB gzip budget (issue 27). Built with Vite (Rolldown) exactly as an app would.
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { build } from 'vite';

const BUDGET_GZIP = 24 * 1024;
const here = new URL('..', import.meta.url).pathname;

/** Entries to measure: what a browser page imports for each path. */
const entries = {
  'check path (Connection + check)': `
    import { Connection, check } from '@credit-check/sdk';
    const connection = new Connection({ baseUrl: '/api/v1', getToken: () => fetch('/token').then((r) => r.text()) });
    export const run = (input) => check(connection, input);`,
  'full client (createClient, every endpoint)': `
    import { createClient } from '@credit-check/sdk';
    export const client = createClient({ baseUrl: '/api/v1', token: 't' });`,
  'identifiers only (validateUscc, validateIdNumber)': `
    export { validateUscc, validateIdNumber, maskIdNumber } from '@credit-check/sdk/identifiers';`,
  // What the check path is made of: the libraries the design fixes, measured the same way.
  'of which ky 2 alone': `export { default } from 'ky';`,
  'of which zod/mini + the check path schemas': `export { CheckRequest, Check, Problem } from '@credit-check/sdk/contract';`,
};

export function measure() {
  return measureEntries(here, entries);
}

/** Builds each entry (ES2020, minified) from inside `root` and returns min, gzip and brotli sizes. */
export async function measureEntries(root, entries) {
  // Inside the package so an entry resolves its imports (and the package itself) as an app would.
  const dir = join(root, '.cache', `size-${process.pid}`);
  await mkdir(dir, { recursive: true });
  const rows = [];
  try {
    for (const [name, code] of Object.entries(entries)) {
      const entry = join(dir, 'entry.js');
      await writeFile(entry, code);
      await build({
        logLevel: 'silent',
        configFile: false,
        root,
        resolve: { conditions: ['source', 'browser', 'module', 'import', 'default'] },
        build: {
          target: 'es2020',
          minify: true,
          write: true,
          outDir: join(dir, 'out'),
          emptyOutDir: true,
          lib: { entry, formats: ['es'], fileName: 'bundle' },
          // Library mode keeps an ES bundle's whitespace and annotations for the next bundler; an app's
          // build (what a page ships) minifies them away: measure that.
          rolldownOptions: { output: { minify: true, comments: { legal: true, annotation: false, jsdoc: false } } },
        },
      });
      const js = await readFile(join(dir, 'out', 'bundle.js'));
      rows.push({ name, min: js.length, gzip: gzipSync(js, { level: 9 }).length, brotli: brotliCompressSync(js).length });
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
  const rows = await measure();
  for (const r of rows)
    console.log(`${r.name.padEnd(52)} min ${kb(r.min).padStart(9)}  gzip ${kb(r.gzip).padStart(8)}  brotli ${kb(r.brotli).padStart(8)}`);
  const check = rows[0];
  const ok = check.gzip <= BUDGET_GZIP;
  console.log(
    `budget: check path ≤ ${kb(BUDGET_GZIP)} gzip — ${ok ? 'within' : 'OVER'} (${(check.gzip / 1024).toFixed(2)} KB, ${check.gzip} bytes)`,
  );
  process.exitCode = ok ? 0 : 1;
}
