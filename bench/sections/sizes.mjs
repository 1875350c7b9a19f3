// sizes — what a page downloads: the SDK's entry points and the widget's drop-in (its entry and on-demand chunks), and what they are made of.
import { fmt, mark } from '../lib.mjs';

/** @param {Pick<import('./fixtures.mjs').BenchContext, 'report' | 'row'>} ctx */
export async function sizesSection({ report, row }) {
  console.log('\nsizes — minified, ES2020');
  const { BEFORE_FIRST_VERDICT, BEFORE_SPLIT_GZIP, chunkSizes, composition, standaloneSize } = await import(
    '../../packages/widget/scripts/size.mjs'
  );
  const kb = (n) => `${fmt(n / 1024)} KB`;
  const { measure, measureEntries } = await import('../../packages/sdk/scripts/size.mjs');
  const sdk = await measure();
  const lit = await measureEntries(new URL('../../packages/widget/', import.meta.url).pathname, {
    'of which lit 3 + @lit/task': `export * from 'lit'; export * from '@lit/task';`,
  });
  const widget = standaloneSize();
  const chunks = chunkSizes();
  report.results.sizes = { sdk, widget, widgetChunks: chunks };
  for (const s of sdk)
    row(
      'sizes',
      `SDK ${s.name}`,
      `${kb(s.gzip)} gz`,
      `${kb(s.brotli)} br`,
      '',
      s.name.startsWith('check path') ? `≤ 24 KB gz ${mark(s.gzip <= 24 * 1024)}` : '',
      s.name.startsWith('check path') ? `${s.gzip.toLocaleString('en')} bytes gzip` : '',
    );
  row(
    'sizes',
    'widget dist/credit-check.js as shipped (the entry: Lit + the element; what blocks the page)',
    `${kb(widget.gzip)} gz`,
    `${kb(widget.brotli)} br`,
    '',
    `≤ 36 KB gz ${mark(widget.gzip <= 36 * 1024)} (goal 32 ${mark(widget.gzip <= 32 * 1024)})`,
  );
  // What blocks nothing but comes before a verdict: the result's parts (with the SDK's connection), fetched as the element connects.
  const first = widget.gzip + chunks.filter((c) => BEFORE_FIRST_VERDICT.includes(c.name)).reduce((n, c) => n + c.gzip, 0);
  report.results.sizes.beforeFirstVerdict = first;
  row(
    'sizes',
    `widget before the first verdict (entry + ${BEFORE_FIRST_VERDICT.join(', ')})`,
    `${kb(first)} gz`,
    '',
    '',
    `≤ the entry before the split, ${kb(BEFORE_SPLIT_GZIP)} ${mark(first <= BEFORE_SPLIT_GZIP)}`,
    `${first.toLocaleString('en')} bytes gzip`,
  );
  for (const c of chunks)
    row(
      'sizes',
      `widget ${BEFORE_FIRST_VERDICT.includes(c.name) ? 'with the entry' : 'on demand'}: ${c.name} (${c.when})`,
      `${kb(c.gzip)} gz`,
      `${kb(c.brotli)} br`,
      '',
      '',
    );
  // What the shipped file's minified bytes are made of (from its source map), largest first.
  const parts = composition().filter(([, n]) => n >= 1024);
  report.results.sizes.widgetComposition = Object.fromEntries(parts);
  console.log(`  of which (minified): ${parts.map(([what, n]) => `${what} ${kb(n)}`).join(' · ')}`);
  for (const s of lit) row('sizes', `widget ${s.name}`, `${kb(s.gzip)} gz`, `${kb(s.brotli)} br`, '', '');
  report.results.sizes.lit = lit;
}
