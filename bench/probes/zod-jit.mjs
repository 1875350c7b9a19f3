// Probe (not part of `npm run bench`): CPU per check through the whole app (app.fetch, no socket:
// token, body and response validation, rules, receipt), and whether zod compiles its parsers here.
// zod decides when a schema is made, so the setting cannot be flipped in one process: compare
// builds (issue 42: with the contract's zod.ts jitless everywhere, then jitless in browsers only).
//   node bench/probes/zod-jit.mjs
import { createRequire } from 'node:module';
import { startServer } from '@credit-check/mock-server/node';
import { context, MATTERS } from '../sections/fixtures.mjs';

// The SDK's own zod: the instance its schemas were made with.
const sdkRequire = createRequire(createRequire(import.meta.url).resolve('@credit-check/sdk/contract'));
const { globalConfig } = await import(sdkRequire.resolve('zod/v4/core'));
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
console.log(
  `zod ${globalConfig.jitless ? 'jitless' : 'compiling its parsers'}: CPU µs per check through app.fetch, rounds 3–5: ${times.join(' · ')}`,
);
await server.close();
