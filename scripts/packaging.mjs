#!/usr/bin/env node
// Every entry of the three packages resolves to types and JavaScript as a TypeScript user's
// compiler would find them: @arethetypeswrong/cli on the packed tarball (what npm would publish),
// profile esm-only (node16 from ESM and bundler; the packages are ESM only). Needs the build.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
let failed = 0;
for (const name of ['sdk', 'widget', 'mock-server']) {
  const r = spawnSync(`${root}node_modules/.bin/attw`, ['--pack', '.', '--profile', 'esm-only', '--format', 'table-flipped'], {
    cwd: `${root}packages/${name}`,
    encoding: 'utf8',
  });
  const ok = r.status === 0;
  if (!ok) {
    failed++;
    console.error(r.stdout, r.stderr);
  }
  console.log(`attw @credit-check/${name}: ${ok ? 'every entry typed (node16-ESM, bundler)' : 'PROBLEMS (above)'}`);
}
process.exit(failed ? 1 : 0);
