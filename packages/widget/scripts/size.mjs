// Prints the size of dist/credit-check.js (the drop-in's entry, what every page loads) as shipped —
// minified, gzip, brotli — against its budget, what its bytes are made of (by package, from its
// source map), and the chunks it fetches on demand. Run after `vite build`.
import { readdirSync, readFileSync } from 'node:fs';
import { brotliCompressSync, gzipSync } from 'node:zlib';

export const BUDGET_GZIP = 32 * 1024;
/** The issue-11 ceiling for now; the budget above is the goal. */
export const CEILING_GZIP = 36 * 1024;

const file = new URL('../dist/credit-check.js', import.meta.url);

function sizeOf(js) {
  return { min: js.length, gzip: gzipSync(js, { level: 9 }).length, brotli: brotliCompressSync(js).length };
}

export function standaloneSize() {
  return sizeOf(readFileSync(file));
}

/**
 * What a counter loads before its first verdict, the entry aside: the result's parts — the SDK's
 * connection (ky, zod, the contract) and what shows a result — fetched as the element connects (no
 * check is sent without them).
 */
export const BEFORE_FIRST_VERDICT = ['result'];

/**
 * The entry alone at 41428c7, the last commit before the result's parts left it (issue 42): what a
 * counter loaded before its first verdict then. The entry and the result's parts together are held
 * to it ("no more than today").
 */
export const BEFORE_SPLIT_GZIP = 49_282;

/** When each chunk is fetched (by its name before the hash). */
const WHEN = {
  result:
    "always, as the element connects (before anything can be typed): the SDK's connection (ky, zod, the contract) and what shows a result",
  defer: 'outage="defer", or deferrals kept in this browser',
  applicant: 'mode="applicant"',
  'i18n-en': 'lang="en"',
  'print-sheet': "the clerk prints: the platform's 信用核查结果单",
  since: 'a later check of the same application comes back: the replay of the check made at 受理',
  records: 'with print-sheet or since: the SDK calls and schemas of the records (结果单, replay)',
  signature: 'never in a browser (by the connection, on a signed call): request signing, for a server that holds an app secret',
};

/** The chunks beside the entry, fetched on demand: name, file, when, sizes. */
export function chunkSizes() {
  const dist = new URL('../dist/', import.meta.url);
  return readdirSync(dist)
    .filter((f) => /^credit-check\..+\.js$/.test(f))
    .map((f) => {
      const name = f.replace(/^credit-check\.(.+)-[\w-]{8}\.js$/, '$1');
      return { name, file: f, when: WHEN[name] ?? '?', ...sizeOf(readFileSync(new URL(f, dist))) };
    })
    .sort((a, b) => b.gzip - a.gzip);
}

const B64 = Object.fromEntries([...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'].map((c, i) => [c, i]));

/** Source-map VLQ segments of one line: [generatedColumn, sourceIndex] (running values). */
function* segments(line, state) {
  for (const seg of line.split(',')) {
    if (!seg) continue;
    const values = [];
    let value = 0;
    let shift = 0;
    for (const c of seg) {
      const digit = B64[c];
      value += (digit & 31) << shift;
      if (digit & 32) shift += 5;
      else {
        values.push(value & 1 ? -(value >>> 1) : value >>> 1);
        value = 0;
        shift = 0;
      }
    }
    state.col += values[0];
    if (values.length > 1) state.src += values[1];
    yield [state.col, values.length > 1 ? state.src : -1];
  }
}

/** Bytes of the shipped file per origin: each npm package, and this repository's packages by folder. */
export function composition() {
  const js = readFileSync(file, 'utf8').split('\n');
  const map = JSON.parse(readFileSync(new URL('../dist/credit-check.js.map', import.meta.url), 'utf8'));
  const bytes = new Map();
  const state = { src: 0, col: 0 };
  map.mappings.split(';').forEach((line, i) => {
    state.col = 0;
    const segs = [...segments(line, state)];
    const text = js[i] ?? '';
    segs.forEach(([col, src], k) => {
      const end = k + 1 < segs.length ? segs[k + 1][0] : text.length;
      const path = src >= 0 ? map.sources[src] : '(glue)';
      const pkg = path.includes('node_modules/')
        ? path.replace(/.*node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+).*/, '$1')
        : path
            .replace(/^(?:\.\.\/)+/, '')
            .replace(
              /^(packages\/)?(sdk|widget)?\/?src\/(credit-check\/)?([^/.]+).*/,
              (_m, _p, pk, _c, rest) => `${pk ?? 'widget'}/${rest}`,
            );
      bytes.set(pkg, (bytes.get(pkg) ?? 0) + Buffer.byteLength(text.slice(col, end)));
    });
  });
  return [...bytes].sort((a, b) => b[1] - a[1]);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
  const s = standaloneSize();
  console.log(`dist/credit-check.js (the entry, as shipped)  min ${kb(s.min)}  gzip ${kb(s.gzip)}  brotli ${kb(s.brotli)}`);
  console.log(`ceiling ≤ ${kb(CEILING_GZIP)} gzip — ${s.gzip <= CEILING_GZIP ? 'within' : `OVER by ${kb(s.gzip - CEILING_GZIP)}`}`);
  console.log(`goal    ≤ ${kb(BUDGET_GZIP)} gzip — ${s.gzip <= BUDGET_GZIP ? 'within' : `OVER by ${kb(s.gzip - BUDGET_GZIP)}`}`);
  const chunks = chunkSizes();
  const first = s.gzip + chunks.filter((c) => BEFORE_FIRST_VERDICT.includes(c.name)).reduce((n, c) => n + c.gzip, 0);
  console.log(
    `before the first verdict (entry + ${BEFORE_FIRST_VERDICT.join(', ')}): gzip ${kb(first)} — ${first <= BEFORE_SPLIT_GZIP ? 'no more' : `MORE by ${first - BEFORE_SPLIT_GZIP} B`} than the entry alone before the split (${kb(BEFORE_SPLIT_GZIP)})`,
  );
  console.log('\nfetched beside it:');
  for (const c of chunks) console.log(`  ${kb(c.gzip).padStart(9)} gzip  ${c.file}  — when ${c.when}`);
  console.log("\nwhat the entry's minified bytes are made of:");
  for (const [what, n] of composition())
    if (n >= 200) console.log(`  ${kb(n).padStart(9)}  ${((n / s.min) * 100).toFixed(1).padStart(5)} %  ${what}`);
}
