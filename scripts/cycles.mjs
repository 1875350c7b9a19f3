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
process.exit(cycles.length === 0 && files > 100 && edges > files ? 0 : 1);
