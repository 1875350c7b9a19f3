// Probe (not part of `npm run bench`): where a check's CPU goes, in process — platform.check alone,
// an Ed25519 signature, and the whole app (app.fetch: token, zod, rules, JSON) without a socket.
//   node bench/probes/check-cost.mjs
import { generateKeyPairSync, sign } from 'node:crypto';
import { startServer } from '@credit-check/mock-server/node';
import { context, MATTERS } from '../sections/fixtures.mjs';

const server = await startServer({ port: 0, subjects: 100_000, webhooks: false });
const p = server.platform;
const app = { kind: 'app', appId: 'sandbox-app' };
const subjects = [...p.subjects.subjects.values()].filter((_, i) => i % 97 === 0).slice(0, 1000);
const request = (i) => ({
  subject: { idType: subjects[i % subjects.length].idType, id: subjects[i % subjects.length].id },
  matter: MATTERS[i % 3],
  context: context(i),
});
const per = async (label, n, fn) => {
  for (let round = 0; round < 3; round++) {
    const t = performance.now();
    for (let i = 0; i < n; i++) await fn(i);
    if (round === 2) console.log(`${label.padEnd(44)} ${(((performance.now() - t) * 1000) / n).toFixed(1)} µs`);
  }
};
await per('platform.checks.create (rules, receipt, store)', 3000, (i) => p.checks.create(app, request(i)));
const { privateKey } = generateKeyPairSync('ed25519');
const data = Buffer.alloc(400, 1);
await per('Ed25519 signature (node:crypto)', 5000, () => sign(null, data, privateKey));
const { token } = await p.tokens.mint(app, {
  department: context(0).department,
  operator: context(0).operator,
  matters: ['*'],
  ttlSeconds: 3600,
});
await per('app.fetch POST /checks, no socket', 3000, async (i) => {
  const res = await server.app.fetch(
    new Request('http://x/api/v1/checks', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(request(i)),
    }),
  );
  await res.text();
});
await server.close();
