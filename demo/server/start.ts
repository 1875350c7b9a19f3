import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { CryptoSuite } from '@credit-check/mock-server';
import { type RunningServer, sandboxApp, startServer } from '@credit-check/mock-server/node';
import { getRequestListener } from '@hono/node-server';
import { createBackend } from './backend.ts';
import { policyFile } from './policy-file.ts';
import { siteApp } from './site.ts';

export interface DemoOptions {
  mockPort?: number;
  demoPort?: number;
  host?: string;
  subjects?: number;
  /** `gm` (国密): the platform signs receipts with SM2 and the backend signs its calls with SM3. */
  crypto?: CryptoSuite;
  /** Where the backend keeps what must survive a restart (the 应急 policy it last read); default `demo/.state`. */
  stateDir?: string;
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
    operatorName: '王敏（01号窗口）',
    // The names the hall is served under: the bound address and the loopback names.
    hosts: [host, 'localhost', '127.0.0.1', '::1'],
    // The 应急 policy survives a restart of the hall's backend during an outage.
    policyStore: policyFile(options.stateDir ? `${options.stateDir}/deferral-policy.json` : `${root}.state/deferral-policy.json`),
  });
  await backend.ready();
  let site: ReturnType<typeof siteApp>;
  try {
    site = siteApp({
      backend,
      mockOrigin: mock.origin,
      hall: `${root}dist/hall`,
      demo: root,
      widgetDist: fileURLToPath(new URL('../packages/widget/dist', `file://${root}`)),
      hosts: [host, 'localhost', '127.0.0.1', '::1'],
      ...(adminKey ? { adminKey } : {}),
    });
  } catch (error) {
    await mock.close();
    throw error;
  }
  const server = createServer(getRequestListener(site.fetch));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.demoPort ?? 5173, host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${host}:${port}/`;
  // 定向推送: the platform calls the backend's webhook when a subject this window follows changes.
  // 苏州 (3205): the hall follows its city's subjects, so a change of one reaches its 信用提醒.
  await backend.alerts.subscribe(`${url}backend/webhooks`, '3205');
  return {
    mock,
    server,
    url,
    close: async () => {
      await new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      });
      await mock.close();
    },
  };
}
