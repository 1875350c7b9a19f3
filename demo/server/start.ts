import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { CryptoSuite } from '@credit-check/mock-server';
import { type RunningServer, sandboxApp, startServer } from '@credit-check/mock-server/node';
import { getRequestListener } from '@hono/node-server';
import { createBackend } from './backend.ts';

export interface DemoOptions {
  mockPort?: number;
  demoPort?: number;
  host?: string;
  subjects?: number;
  /** No Vite logging. */
  quiet?: boolean;
  /** `gm` (国密): the platform signs receipts with SM2 and the backend signs its calls with SM3. */
  crypto?: CryptoSuite;
}

export interface RunningDemo {
  mock: RunningServer;
  server: Server;
  url: string;
  close(): Promise<void>;
}

/** The demo folder (this file runs from demo/server or, built, from demo/dist/server). */
function demoRoot(): string {
  let dir = new URL('./', import.meta.url);
  while (!existsSync(fileURLToPath(new URL('vite.config.ts', dir)))) dir = new URL('../', dir);
  return fileURLToPath(dir);
}
const root = demoRoot();

/** Starts the mock platform and the demo approval hall (pages + the host backend) next to it. */
export async function startDemo(options: DemoOptions = {}): Promise<RunningDemo> {
  const host = options.host ?? '127.0.0.1';
  const suite = options.crypto ?? 'standard';
  const app = sandboxApp(process.env, suite);
  const adminKey = process.env.CREDIT_CHECK_ADMIN_KEY;
  const mock = await startServer({
    port: options.mockPort ?? 8787,
    host,
    subjects: options.subjects ?? 1000,
    apps: [app],
    crypto: suite,
    ...(adminKey ? { adminKey } : {}),
    // The backend's webhook is on this machine: the demo opts in to it (a platform refuses
    // loopback destinations by default).
    webhookDestinations: { allow: [host] },
  });
  const backend = createBackend({
    platformApi: mock.apiBase,
    widgetEndpoint: mock.apiBase,
    appId: app.appId,
    appSecret: app.appSecret,
    ...(suite === 'gm' ? { signature: (await import('@credit-check/sdk/gm')).HMAC_SM3 } : {}),
    department: '苏州市政务服务中心',
    operator: 'window-01',
  });
  const api = getRequestListener(backend.fetch);
  const dist = fileURLToPath(new URL('../packages/widget/dist/', `file://${root}`));
  const server = createServer((req, res) => {
    if (req.url?.startsWith('/backend/')) return void api(req, res);
    // The drop-in as a host page would serve it (examples/plain-html): credit-check.js and the
    // chunks it loads on demand (credit-check.<name>-<hash>.js), copied side by side.
    const file = /^\/(credit-check(?:\.[\w-]+)?\.js)$/.exec(req.url ?? '')?.[1];
    if (file) {
      if (!existsSync(dist + file)) {
        res.writeHead(file === 'credit-check.js' ? 500 : 404, { 'content-type': 'text/plain; charset=utf-8' });
        return void res.end(`${dist + file} is missing: run \`pnpm run build\` first`);
      }
      res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' });
      return void res.end(readFileSync(dist + file));
    }
    // The scenario table for the side panel, fetched here: the platform's controls answer no
    // other web page (a page must not drive /__mock/*), and the page needs only this read.
    if (req.url === '/__mock/scenarios' && req.method === 'GET') {
      fetch(`${mock.origin}/__mock/scenarios`).then(
        async (r) => {
          res.writeHead(r.status, { 'content-type': r.headers.get('content-type') ?? 'application/json' });
          res.end(await r.text());
        },
        () => {
          res.writeHead(502, { 'content-type': 'text/plain; charset=utf-8' });
          res.end('mock platform unreachable');
        },
      );
      return;
    }
    // Strict CSP on every page: the widget must run without unsafe-inline / unsafe-eval.
    res.setHeader(
      'content-security-policy',
      `default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self' ${mock.origin} ws:; frame-ancestors 'none'`,
    );
    vite.middlewares(req, res);
  });
  const { createServer: createVite } = await import('vite');
  // Vite's HMR socket rides on this server (same port): nothing else to bind, several demos can
  // run side by side, and the strict CSP's 'self' covers it.
  const vite = await createVite({
    root,
    configFile: `${root}vite.config.ts`,
    logLevel: options.quiet ? 'silent' : 'warn',
    server: { middlewareMode: true, hmr: { server } },
    appType: 'mpa',
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.demoPort ?? 5173, host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${host}:${port}/`;
  // 定向推送: the platform calls the backend's webhook when a subject this window follows changes.
  await backend.alerts.subscribe(`${url}backend/webhooks`);
  return {
    mock,
    server,
    url,
    close: async () => {
      await vite.close();
      await new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      });
      await mock.close();
    },
  };
}
