// Generates custom-elements.json from the JSDoc (@event, @csspart, @cssproperty) and Lit properties.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('..', import.meta.url));
const r = spawnSync(
  process.execPath,
  [
    fileURLToPath(import.meta.resolve('@custom-elements-manifest/analyzer/cem.js')),
    'analyze',
    '--config',
    'custom-elements-manifest.config.mjs',
    '--quiet',
  ],
  {
    cwd: here,
    stdio: 'inherit',
  },
);
if (r.status !== 0) process.exit(r.status ?? 1);
const manifest = JSON.parse(readFileSync(`${here}custom-elements.json`, 'utf8'));
const element = manifest.modules.flatMap((m) => m.declarations ?? []).find((d) => d.tagName === 'credit-check' || d.name === 'CreditCheck');
// The analyzer also reports the generic dispatch helper's `type`; only the documented events are real.
if (element) element.events = (element.events ?? []).filter((e) => e.name?.startsWith('credit-check-'));
writeFileSync(`${here}custom-elements.json`, `${JSON.stringify(manifest, null, 2)}\n`);
const count = (k) => element?.[k]?.length ?? 0;
if (!element || count('events') < 5 || count('cssParts') < 5 || count('cssProperties') < 5) {
  console.error('custom-elements.json is missing the element, its events, parts or CSS properties');
  process.exit(1);
}
console.log(
  `custom-elements.json: <credit-check> with ${count('attributes')} attributes, ${count('events')} events, ${count('cssParts')} parts, ${count('cssProperties')} CSS properties`,
);
