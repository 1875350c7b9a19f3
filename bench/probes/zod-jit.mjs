// Probe (not part of `npm run bench`): zod's compiled fast path on the server (issue 42). The
// contract sets `jitless` for strict-CSP browser pages; this measures a check through the whole app
// (app.fetch, no socket: token, body and response validation, rules, receipt) with the setting as
// the contract leaves it and with zod's JIT allowed, in alternating rounds.
//   node bench/probes/zod-jit.mjs           (the contract's jitless)
//   node bench/probes/zod-jit.mjs --jit     (zod allowed to compile its parsers)
import { createRequire } from 'node:module';
import { startServer } from '@credit-check/mock-server/node';
import { context, MATTERS } from '../sections/fixtures.mjs';

const jit = process.argv.includes('--jit');
if (jit) {
  // The SDK's own zod: the instance its schemas were made with.
  const sdkRequire = createRequire(createRequire(import.meta.url).resolve('@credit-check/sdk/contract'));
  const z = await import(sdkRequire.resolve('zod/mini'));
  z.config({ jitless: false });
}
const server = await startServer({ port: 0, subjects: 100_000, webhooks: false });
const p = server.platform;
const app = { kind: 'app', appId: 'sandbox-app' };
const subjects = [...p.subjects.subjects.values()].filter((_, i) => i % 97 === 0).slice(0, 1000);
const body = (i) =>
  JSON.stringify({
    subject: { idType: subjects[i % subjects.length].idType, id: subjects[i % subjects.length].id },
    matter: MATTERS[i % 3],
    context: context(i),
  });
const { token } = await p.tokens.mint(app, {
  department: context(0).department,
  operator: context(0).operator,
  matters: ['*'],
  ttlSeconds: 3600,
});
const times = [];
for (let round = 0; round < 5; round++) {
  const n = 3000;
  const cpu = process.cpuUsage();
  for (let i = 0; i < n; i++) {
    const res = await server.app.fetch(
      new Request('http://x/api/v1/checks', {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: body(i),
      }),
    );
    await res.text();
  }
  const used = process.cpuUsage(cpu);
  if (round >= 2) times.push(((used.user + used.system) / n).toFixed(0));
}
console.log(`zod ${jit ? 'JIT allowed' : 'jitless (contract)'}: CPU µs per check through app.fetch, rounds 3–5: ${times.join(' · ')}`);
await server.close();
