// Probe (not part of `npm run bench`): the HTTP edge's own ceiling — a Hono app behind
// @hono/node-server (as the mock runs) that reads the body and writes a body of a check's size,
// loaded like the server section (64 connections). Compare with the bare node:http row.
//   node bench/probes/adapter-floor.mjs
import { fork } from 'node:child_process';
import { fmt, load } from '../lib.mjs';

if (process.argv[2] === 'serve') {
  const { createRequire } = await import('node:module');
  const require = createRequire(createRequire(import.meta.url).resolve('@credit-check/mock-server/package.json'));
  const { Hono } = await import(require.resolve('hono'));
  const { getRequestListener } = await import(require.resolve('@hono/node-server'));
  const { createServer } = await import('node:http');
  const body = 'x'.repeat(1884);
  const app = new Hono();
  app.post('/api/v1/checks', async (c) => {
    await c.req.raw.arrayBuffer();
    return c.body(body, 201, { 'content-type': 'application/json' });
  });
  const server = createServer(getRequestListener(app.fetch)).listen(0, '127.0.0.1', () => process.send(server.address().port));
} else {
  const child = fork(new URL(import.meta.url), ['serve']);
  const port = await new Promise((r) => child.once('message', r));
  const url = `http://127.0.0.1:${port}/api/v1/checks`;
  const bodies = ['{"subject":{"idType":"uscc","id":"91320100748204660Q"},"matter":"FOOD_BUSINESS_LICENCE"}'];
  await load({ url, connections: 64, duration: 3, bodies });
  for (let i = 0; i < 2; i++) {
    const r = await load({ url, connections: 64, duration: 5, bodies });
    console.log(`Hono + @hono/node-server, same-size body: ${fmt(r.rps, 0)} req/s, p99 ${r.p99} ms`);
  }
  child.kill();
}
