// Generates custom-elements.json from the JSDoc (@event, @csspart, @cssproperty) and Lit properties.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { posix } from 'node:path';
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

// One path form: the analyzer writes module references as `src/a.ts`, `/src/a.ts` and `./a.ts`
// (relative to the referring module); every reference becomes the `src/a.ts` form of module.path.
const canonical = (ref, from) => {
  if (ref.startsWith('/')) return ref.slice(1);
  if (ref.startsWith('.')) return posix.normalize(posix.join(posix.dirname(from), ref));
  return ref;
};
const declares = (path, name) => manifest.modules.some((m) => m.path === path && (m.declarations ?? []).some((d) => d.name === name));
// Declarations where they live: an entry that imports a class and exports it again (define.ts) is
// reported as declaring it; the reference goes to the module that does.
const home = (name) => manifest.modules.filter((m) => (m.declarations ?? []).some((d) => d.name === name)).map((m) => m.path);
const problems = [];
for (const m of manifest.modules) {
  for (const e of m.exports ?? []) {
    const ref = e.declaration;
    if (!ref?.module) continue;
    ref.module = canonical(ref.module, m.path);
    if (ref.package || declares(ref.module, ref.name) || ref.name === '*') continue;
    const [where, ...more] = home(ref.name);
    if (where && !more.length) ref.module = where;
    // A type-only re-export (interfaces are not declarations the analyzer records) stays as written.
    else if (!manifest.modules.some((x) => x.path === ref.module)) problems.push(`${m.path}: ${e.name} → ${ref.module}`);
  }
}
if (problems.length) {
  console.error(`custom-elements.json: exports pointing nowhere:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
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
