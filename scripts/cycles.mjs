#!/usr/bin/env node
// No import cycles in packages/*/src, type-only and dynamic imports included (madge, whose
// TypeScript detective keeps `import type`). A cycle fails the build; the cycle is printed as the
// chain of files. Needs no build: it reads the sources.
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import madge from 'madge';

const root = fileURLToPath(new URL('..', import.meta.url));
const dirs = readdirSync(`${root}packages`).map((p) => `${root}packages/${p}/src`);
// tsConfig is left out: madge cannot read a TypeScript 7 config; the sources import with explicit
// `.ts` extensions, so none is needed to resolve them.
const graph = await madge(dirs, { fileExtensions: ['ts'], detectiveOptions: { ts: { skipTypeImports: false, skipAsyncImports: false } } });
const files = Object.keys(graph.obj()).length;
const cycles = graph.circular();
// Nothing resolved would find no cycle either: a graph without edges is a broken check, not a pass.
const edges = Object.values(graph.obj()).reduce((n, deps) => n + deps.length, 0);
for (const cycle of cycles) console.error(`cycle: ${cycle.join(' → ')} → ${cycle[0]}`);
console.log(`cycles: ${cycles.length} import cycles among ${files} files (${edges} imports) in packages/*/src`);

// No arrow back up in the platform (issue 40): its rooms in layers, each importing only its own
// layer and those below. Tests sit above everything and are not looked at.
const LAYERS = [
  ['problems.ts', 'domain', 'io'], // rules and plain helpers
  ['seed', 'store', 'auth'], // the catalogue and scenario data, what the platform remembers, who calls
  ['platform'], // the reference platform's resources
  ['webhooks'], // delivering its events
  ['http'], // the platform API as a fetch app
  ['mock'], // the mock around it: faults, controls, msw
  ['conformance', 'proxy'], // tools for vendors' platforms
  ['node', 'index.ts'], // the Node server and the package's entry
  ['cli'], // the commands
];
const layerOf = (file) => LAYERS.findIndex((rooms) => rooms.includes(file.includes('/') ? file.split('/')[0] : file));
const platform = await madge(`${root}packages/mock-server/src`, {
  fileExtensions: ['ts'],
  excludeRegExp: [/\.test\.ts$/, /test-helpers/],
  detectiveOptions: { ts: { skipTypeImports: false, skipAsyncImports: false } },
});
const upward = [];
const unplaced = new Set();
for (const [file, deps] of Object.entries(platform.obj())) {
  if (file.startsWith('..')) continue; // a test helper outside src/, reached from a test
  const from = layerOf(file);
  if (from < 0) unplaced.add(file);
  for (const dep of deps) {
    if (dep.startsWith('..')) continue;
    const to = layerOf(dep);
    if (to < 0) unplaced.add(dep);
    else if (from >= 0 && to > from) upward.push(`${file} → ${dep}`);
  }
}
for (const arrow of upward) console.error(`arrow back up: ${arrow}`);
for (const file of unplaced) console.error(`not in a layer (scripts/cycles.mjs LAYERS): ${file}`);
console.log(`layers: ${upward.length} arrows back up, ${unplaced.size} files outside the layers of packages/mock-server/src`);
process.exit(cycles.length === 0 && files > 100 && edges > files && upward.length === 0 && unplaced.size === 0 ? 0 : 1);
