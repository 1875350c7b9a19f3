// Prints the size of dist/credit-check.js (the single-file drop-in) — minified, gzip, brotli —
// against its 32 KB gzip budget. Run after `vite build`.
import { readFileSync } from 'node:fs';
import { brotliCompressSync, gzipSync } from 'node:zlib';

export const BUDGET_GZIP = 32 * 1024;

export function standaloneSize() {
  const js = readFileSync(new URL('../dist/credit-check.js', import.meta.url));
  return { min: js.length, gzip: gzipSync(js, { level: 9 }).length, brotli: brotliCompressSync(js).length };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
  const s = standaloneSize();
  console.log(`dist/credit-check.js  min ${kb(s.min)}  gzip ${kb(s.gzip)}  brotli ${kb(s.brotli)}`);
  console.log(`budget: ≤ ${kb(BUDGET_GZIP)} gzip — ${s.gzip <= BUDGET_GZIP ? 'within' : `OVER by ${kb(s.gzip - BUDGET_GZIP)}`}`);
}
