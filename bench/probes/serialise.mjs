// Probe (not part of `npm run bench`): JSON.stringify against fast-json-stringify compiled from the
// contract's JSON Schema, on real checks. fast-json-stringify is not a dependency (it was measured
// and not adopted): install it anywhere and name the directory.
//   npm i --prefix /tmp/fjs fast-json-stringify@7 && node bench/probes/serialise.mjs /tmp/fjs

import { createRequire } from 'node:module';
import { createMockPlatform } from '@credit-check/mock-server';
import { Check } from '@credit-check/sdk/contract';
import { context, MATTERS } from '../sections/fixtures.mjs';

// zod as the contract uses it (a dependency of the SDK, not of the bench).
const sdk = createRequire(createRequire(import.meta.url).resolve('@credit-check/sdk/package.json'));
const z = await import(sdk.resolve('zod/mini'));
let fjs;
try {
  fjs = createRequire(`${process.argv[2] ?? '.'}/`)('fast-json-stringify');
} catch {
  console.error('usage: npm i --prefix DIR fast-json-stringify@7 && node bench/probes/serialise.mjs DIR');
  process.exit(2);
}
const { platform } = await createMockPlatform({ subjects: 2000 });
const app = { kind: 'app', appId: 'sandbox-app' };
const checks = [];
for (const [i, s] of [...platform.subjects.subjects.values()].slice(0, 400).entries()) {
  checks.push(await platform.checks.create(app, { subject: { idType: s.idType, id: s.id }, matter: MATTERS[i % 3], context: context(i) }));
}
const schema = z.toJSONSchema(Check, { io: 'output', unrepresentable: 'any' });
delete schema.$schema;
const stringify = fjs(schema);
const same = checks.filter((c) => JSON.stringify(JSON.parse(stringify(c))) === JSON.stringify(JSON.parse(JSON.stringify(c)))).length;
console.log(`identical output: ${same} of ${checks.length} checks`);
for (const [label, fn] of [
  ['JSON.stringify', JSON.stringify],
  ['fast-json-stringify', stringify],
]) {
  let us = 0;
  for (let round = 0; round < 3; round++) {
    const t = performance.now();
    for (let k = 0; k < 20; k++) for (const c of checks) fn(c);
    us = ((performance.now() - t) * 1000) / (20 * checks.length);
  }
  console.log(`${label.padEnd(22)} ${us.toFixed(2)} µs per check`);
}
