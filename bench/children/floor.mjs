// The check floor (issue 42): POST /checks with only the work a check keeps — the token verified,
// the body parsed with the contract's schema, the platform's rules, the receipt signed, the check
// written as JSON — straight on node:http: no Hono, no middleware, no access log, no metrics. What
// the mock costs beyond this is its pipeline; this is what no pipeline can go below.
import { createServer } from 'node:http';
import { CheckRequest } from '@credit-check/sdk/contract';

/** @param {import('@credit-check/mock-server').Platform} platform */
export async function serveFloor(platform) {
  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', async () => {
      try {
        const principal = await platform.tokenAuthority.verify((req.headers.authorization ?? '').slice(7), platform.wallNow());
        const parsed = CheckRequest.safeParse(JSON.parse(Buffer.concat(chunks).toString()));
        if (!parsed.success) throw new Error('invalid check request');
        const check = await platform.checks.create(principal, parsed.data);
        const body = JSON.stringify(check);
        res.writeHead(201, {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          location: `/api/v1/checks/${check.checkId}`,
        });
        res.end(body);
      } catch (error) {
        // The bench counts non-2xx answers as errors: a floor that refuses is no floor.
        res.writeHead(500).end(String(error));
      }
    });
  });
  server.keepAliveTimeout = 5_000;
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return {
    origin,
    apiBase: `${origin}/api/v1`,
    close: () => new Promise((resolve) => server.close(resolve) && server.closeAllConnections()),
  };
}
